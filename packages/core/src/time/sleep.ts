import type { Clock } from './clock.js';

/**
 * Waits `ms` on `clock`: resolves `true` once the time has passed, or `false` as soon as `signal` aborts (the
 * timer is cancelled, and it resolves `false` at once when `signal` has already aborted). Never rejects, so an
 * aborted backoff ends a loop quietly; a caller that must fail on abort turns `false` into its own error.
 *
 * @param ms - how long to wait, in ms; negative or `NaN` counts as 0.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      timer.cancel();
      resolve(false);
    };
    const timer = clock.setTimer(clock.now() + Math.max(0, ms || 0), () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
