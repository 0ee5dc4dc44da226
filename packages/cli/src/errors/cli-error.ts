import type { ExitCodeValue } from './exit-codes.js';

/**
 * An error the CLI reports as one line (`vodmns: <message>`) plus an optional hint line, then exits with
 * {@link CliError.exitCode}. The message never contains a secret.
 */
export class CliError extends Error {
  /** The process exit code (see `ExitCode`). */
  readonly exitCode: ExitCodeValue;
  /** One short sentence telling the user what to do next, or `undefined`. */
  readonly hint: string | undefined;

  constructor(exitCode: ExitCodeValue, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** True for a {@link CliError}. */
export function isCliError(value: unknown): value is CliError {
  return value instanceof CliError;
}
