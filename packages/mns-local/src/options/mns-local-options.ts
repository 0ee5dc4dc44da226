import { type Clock, integerRangeText, invalidArgument, systemClock } from '@vodmns/core';
import type { MnsLocalCredential } from '../auth/authenticate-request.js';
import { type MnsLocalQueueSpec, resolveQueueSpec } from './queue-spec.js';
import { isLoopbackHost } from '../console/is-loopback-host.js';

/** Account id used when none is configured. */
export const DEFAULT_ACCOUNT_ID = '1234567890123456';
/** Region used when none is configured. */
export const DEFAULT_REGION = 'cn-hangzhou';
/** Documented test AccessKeyId accepted when no credentials are configured. Not a real Alibaba Cloud key. */
export const DEFAULT_ACCESS_KEY_ID = 'LTAI-mns-local';
/** Documented test secret paired with {@link DEFAULT_ACCESS_KEY_ID}. Public; for local use only. */
export const DEFAULT_ACCESS_KEY_SECRET = 'mns-local-test-secret';

/** One line of the structured access log. Never contains headers, signatures or secrets. */
export interface AccessLogEntry {
  /** ISO-8601 time the response was produced. */
  readonly time: string;
  readonly requestId: string;
  readonly method: string;
  /** Request path without the query string (query strings can carry receipt handles). */
  readonly path: string;
  /** The MNS operation, when the request could be routed. */
  readonly operation: string | undefined;
  readonly queueName: string | undefined;
  readonly status: number;
  /** MNS error code for error responses. */
  readonly code: string | undefined;
  /** Time spent handling (including long-poll waits), ms. */
  readonly durationMs: number;
  /** The verified AccessKeyId, when authentication succeeded. */
  readonly accessKeyId: string | undefined;
  /** Kind of injected fault, when one was applied. */
  readonly fault: string | undefined;
}

