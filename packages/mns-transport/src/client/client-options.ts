import {
  buildMnsEndpoint,
  invalidArgument,
  type MnsNetwork,
  type MnsProtocol,
  parseMnsEndpoint,
  type RetryOptions,
  type RetryOptionsInput,
  resolveRetryOptions,
} from '@vodmns/core';
import { envCredentials } from '../credentials/env-credentials.js';
import {
  type CredentialProvider,
  checkCredentials,
  isCredentialProvider,
  type MnsCredentials,
} from '../credentials/mns-credentials.js';
import type { Dispatcher } from '../http/undici-http.js';
import type { ReceiveBodyEncoding, SendBodyEncoding } from '../model/operation-types.js';

/** Which request signature the client computes. */
export type SignatureVersion = 'v1' | 'v4';

/** Options of `new MnsClient(options)`. Give either `endpoint`, or `accountId` + `region`. */
export interface MnsClientOptions {
  /**
   * Any http(s) origin to send requests to, e.g. `http://127.0.0.1:9988` (the local server) or
   * `https://1234567890123456.mns.cn-shanghai.aliyuncs.com`. Takes precedence over `accountId`/`region`.
   */
  readonly endpoint?: string | undefined;
  /** Numeric Alibaba Cloud account id; with `region`, builds the endpoint (core's `buildMnsEndpoint`). */
  readonly accountId?: string | undefined;
  /**
   * Region id, e.g. `cn-shanghai`. Builds the endpoint with `accountId`; required for `signatureVersion: 'v4'`
   * (taken from an Alibaba Cloud `endpoint` when absent).
   */
  readonly region?: string | undefined;
  /** Network of a built endpoint. @defaultValue `'public'` */
  readonly network?: MnsNetwork | undefined;
  /** Scheme of a built endpoint. @defaultValue `'https'` */
  readonly protocol?: MnsProtocol | undefined;
  /**
   * Static credentials or a provider (`refreshingCredentials`, `fromAlibabaCloudCredentials`, your own).
   * @defaultValue `envCredentials()` — `ALIBABA_CLOUD_ACCESS_KEY_ID` / `_SECRET` / `ALIBABA_CLOUD_SECURITY_TOKEN`
   */
  readonly credentials?: MnsCredentials | CredentialProvider | undefined;
  /** `v1` (`MNS` HMAC-SHA1, every SDK) or `v4` (`MNS4-HMAC-SHA256`, needs the region). @defaultValue `'v1'` */
  readonly signatureVersion?: SignatureVersion | undefined;
  /**
   * An undici dispatcher (`Pool`, `Agent`, a `ProxyAgent`, `MockAgent`, …) to send requests through. It must
   * speak undici 7's handler interface (`onRequestStart`/`onResponseStart`/…): one from undici ≥ 7, not the
   * undici 6 bundled inside Node 20's global `fetch`. The client does not close a dispatcher it was given. @defaultValue a keep-alive `Pool` to the endpoint, closed by `close()`
   */
  readonly dispatcher?: Dispatcher | undefined;
  /** Keep-alive connections of the default pool, 1–1024. @defaultValue 16 */
  readonly connections?: number | undefined;
  /** Idle time after which the default pool closes a connection, ms, 1000–600000. @defaultValue 30000 */
  readonly keepAliveTimeoutMs?: number | undefined;
  /** Connect timeout of the default pool, ms, 100–120000. @defaultValue 10000 */
  readonly connectTimeoutMs?: number | undefined;
  /**
   * Per-attempt timeout, ms (no response headers, or a stall in the body, for this long), 100–600000. Receives
   * wait at least their long-poll time plus `longPollSlackMs`. @defaultValue 10000
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Added to a receive's long-poll wait to get its per-attempt timeout, ms, 5000–60000. A receive without
   * `waitSeconds` assumes the longest queue `PollingWaitSeconds` (`MNS_LIMITS.pollingWaitSeconds.max`). @defaultValue 5000
   */
  readonly longPollSlackMs?: number | undefined;
  /** Retries: attempts and backoff (core's `RetryOptions`). @defaultValue core's `DEFAULT_RETRY_OPTIONS` */
  readonly retry?: RetryOptionsInput | undefined;
  /** Default body encoding of sends. @defaultValue `'raw'` */
  readonly sendBodyEncoding?: SendBodyEncoding | undefined;
  /** Default body decoding of receives and peeks. @defaultValue `'raw'` */
  readonly receiveBodyEncoding?: ReceiveBodyEncoding | undefined;
  /** Check `MessageBodyMD5` of send responses and received messages. @defaultValue true */
  readonly verifyMessageBodyMd5?: boolean | undefined;
  /** Clock for the `Date` header, Unix epoch ms (tests). @defaultValue `Date.now` */
  readonly now?: (() => number) | undefined;
  /** Randomness for backoff jitter, returns [0, 1) (tests). @defaultValue `Math.random` */
  readonly random?: (() => number) | undefined;
}

/** The options after defaults and validation. */
export interface ResolvedMnsClientOptions {
  /** `protocol://host[:port]`. */
  readonly origin: string;
  readonly region: string | undefined;
  readonly accountId: string | undefined;
  readonly signatureVersion: SignatureVersion;
  readonly credentials: { readonly fixed: MnsCredentials } | { readonly provider: CredentialProvider };
  readonly dispatcher: Dispatcher | undefined;
  readonly connections: number;
  readonly keepAliveTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
  readonly longPollSlackMs: number;
  readonly retry: Readonly<RetryOptions>;
  readonly sendBodyEncoding: SendBodyEncoding;
  readonly receiveBodyEncoding: ReceiveBodyEncoding;
  readonly verifyMessageBodyMd5: boolean;
  readonly now: () => number;
  readonly random: () => number;
}

