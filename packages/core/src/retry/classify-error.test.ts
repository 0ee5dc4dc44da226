import { describe, expect, it } from 'vitest';
import {
  MnsAbortError,
  MnsConfigError,
  MnsDecodeError,
  MnsNetworkError,
  MnsServiceError,
  MnsTimeoutError,
} from '../errors/mns-error.js';
import { backoffDelayMs } from './backoff.js';
import { classifyMnsError } from './classify-error.js';
import { shouldRetry } from './should-retry.js';

describe('classifyMnsError', () => {
  it.each([
    [{ code: 'QpsLimitExceeded', status: 400 }, 'throttling'],
    [{ code: 'X', status: 429 }, 'throttling'],
    [{ code: 'ERR_MNS_NETWORK', fault: 'transport' as const }, 'transient'],
    [{ code: 'X', status: 503 }, 'transient'],
    [{ code: 'InternalError', status: 500 }, 'server'],
    [{ code: 'QueueNotExist', status: 404 }, 'client'],
    [{ code: 'SignatureDoesNotMatch', status: 403 }, 'client'],
    [{ code: 'ERR_MNS_ABORTED' }, 'abort'],
    [{ code: 'ERR_MNS_INVALID_ARGUMENT', fault: 'client' as const }, 'client'],
    [{ code: 'ERR_MNS_DECODE', fault: 'server' as const }, 'transient'],
    // A body that is not in the encoding asked for stays so on every receive: final, decided here only.
    [{ code: 'ERR_MNS_BODY_ENCODING', fault: 'client' as const, status: 200 }, 'client'],
  ])('%o → %s', (error, category) => {
    expect(classifyMnsError(error).category).toBe(category);
  });

  it('the class implies the code of client errors; attempts are set at construction', () => {
    const common = { message: 'x', fault: 'transport' as const };
    expect(new MnsTimeoutError(common).code).toBe('ERR_MNS_TIMEOUT');
    expect(new MnsNetworkError(common).code).toBe('ERR_MNS_NETWORK');
    expect(new MnsAbortError({ ...common, fault: 'client' }).code).toBe('ERR_MNS_ABORTED');
    expect(new MnsConfigError({ ...common, fault: 'client' }).code).toBe('ERR_MNS_INVALID_ARGUMENT');
    expect(new MnsConfigError({ ...common, fault: 'client', code: 'ERR_MNS_CREDENTIALS' }).code).toBe(
      'ERR_MNS_CREDENTIALS',
    );
    expect(new MnsDecodeError(common).code).toBe('ERR_MNS_DECODE');
    const bodyError = new MnsDecodeError({ ...common, fault: 'client', code: 'ERR_MNS_BODY_ENCODING' });
    expect(bodyError.retryable).toBe(false);
    const timeout = new MnsTimeoutError({ ...common, attempts: 3 });
    expect(timeout.attempts).toBe(3);
  });

  it('sets retryable on errors from the one classifier', () => {
    expect(
      new MnsServiceError({ code: 'InternalError', message: 'x', fault: 'server', status: 500 }).retryable,
    ).toBe(true);
    expect(
      new MnsServiceError({ code: 'QueueNotExist', message: 'x', fault: 'client', status: 404 }).retryable,
    ).toBe(false);
  });
});

describe('shouldRetry', () => {
  const reset = new MnsNetworkError({ code: 'ERR_MNS_NETWORK', message: 'reset', fault: 'transport' });
  const refused = new MnsNetworkError({
    code: 'ERR_MNS_NETWORK',
    message: 'refused',
    fault: 'transport',
    neverSent: true,
  });
  it('retries ambiguous failures only for idempotent operations', () => {
    expect(shouldRetry({ error: reset, attempt: 1, maxAttempts: 3, idempotent: true })).toBe(true);
    expect(shouldRetry({ error: reset, attempt: 1, maxAttempts: 3, idempotent: false })).toBe(false);
    expect(shouldRetry({ error: refused, attempt: 1, maxAttempts: 3, idempotent: false })).toBe(true);
  });
  it('stops at maxAttempts', () => {
    expect(shouldRetry({ error: reset, attempt: 3, maxAttempts: 3, idempotent: true })).toBe(false);
  });
});

describe('backoffDelayMs', () => {
  it('is full jitter under a capped exponential ceiling', () => {
    const opts = { baseMs: 100, capMs: 1000 };
    expect(backoffDelayMs(1, opts, () => 0.999)).toBe(99);
    expect(backoffDelayMs(3, opts, () => 0.5)).toBe(200);
    expect(backoffDelayMs(10, opts, () => 0.999)).toBe(999);
    expect(backoffDelayMs(2, opts, () => 0)).toBe(0);
  });
});
