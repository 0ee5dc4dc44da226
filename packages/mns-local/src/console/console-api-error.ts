import { MnsServiceFailure } from '../protocol/mns-service-error.js';

/**
 * A console API failure: an HTTP status, a stable `code` and a message naming what was wrong. Answered as
 * `{"error":{"code","message"}}`; never escapes the console handler.
 */
export class ConsoleApiError extends Error {
  override readonly name = 'ConsoleApiError';
  readonly status: number;
  /** Stable code: the engine's MNS code (`QueueNotExist`, …) or a console code (`InvalidArgument`, …). */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** `400 InvalidArgument` naming the field. */
export function invalidField(field: string, detail: string): ConsoleApiError {
  return new ConsoleApiError(400, 'InvalidArgument', `${field} ${detail}`);
}

/** Maps anything thrown while serving to a {@link ConsoleApiError} (engine failures keep their code and status). */
export function toConsoleApiError(error: unknown): ConsoleApiError {
  if (error instanceof ConsoleApiError) return error;
  if (error instanceof MnsServiceFailure) return new ConsoleApiError(error.status, error.code, error.message);
  return new ConsoleApiError(500, 'InternalError', 'The console could not complete the request.');
}
