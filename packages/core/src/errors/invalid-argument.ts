import { inspect } from 'node:util';
import { MnsErrorCodes } from './error-codes.js';
import { MnsConfigError } from './mns-error.js';

/** Longest string shown in an error message before it is cut (`inspect` then says how much more there was). */
const MAX_SHOWN_STRING_LENGTH = 100;

/**
 * Renders a value for an error message: strings quoted, long strings cut, objects on one line, two levels deep.
 * The one renderer of every "bad argument" message in vodmns.
 */
export function describeValue(value: unknown): string {
  return inspect(value, {
    breakLength: Number.POSITIVE_INFINITY,
    maxStringLength: MAX_SHOWN_STRING_LENGTH,
    depth: 2,
  });
}

/** Options of {@link invalidArgument}. */
export interface InvalidArgumentOptions {
  /** The value is a secret: the message shows its length (or type) only. @defaultValue false */
  readonly redact?: boolean | undefined;
  /** The operation the argument was given to, e.g. `sendMessage` (the error's `operation`). */
  readonly operation?: string | undefined;
}

/**
 * Builds the one "bad argument" error of vodmns: an {@link MnsConfigError} with code `ERR_MNS_INVALID_ARGUMENT`
 * and the message `<field> must be <expectation>; got <value>` (value per {@link describeValue}). Every validator
 * in every package throws it.
 *
 * @example
 * ```ts
 * throw invalidArgument('options.batchSize', 17, 'an integer from 1 to 16');
 * // MnsConfigError: ERR_MNS_INVALID_ARGUMENT: options.batchSize must be an integer from 1 to 16; got 17
 * ```
 */
export function invalidArgument(
  field: string,
  value: unknown,
  expectation: string,
  options: InvalidArgumentOptions = {},
): MnsConfigError {
  const shown =
    options.redact === true
      ? `<redacted, ${typeof value === 'string' ? `${value.length} characters` : typeof value}>`
      : describeValue(value);
  return new MnsConfigError({
    code: MnsErrorCodes.invalidArgument,
    message: `${field} must be ${expectation}; got ${shown}`,
    fault: 'client',
    operation: options.operation,
  });
}

/** The expectation text of an integer range: `an integer from <min> to <max>` (plus ` <unit>`). */
export function integerRangeText(range: { readonly min: number; readonly max: number }, unit = ''): string {
  return `an integer from ${range.min} to ${range.max}${unit === '' ? '' : ` ${unit}`}`;
}

/**
 * Rejects keys of an options object that the validator does not know (a typo such as `maxAttempt` would
 * otherwise be ignored silently). Internal helper.
 */
export function assertKnownKeys(what: string, input: object, known: readonly string[]): void {
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) {
      throw invalidArgument(`${what}.${key}`, key, `one of the known options (${known.join(', ')})`);
    }
  }
}

/** True for an integer number within [min, max]. Internal helper. */
export function isIntegerInRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** True for a finite number within [min, max]. Internal helper. */
export function isFiniteInRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}
