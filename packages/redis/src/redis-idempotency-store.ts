import { randomBytes } from 'node:crypto';
import {
  MnsConfigError,
  MnsErrorCodes,
  MnsNetworkError,
  MnsServiceError,
  MnsTimeoutError,
} from '@vodmns/core';
import type { IdempotencyClaim, IdempotencyStore } from '@vodmns/rx';
import { CLAIM_SCRIPT, COMMIT_SCRIPT, COMMITTED, type LuaScript, RELEASE_SCRIPT } from './lua-scripts.js';
import type { RedisScriptClient, ScriptCall } from './redis-script-client.js';

/** Options of {@link RedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions {
  /** A connected node-redis v5+ client (or cluster), or an ioredis one wrapped by `fromIoredis`. */
  readonly client: RedisScriptClient;
  /**
   * Namespace of the keys: a key `k` is stored as `{<keyPrefix>}:k`. The braces are a Redis Cluster hash tag, so
   * every key of one prefix lives in one slot and a batch is one script call (see the README). 1–100 characters,
   * no `{` or `}`. @defaultValue 'vodmns:idem'
   */
  readonly keyPrefix?: string;
  /**
   * How long a handled (committed) key is remembered, ms, overriding the TTL the consumer asks for
   * (`idempotency.ttlMs`). Size it against the queue's message retention (see the README). 1 s – 30 days.
   * @defaultValue the consumer's `idempotency.ttlMs`
   */
  readonly ttlMs?: number;
  /**
   * Deadline of each command, ms. A command that has not answered by then rejects with a retryable
   * `MnsTimeoutError` (the consumer's `failOpen` policy decides what happens to the delivery). 10–60000.
   * @defaultValue 2000
   */
  readonly commandTimeoutMs?: number;
  /**
   * How long a failing commit is retried, ms, before it is given up (reported as `idempotency-error`: a later
   * copy of that event may then run again). A commit is worth waiting for — the handler already ran. 0–300000.
   * @defaultValue 15000
   */
  readonly commitRetryMs?: number;
}

/** Counters of a {@link RedisIdempotencyStore} (for metrics and benchmarks). */
export interface RedisIdempotencyStoreStats {
  /** Commands sent (each is one round trip; calls made in the same tick are coalesced into one). */
  readonly roundTrips: number;
  /** Commits refused because the key was reserved by another owner (this holder's reservation had expired). */
  readonly commitsRefused: number;
  /** Commands that failed (connection, timeout, error reply). */
  readonly failures: number;
  /** Reservations this store holds (reserved, not yet committed or released). */
  readonly reservationsHeld: number;
}

interface Pending<T> {
  readonly key: string;
  readonly token: string;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

const DEFAULT_PREFIX = 'vodmns:idem';
const MAX_KEY_LENGTH = 1024;

function invalid(field: string, value: unknown, expected: string): MnsConfigError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new MnsConfigError({
    code: MnsErrorCodes.invalidArgument,
    fault: 'client',
    message: `${field} must be ${expected}, got ${shown}`,
  });
}

function intOption(field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, value, `an integer in ${min}–${max}`);
  }
  return value;
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw invalid(
      'key',
      typeof key === 'string' ? `${key.slice(0, 40)}…` : key,
      `a string of 1–${MAX_KEY_LENGTH} characters`,
    );
  }
  return key;
}

function isErrorReply(error: unknown): boolean {
  for (let p: unknown = error; p !== null && typeof p === 'object'; p = Object.getPrototypeOf(p)) {
    const name = (p as { constructor?: { name?: unknown } }).constructor?.name;
    if (name === 'ErrorReply' || name === 'ReplyError') return true;
  }
  return false;
}

/** Maps what a client rejected with to a typed, retryable-where-it-should-be `MnsError`. */
function storeError(operation: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  // An error reply (the server answered): LOADING, READONLY, OOM, NOSCRIPT, WRONGTYPE, … node-redis's are
  // (subclasses of) ErrorReply, named 'Error'; ioredis's are ReplyError.
  if (isErrorReply(error)) {
    const code = /^[A-Z]+/.exec(message)?.[0] ?? 'ERR';
    return new MnsServiceError({
      code: `REDIS_${code}`,
      fault: 'server',
      message: `Redis answered ${message.slice(0, 200)}`,
      operation,
      cause: error,
    });
  }
  return new MnsNetworkError({
    code: MnsErrorCodes.network,
    fault: 'transport',
    message: `Redis unreachable: ${message.slice(0, 200)}`,
    operation,
    cause: error,
  });
}

