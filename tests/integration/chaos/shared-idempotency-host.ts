import type { ChildProcess } from 'node:child_process';

/**
 * The parent-side half of an `IdempotencyStore` (rx's interface: `has`, `reserve`, `commit`, `release`) shared by
 * several consumer child processes over their IPC channels. The state lives in the test process, which no chaos
 * kills, so a SIGKILLed worker's commits survive and its reservations simply expire. The child-side half is
 * `workers/ipc-idempotency-store.mjs`.
 *
 * Wire: child → parent `{ kind: 'idem', id, op, key, ttlMs }`; parent → child `{ kind: 'idem-reply', id, value }`.
 */
export class SharedIdempotencyHost {
  readonly #entries = new Map<string, { committed: boolean; expiresAt: number }>();
  /** `reserve` calls refused because the key was already committed: a duplicate delivery suppressed. */
  suppressedCommitted = 0;
  /** `reserve` calls refused because another worker held a live reservation. */
  refusedReserved = 0;
  /** Reservations granted over a key whose previous reservation had expired (its holder died or stalled). */
  reservationsTakenOver = 0;
  /** Reservations granted (every `reserve` that returned true). */
  reservationsGranted = 0;
  /** Operations served. */
  operations = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Serves `child`'s store requests until it exits. */
  attach(child: ChildProcess): void {
    child.on('message', (raw: unknown) => {
      const m = raw as { kind?: string; id?: number; op?: string; key?: string; ttlMs?: number };
      if (m.kind !== 'idem' || typeof m.id !== 'number' || typeof m.key !== 'string') return;
      const value = this.apply(m.op ?? '', m.key, m.ttlMs ?? 0);
      if (child.connected) child.send({ kind: 'idem-reply', id: m.id, value }, () => undefined);
    });
  }

  /** Applies one operation (exposed for unit checks). */
  apply(op: string, key: string, ttlMs: number): boolean | null {
    this.operations++;
    const now = this.now();
    const entry = this.#entries.get(key);
    const live = entry !== undefined && entry.expiresAt > now ? entry : undefined;
    switch (op) {
      case 'has':
        return live?.committed === true;
      case 'reserve':
        if (live?.committed) {
          this.suppressedCommitted++;
          return false;
        }
        if (live) {
          this.refusedReserved++;
          return false;
        }
        if (entry !== undefined && !entry.committed) this.reservationsTakenOver++;
        this.#entries.set(key, { committed: false, expiresAt: now + ttlMs });
        this.reservationsGranted++;
        return true;
      case 'commit':
        this.#entries.set(key, { committed: true, expiresAt: now + ttlMs });
        return null;
      case 'release':
        if (entry !== undefined && !entry.committed) this.#entries.delete(key);
        return null;
      default:
        throw new Error(`shared idempotency store: unknown op ${JSON.stringify(op)}`);
    }
  }

  /** Keys committed (live). */
  committedKeys(): string[] {
    const now = this.now();
    return [...this.#entries].filter(([, e]) => e.committed && e.expiresAt > now).map(([k]) => k);
  }
}
