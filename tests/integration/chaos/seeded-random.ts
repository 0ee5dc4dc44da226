/**
 * A small seeded PRNG (mulberry32) so every chaos and fuzz run is reproducible from its seed. Not for
 * cryptography. The seed of a failing run is printed by the suites; re-run with `VODMNS_CHAOS_SEED=<seed>`.
 */
export class SeededRandom {
  #state: number;

  constructor(readonly seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick: empty array');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `n` random bytes. */
  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }

  /** A child generator with its own stream, derived from this one (for independent sub-processes). */
  fork(): SeededRandom {
    return new SeededRandom(Math.floor(this.next() * 4294967296));
  }
}

/** The seed for this run: `VODMNS_CHAOS_SEED` if set, else `fallback` (fixed per suite, so CI is deterministic). */
export function chaosSeed(fallback: number): number {
  const fromEnv = process.env.VODMNS_CHAOS_SEED;
  if (fromEnv === undefined || fromEnv === '') return fallback;
  const n = Number(fromEnv);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new RangeError(
      `VODMNS_CHAOS_SEED must be an integer in 0..4294967295, got ${JSON.stringify(fromEnv)}`,
    );
  return n;
}
