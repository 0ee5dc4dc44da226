/** Opaque handle of a timer scheduled on a {@link Clock}. */
export interface ClockTimer {
  /** Cancels the timer; a no-op once it has fired or been cancelled. */
  cancel(): void;
}

/**
 * The server's source of time. Every time-dependent decision (visibility, delay, retention, long-poll
 * deadlines, the Date-skew check) reads `now()` and schedules through `setTimer`, so tests can inject a
 * {@link ManualClock} and advance time without sleeping.
 */
export interface Clock {
  /** Current time, Unix milliseconds. */
  now(): number;
  /** Runs `callback` once `now() >= atMs` (as soon as possible when already due). */
  setTimer(atMs: number, callback: () => void): ClockTimer;
}

/** Longest single `setTimeout` Node accepts (about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** The real clock: `Date.now()` and `setTimeout` (re-armed for deadlines beyond Node's timer range). */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimer(atMs: number, callback: () => void): ClockTimer {
    let handle: NodeJS.Timeout | undefined;
    const arm = (): void => {
      const delay = Math.max(0, atMs - Date.now());
      handle = setTimeout(delay > MAX_TIMEOUT_MS ? arm : callback, Math.min(delay, MAX_TIMEOUT_MS));
      handle.unref?.();
    };
    arm();
    return {
      cancel() {
        if (handle !== undefined) clearTimeout(handle);
        handle = undefined;
      },
    };
  },
});

/** A clock that only moves when told to; see {@link createManualClock}. */
export interface ManualClock extends Clock {
  /**
   * Moves time forward by `ms` (≥ 0), firing every due timer synchronously in deadline order; while a timer
   * runs, `now()` equals its deadline. Timers scheduled by a callback for a time within the window fire too.
   */
  advance(ms: number): void;
  /** Moves time to `atMs` (not backwards), like {@link ManualClock.advance}. */
  advanceTo(atMs: number): void;
  /** Number of timers still scheduled. */
  readonly pendingTimers: number;
}

interface ManualTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  active: boolean;
}

/**
 * A deterministic clock for tests: `now()` starts at `startMs` and changes only through `advance`/`advanceTo`,
 * which fire due timers (visibility expiry, delay expiry, long-poll deadlines) synchronously.
 *
 * @param startMs - initial time, Unix ms. @defaultValue `Date.now()` at creation
 */
export function createManualClock(startMs: number = Date.now()): ManualClock {
  if (!Number.isFinite(startMs))
    throw new RangeError(`createManualClock: startMs must be finite, got ${startMs}`);
  let now = startMs;
  let seq = 0;
  let timers: ManualTimer[] = [];
  const advanceTo = (target: number): void => {
    if (!Number.isFinite(target))
      throw new RangeError(`ManualClock: target time must be finite, got ${target}`);
    for (;;) {
      let next: ManualTimer | undefined;
      for (const t of timers) {
        if (!t.active || t.at > target) continue;
        if (next === undefined || t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
      }
      if (next === undefined) break;
      next.active = false;
      timers = timers.filter((t) => t.active);
      if (next.at > now) now = next.at;
      next.callback();
    }
    if (target > now) now = target;
  };
  return {
    now: () => now,
    setTimer(atMs, callback) {
      const timer: ManualTimer = { at: atMs, seq: seq++, callback, active: true };
      timers.push(timer);
      return {
        cancel() {
          if (!timer.active) return;
          timer.active = false;
          timers = timers.filter((t) => t.active);
        },
      };
    },
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`ManualClock.advance: ms must be >= 0, got ${ms}`);
      advanceTo(now + ms);
    },
    advanceTo,
    get pendingTimers() {
      return timers.length;
    },
  };
}
