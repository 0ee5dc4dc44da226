/** Handle of a timer set with {@link Clock.setTimer}. */
export interface ClockTimer {
  /** Cancels the timer; a no-op once it has fired or been cancelled. */
  cancel(): void;
}

/**
 * The one source of time of vodmns: the current time and one-shot timers at absolute deadlines. The local server
 * (visibility, delay, retention, long-poll deadlines, the Date-skew check) and the consumer (leases, ack batching,
 * backoff, metrics ticks) both read it, so one `ManualClock` (from `@vodmns/core/testing`) can drive both in a test.
 *
 * A timer is set at a deadline, not after a delay: a delay is `clock.setTimer(clock.now() + ms, cb)` (or
 * {@link sleep}), and a deadline computed once stays exact however late the timer is armed.
 */
export interface Clock {
  /** Current time, Unix epoch milliseconds. */
  now(): number;
  /** Runs `callback` once, as soon as `now() >= atMs` (at the next turn when already due). */
  setTimer(atMs: number, callback: () => void): ClockTimer;
}

/** Longest single `setTimeout` the runtime accepts (about 24.8 days); longer waits re-arm. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The real clock: `Date.now()` and the global `setTimeout` (re-armed for deadlines beyond the timer range). A
 * pending timer keeps the process alive, like `setTimeout`: a backoff in progress is not cut short by an exit.
 */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimer(atMs: number, callback: () => void): ClockTimer {
    let handle: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      const delay = Math.max(0, atMs - Date.now());
      handle = setTimeout(delay > MAX_TIMEOUT_MS ? arm : callback, Math.min(delay, MAX_TIMEOUT_MS));
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
