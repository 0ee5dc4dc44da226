import { type Clock, invalidArgument, systemClock } from '@vodmns/core';
import type { IdempotencyClaim, IdempotencyStore } from './idempotency-store.js';

/** Options of {@link MemoryIdempotencyStore}. */
export interface MemoryIdempotencyStoreOptions {
  /** Most keys kept; the least recently used are evicted first. 1–10,000,000. @defaultValue 100000 */
  readonly maxEntries?: number;
  /** Time source for expiry. @defaultValue systemClock */
  readonly clock?: Clock;
}

interface Entry {
  /** The key as stored: a flat copy (see `#set`), reused when the entry moves. */
  readonly key: string;
  committed: boolean;
  expiresAt: number;
}

/**
 * An in-process {@link IdempotencyStore}: a least-recently-used map with per-key expiry. Only deduplicates what
 * this process saw — use a shared store when more than one consumer process reads the queue.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #clock: Clock;

  constructor(options: MemoryIdempotencyStoreOptions = {}) {
    const max = options.maxEntries ?? 100_000;
    if (!Number.isInteger(max) || max < 1 || max > 10_000_000) {
      throw invalidArgument('maxEntries', max, 'an integer from 1 to 10000000');
    }
    this.#maxEntries = max;
    this.#clock = options.clock ?? systemClock;
  }

  /** Keys currently held (committed or reserved, expired ones not yet swept included). */
  get size(): number {
    return this.#entries.size;
  }

  async has(key: string): Promise<boolean> {
    const e = this.#live(key);
    return e?.committed === true;
  }

  async reserve(key: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key)) return false;
    this.#set(key, false, this.#clock.now() + ttlMs);
    return true;
  }

  async commit(key: string, ttlMs: number): Promise<void> {
    const expiresAt = this.#clock.now() + ttlMs;
    const e = this.#entries.get(key);
    if (e) {
      // The usual case, committing our own reservation: update in place and refresh recency under the key as
      // stored (already a flat copy), so no second copy is made.
      e.committed = true;
      e.expiresAt = expiresAt;
      this.#refresh(key, e);
      return;
    }
    this.#set(key, true, expiresAt);
  }

  async claimMany(
    claims: readonly (readonly string[])[],
    ttlMs: number,
  ): Promise<readonly IdempotencyClaim[]> {
    return claims.map((keys) => this.#claim(keys, ttlMs));
  }

  async release(key: string): Promise<void> {
    const e = this.#entries.get(key);
    if (e && !e.committed) this.#entries.delete(key);
  }

  /** One delivery's keys: a committed key wins, then a reserved one; otherwise all are reserved. */
  #claim(keys: readonly string[], ttlMs: number): IdempotencyClaim {
    let busy: string | undefined;
    for (const key of keys) {
      const e = this.#live(key);
      if (e?.committed) return { status: 'committed', key };
      if (e && busy === undefined) busy = key;
    }
    if (busy !== undefined) return { status: 'busy', key: busy };
    const expiresAt = this.#clock.now() + ttlMs;
    for (const key of keys) this.#set(key, false, expiresAt);
    return { status: 'reserved' };
  }

  #live(key: string): Entry | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.#clock.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    this.#refresh(key, e);
    return e;
  }

  /** Moves an entry to the most recent end (Map iteration order is insertion order), under its stored key. */
  #refresh(key: string, e: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(e.key, e);
  }

  #set(key: string, committed: boolean, expiresAt: number): void {
    this.#entries.delete(key);
    // A flat copy: a key built from a substring of a large response (a MessageId sliced out of the XML body) would
    // otherwise keep that whole document alive for as long as the key is remembered.
    const flat = Buffer.from(key, 'utf8').toString('utf8');
    this.#entries.set(flat, { key: flat, committed, expiresAt });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }
}