/** Options of {@link startMnsLocal}. Every field is optional. */
export interface MnsLocalOptions {
  /** TCP port, 0–65535; 0 picks a free port. @defaultValue 0 */
  readonly port?: number | undefined;
  /** Interface to listen on. @defaultValue '127.0.0.1' */
  readonly host?: string | undefined;
  /** Account id shown in `HostId` when a request has no Host header. @defaultValue {@link DEFAULT_ACCOUNT_ID} */
  readonly accountId?: string | undefined;
  /** Region id reported to clients (and used for V4). @defaultValue {@link DEFAULT_REGION} */
  readonly region?: string | undefined;
  /** Primary AccessKeyId. @defaultValue {@link DEFAULT_ACCESS_KEY_ID} when no `credentials` are given */
  readonly accessKeyId?: string | undefined;
  /** Secret of `accessKeyId`; required when `accessKeyId` is given. @defaultValue {@link DEFAULT_ACCESS_KEY_SECRET} */
  readonly accessKeySecret?: string | undefined;
  /** Further accepted keys, e.g. STS keys with a `securityToken`. @defaultValue [] */
  readonly credentials?: readonly MnsLocalCredential[] | undefined;
  /** Verify signatures, Date and STS tokens. `false` accepts any request. @defaultValue true */
  readonly auth?: boolean | undefined;
  /** Directory for the SQLite database; absent = in memory only. @defaultValue undefined */
  readonly dataDir?: string | undefined;
  /**
   * SQLite durability with `dataDir`: `'normal'` survives process crashes (SIGKILL) with no per-request fsync;
   * `'full'` fsyncs every commit and also survives OS crashes / power loss. @defaultValue 'normal'
   */
  readonly sqliteSynchronous?: 'normal' | 'full' | undefined;
  /** Source of time (a `ManualClock` from `@vodmns/core/testing` in tests). @defaultValue systemClock */
  readonly clock?: Clock | undefined;
  /** Allowed Date skew, ms, ≥ 0; `Infinity` disables the check. @defaultValue 900000 (15 min) */
  readonly maxClockSkewMs?: number | undefined;
  /**
   * Queues created at start: `"name[:Attribute=value,…]"` strings (e.g. `"vod-events:VisibilityTimeout=60"`) or
   * `{ name, attributes }`. A queue that already exists with the same attributes (`dataDir`) is kept; with other
   * attributes the start fails naming it. @defaultValue []
   */
  readonly queues?: readonly (string | MnsLocalQueueSpec)[] | undefined;
  /** Receives one entry per response. @defaultValue undefined (no log) */
  readonly accessLog?: ((entry: AccessLogEntry) => void) | undefined;
  /** Largest accepted request body, bytes, 1024–16777216; larger → 413 `RequestBodyTooLarge`. @defaultValue 1048576 */
  readonly maxBodyBytes?: number | undefined;
  /** Largest accepted request head, bytes (Node `maxHeaderSize`), 1024–1048576. @defaultValue 16384 */
  readonly maxHeaderBytes?: number | undefined;
  /** Most header fields per request, 16–2000; more → 431 `RequestHeaderTooLarge`. @defaultValue 200 */
  readonly maxHeaderCount?: number | undefined;
  /** Most open connections, 1–65536; further ones are closed on accept (Node `maxConnections`). @defaultValue 1024 */
  readonly maxConnections?: number | undefined;
  /**
   * Time allowed to receive a request head, ms (slow-loris guard), 1000–600000. For a connection's first request
   * it counts from the connection's accept, so connections that never send a byte are closed too.
   * @defaultValue 10000
   */
  readonly headersTimeoutMs?: number | undefined;
  /** Time allowed to receive a whole request, ms, ≥ headersTimeoutMs. @defaultValue 30000 */
  readonly requestTimeoutMs?: number | undefined;
  /** Idle keep-alive socket lifetime, ms, ≥ 0. @defaultValue 65000 */
  readonly keepAliveTimeoutMs?: number | undefined;
  /**
   * Serve the web console at `/__mns-local/console` (queues, peeked messages decoded as VOD events, send,
   * simulate). Like the `/__mns-local/*` admin documents it is not signed: anyone who can reach the port can use
   * it, so beyond loopback it is off unless asked for. @defaultValue true when `host` is a loopback address
   * (`127.x.x.x`, `::1`, `localhost`), false otherwise
   */
  readonly console?: boolean | undefined;
  /**
   * Long polls held at once per queue, 1–100000. A receive with a wait beyond the cap is answered at once with
   * `404 MessageNotExist` instead of being held, as the live service does (its cap is per user per queue and
   * not published). @defaultValue undefined (no cap)
   */
  readonly maxLongPollsPerQueue?: number | undefined;
  /**
   * Requests per second, 1–1000000: a number limits each queue; `{ perQueue, perAccount }` also (or only)
   * limits the whole server. A request over a limit is held `throttleHoldMs`, then answered
   * `429 TooManyRequests`. @defaultValue undefined (no limit)
   */
  readonly tpsLimit?:
    | number
    | { readonly perQueue?: number | undefined; readonly perAccount?: number | undefined }
    | undefined;
  /** How long a throttled request is held before its 429, ms, 0–60000 (server clock). @defaultValue 500 */
  readonly throttleHoldMs?: number | undefined;
  /**
   * A receipt handle superseded by ChangeMessageVisibility: `'accept'` keeps it valid until the message is
   * visible again (newest live-service tests), `'reject'` answers `MessageNotExist` (older tests).
   * @defaultValue 'accept'
   */
  readonly staleHandleAfterVisibilityChange?: 'accept' | 'reject' | undefined;
  /** `Content-Type` of XML responses (`;charset=utf-8` is appended). @defaultValue 'text/xml' */
  readonly responseContentType?: 'text/xml' | 'application/xml' | undefined;
}

/** {@link MnsLocalOptions} with defaults applied and validated. */
export interface ResolvedMnsLocalOptions {
  readonly port: number;
  readonly host: string;
  readonly accountId: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly credentials: ReadonlyMap<string, MnsLocalCredential>;
  readonly auth: boolean;
  readonly dataDir: string | undefined;
  readonly sqliteSynchronous: 'normal' | 'full';
  readonly clock: Clock;
  readonly maxClockSkewMs: number;
  readonly accessLog: ((entry: AccessLogEntry) => void) | undefined;
  readonly queues: readonly MnsLocalQueueSpec[];
  readonly maxBodyBytes: number;
  readonly maxHeaderBytes: number;
  readonly maxHeaderCount: number;
  readonly maxConnections: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly console: boolean;
  readonly maxLongPollsPerQueue: number | undefined;
  readonly tpsLimit: { readonly perQueue: number | undefined; readonly perAccount: number | undefined };
  readonly throttleHoldMs: number;
  readonly staleHandleAfterVisibilityChange: 'accept' | 'reject';
  /** The full header value, e.g. `text/xml;charset=utf-8`. */
  readonly responseContentType: string;
}

