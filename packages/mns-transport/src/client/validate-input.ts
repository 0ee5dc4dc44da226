import { inspect } from 'node:util';
import { MnsConfigError, MnsErrorCodes } from '@vodmns/core';
import { findInvalidXmlChar } from '../codec/xml.js';

/**
 * Input checks run before any request is built (docs/mns-protocol.md §4.1 ranges). Each failure is an `MnsConfigError` with
 * code `ERR_MNS_INVALID_ARGUMENT` (or `ERR_MNS_INVALID_XML_CHARACTER`) naming the operation, field and value.
 */

/** A value for an error message: strings quoted, long strings cut, objects on one line. */
export function describeValue(value: unknown): string {
  return inspect(value, { breakLength: Number.POSITIVE_INFINITY, maxStringLength: 80, depth: 1 });
}

/** `ERR_MNS_INVALID_ARGUMENT`: `<field> must be <expected>; got <value>`. */
export function invalidArgument(
  action: string,
  field: string,
  value: unknown,
  expected: string,
): MnsConfigError {
  return new MnsConfigError({
    code: MnsErrorCodes.invalidArgument,
    message: `${field} must be ${expected}; got ${describeValue(value)}`,
    fault: 'client',
    operation: action,
  });
}

/** Queue names: 1–120 characters, letters, digits and hyphens, starting with a letter or digit (docs/mns-protocol.md §4.1). */
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,119}$/;

/** The operation input must be an object. */
export function checkInput(action: string, input: unknown): void {
  if (typeof input !== 'object' || input === null) throw invalidArgument(action, 'input', input, 'an object');
}

/** Queue names per {@link QUEUE_NAME_PATTERN}. */
export function checkQueueName(action: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !QUEUE_NAME_PATTERN.test(value)) {
    throw invalidArgument(
      action,
      'queueName',
      value,
      '1–120 letters, digits or hyphens, starting with a letter or digit',
    );
  }
}

/** An integer within [min, max]. */
export function checkInt(action: string, field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(action, field, value, `an integer from ${min} to ${max}`);
  }
}

/** Absent, or an integer within [min, max]. */
export function checkOptionalInt(
  action: string,
  field: string,
  value: unknown,
  min: number,
  max: number,
): void {
  if (value !== undefined) checkInt(action, field, value, min, max);
}

/** Absent, or a boolean. */
export function checkBoolean(action: string, field: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean')
    throw invalidArgument(action, field, value, 'a boolean');
}

/** Absent, or one of `allowed`. */
export function checkOneOf(action: string, field: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    throw invalidArgument(action, field, value, allowed.map((a) => `'${a}'`).join(' or '));
  }
}

// Receipt handles are opaque; they only have to be non-empty printable text that fits in a URL.
const HANDLE_PATTERN = /^[\x21-\x7E]{1,1024}$/;

/** A receipt handle: 1–1024 printable ASCII characters. */
export function checkReceiptHandle(action: string, field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !HANDLE_PATTERN.test(value)) {
    throw invalidArgument(action, field, value, 'a receipt handle (1–1024 printable ASCII characters)');
  }
}

/** Largest message body (and largest total of a batch), bytes. */
export const MAX_BODY_BYTES = 65_536;

/** A message body as text: a non-empty string (asserts the type; the size is checked later, once encoded). */
export function checkBodyText(action: string, field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw invalidArgument(action, field, value, 'a string');
  if (value === '') throw invalidArgument(action, field, value, 'non-empty text');
}

/** Rejects a raw body with a character XML 1.0 cannot carry, naming its position. */
export function checkXmlCharacters(action: string, field: string, value: string): void {
  const at = findInvalidXmlChar(value);
  if (at < 0) return;
  const code = value.codePointAt(at) ?? 0;
  throw new MnsConfigError({
    code: MnsErrorCodes.invalidXmlCharacter,
    message:
      `${field} contains U+${code.toString(16).toUpperCase().padStart(4, '0')} at index ${at}, which XML 1.0 ` +
      `cannot carry; send it with bodyEncoding: 'base64'`,
    fault: 'client',
    operation: action,
  });
}

/** At most {@link MAX_BODY_BYTES} bytes once encoded. */
export function checkBodySize(action: string, field: string, bytes: number): void {
  if (bytes > MAX_BODY_BYTES) {
    throw new MnsConfigError({
      code: MnsErrorCodes.invalidArgument,
      message: `${field} must be at most ${MAX_BODY_BYTES} bytes once encoded; got ${bytes} bytes`,
      fault: 'client',
      operation: action,
    });
  }
}

/** An array of 1–16 entries. */
export function checkBatch(
  action: string,
  field: string,
  value: unknown,
): asserts value is readonly unknown[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 16) {
    throw invalidArgument(
      action,
      field,
      Array.isArray(value) ? `an array of ${value.length}` : value,
      'an array of 1 to 16 entries',
    );
  }
}
