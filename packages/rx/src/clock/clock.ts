import { clearTimeout as clearNodeTimeout, setTimeout as setNodeTimeout } from 'node:timers';

/** Cancels a timer scheduled with {@link Clock.schedule}; calling it twice is harmless. */
export type CancelTimer = () => void;

/**
 * Time as the consumer runtime sees it: the current time and one-shot timers. Injected so that tests can drive
 * leases, ack batching, backoff and long polls with exact timing (see `ManualClock` in `@vodmns/rx/testing`).
 */
export interface Clock {
  /** Current time in Unix epoch milliseconds. */
  now(): number;
  /** Runs `callback` once after `delayMs` (≥ 0) milliseconds; returns a function that cancels it. */
  schedule(callback: () => void, delayMs: number): CancelTimer;
}

/** The real clock: `Date.now()` and Node timers. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  schedule(callback: () => void, delayMs: number): CancelTimer {
    const timer = setNodeTimeout(callback, Math.max(0, delayMs));
    return () => clearNodeTimeout(timer);
  },
});

/**
 * Resolves after `delayMs` on `clock`, or as soon as `signal` aborts (then it resolves `false` instead of `true`).
 * Never rejects, so an aborted backoff ends a loop quietly.
 */
export function sleep(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      cancel();
      resolve(false);
    };
    const cancel = clock.schedule(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
