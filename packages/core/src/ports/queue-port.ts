/**
 * Ports: the queue operations the consumer runtime (`@vodmns/rx`) needs, declared here so that it depends on
 * these interfaces and not on a transport. `@vodmns/mns-transport`'s `MnsClient` satisfies them structurally
 * (same method names and shapes as the MNS operations); an in-memory fake can too.
 *
 * Units: timestamps are Unix epoch milliseconds; durations on the wire are seconds (`…Seconds`).
 */
import type { MnsDecodeError } from '../errors/mns-error.js';

/** A message as returned by ReceiveMessage / BatchReceiveMessage. */
export interface ReceivedMessage {
  /** Opaque id, unique per queue (32 upper-case hex chars on the real service). */
  readonly messageId: string;
  /** Token for the current receive; superseded by every receive and visibility change. */
  readonly receiptHandle: string;
  /** The body, decoded per the receive's body encoding (raw text by default). */
  readonly messageBody: string;
  /** Upper-case hex MD5 of the body text as stored by the service. */
  readonly messageBodyMd5: string;
  /** When the message was sent (ms). */
  readonly enqueueTime: number;
  /** When the message was first received (ms). */
  readonly firstDequeueTime: number;
  /** When the message becomes visible again unless deleted or extended (ms). */
  readonly nextVisibleTime: number;
  /** How many times the message has been received, this receive included (≥ 1). */
  readonly dequeueCount: number;
  /** 1 (highest) – 16 (lowest). */
  readonly priority: number;
  /**
   * Set when the body is not in the encoding the receive asked for (code `ERR_MNS_BODY_ENCODING`, e.g. not base64
   * with `bodyEncoding: 'base64'`); `messageBody` is then the body as stored. Such a message is one poison delivery
   * for a consumer; the other messages of its batch are unaffected. Absent when the body decoded.
   */
  readonly bodyError?: MnsDecodeError | undefined;
}

/** Fields every port call accepts. */
export interface PortCallOptions {
  /** Cancels the call (and a held long poll). */
  readonly signal?: AbortSignal | undefined;
}

export interface BatchReceiveMessageInput extends PortCallOptions {
  readonly queueName: string;
  /** 1–16. */
  readonly numOfMessages: number;
  /** Long-poll wait, 0–30 s; absent = the queue's `PollingWaitSeconds`. */
  readonly waitSeconds?: number | undefined;
}

export interface BatchDeleteMessageInput extends PortCallOptions {
  readonly queueName: string;
  /** 1–16 receipt handles. */
  readonly receiptHandles: readonly string[];
}

/** One handle a batch delete could not delete (the others were deleted). */
export interface BatchDeleteFailure {
  readonly receiptHandle: string;
  /** `MessageNotExist` (stale/expired handle) or `ReceiptHandleError` (malformed). */
  readonly errorCode: string;
  readonly errorMessage: string;
}

export interface BatchDeleteMessageOutput {
  /** Empty when every handle was deleted. */
  readonly failed: readonly BatchDeleteFailure[];
}

export interface ChangeMessageVisibilityInput extends PortCallOptions {
  readonly queueName: string;
  readonly receiptHandle: string;
  /** New visibility timeout counted from now, 1–43200 s. */
  readonly visibilityTimeoutSeconds: number;
}

export interface ChangeMessageVisibilityOutput {
  /** The new receipt handle; the old one is no longer valid. */
  readonly receiptHandle: string;
  /** ms. */
  readonly nextVisibleTime: number;
}

export interface SendMessageInput extends PortCallOptions {
  readonly queueName: string;
  /** Body text as stored (encoded per `bodyEncoding` by the transport). */
  readonly messageBody: string;
  /** 0–604800 s; absent = the queue's `DelaySeconds`. */
  readonly delaySeconds?: number | undefined;
  /** 1 (highest) – 16 (lowest); absent = 8. */
  readonly priority?: number | undefined;
}

export interface SendMessageOutput {
  readonly messageId: string;
  readonly messageBodyMd5: string;
}

/** Receives messages (long polling, batches of ≤ 16). An empty receive resolves `[]`, never rejects. */
export interface QueueReceiver {
  batchReceiveMessage(input: BatchReceiveMessageInput): Promise<readonly ReceivedMessage[]>;
}

/** Acknowledges (deletes) messages and extends/releases their visibility. */
export interface QueueAcknowledger {
  batchDeleteMessage(input: BatchDeleteMessageInput): Promise<BatchDeleteMessageOutput>;
  changeMessageVisibility(input: ChangeMessageVisibilityInput): Promise<ChangeMessageVisibilityOutput>;
}

/** Sends messages (used for dead-letter queues). */
export interface QueueSender {
  sendMessage(input: SendMessageInput): Promise<SendMessageOutput>;
}

/** Everything a consumer needs from a queue service. */
export type QueuePort = QueueReceiver & QueueAcknowledger & QueueSender;
