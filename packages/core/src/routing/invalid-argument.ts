import { inspect } from 'node:util';
import { MnsErrorCodes } from '../errors/error-codes.js';
import { MnsConfigError } from '../errors/mns-error.js';

/**
 * Renders a value for an error message: strings quoted, long strings cut, objects on one line.
 * Internal helper (not exported from the barrel).
 */
export function describeValue(value: unknown): string {
  return inspect(value, { breakLength: Number.POSITIVE_INFINITY, maxStringLength: 120, depth: 2 });
}

/**
 * Builds the `ERR_MNS_INVALID_ARGUMENT` {@link MnsConfigError} used by every validator in routing and retry:
 * `<field> must be <expectation>; got <value>`. Pass `redact: true` for secrets (the value is then replaced
 * by its length). Internal helper (not exported from the barrel).
 */
export function invalidArgument(
  field: string,
  value: unknown,
  expectation: string,
  options: { readonly redact?: boolean } = {},
): MnsConfigError {
  const shown =
    options.redact === true
      ? `<redacted, ${typeof value === 'string' ? `${value.length} characters` : typeof value}>`
      : describeValue(value);
  return new MnsConfigError({
    code: MnsErrorCodes.invalidArgument,
    message: `${field} must be ${expectation}; got ${shown}`,
    fault: 'client',
  });
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
