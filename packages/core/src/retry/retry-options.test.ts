import { describe, expect, it } from 'vitest';
import { MnsConfigError } from '../errors/mns-error.js';
import { backoffDelayMs } from './backoff.js';
import { DEFAULT_RETRY_OPTIONS, resolveRetryOptions, retryBackoffOptions } from './retry-options.js';

describe('resolveRetryOptions', () => {
  it('defaults to 3 attempts, 100 ms base, 20 s cap, 500 ms throttling base', () => {
    expect(resolveRetryOptions()).toEqual({
      maxAttempts: 3,
      baseDelayMs: 100,
      maxDelayMs: 20_000,
      throttlingBaseDelayMs: 500,
    });
    expect(resolveRetryOptions()).toEqual(DEFAULT_RETRY_OPTIONS);
    expect(Object.isFrozen(DEFAULT_RETRY_OPTIONS)).toBe(true);
    expect(Object.isFrozen(resolveRetryOptions({ maxAttempts: 1 }))).toBe(true);
  });

  it('keeps given values and treats undefined as default', () => {
    expect(
      resolveRetryOptions({
        maxAttempts: 1,
        baseDelayMs: 0,
        maxDelayMs: 1000,
        throttlingBaseDelayMs: undefined,
      }),
    ).toEqual({ maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 1000, throttlingBaseDelayMs: 500 });
  });

  it.each([
    [{ maxAttempts: 0 }, /retry\.maxAttempts must be an integer from 1 to 20; got 0/],
    [{ maxAttempts: 2.5 }, /retry\.maxAttempts .*got 2\.5/],
    [{ maxAttempts: '3' }, /retry\.maxAttempts .*got '3'/],
    [{ baseDelayMs: -1 }, /retry\.baseDelayMs must be .*got -1/],
    [{ baseDelayMs: Number.NaN }, /retry\.baseDelayMs .*got NaN/],
    [{ throttlingBaseDelayMs: 70_000 }, /retry\.throttlingBaseDelayMs .*got 70000/],
    [{ maxDelayMs: 50 }, /retry\.maxDelayMs must be a number of ms from 500 .*got 50/],
    [{ maxDelayMs: Number.POSITIVE_INFINITY }, /retry\.maxDelayMs .*got Infinity/],
    [{ maxAttempt: 3 }, /retry\.maxAttempt must be one of the known options/],
  ])('%o → MnsConfigError', (input, message) => {
    expect(() => resolveRetryOptions(input as never)).toThrow(MnsConfigError);
    expect(() => resolveRetryOptions(input as never)).toThrow(message);
  });
});

describe('retryBackoffOptions', () => {
  const options = resolveRetryOptions({ baseDelayMs: 100, throttlingBaseDelayMs: 800, maxDelayMs: 5000 });
  it.each([
    ['throttling', 800],
    ['transient', 100],
    ['server', 100],
  ] as const)('%s → base %i ms, cap 5000 ms', (category, baseMs) => {
    expect(retryBackoffOptions(options, category)).toEqual({ baseMs, capMs: 5000 });
  });

  it('feeds backoffDelayMs: ceiling doubles per retry and stops at the cap', () => {
    const top = () => 0.999_999;
    const t = retryBackoffOptions(options, 'throttling');
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, t, top))).toEqual([799, 1599, 3199, 4999, 4999]);
  });
});
