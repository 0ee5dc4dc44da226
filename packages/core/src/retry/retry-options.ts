import {
  assertKnownKeys,
  invalidArgument,
  isFiniteInRange,
  isIntegerInRange,
} from '../errors/invalid-argument.js';
import type { BackoffOptions } from './backoff.js';
import type { ErrorCategory } from './classify-error.js';

/**
 * Retry options of the MNS client (`@vodmns/mns-transport`). Which failures are retried is decided by
 * {@link shouldRetry}; how long to wait by {@link backoffDelayMs} with {@link retryBackoffOptions}.
 */
export interface RetryOptions {
  /**
   * Total attempts per operation, the first one included (1 = never retry). Integer, 1–20.
   * @defaultValue 3
   */
  readonly maxAttempts: number;
  /**
   * Delay ceiling of the first retry, in ms; doubles per retry (full jitter). 0–60000.
   * @defaultValue 100
   */
  readonly baseDelayMs: number;
  /**
   * Upper bound of any retry delay, in ms. ≥ `baseDelayMs` and ≥ `throttlingBaseDelayMs`, at most 300000.
   * @defaultValue 20000
   */
  readonly maxDelayMs: number;
  /**
   * Delay ceiling of the first retry after a throttling error (`QpsLimitExceeded`, HTTP 429), in ms: the
   * service asked us to slow down, so back off harder. 0–60000.
   * @defaultValue 500
   */
  readonly throttlingBaseDelayMs: number;
}

/** The defaults of {@link RetryOptions}, frozen. */
export const DEFAULT_RETRY_OPTIONS: Readonly<RetryOptions> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 20_000,
  throttlingBaseDelayMs: 500,
});

/** Input of {@link resolveRetryOptions}: any subset of {@link RetryOptions}; `undefined` means "default". */
export type RetryOptionsInput = { readonly [K in keyof RetryOptions]?: RetryOptions[K] | undefined };

const KEYS = Object.keys(DEFAULT_RETRY_OPTIONS);

/**
 * Fills defaults and validates eagerly. Pure.
 *
 * @throws {@link MnsConfigError} (code `ERR_MNS_INVALID_ARGUMENT`) naming the field and value, for a value out
 * of range, `maxDelayMs` below a base delay, or an unknown key (`retry.maxAttempt`).
 */
export function resolveRetryOptions(options: RetryOptionsInput = {}): Readonly<RetryOptions> {
  if (typeof options !== 'object' || options === null) {
    throw invalidArgument('retry', options, 'an object of retry options');
  }
  assertKnownKeys('retry', options, KEYS);
  const resolved: RetryOptions = {
    maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_OPTIONS.maxAttempts,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY_OPTIONS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY_OPTIONS.maxDelayMs,
    throttlingBaseDelayMs: options.throttlingBaseDelayMs ?? DEFAULT_RETRY_OPTIONS.throttlingBaseDelayMs,
  };
  if (!isIntegerInRange(resolved.maxAttempts, 1, 20)) {
    throw invalidArgument('retry.maxAttempts', resolved.maxAttempts, 'an integer from 1 to 20');
  }
  if (!isFiniteInRange(resolved.baseDelayMs, 0, 60_000)) {
    throw invalidArgument('retry.baseDelayMs', resolved.baseDelayMs, 'a number of ms from 0 to 60000');
  }
  if (!isFiniteInRange(resolved.throttlingBaseDelayMs, 0, 60_000)) {
    throw invalidArgument(
      'retry.throttlingBaseDelayMs',
      resolved.throttlingBaseDelayMs,
      'a number of ms from 0 to 60000',
    );
  }
  const floor = Math.max(resolved.baseDelayMs, resolved.throttlingBaseDelayMs);
  if (!isFiniteInRange(resolved.maxDelayMs, floor, 300_000)) {
    throw invalidArgument(
      'retry.maxDelayMs',
      resolved.maxDelayMs,
      `a number of ms from ${floor} (the larger base delay) to 300000`,
    );
  }
  return Object.freeze(resolved);
}

/**
 * The {@link BackoffOptions} to pass to {@link backoffDelayMs} after a failure of the given category:
 * `throttlingBaseDelayMs` for throttling, `baseDelayMs` otherwise; capped at `maxDelayMs`.
 *
 * @example
 * ```ts
 * const retry = resolveRetryOptions({ maxAttempts: 5 });
 * const { category } = classifyMnsError(error);
 * if (shouldRetry({ error, attempt, maxAttempts: retry.maxAttempts, idempotent })) {
 *   await sleep(backoffDelayMs(attempt, retryBackoffOptions(retry, category)));
 * }
 * ```
 */
export function retryBackoffOptions(
  options: Readonly<RetryOptions>,
  category: ErrorCategory,
): BackoffOptions {
  return {
    baseMs: category === 'throttling' ? options.throttlingBaseDelayMs : options.baseDelayMs,
    capMs: options.maxDelayMs,
  };
}
