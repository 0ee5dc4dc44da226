/** Stable codes of {@link VodEventParseError}. Match on these strings. */
export const VodEventErrorCodes = {
  /** The input is text that is neither JSON nor base64 of UTF-8 JSON. */
  invalidJson: 'ERR_VOD_EVENT_INVALID_JSON',
  /** The input (or the decoded JSON) is not a plain object: null, an array, a number, … */
  notObject: 'ERR_VOD_EVENT_NOT_OBJECT',
  /** `EventType` is missing, empty or not a string. */
  missingType: 'ERR_VOD_EVENT_MISSING_TYPE',
  /** A known event does not match its documented schema; `issues` lists every problem by path. */
  schema: 'ERR_VOD_EVENT_SCHEMA',
  /** The input text is longer than `maxInputLength`. */
  tooLarge: 'ERR_VOD_EVENT_TOO_LARGE',
  /** Reading the input object threw (a getter or a Proxy trap failed). */
  unreadable: 'ERR_VOD_EVENT_UNREADABLE',
} as const;

/** One of the {@link VodEventErrorCodes} values. */
export type VodEventErrorCode = (typeof VodEventErrorCodes)[keyof typeof VodEventErrorCodes];

/** One problem found in an event payload. */
export interface VodEventIssue {
  /** Where, in the payload: `StreamInfos[1].Status`; empty for the payload as a whole. */
  readonly path: string;
  /** What is wrong, naming the expected and received value, e.g. `expected string, received number (42)`. */
  readonly message: string;
}

const BRAND = Symbol.for('vodmns.VodEventParseError');

/**
 * Why a payload could not be parsed into a `VodEvent`. Returned (never thrown) by `parseVodEvent`. Not retryable:
 * the same payload fails the same way. The message has one format:
 * `ERR_VOD_EVENT_SCHEMA: TranscodeComplete: StreamInfos[1].Status: expected one of "success" | "fail", received "ok"`.
 */
export class VodEventParseError extends Error {
  /** Stable code, one of {@link VodEventErrorCodes}. */
  readonly code: VodEventErrorCode;
  /** Always `false`: parsing is deterministic. */
  readonly retryable = false;
  /** Every problem found, with its path. At least one. */
  readonly issues: readonly VodEventIssue[];
  /** The payload's `EventType`, when it had a string one. */
  readonly eventType: string | undefined;

  constructor(
    code: VodEventErrorCode,
    issues: readonly VodEventIssue[],
    eventType?: string,
    cause?: unknown,
  ) {
    super(
      formatVodEventParseErrorMessage(code, issues, eventType),
      cause === undefined ? undefined : { cause },
    );
    this.name = 'VodEventParseError';
    this.code = code;
    this.issues = Object.freeze(issues.slice());
    this.eventType = eventType;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A plain object for logs and JSON output. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      eventType: this.eventType,
      issues: this.issues,
    };
  }
}

/** True for any {@link VodEventParseError}, also across duplicated copies of this package (brand check). */
export function isVodEventParseError(value: unknown): value is VodEventParseError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

const MAX_LISTED_ISSUES = 10;

function formatVodEventParseErrorMessage(
  code: string,
  issues: readonly VodEventIssue[],
  eventType: string | undefined,
): string {
  const listed = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
  const more = issues.length > MAX_LISTED_ISSUES ? ` (+${issues.length - MAX_LISTED_ISSUES} more)` : '';
  return `${code}: ${eventType === undefined ? '' : `${eventType}: `}${listed}${more}`;
}