/** Defaults of the numeric and enum options. */
export const DEFAULT_MNS_CLIENT_OPTIONS = Object.freeze({
  signatureVersion: 'v1' as SignatureVersion,
  connections: 16,
  keepAliveTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  timeoutMs: 10_000,
  longPollSlackMs: 5_000,
  sendBodyEncoding: 'raw' as SendBodyEncoding,
  receiveBodyEncoding: 'raw' as ReceiveBodyEncoding,
  verifyMessageBodyMd5: true,
});

const KNOWN_KEYS = new Set([
  'endpoint',
  'accountId',
  'region',
  'network',
  'protocol',
  'credentials',
  'signatureVersion',
  'dispatcher',
  'connections',
  'keepAliveTimeoutMs',
  'connectTimeoutMs',
  'timeoutMs',
  'longPollSlackMs',
  'retry',
  'sendBodyEncoding',
  'receiveBodyEncoding',
  'verifyMessageBodyMd5',
  'now',
  'random',
]);

function intIn(field: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max)
    throw invalidArgument(field, v, `an integer from ${min} to ${max}`);
  return v;
}

function oneOf<T extends string>(field: string, value: T | undefined, fallback: T, allowed: readonly T[]): T {
  const v = value ?? fallback;
  if (!allowed.includes(v)) throw invalidArgument(field, v, allowed.map((a) => `'${a}'`).join(' or '));
  return v;
}

/**
 * Fills defaults and validates every option eagerly. Pure apart from reading the environment when no
 * `credentials` are given.
 *
 * @throws MnsConfigError `ERR_MNS_INVALID_ARGUMENT` naming the option and value, or `ERR_MNS_CREDENTIALS`.
 */
export function resolveMnsClientOptions(options: MnsClientOptions): ResolvedMnsClientOptions {
  if (typeof options !== 'object' || options === null) throw invalidArgument('options', options, 'an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key))
      throw invalidArgument('options', key, `one of ${[...KNOWN_KEYS].join(', ')} (unknown key)`);
  }
  let endpoint = options.endpoint;
  if (endpoint === undefined) {
    if (options.accountId === undefined || options.region === undefined) {
      throw invalidArgument(
        'endpoint',
        endpoint,
        'an http(s) URL, or accountId and region must both be given',
      );
    }
    endpoint = buildMnsEndpoint({
      accountId: options.accountId,
      region: options.region,
      ...(options.network === undefined ? {} : { network: options.network }),
      ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
    });
  }
  const parsed = parseMnsEndpoint(endpoint);
  if (!parsed.ok) throw parsed.error;
  const region = options.region ?? parsed.value.region;
  const signatureVersion = oneOf('signatureVersion', options.signatureVersion, 'v1', ['v1', 'v4']);
  if (signatureVersion === 'v4' && region === undefined) {
    throw invalidArgument(
      'region',
      region,
      "a region id such as cn-shanghai (signatureVersion 'v4' signs it)",
    );
  }
  const c = options.credentials;
  const credentials = isCredentialProvider(c)
    ? { provider: c }
    : c === undefined
      ? { provider: envCredentials() }
      : { fixed: checkCredentials(c, 'credentials') };
  const d = options.dispatcher;
  if (d !== undefined && (typeof d !== 'object' || d === null || typeof d.request !== 'function')) {
    throw invalidArgument('dispatcher', d, 'an undici Dispatcher');
  }
  for (const fn of ['now', 'random'] as const) {
    const f = options[fn];
    if (f !== undefined && typeof f !== 'function') throw invalidArgument(fn, f, 'a function');
  }
  const verify = options.verifyMessageBodyMd5 ?? true;
  if (typeof verify !== 'boolean') throw invalidArgument('verifyMessageBodyMd5', verify, 'a boolean');
  const defaults = DEFAULT_MNS_CLIENT_OPTIONS;
  return {
    origin: parsed.value.origin,
    region,
    accountId: options.accountId ?? parsed.value.accountId,
    signatureVersion,
    credentials,
    dispatcher: d,
    connections: intIn('connections', options.connections, defaults.connections, 1, 1024),
    keepAliveTimeoutMs: intIn(
      'keepAliveTimeoutMs',
      options.keepAliveTimeoutMs,
      defaults.keepAliveTimeoutMs,
      1000,
      600_000,
    ),
    connectTimeoutMs: intIn(
      'connectTimeoutMs',
      options.connectTimeoutMs,
      defaults.connectTimeoutMs,
      100,
      120_000,
    ),
    timeoutMs: intIn('timeoutMs', options.timeoutMs, defaults.timeoutMs, 100, 600_000),
    longPollSlackMs: intIn(
      'longPollSlackMs',
      options.longPollSlackMs,
      defaults.longPollSlackMs,
      5000,
      60_000,
    ),
    retry: resolveRetryOptions(options.retry ?? {}),
    sendBodyEncoding: oneOf('sendBodyEncoding', options.sendBodyEncoding, 'raw', ['raw', 'base64']),
    receiveBodyEncoding: oneOf('receiveBodyEncoding', options.receiveBodyEncoding, 'raw', [
      'auto',
      'raw',
      'base64',
    ]),
    verifyMessageBodyMd5: verify,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
}
