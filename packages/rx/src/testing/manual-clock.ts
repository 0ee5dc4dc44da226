import { setImmediate as setNodeImmediate } from 'node:timers';
import type { CancelTimer, Clock } from '../clock/clock.js';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/** Lets every promise continuation queued so far (and those they queue) run. */
export function flushPromises(rounds = 3): Promise<void> {
  let p = Promise.resolve();
  for (let i = 0; i < rounds; i += 1) p = p.then(() => new Promise<void>((r) => setNodeImmediate(r)));
  return p;
}

/**
 * A {@link Clock} that only moves when told to. Timers fire in time order (ties in scheduling order) during
 * {@link ManualClock.advance}; pending promise continuations are flushed before and after each timer, so code that
 * awaits a port call and then schedules the next timer behaves exactly as it would in real time.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: PendingTimer[] = [];

  /** @param startMs - the initial time, Unix epoch ms. @defaultValue 1_700_000_000_000 */
  constructor(startMs = 1_700_000_000_000) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  schedule(callback: () => void, delayMs: number): CancelTimer {
    const timer: PendingTimer = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, callback };
    this.#timers.push(timer);
    return () => {
      const i = this.#timers.indexOf(timer);
      if (i >= 0) this.#timers.splice(i, 1);
    };
  }

  /** Number of timers not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await flushPromises();
    for (;;) {
      const next = this.#nextDue(target);
      if (next === undefined) break;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
      await flushPromises();
    }
    this.#now = target;
    await flushPromises();
  }

  /**
   * Advances in `stepMs` steps until `predicate()` holds; throws if it still does not after `maxMs` of clock time.
   * @returns the clock time that elapsed.
   */
  async advanceUntil(
    predicate: () => boolean,
    options: { stepMs?: number; maxMs?: number } = {},
  ): Promise<number> {
    const step = options.stepMs ?? 10;
    const max = options.maxMs ?? 600_000;
    const start = this.#now;
    await flushPromises();
    while (!predicate()) {
      if (this.#now - start >= max)
        throw new Error(`ManualClock.advanceUntil: condition not met within ${max} ms`);
      await this.advance(step);
    }
    return this.#now - start;
  }

  #nextDue(target: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (t.at > target) continue;
      if (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
