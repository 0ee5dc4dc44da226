import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_BACKOFF_OPTIONS } from './backoff.js';
import { type ClassifiableError, classifyMnsError } from './classify-error.js';

const THROTTLING = { category: 'throttling', retryable: true, safeForNonIdempotent: true } as const;
const NEVER_SENT = { category: 'transient', retryable: true, safeForNonIdempotent: true } as const;
const TRANSIENT = { category: 'transient', retryable: true, safeForNonIdempotent: false } as const;
const SERVER = { category: 'server', retryable: true, safeForNonIdempotent: false } as const;
const CLIENT = { category: 'client', retryable: false, safeForNonIdempotent: false } as const;
const ABORT = { category: 'abort', retryable: false, safeForNonIdempotent: false } as const;

// Equivalent mutants (cannot be killed): `error.code ?? ''` → any other string that is in none of the code sets;
// `error.status !== undefined && error.status >= 500` → `true && …` (`undefined >= 500` is false).
// Every row asserts the whole classification (category, retryable, safeForNonIdempotent), so flipping any one
// of them in classify-error.ts fails a row.
describe('classifyMnsError: the whole decision per row', () => {
  it.each<[ClassifiableError, object]>([
    [{ code: 'QpsLimitExceeded', status: 400 }, THROTTLING],
    [{ code: 'Throttling', status: 503 }, THROTTLING],
    [{ code: 'Throttling.User', status: 400 }, THROTTLING],
    [{ code: 'TooManyRequests', status: 400 }, THROTTLING],
    [{ code: 'X', status: 429 }, THROTTLING],
    [{ status: 429 }, THROTTLING],
    [{ code: 'ERR_MNS_NETWORK', fault: 'transport', neverSent: true }, NEVER_SENT],
    [{ code: 'ERR_MNS_NETWORK', neverSent: false }, TRANSIENT],
    [{ code: 'ERR_MNS_NETWORK', fault: 'transport' }, TRANSIENT],
    [{ code: 'ERR_MNS_TIMEOUT' }, TRANSIENT],
    [{ code: 'ERR_MNS_DECODE' }, TRANSIENT],
    [{ code: 'ERR_MNS_BODY_MD5_MISMATCH' }, TRANSIENT],
    [{ code: 'Other', fault: 'transport' }, TRANSIENT],
    [{ code: 'X', status: 502 }, TRANSIENT],
    [{ code: 'X', status: 503 }, TRANSIENT],
    [{ code: 'X', status: 504 }, TRANSIENT],
    [{ code: 'InternalError', status: 500 }, SERVER],
    [{ code: 'InternalServerError' }, SERVER],
    [{ code: 'ServiceUnavailable' }, SERVER],
    [{ code: 'X', status: 500 }, SERVER],
    [{ code: 'X', status: 501 }, SERVER],
    [{ code: 'X', status: 599 }, SERVER],
    [{ code: 'X', fault: 'server' }, SERVER],
    [{ code: 'X', status: 499 }, CLIENT],
    [{ code: 'QueueNotExist', status: 404 }, CLIENT],
    [{ code: 'SignatureDoesNotMatch', status: 403, fault: 'client' }, CLIENT],
    [{}, CLIENT],
    [{ code: 'ERR_MNS_ABORTED' }, ABORT],
    [{ code: 'ERR_MNS_ABORTED', status: 503, fault: 'transport', neverSent: true }, ABORT],
    [{ code: 'ERR_MNS_INVALID_ARGUMENT', fault: 'client' }, CLIENT],
    // A never-retry code wins over anything that would otherwise retry, a 5xx or 429 included.
    [{ code: 'ERR_MNS_INVALID_ARGUMENT', status: 500, fault: 'server' }, CLIENT],
    [{ code: 'ERR_MNS_CREDENTIALS', status: 503, fault: 'transport', neverSent: true }, CLIENT],
    [{ code: 'ERR_MNS_INVALID_XML_CHARACTER', status: 429 }, CLIENT],
  ])('%o', (error, expected) => {
    expect(classifyMnsError(error)).toEqual(expected);
  });
});

describe('backoffDelayMs defaults', () => {
  it('uses DEFAULT_BACKOFF_OPTIONS (base 100 ms, cap 20 s) when no options are given, never NaN', () => {
    expect(DEFAULT_BACKOFF_OPTIONS).toEqual({ baseMs: 100, capMs: 20_000 });
    expect(Object.isFrozen(DEFAULT_BACKOFF_OPTIONS)).toBe(true);
    expect(backoffDelayMs(1, undefined, () => 0.5)).toBe(50);
    expect(backoffDelayMs(4, undefined, () => 0.5)).toBe(400);
    expect(backoffDelayMs(20, undefined, () => 0.999_999)).toBe(19_999);
    const d = backoffDelayMs(3);
    expect(Number.isInteger(d)).toBe(true);
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThan(400);
  });

  it('treats retry 0 and negatives as the first retry and caps the exponent (no Infinity)', () => {
    const opts = { baseMs: 100, capMs: Number.POSITIVE_INFINITY };
    expect(backoffDelayMs(0, opts, () => 0.5)).toBe(50);
    expect(backoffDelayMs(-3, opts, () => 0.5)).toBe(50);
    expect(backoffDelayMs(31, opts, () => 0.5)).toBe(50 * 2 ** 30);
    expect(backoffDelayMs(1000, opts, () => 0.5)).toBe(50 * 2 ** 30);
  });
});
