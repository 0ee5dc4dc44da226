/** Why a delivery's `signal` aborted. Stable strings: match on them. */
export const DeliveryAbortCodes = {
  /** The lease could not be kept: an extension found the message gone (`MessageNotExist`), or the lease ran out. */
  leaseLost: 'ERR_VODMNS_LEASE_LOST',
  /** The stream stopped (unsubscribe, drain timeout, or a fatal error) before the delivery was settled. */
  stopped: 'ERR_VODMNS_STOPPED',
  /** The handler ran longer than `ackAfter`'s `timeoutMs`. */
  handlerTimeout: 'ERR_VODMNS_HANDLER_TIMEOUT',
} as const;

/** One of {@link DeliveryAbortCodes}. */
export type DeliveryAbortCode = (typeof DeliveryAbortCodes)[keyof typeof DeliveryAbortCodes];

/** The `reason` of an aborted delivery signal. */
export class DeliveryAbortedError extends Error {
  /** Why the delivery was aborted. */
  readonly code: DeliveryAbortCode;
  /** The MNS MessageId of the delivery. */
  readonly messageId: string;

  constructor(code: DeliveryAbortCode, messageId: string, detail: string, cause?: unknown) {
    super(`${code}: ${detail} (messageId=${messageId})`, cause === undefined ? undefined : { cause });
    this.name = 'DeliveryAbortedError';
    this.code = code;
    this.messageId = messageId;
  }
}
