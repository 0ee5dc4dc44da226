/** An inclusive integer range of an MNS field, and the value the service uses when the field is absent. */
export interface MnsRange {
  readonly min: number;
  readonly max: number;
  /** The service's value when the field is absent (`undefined`: the field is required or has no default). */
  readonly default?: number | undefined;
}

/** An {@link MnsRange} whose field has a service default. */
export interface MnsRangeWithDefault extends MnsRange {
  readonly default: number;
}

function range(min: number, max: number): MnsRange;
function range(min: number, max: number, defaultValue: number): MnsRangeWithDefault;
function range(min: number, max: number, defaultValue?: number): MnsRange {
  return Object.freeze(defaultValue === undefined ? { min, max } : { min, max, default: defaultValue });
}

const QUEUE_NAME_MAX_LENGTH = 120;
const SEVEN_DAYS_SECONDS = 604_800;
const SIXTY_FOUR_KIB = 65_536;

/**
 * The MNS queue service's limits: the one place in vodmns that states them. Every package (core's routing and
 * retry, the transport's input checks, the local server, the consumer, the CLI) validates through these values.
 * Facts from `docs/mns-protocol.md` §4.1 (queue attributes), §4.6 (SendMessage), §4.7 (BatchSendMessage), §4.9
 * (BatchReceiveMessage), §4.13 (ChangeMessageVisibility) and §5 (message model); where the service's observed
 * behaviour and its reference disagree, the observed behaviour wins (e.g. `Priority` 0 is rejected, not read as 8).
 */
export const MNS_LIMITS = Object.freeze({
  /** Queue name length, characters. See {@link MNS_QUEUE_NAME_PATTERN} for the characters. */
  queueNameLength: range(1, QUEUE_NAME_MAX_LENGTH),
  /** Queue `VisibilityTimeout` and `ChangeMessageVisibility`'s timeout, seconds (12 h). */
  visibilityTimeoutSeconds: range(1, 43_200, 30),
  /** Queue `DelaySeconds` and a message's `DelaySeconds`, seconds (7 days). */
  delaySeconds: range(0, SEVEN_DAYS_SECONDS, 0),
  /** Queue `MessageRetentionPeriod`, seconds (1 min – 7 days; default 4 days). */
  messageRetentionPeriodSeconds: range(60, SEVEN_DAYS_SECONDS, 345_600),
  /**
   * Queue `MaximumMessageSize`, bytes. A body is measured as sent (the base64 text when the sender encoded it);
   * `max` is also the largest total of a batch send's bodies.
   */
  maximumMessageSizeBytes: range(1024, SIXTY_FOUR_KIB, SIXTY_FOUR_KIB),
  /** Queue `PollingWaitSeconds` and a receive's `waitseconds` (long poll), seconds. */
  pollingWaitSeconds: range(0, 30, 0),
  /** A message's `Priority`: 1 highest, 16 lowest. */
  priority: range(1, 16, 8),
  /** Messages (or receipt handles) per batch operation: BatchSend, BatchReceive, BatchPeek, BatchDelete. */
  batchSize: range(1, 16),
  /** ListQueue page size (`x-mns-ret-number`). */
  listQueuesPageSize: range(1, 1000, 1000),
});

/**
 * Valid MNS queue names: 1–120 letters, digits or hyphens, starting with a letter or a digit (current rule; older
 * references said 256 characters starting with a letter). Case is preserved. `docs/mns-protocol.md` §4.1.
 */
export const MNS_QUEUE_NAME_PATTERN: RegExp = new RegExp(
  `^[A-Za-z0-9][A-Za-z0-9-]{0,${QUEUE_NAME_MAX_LENGTH - 1}}$`,
);

/** The queue-name rule in words, for error messages and help texts. */
export const MNS_QUEUE_NAME_RULE = `${MNS_LIMITS.queueNameLength.min}–${QUEUE_NAME_MAX_LENGTH} letters, digits or hyphens, starting with a letter or digit`;

/** True for a string that is a valid MNS queue name ({@link MNS_QUEUE_NAME_PATTERN}). */
export function isMnsQueueName(value: unknown): value is string {
  return typeof value === 'string' && MNS_QUEUE_NAME_PATTERN.test(value);
}

/** True for an integer within `range` (inclusive). */
export function isInMnsRange(value: unknown, range: MnsRange): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
}
