/** Options of {@link backoffDelayMs}. */
export interface BackoffOptions {
  /** Delay ceiling of the first retry, in ms. @defaultValue 100 */
  readonly baseMs: number;
  /** Upper bound of any delay, in ms. @defaultValue 20000 */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF_OPTIONS: Readonly<BackoffOptions> = Object.freeze({
  baseMs: 100,
  capMs: 20_000,
});

/**
 * Capped exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS architecture blog):
 * a uniformly random delay in `[0, min(capMs, baseMs * 2^(retry-1)))`. Pure: randomness is injected.
 *
 * @param retry - 1 for the first retry (the second attempt), 2 for the next, …
 * @param random - returns a number in [0, 1), e.g. `Math.random`.
 */
export function backoffDelayMs(
  retry: number,
  options: BackoffOptions = DEFAULT_BACKOFF_OPTIONS,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(retry - 1, 30));
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
