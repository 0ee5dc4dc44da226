import { classifyMnsError } from '../retry/classify-error.js';
import { MnsErrorCodes } from './error-codes.js';

/** Who is at fault: the caller (bad input, bad credentials), the service (5xx), or the network in between. */
export type MnsFault = 'client' | 'server' | 'transport';

const BRAND = Symbol.for('vodmns.MnsError');

/**
 * Longest {@link MnsError.detail} an error keeps, in characters; the rest is cut, with a note of how much. A
 * service's `<Message>` (or any text from a response) is copied into errors, and a hostile or broken server must
 * not be able to make an error — its message, stack, `util.inspect` or log line — megabytes long.
 */
export const MAX_ERROR_DETAIL_CHARS = 1024;

/** `text` cut to {@link MAX_ERROR_DETAIL_CHARS} characters (never inside a surrogate pair), noting the cut. */
export function capErrorDetail(text: string): string {
  if (text.length <= MAX_ERROR_DETAIL_CHARS) return text;
  let end = MAX_ERROR_DETAIL_CHARS;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}… (${text.length - end} more characters cut)`;
}

/** Fields shared by every {@link MnsError}. */
export interface MnsErrorOptions {
  /** Stable string code: an MNS service code verbatim (`QueueNotExist`) or a client code (`ERR_MNS_TIMEOUT`). */
  readonly code: string;
  /** Human-readable description, without any secret. */
  readonly message: string;
  readonly fault: MnsFault;
  /** HTTP status of the response, when there was one. */
  readonly status?: number | undefined;
  /** `x-mns-request-id` of the failed response, when there was one. */
  readonly requestId?: string | undefined;
  /** `HostId` of the MNS error document, when there was one. */
  readonly hostId?: string | undefined;
  /** The request, as `METHOD /path` (query string removed: it can carry receipt handles). */
  readonly operation?: string | undefined;
  /** How many attempts were made before giving up (1 = no retry). */
  readonly attempts?: number | undefined;
  /** Whether the request provably never reached the server (e.g. connection refused). */
  readonly neverSent?: boolean | undefined;
  readonly cause?: unknown;
}

/**
 * Base class of every error vodmns raises about MNS. Errors are public API: match on `code`, decide on
 * `retryable`, report `requestId`. The message has one grep-able format:
 * `[DELETE /queues/q/messages] 404 ReceiptHandleError: … (requestId=…)`.
 */
export class MnsError extends Error {
  readonly code: string;
  readonly fault: MnsFault;
  /** Decided by {@link classifyMnsError}, the one place that decides retryability. */
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly hostId: string | undefined;
  readonly operation: string | undefined;
  /** How many attempts were made before giving up (1 = no retry). Set at construction. */
  readonly attempts: number;
  readonly neverSent: boolean;
  /** The message as given (cut to {@link MAX_ERROR_DETAIL_CHARS}), without the operation/status/code decoration. */
  readonly detail: string;

  constructor(options: MnsErrorOptions) {
    super(formatMnsErrorMessage(options), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.fault = options.fault;
    this.status = options.status;
    this.requestId = options.requestId;
    this.hostId = options.hostId;
    this.operation = options.operation;
    this.attempts = options.attempts ?? 1;
    this.neverSent = options.neverSent ?? false;
    this.detail = capErrorDetail(options.message);
    this.retryable = classifyMnsError(this).retryable;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A plain, secret-free object for logs and JSON output. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      fault: this.fault,
      retryable: this.retryable,
      status: this.status,
      requestId: this.requestId,
      hostId: this.hostId,
      operation: this.operation,
      attempts: this.attempts,
    };
  }
}

/** The service answered with an MNS `<Error>` document (or a per-entry batch error). */
export class MnsServiceError extends MnsError {}

/**
 * Options of an error class whose code follows from the class: `code` may be left out (it is then the class's
 * one code, or its first) and may only be one of the class's codes.
 */
export type MnsClassErrorOptions<C extends string> = Omit<MnsErrorOptions, 'code'> & { readonly code?: C };

/** The connection failed, was reset, or the response was cut off. Code: always `ERR_MNS_NETWORK`. */
export class MnsNetworkError extends MnsError {
  declare readonly code: typeof MnsErrorCodes.network;
  constructor(options: MnsClassErrorOptions<typeof MnsErrorCodes.network>) {
    super({ ...options, code: MnsErrorCodes.network });
  }
}
/** No complete response within the per-attempt timeout. Code: always `ERR_MNS_TIMEOUT`. */
export class MnsTimeoutError extends MnsError {
  declare readonly code: typeof MnsErrorCodes.timeout;
  constructor(options: MnsClassErrorOptions<typeof MnsErrorCodes.timeout>) {
    super({ ...options, code: MnsErrorCodes.timeout });
  }
}
/** The caller's `AbortSignal` fired. Never retried. Code: always `ERR_MNS_ABORTED`. */
export class MnsAbortError extends MnsError {
  declare readonly code: typeof MnsErrorCodes.aborted;
  constructor(options: MnsClassErrorOptions<typeof MnsErrorCodes.aborted>) {
    super({ ...options, code: MnsErrorCodes.aborted });
  }
}

/** The codes of {@link MnsConfigError}. */
export type MnsConfigErrorCode =
  | typeof MnsErrorCodes.invalidArgument
  | typeof MnsErrorCodes.credentials
  | typeof MnsErrorCodes.invalidXmlCharacter
  | typeof MnsErrorCodes.localSqliteMissing;

/**
 * Invalid options or input, found before any request was sent. Never retried. Code: `ERR_MNS_INVALID_ARGUMENT`
 * (the default), `ERR_MNS_CREDENTIALS` or `ERR_MNS_INVALID_XML_CHARACTER`.
 */
export class MnsConfigError extends MnsError {
  declare readonly code: MnsConfigErrorCode;
  constructor(options: MnsClassErrorOptions<MnsConfigErrorCode>) {
    super({ ...options, code: options.code ?? MnsErrorCodes.invalidArgument });
  }
}

/** The codes of {@link MnsDecodeError}. */
export type MnsDecodeErrorCode =
  | typeof MnsErrorCodes.decode
  | typeof MnsErrorCodes.bodyMd5Mismatch
  | typeof MnsErrorCodes.bodyEncoding
  | typeof MnsErrorCodes.responseTooLarge;

/**
 * A response could not be decoded (malformed or truncated XML, MD5 mismatch), or a received body is not in the
 * encoding asked for. Code: `ERR_MNS_DECODE` (the default), `ERR_MNS_BODY_MD5_MISMATCH` or `ERR_MNS_BODY_ENCODING`.
 */
export class MnsDecodeError extends MnsError {
  declare readonly code: MnsDecodeErrorCode;
  constructor(options: MnsClassErrorOptions<MnsDecodeErrorCode>) {
    super({ ...options, code: options.code ?? MnsErrorCodes.decode });
  }
}

/** True for any {@link MnsError}, also across duplicated copies of this package (brand check). */
export function isMnsError(value: unknown): value is MnsError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Builds the one message format: `[METHOD /path] status Code: message (requestId=…)`. */
export function formatMnsErrorMessage(options: MnsErrorOptions): string {
  let text = '';
  if (options.operation) text += `[${options.operation}] `;
  if (options.status !== undefined) text += `${options.status} `;
  text += `${options.code}: ${capErrorDetail(options.message)}`;
  if (options.requestId) text += ` (requestId=${options.requestId})`;
  return text;
}
