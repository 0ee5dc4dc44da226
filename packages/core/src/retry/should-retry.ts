import { type ClassifiableError, classifyMnsError } from './classify-error.js';

/** Input of {@link shouldRetry}. */
export interface ShouldRetryInput {
  readonly error: ClassifiableError;
  /** Attempts made so far, including the one that just failed (≥ 1). */
  readonly attempt: number;
  /** Total attempts allowed (1 = never retry). */
  readonly maxAttempts: number;
  /**
   * Whether repeating the operation cannot duplicate a side effect. `sendMessage`/`batchSendMessage` are not
   * idempotent: a retried send whose first attempt did reach the server enqueues a duplicate.
   */
  readonly idempotent: boolean;
}

/**
 * Decides whether to retry: throttling always (within `maxAttempts`); transient and server failures only for
 * idempotent operations or requests that provably never left; client errors and aborts never. Pure.
 */
export function shouldRetry(input: ShouldRetryInput): boolean {
  if (input.attempt >= input.maxAttempts) return false;
  const c = classifyMnsError(input.error);
  if (!c.retryable) return false;
  return input.idempotent || c.safeForNonIdempotent;
}
