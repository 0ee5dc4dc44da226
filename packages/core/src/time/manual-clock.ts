import type { Clock, ClockTimer } from './clock.js';

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * Lets every promise continuation queued so far (and those they queue) run: `rounds` turns of the event loop
 * (`setImmediate`), so continuations behind a settled promise chain have run when it resolves.
 */
export function flushPromises(rounds = 3): Promise<void> {
  let p = Promise.resolve();
  for (let i = 0; i < rounds; i += 1) p = p.then(() => new Promise<void>((r) => setImmediate(r)));
  return p;
}

/**
 * A {@link Clock} that only moves when told to, for tests. The same instance can drive the local server (pass it as
 * `startMnsLocal({ clock })`) and the consumer (`createConsumer(client, { clock })`): visibility expiry, long-poll
 * deadlines, leases, ack batching and backoff then happen exactly when the test advances time.
 *
 * Timers fire in deadline order (ties in the order they were set) during {@link ManualClock.advance}; while a timer
 * runs, `now()` equals its deadline. Like `Date.now()`, `now()` is always a whole number of ms: a fractional
 * deadline (a delay computed with jitter) rounds up to the next ms, as a real timer fires no earlier, so wire
 * fields derived from `now()` (MNS's integer timestamps) stay integers. Pending promise continuations are flushed before and after each timer, so code
 * that awaits something and then sets the next timer inside the window behaves as it would in real time. Work that
 * waits on real I/O (an HTTP round trip) is not covered by that flush: wait for its result with `waitFor`.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: PendingTimer[] = [];

  /**
   * @param startMs - the initial time, Unix epoch ms (finite). The default keeps a server's Date-skew check happy
   *   with clients that stamp requests with the real time. @defaultValue `Date.now()` at construction
   */
  constructor(startMs: number = Date.now()) {
    if (!Number.isFinite(startMs))
      throw new RangeError(`ManualClock: startMs must be a finite number, got ${startMs}`);
    this.#now = Math.ceil(startMs);
  }

  now(): number {
    return this.#now;
  }

  setTimer(atMs: number, callback: () => void): ClockTimer {
    // NaN fires at the next advance, as setTimeout(NaN) fires at once; Infinity never does.
    const at = Number.isNaN(atMs) ? this.#now : Math.ceil(atMs);
    const timer: PendingTimer = { at, seq: this.#seq++, callback };
    this.#timers.push(timer);
    return {
      cancel: () => {
        const i = this.#timers.indexOf(timer);
        if (i >= 0) this.#timers.splice(i, 1);
      },
    };
  }

  /** Number of timers not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /**
   * Moves time forward by `ms` (≥ 0, finite; a fraction rounds up), firing every timer that falls due on the way, in
   * order, including timers set by those callbacks within the window. Await it: timers fire between promise flushes.
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms))
      throw new RangeError(`ManualClock.advance: ms must be a finite number >= 0, got ${ms}`);
    await this.#runUntil(this.#now + Math.ceil(ms));
  }

  /** Moves time to `atMs` like {@link ManualClock.advance}; a time in the past only fires timers already due. */
  async advanceTo(atMs: number): Promise<void> {
    if (!Number.isFinite(atMs))
      throw new RangeError(`ManualClock.advanceTo: atMs must be finite, got ${atMs}`);
    await this.#runUntil(Math.max(this.#now, Math.ceil(atMs)));
  }

  /**
   * Advances in `stepMs` steps until `predicate()` holds; throws if it still does not after `maxMs` of clock time.
   * Only for state the clock's own timers produce: for state behind real I/O, use `waitFor` between advances.
   * @returns the clock time that elapsed.
   */
  async advanceUntil(
    predicate: () => boolean,
    options: { readonly stepMs?: number; readonly maxMs?: number } = {},
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

  async #runUntil(target: number): Promise<void> {
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

  #nextDue(target: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.#timers) {
      if (t.at > target) continue;
      if (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