/** Defaults of {@link MnsLocalOptions}. */
export const DEFAULT_MNS_LOCAL_OPTIONS = Object.freeze({
  port: 0,
  host: '127.0.0.1',
  accountId: DEFAULT_ACCOUNT_ID,
  region: DEFAULT_REGION,
  auth: true,
  maxClockSkewMs: 15 * 60 * 1000,
  maxBodyBytes: 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  maxHeaderCount: 200,
  maxConnections: 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  throttleHoldMs: 500,
  staleHandleAfterVisibilityChange: 'accept',
  responseContentType: 'text/xml',
});

function integerIn(
  field: string,
  value: number | undefined,
  fallback: number,
  low: number,
  high: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < low || value > high) {
    throw invalidArgument(field, value, integerRangeText({ min: low, max: high }));
  }
  return value;
}

function text(field: string, value: string | undefined, fallback: string, pattern: RegExp): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw invalidArgument(field, value, `a string matching ${pattern}`);
  }
  return value;
}

/** Applies defaults and validates eagerly; errors name the field and value (never a secret). */
export function resolveMnsLocalOptions(options: MnsLocalOptions = {}): ResolvedMnsLocalOptions {
  const d = DEFAULT_MNS_LOCAL_OPTIONS;
  const credentials = new Map<string, MnsLocalCredential>();
  const addCredential = (c: MnsLocalCredential, prefix: string): void => {
    if (
      typeof c.accessKeyId !== 'string' ||
      !/^[\x21-\x7e]{1,128}$/.test(c.accessKeyId) ||
      c.accessKeyId.includes(':')
    ) {
      throw invalidArgument(`${prefix}accessKeyId`, c.accessKeyId, "1–128 printable characters without ':'");
    }
    if (typeof c.accessKeySecret !== 'string' || c.accessKeySecret.length === 0) {
      throw invalidArgument(`${prefix}accessKeySecret`, c.accessKeySecret, 'a non-empty string', {
        redact: true,
      });
    }
    if (c.securityToken !== undefined && (typeof c.securityToken !== 'string' || c.securityToken === '')) {
      throw invalidArgument(`${prefix}securityToken`, c.securityToken, 'a non-empty string when given', {
        redact: true,
      });
    }
    credentials.set(c.accessKeyId, c);
  };
  if (options.accessKeyId !== undefined || options.accessKeySecret !== undefined) {
    if (options.accessKeyId === undefined)
      throw invalidArgument('accessKeyId', undefined, 'given when accessKeySecret is given');
    if (options.accessKeySecret === undefined)
      throw invalidArgument('accessKeySecret', undefined, 'given when accessKeyId is given');
    addCredential({ accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret }, '');
  }
  if (options.credentials !== undefined) {
    if (!Array.isArray(options.credentials))
      throw invalidArgument('credentials', options.credentials, 'an array');
    options.credentials.forEach((c, i) => {
      addCredential(c, `credentials[${i}].`);
    });
  }
  if (credentials.size === 0) {
    addCredential({ accessKeyId: DEFAULT_ACCESS_KEY_ID, accessKeySecret: DEFAULT_ACCESS_KEY_SECRET }, '');
  }
  const primary = credentials.values().next().value as MnsLocalCredential;
  const maxClockSkewMs = options.maxClockSkewMs ?? d.maxClockSkewMs;
  if (typeof maxClockSkewMs !== 'number' || Number.isNaN(maxClockSkewMs) || maxClockSkewMs < 0) {
    throw invalidArgument('maxClockSkewMs', maxClockSkewMs, 'a number ≥ 0 (or Infinity)');
  }
  if (options.auth !== undefined && typeof options.auth !== 'boolean') {
    throw invalidArgument('auth', options.auth, 'a boolean');
  }
  if (options.dataDir !== undefined && (typeof options.dataDir !== 'string' || options.dataDir === '')) {
    throw invalidArgument('dataDir', options.dataDir, 'a non-empty path');
  }
  const sqliteSynchronous = options.sqliteSynchronous ?? 'normal';
  if (sqliteSynchronous !== 'normal' && sqliteSynchronous !== 'full') {
    throw invalidArgument('sqliteSynchronous', sqliteSynchronous, "'normal' or 'full'");
  }
  if (options.accessLog !== undefined && typeof options.accessLog !== 'function') {
    throw invalidArgument('accessLog', options.accessLog, 'a function');
  }
  const clock = options.clock ?? systemClock;
  if (typeof clock.now !== 'function' || typeof clock.setTimer !== 'function') {
    throw invalidArgument('clock', clock, 'an object with now() and setTimer()');
  }
  if (options.console !== undefined && typeof options.console !== 'boolean') {
    throw invalidArgument('console', options.console, 'a boolean');
  }
  const host = text('host', options.host, d.host, /^[^\s/]{1,253}$/);
  const tps = options.tpsLimit;
  const tpsLimit =
    tps === undefined || typeof tps === 'number'
      ? { perQueue: integerIn('tpsLimit', tps, 0, 1, 1_000_000) || undefined, perAccount: undefined }
      : typeof tps === 'object' && tps !== null
        ? {
            perQueue: integerIn('tpsLimit.perQueue', tps.perQueue, 0, 1, 1_000_000) || undefined,
            perAccount: integerIn('tpsLimit.perAccount', tps.perAccount, 0, 1, 1_000_000) || undefined,
          }
        : invalidTps(tps);
  const staleHandleAfterVisibilityChange =
    options.staleHandleAfterVisibilityChange ?? d.staleHandleAfterVisibilityChange;
  if (staleHandleAfterVisibilityChange !== 'accept' && staleHandleAfterVisibilityChange !== 'reject') {
    throw invalidArgument(
      'staleHandleAfterVisibilityChange',
      staleHandleAfterVisibilityChange,
      "'accept' or 'reject'",
    );
  }
  const responseContentType = options.responseContentType ?? d.responseContentType;
  if (responseContentType !== 'text/xml' && responseContentType !== 'application/xml') {
    throw invalidArgument('responseContentType', responseContentType, "'text/xml' or 'application/xml'");
  }
  const headersTimeoutMs = integerIn(
    'headersTimeoutMs',
    options.headersTimeoutMs,
    d.headersTimeoutMs,
    1000,
    600_000,
  );
  return {
    port: integerIn('port', options.port, d.port, 0, 65535),
    host,
    accountId: text('accountId', options.accountId, d.accountId, /^[A-Za-z0-9-]{1,63}$/),
    region: text('region', options.region, d.region, /^[a-z0-9-]{1,63}$/),
    accessKeyId: primary.accessKeyId,
    accessKeySecret: primary.accessKeySecret,
    credentials,
    auth: options.auth ?? d.auth,
    dataDir: options.dataDir,
    sqliteSynchronous,
    clock,
    maxClockSkewMs,
    accessLog: options.accessLog,
    queues: resolveQueues(options.queues),
    maxBodyBytes: integerIn('maxBodyBytes', options.maxBodyBytes, d.maxBodyBytes, 1024, 16 * 1024 * 1024),
    maxHeaderBytes: integerIn('maxHeaderBytes', options.maxHeaderBytes, d.maxHeaderBytes, 1024, 1024 * 1024),
    maxHeaderCount: integerIn('maxHeaderCount', options.maxHeaderCount, d.maxHeaderCount, 16, 2000),
    maxConnections: integerIn('maxConnections', options.maxConnections, d.maxConnections, 1, 65536),
    headersTimeoutMs,
    requestTimeoutMs: integerIn(
      'requestTimeoutMs',
      options.requestTimeoutMs,
      d.requestTimeoutMs,
      headersTimeoutMs,
      3_600_000,
    ),
    keepAliveTimeoutMs: integerIn(
      'keepAliveTimeoutMs',
      options.keepAliveTimeoutMs,
      d.keepAliveTimeoutMs,
      0,
      3_600_000,
    ),
    console: options.console ?? isLoopbackHost(host),
    maxLongPollsPerQueue:
      options.maxLongPollsPerQueue === undefined
        ? undefined
        : integerIn('maxLongPollsPerQueue', options.maxLongPollsPerQueue, 0, 1, 100_000),
    tpsLimit,
    throttleHoldMs: integerIn('throttleHoldMs', options.throttleHoldMs, d.throttleHoldMs, 0, 60_000),
    staleHandleAfterVisibilityChange,
    responseContentType: `${responseContentType};charset=utf-8`,
  };
}

function resolveQueues(queues: MnsLocalOptions['queues']): readonly MnsLocalQueueSpec[] {
  if (queues === undefined) return [];
  if (!Array.isArray(queues))
    throw invalidArgument('mns-local option queues', queues, 'an array of queue specs');
  const specs = queues.map((q, i) => resolveQueueSpec(q, `mns-local option queues[${i}]`));
  const seen = new Set<string>();
  for (const q of specs) {
    if (seen.has(q.name))
      throw invalidArgument('mns-local option queues', q.name, 'a list naming each queue once');
    seen.add(q.name);
  }
  return specs;
}

function invalidTps(value: unknown): never {
  throw invalidArgument('tpsLimit', value, 'a number or { perQueue, perAccount }');
}
