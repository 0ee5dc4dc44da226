/**
 * What a store answers for one delivery's keys in {@link IdempotencyStore.claimMany}:
 * - `reserved`: every key was free and is now reserved by this caller (commit or release them later);
 * - `committed`: `key` was already handled — the delivery is a duplicate; nothing was reserved;
 * - `busy`: `key` is reserved by someone else (its twin is running); nothing was reserved.
 */
export type IdempotencyClaim =
  | { readonly status: 'reserved' }
  | { readonly status: 'committed'; readonly key: string }
  | { readonly status: 'busy'; readonly key: string };

/**
 * Remembers which events were handled so that a redelivered or doubly-delivered copy is acknowledged without
 * running the handler again. Keys are opaque strings of at most ~40 characters (the runtime uses `msg:<MessageId>` and
 * `evt:<base64url SHA-1 of the event fingerprint>`).
 *
 * The default store ({@link MemoryIdempotencyStore}) lives in one process. When several consumer processes or
 * machines read the same queue, plug a shared implementation: `@vodmns/redis` (many machines) or `@vodmns/sqlite`
 * (several processes on one machine). Nothing in `@vodmns/rx` assumes a single consumer.
 *
 * A store that cannot be reached should reject (ideally with a retryable `MnsError`): the consumer's
 * `idempotency.failOpen` policy then decides whether the delivery runs anyway or is held and asked again.
 */
export interface IdempotencyStore {
  /** Whether `key` was committed (its event was handled) and has not expired. */
  has(key: string): Promise<boolean>;
  /**
   * Atomically claims `key` for a handler that is about to run, for `ttlMs` (so a crashed holder's claim ends).
   * Resolves `true` when this caller got the claim; `false` when the key is committed or claimed by another.
   */
  reserve(key: string, ttlMs: number): Promise<boolean>;
  /** Marks `key` handled for `ttlMs` (replaces a reservation). */
  commit(key: string, ttlMs: number): Promise<void>;
  /** Drops a reservation (the handler failed; a later copy may run). Ignores committed and unknown keys. */
  release(key: string): Promise<void>;
  /**
   * Optional batch form of `has` + `reserve`, used by the consumer (when present) once per received batch, so a
   * networked store answers a whole batch in one round trip. `claims[i]` holds one delivery's keys; the answer
   * `[i]` says what happened to them (see {@link IdempotencyClaim}): all of a delivery's keys are reserved, or
   * none. Resolves with exactly one answer per claim.
   */
  claimMany?(claims: readonly (readonly string[])[], ttlMs: number): Promise<readonly IdempotencyClaim[]>;
}
