import { MNS_LIMITS } from '@vodmns/core';

/**
 * The MNS error codes this server answers with, their HTTP status and documented message (docs/mns-protocol.md §7.2).
 * Codes are public API: SDKs map them to typed errors.
 */
export const MNS_ERROR_TABLE = {
  AccessDenied: [403, 'The OwnerId that your Access Key Id associated to is forbidden for this operation.'],
  InvalidAccessKeyId: [403, 'The AccessKey Id you provided is not exist.'],
  SignatureDoesNotMatch: [
    403,
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  ],
  InvalidAuthorizationHeader: [400, 'The Authorization header format is invalid.'],
  MissingAuthorizationHeader: [400, 'Authorization header is required.'],
  InvalidDateHeader: [400, 'The Date header format is invalid.'],
  MissingDateHeader: [400, 'Date header is required.'],
  TimeExpired: [408, 'The http request you sent is expired.'],
  InvalidVersionHeader: [400, 'The x-mns-version header is invalid, expected 2015-06-06.'],
  InvalidDegist: [400, 'The Content-MD5 you specified is invalid.'],
  InvalidArgument: [400, 'The XML you provided did not validate against our published schema.'],
  InvalidRequestURL: [400, 'Http request URL format invalid.'],
  InvalidQueryString: [400, 'Http request URL contains invalid querystring item.'],
  MalformedXML: [400, 'The XML you provided was not well-formed.'],
  MissingReceiptHandle: [400, 'ReceiptHandle is required.'],
  MissingVisibilityTimeout: [400, 'VisibilityTimeout is required.'],
  ReceiptHandleError: [400, 'The receipt handle you provide is not valid.'],
  MessageNotExist: [404, 'Message not exist.'],
  QueueNotExist: [404, 'The queue name you provided is not exist.'],
  QueueAlreadyExist: [409, 'The queue you want to create is already exist.'],
  InvalidQueueName: [400, 'The queue name you provided is invalid.'],
  QueueNameLengthError: [
    400,
    `Queue name length should between ${MNS_LIMITS.queueNameLength.min} and ${MNS_LIMITS.queueNameLength.max}.`,
  ],
  RequestTimeout: [408, 'The request was not received completely within the server timeout.'],
  RequestHeaderTooLarge: [431, 'The request headers are too large.'],
  RequestBodyTooLarge: [413, 'The request body is too large.'],
  TooManyRequests: [429, 'The request is denied by cluster flow limiter for too many requests.'],
  InternalError: [500, 'Interal error.'],
} as const satisfies Record<string, readonly [number, string]>;

/** An error code from {@link MNS_ERROR_TABLE}. */
export type MnsLocalErrorCode = keyof typeof MNS_ERROR_TABLE;

/**
 * A service error the server turns into an MNS `<Error>` document. Thrown inside request handling; never
 * escapes the server.
 */
export class MnsServiceFailure extends Error {
  override readonly name = 'MnsServiceFailure';
  /** HTTP status of the error response. */
  readonly status: number;
  /** MNS error code (`<Code>`). */
  readonly code: string;

  /**
   * @param code - a code of {@link MNS_ERROR_TABLE} (status and message default from it), or any other code
   *   (used by fault injection; defaults 500 / `Interal error.`)
   */
  constructor(code: MnsLocalErrorCode | (string & {}), message?: string, status?: number) {
    const known = (MNS_ERROR_TABLE as Record<string, readonly [number, string]>)[code];
    const [defaultStatus, defaultMessage] = known ?? MNS_ERROR_TABLE.InternalError;
    super(message ?? defaultMessage);
    this.code = code;
    this.status = status ?? defaultStatus;
  }
}

/** `InvalidArgument` for a numeric value out of range, in MNS's wording. */
export function outOfRange(element: string, low: number, high: number, unit: string): MnsServiceFailure {
  return new MnsServiceFailure(
    'InvalidArgument',
    `The value of ${element} should between ${low} and ${high}${unit === '' ? '' : ` ${unit}`}.`,
  );
}

/** `InvalidArgument` for an element that does not fit the schema. */
export function schemaViolation(element: string): MnsServiceFailure {
  return new MnsServiceFailure(
    'InvalidArgument',
    `The XML you provided did not validate against our published schema, cause by ${element}.`,
  );
}