/**
 * A shared {@link IdempotencyStore} on Redis, for a fleet of consumers on many machines reading one queue.
 *
 * - reserve: `SET key <token> NX PX ttl` — atomic, and it ends by itself if the holder dies;
 * - commit: compare-and-set in Lua — refused when the key is reserved by another holder (ours expired);
 * - release: compare-and-delete in Lua — only the holder's own reservation is dropped;
 * - `claimMany`: the consumer's whole received batch in one script call (one round trip); commits and releases
 *   made in the same tick are coalesced into one script call too.
 *
 * Nothing here retries a claim: an unreachable Redis rejects with a retryable `MnsError` and the consumer's
 * `idempotency.failOpen` decides. A claim that timed out is undone by an owner-checked release sent right after
 * it on the same connection, so a claim that ran late does not block its event until the reservation expires.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #client: RedisScriptClient;
  readonly #prefix: string;
  readonly #ttlMs: number | undefined;
  readonly #timeoutMs: number;
  readonly #commitRetryMs: number;
  readonly #owner = `r:${randomBytes(9).toString('base64url')}:`;
  #nextToken = 0;
  /** Key (unprefixed) → the token of this store's live reservation of it. */
  readonly #tokens = new Map<string, string>();
  #commits: Pending<void>[] = [];
  #releases: Pending<void>[] = [];
  #commitTtlMs = 0;
  #roundTrips = 0;
  #commitsRefused = 0;
  #failures = 0;

  constructor(options: RedisIdempotencyStoreOptions) {
    if (options === null || typeof options !== 'object') throw invalid('options', options, 'an object');
    const c = options.client as Partial<RedisScriptClient> | undefined;
    if (
      !c ||
      typeof c.get !== 'function' ||
      typeof c.evalSha !== 'function' ||
      typeof c.eval !== 'function'
    ) {
      throw invalid(
        'client',
        c,
        'a node-redis v5+ client (get, evalSha, eval) or fromIoredis(ioredisClient)',
      );
    }
    this.#client = c as RedisScriptClient;
    const prefix = options.keyPrefix ?? DEFAULT_PREFIX;
    if (typeof prefix !== 'string' || prefix.length < 1 || prefix.length > 100 || /[{}]/.test(prefix)) {
      throw invalid('keyPrefix', prefix, 'a string of 1–100 characters without { or }');
    }
    this.#prefix = `{${prefix}}:`;
    this.#ttlMs =
      options.ttlMs === undefined ? undefined : intOption('ttlMs', options.ttlMs, 0, 1000, 30 * 86_400_000);
    this.#timeoutMs = intOption('commandTimeoutMs', options.commandTimeoutMs, 2000, 10, 60_000);
    this.#commitRetryMs = intOption('commitRetryMs', options.commitRetryMs, 15_000, 0, 300_000);
  }

  /** The Redis key a store key is kept under (`{prefix}:key`). */
  redisKey(key: string): string {
    return this.#prefix + key;
  }

  get stats(): RedisIdempotencyStoreStats {
    return {
      roundTrips: this.#roundTrips,
      commitsRefused: this.#commitsRefused,
      failures: this.#failures,
      reservationsHeld: this.#tokens.size,
    };
  }

  async has(key: string): Promise<boolean> {
    const value = await this.#send('GET', () => this.#client.get(this.redisKey(checkKey(key))));
    return value === COMMITTED;
  }

  async reserve(key: string, ttlMs: number): Promise<boolean> {
    const [answer] = await this.claimMany([[key]], ttlMs);
    return answer?.status === 'reserved';
  }

  async claimMany(
    claims: readonly (readonly string[])[],
    ttlMs: number,
  ): Promise<readonly IdempotencyClaim[]> {
    const ttl = intOption('ttlMs', ttlMs, 0, 1, 2 ** 31);
    const keys: string[] = [];
    const sizes: string[] = [];
    for (const claim of claims) {
      if (!Array.isArray(claim) || claim.length === 0)
        throw invalid('claim', claim, 'a non-empty array of keys');
      for (const key of claim) keys.push(this.redisKey(checkKey(key)));
      sizes.push(String(claim.length));
    }
    if (claims.length === 0) return [];
    const token = `${this.#owner}${(this.#nextToken++).toString(36)}`;
    let reply: unknown;
    try {
      reply = await this.#script(CLAIM_SCRIPT, { keys, arguments: [token, String(ttl), ...sizes] });
    } catch (error) {
      // It may still run (a timed-out command, a reply lost with its connection): undo it, owner-checked, on the
      // same connection right after it. Best effort: if this fails too, the reservation expires by its TTL.
      void this.#script(RELEASE_SCRIPT, { keys, arguments: keys.map(() => token) }).catch(() => undefined);
      throw error;
    }
    if (!Array.isArray(reply) || reply.length !== claims.length * 2) {
      throw new MnsServiceError({
        code: 'REDIS_UNEXPECTED_REPLY',
        fault: 'server',
        message: `claim script answered ${JSON.stringify(reply)?.slice(0, 100)} for ${claims.length} claims`,
        operation: 'EVALSHA claim',
      });
    }
    return claims.map((claim, i) => {
      const status = Number(reply[2 * i]);
      const at = Number(reply[2 * i + 1]) - 1;
      if (status === 0) {
        for (const key of claim) this.#tokens.set(key, token);
        return { status: 'reserved' };
      }
      const key = claim[at] ?? (claim[0] as string);
      return status === 1 ? { status: 'committed', key } : { status: 'busy', key };
    });
  }

  commit(key: string, ttlMs: number): Promise<void> {
    let ttl: number;
    try {
      checkKey(key);
      ttl = this.#ttlMs ?? intOption('ttlMs', ttlMs, 0, 1, 2 ** 31);
    } catch (error) {
      return Promise.reject(error);
    }
    const token = this.#tokens.get(key) ?? '';
    this.#tokens.delete(key);
    return new Promise((resolve, reject) => {
      if (this.#commits.length === 0) queueMicrotask(() => void this.#flushCommits());
      // One TTL per flush: the consumer commits every key with the same TTL.
      this.#commitTtlMs = Math.max(this.#commitTtlMs, ttl);
      this.#commits.push({ key, token, resolve, reject });
    });
  }

  release(key: string): Promise<void> {
    try {
      checkKey(key);
    } catch (error) {
      return Promise.reject(error);
    }
    const token = this.#tokens.get(key);
    if (token === undefined) return Promise.resolve(); // not ours: nothing to release
    this.#tokens.delete(key);
    return new Promise((resolve, reject) => {
      if (this.#releases.length === 0) queueMicrotask(() => void this.#flushReleases());
      this.#releases.push({ key, token, resolve, reject });
    });
  }

  async #flushCommits(): Promise<void> {
    const batch = this.#commits;
    const ttl = this.#commitTtlMs;
    this.#commits = [];
    this.#commitTtlMs = 0;
    const call: ScriptCall = {
      keys: batch.map((p) => this.redisKey(p.key)),
      arguments: [String(ttl), ...batch.map((p) => p.token)],
    };
    const deadline = Date.now() + this.#commitRetryMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await this.#script(COMMIT_SCRIPT, call);
        const answers = Array.isArray(reply) ? reply : [];
        for (const [i, p] of batch.entries()) {
          if (Number(answers[i]) !== 1) this.#commitsRefused += 1;
          p.resolve();
        }
        return;
      } catch (error) {
        if (Date.now() + Math.min(1000, 100 * attempt) > deadline) {
          for (const p of batch) p.reject(error);
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(1000, 100 * attempt)).unref?.());
      }
    }
  }

  async #flushReleases(): Promise<void> {
    const batch = this.#releases;
    this.#releases = [];
    try {
      await this.#script(RELEASE_SCRIPT, {
        keys: batch.map((p) => this.redisKey(p.key)),
        arguments: batch.map((p) => p.token),
      });
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  /** EVALSHA, falling back to EVAL (which caches the script) when the server does not know it. */
  async #script(s: LuaScript, call: ScriptCall): Promise<unknown> {
    try {
      return await this.#send(`EVALSHA ${s.name}`, () => this.#client.evalSha(s.sha1, call), true);
    } catch (error) {
      if (!(error instanceof MnsServiceError && error.code === 'REDIS_NOSCRIPT')) throw error;
      return this.#send(`EVAL ${s.name}`, () => this.#client.eval(s.source, call));
    }
  }

  /** One command under the deadline; failures become typed errors (a NOSCRIPT reply is not counted). */
  async #send(operation: string, run: () => Promise<unknown>, quietNoScript = false): Promise<unknown> {
    this.#roundTrips += 1;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new MnsTimeoutError({
              code: MnsErrorCodes.timeout,
              fault: 'transport',
              message: `Redis did not answer within ${this.#timeoutMs} ms`,
              operation,
            }),
          ),
        this.#timeoutMs,
      );
      timer.unref?.();
    });
    try {
      return await Promise.race([Promise.resolve().then(run), deadline]);
    } catch (error) {
      const typed = error instanceof MnsTimeoutError ? error : storeError(operation, error);
      if (!(quietNoScript && typed instanceof MnsServiceError && typed.code === 'REDIS_NOSCRIPT')) {
        this.#failures += 1;
      }
      throw typed;
    } finally {
      clearTimeout(timer);
    }
  }
}
