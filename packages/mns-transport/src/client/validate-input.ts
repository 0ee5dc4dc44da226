import {
  integerRangeText,
  invalidArgument,
  isInMnsRange,
  isMnsQueueName,
  MNS_LIMITS,
  MNS_QUEUE_NAME_RULE,
  MnsConfigError,
  MnsErrorCodes,
  type MnsRange,
} from '@vodmns/core';
import { findInvalidXmlChar } from '../codec/xml.js';

/**
 * Input checks run before any request is built, against core's `MNS_LIMITS` (`docs/mns-protocol.md` §4.1). Each
 * failure is core's `invalidArgument` error (`ERR_MNS_INVALID_ARGUMENT`, or `ERR_MNS_INVALID_XML_CHARACTER`)
 * naming the operation, field and value.
 */

/** The operation input must be an object. */
export function checkInput(action: string, input: unknown): void {
  if (typeof input !== 'object' || input === null)
    throw invalidArgument('input', input, 'an object', { operation: action });
}

/** Queue names per core's `MNS_QUEUE_NAME_PATTERN`. */
export function checkQueueName(action: string, value: unknown): asserts value is string {
  if (!isMnsQueueName(value)) {
    throw invalidArgument('queueName', value, MNS_QUEUE_NAME_RULE, { operation: action });
  }
}

/** An integer within `range`. */
export function checkInt(action: string, field: string, value: unknown, range: MnsRange): void {
  if (!isInMnsRange(value, range)) {
    throw invalidArgument(field, value, integerRangeText(range), { operation: action });
  }
}

/** Absent, or an integer within `range`. */
export function checkOptionalInt(action: string, field: string, value: unknown, range: MnsRange): void {
  if (value !== undefined) checkInt(action, field, value, range);
}

/** Absent, or a boolean. */
export function checkBoolean(action: string, field: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean')
    throw invalidArgument(field, value, 'a boolean', { operation: action });
}

/** Absent, or one of `allowed`. */
export function checkOneOf(action: string, field: string, value: unknown, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    throw invalidArgument(field, value, allowed.map((a) => `'${a}'`).join(' or '), { operation: action });
  }
}

// Receipt handles are opaque; they only have to be non-empty printable text that fits in a URL.
const HANDLE_PATTERN = /^[\x21-\x7E]{1,1024}$/;

/** A receipt handle: 1–1024 printable ASCII characters. */
export function checkReceiptHandle(action: string, field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !HANDLE_PATTERN.test(value)) {
    throw invalidArgument(field, value, 'a receipt handle (1–1024 printable ASCII characters)', {
      operation: action,
    });
  }
}

/** A message body as text: a non-empty string. */
export function checkBodyText(action: string, field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw invalidArgument(field, value, 'a string', { operation: action });
  if (value === '') throw invalidArgument(field, value, 'non-empty text', { operation: action });
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

/** At most `MNS_LIMITS.maximumMessageSizeBytes.max` bytes once encoded. */
export function checkBodySize(action: string, field: string, bytes: number): void {
  const max = MNS_LIMITS.maximumMessageSizeBytes.max;
  if (bytes > max) {
    throw invalidArgument(field, bytes, `at most ${max} bytes once encoded`, { operation: action });
  }
}

/** An array of `MNS_LIMITS.batchSize` entries. */
export function checkBatch(
  action: string,
  field: string,
  value: unknown,
): asserts value is readonly unknown[] {
  const { min, max } = MNS_LIMITS.batchSize;
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw invalidArgument(
      field,
      Array.isArray(value) ? `an array of ${value.length}` : value,
      `an array of ${min} to ${max} entries`,
      { operation: action },
    );
  }
}
