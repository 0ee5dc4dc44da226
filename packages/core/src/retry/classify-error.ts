import { MnsErrorCodes } from '../errors/error-codes.js';

/**
 * How a failure should be treated. The only place in vodmns that decides retryability.
 * - `throttling`: the service asked us to slow down; always retry (with backoff).
 * - `transient`: the network or a proxy failed, or a response was cut off; retry idempotent operations.
 * - `server`: the service failed (5xx); retry idempotent operations.
 * - `client`: the request itself is wrong (4xx, bad input, bad credentials); never retry.
 * - `abort`: the caller cancelled; never retry.
 */
export type ErrorCategory = 'throttling' | 'transient' | 'server' | 'client' | 'abort';

export interface ErrorClassification {
  readonly category: ErrorCategory;
  /** Retrying may succeed (for idempotent operations; see {@link shouldRetry}). */
  readonly retryable: boolean;
  /**
   * Retrying cannot duplicate a side effect: the request provably never reached the server, or the service
   * rejected it before acting (throttling). Only such failures are retried for non-idempotent sends.
   */
  readonly safeForNonIdempotent: boolean;
}

/** The fields of an error the classifier looks at. */
export interface ClassifiableError {
  readonly code?: string | undefined;
  readonly status?: number | undefined;
  readonly fault?: 'client' | 'server' | 'transport' | undefined;
  readonly neverSent?: boolean | undefined;
}

const THROTTLING_CODES = new Set(['QpsLimitExceeded', 'Throttling', 'Throttling.User', 'TooManyRequests']);
const SERVER_CODES = new Set(['InternalError', 'InternalServerError', 'ServiceUnavailable']);
const TRANSIENT_CLIENT_CODES = new Set<string>([
  MnsErrorCodes.timeout,
  MnsErrorCodes.network,
  MnsErrorCodes.decode,
  MnsErrorCodes.bodyMd5Mismatch,
]);
const NEVER_RETRY_CODES = new Set<string>([
  MnsErrorCodes.invalidArgument,
  MnsErrorCodes.credentials,
  MnsErrorCodes.invalidXmlCharacter,
  // The stored body is what it is: receiving it again returns the same bytes.
  MnsErrorCodes.bodyEncoding,
]);

/** Classifies an MNS failure by its code, HTTP status and fault. Pure. */
export function classifyMnsError(error: ClassifiableError): ErrorClassification {
  const code = error.code ?? '';
  if (code === MnsErrorCodes.aborted)
    return { category: 'abort', retryable: false, safeForNonIdempotent: false };
  if (NEVER_RETRY_CODES.has(code))
    return { category: 'client', retryable: false, safeForNonIdempotent: false };
  if (THROTTLING_CODES.has(code) || error.status === 429) {
    return { category: 'throttling', retryable: true, safeForNonIdempotent: true };
  }
  if (error.neverSent === true) return { category: 'transient', retryable: true, safeForNonIdempotent: true };
  if (TRANSIENT_CLIENT_CODES.has(code) || error.fault === 'transport') {
    return { category: 'transient', retryable: true, safeForNonIdempotent: false };
  }
  if (error.status === 502 || error.status === 503 || error.status === 504) {
    return { category: 'transient', retryable: true, safeForNonIdempotent: false };
  }
  if (
    SERVER_CODES.has(code) ||
    (error.status !== undefined && error.status >= 500) ||
    error.fault === 'server'
  ) {
    return { category: 'server', retryable: true, safeForNonIdempotent: false };
  }
  return { category: 'client', retryable: false, safeForNonIdempotent: false };
}
