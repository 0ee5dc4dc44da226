/**
 * Remembers which events were handled so that a redelivered or doubly-delivered copy is acknowledged without
 * running the handler again. Keys are opaque strings of at most ~40 characters (the runtime uses `msg:<MessageId>` and
 * `evt:<base64url SHA-1 of the event fingerprint>`).
 *
 * The default store ({@link MemoryIdempotencyStore}) lives in one process. When several consumer processes or
 * machines read the same queue, plug a shared implementation (e.g. Redis `SET key v NX PX ttl` for `reserve`,
 * `SET key done PX ttl` for `commit`, `DEL` for `release`): nothing in `@vodmns/rx` assumes a single consumer.
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
}
