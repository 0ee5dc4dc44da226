import { isInMnsRange, isMnsQueueName, MNS_LIMITS, type MnsRange } from '@vodmns/core';
import { MnsServiceFailure, outOfRange } from '../protocol/mns-service-error.js';

/**
 * The writable attributes of a queue (`docs/mns-protocol.md` §4.1). Durations in seconds, sizes in bytes. Ranges
 * and defaults: core's `MNS_LIMITS`.
 */
export interface QueueAttributes {
  /** Default delay of new messages, s, 0–604800. @defaultValue 0 */
  readonly delaySeconds: number;
  /** Largest message body, bytes of UTF-8, 1024–65536. @defaultValue 65536 */
  readonly maximumMessageSize: number;
  /** How long a message lives after it was sent, s, 60–604800. @defaultValue 345600 */
  readonly messageRetentionPeriod: number;
  /** How long a received message stays invisible, s, 1–43200. @defaultValue 30 */
  readonly visibilityTimeout: number;
  /** Long-poll wait when a receive names none, s, 0–30. @defaultValue 0 */
  readonly pollingWaitSeconds: number;
  /** Stored and echoed; has no effect locally. @defaultValue false */
  readonly loggingEnabled: boolean;
}

const L = MNS_LIMITS;

/** Defaults of a new queue (the service's, from core's `MNS_LIMITS`). */
export const DEFAULT_QUEUE_ATTRIBUTES: QueueAttributes = Object.freeze({
  delaySeconds: L.delaySeconds.default,
  maximumMessageSize: L.maximumMessageSizeBytes.default,
  messageRetentionPeriod: L.messageRetentionPeriodSeconds.default,
  visibilityTimeout: L.visibilityTimeoutSeconds.default,
  pollingWaitSeconds: L.pollingWaitSeconds.default,
  loggingEnabled: false,
});

type NumericKey = Exclude<keyof QueueAttributes, 'loggingEnabled'>;

/** Wire element name, range and unit of each numeric attribute. */
export const QUEUE_ATTRIBUTE_RANGES: Readonly<
  Record<NumericKey, readonly [element: string, low: number, high: number, unit: string]>
> = Object.freeze({
  delaySeconds: ['DelaySeconds', L.delaySeconds.min, L.delaySeconds.max, 'seconds'],
  maximumMessageSize: [
    'MaximumMessageSize',
    L.maximumMessageSizeBytes.min,
    L.maximumMessageSizeBytes.max,
    'bytes',
  ],
  messageRetentionPeriod: [
    'MessageRetentionPeriod',
    L.messageRetentionPeriodSeconds.min,
    L.messageRetentionPeriodSeconds.max,
    'seconds',
  ],
  visibilityTimeout: [
    'VisibilityTimeout',
    L.visibilityTimeoutSeconds.min,
    L.visibilityTimeoutSeconds.max,
    'seconds',
  ],
  pollingWaitSeconds: ['PollingWaitSeconds', L.pollingWaitSeconds.min, L.pollingWaitSeconds.max, 'seconds'],
});

const INTEGER = /^\s*-?\d{1,16}\s*$/;

/** Parses an integer element, throwing `InvalidArgument` naming the element for non-integers. */
export function parseIntegerElement(element: string, text: string): number {
  if (!INTEGER.test(text)) {
    throw new MnsServiceFailure(
      'InvalidArgument',
      `The value of ${element} should be an integer, got "${text.slice(0, 32)}".`,
    );
  }
  return Number.parseInt(text, 10);
}

/** Parses and range-checks one numeric attribute. */
export function parseAttribute(key: NumericKey, text: string): number {
  const [element, low, high, unit] = QUEUE_ATTRIBUTE_RANGES[key];
  const value = parseIntegerElement(element, text);
  if (value < low || value > high) throw outOfRange(element, low, high, unit);
  return value;
}

/** Returns `value` when it is an integer within `range`, else throws `InvalidArgument` in MNS's wording. */
export function checkInRange(element: string, value: number, range: MnsRange, unit: string): number {
  if (!isInMnsRange(value, range)) throw outOfRange(element, range.min, range.max, unit);
  return value;
}

/** Parses `LoggingEnabled` (`True`/`False`/`true`/`false`, case-insensitive). */
export function parseBooleanElement(element: string, text: string): boolean {
  const v = text.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new MnsServiceFailure('InvalidArgument', `The value of ${element} should be True or False.`);
}

/** True when two attribute sets are equal field by field. */
export function sameAttributes(a: QueueAttributes, b: QueueAttributes): boolean {
  return (
    a.delaySeconds === b.delaySeconds &&
    a.maximumMessageSize === b.maximumMessageSize &&
    a.messageRetentionPeriod === b.messageRetentionPeriod &&
    a.visibilityTimeout === b.visibilityTimeout &&
    a.pollingWaitSeconds === b.pollingWaitSeconds &&
    a.loggingEnabled === b.loggingEnabled
  );
}

/** Throws `QueueNameLengthError` / `InvalidQueueName` for names outside core's `MNS_QUEUE_NAME_PATTERN`. */
export function validateQueueName(name: string): void {
  if (name.length < L.queueNameLength.min || name.length > L.queueNameLength.max)
    throw new MnsServiceFailure('QueueNameLengthError');
  if (!isMnsQueueName(name)) throw new MnsServiceFailure('InvalidQueueName');
}
