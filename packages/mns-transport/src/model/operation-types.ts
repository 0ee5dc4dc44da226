/**
 * Inputs and outputs of every MNS queue operation, camelCase. Units: timestamps are Unix epoch milliseconds;
 * durations that are wire fields are seconds and say so (`…Seconds`); sizes are bytes.
 *
 * The shapes that the consumer runtime needs are declared in `@vodmns/core`'s ports and re-used here, so that
 * `MnsClient` satisfies `QueuePort` structurally.
 */
import type {
  BatchDeleteFailure,
  BatchDeleteMessageOutput,
  ChangeMessageVisibilityOutput,
  PortCallOptions,
  BatchDeleteMessageInput as PortBatchDeleteMessageInput,
  BatchReceiveMessageInput as PortBatchReceiveMessageInput,
  MnsDecodeError,
  ChangeMessageVisibilityInput as PortChangeMessageVisibilityInput,
  SendMessageInput as PortSendMessageInput,
  SendMessageOutput as PortSendMessageOutput,
  ReceivedMessage,
} from '@vodmns/core';

/** Port shapes re-exported unchanged, so the client's outputs are exactly core's. */
export type { BatchDeleteFailure, BatchDeleteMessageOutput, ChangeMessageVisibilityOutput, ReceivedMessage };

/** Options every client call accepts. */
export interface CallOptions extends PortCallOptions {
  /** Cancels the call: the request in flight (including a held long poll) and any backoff sleep. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * How a message body is put on the wire. `raw`: the text as is (XML-escaped; characters XML 1.0 cannot carry are
 * rejected). `base64`: base64 of the UTF-8 bytes (what the Python/Java/PHP SDKs send by default).
 */
export type SendBodyEncoding = 'raw' | 'base64';

/**
 * How a received body is decoded. `raw`: as stored. `base64`: base64 → UTF-8 (a body that is not valid base64 or
 * not valid UTF-8 is returned as stored, with the failure in the message's `bodyError`, code
 * `ERR_MNS_BODY_ENCODING`; the receive itself succeeds). `auto`: JSON-looking text stays as is; otherwise strict base64
 * that decodes to valid UTF-8 text is decoded; anything else stays as is (docs/mns-protocol.md §8, for foreign producers).
 */
export type ReceiveBodyEncoding = 'auto' | 'raw' | 'base64';

/** Settable queue attributes (CreateQueue, SetQueueAttributes). Absent fields keep the service default/value. */
export interface QueueAttributesInput {
  /** Delay before a new message becomes visible, 0–604800 s. @defaultValue 0 (service) */
  readonly delaySeconds?: number | undefined;
  /** Largest accepted body, 1024–65536 bytes. @defaultValue 65536 (service) */
  readonly maximumMessageSize?: number | undefined;
  /** How long a message is kept, 60–604800 s. @defaultValue 345600 (service) */
  readonly messageRetentionPeriodSeconds?: number | undefined;
  /** How long a received message stays invisible, 1–43200 s. @defaultValue 30 (service) */
  readonly visibilityTimeoutSeconds?: number | undefined;
  /** Long-poll wait used when a receive gives none, 0–30 s. @defaultValue 0 (service) */
  readonly pollingWaitSeconds?: number | undefined;
  /** Whether the service logs this queue's operations. @defaultValue false (service) */
  readonly loggingEnabled?: boolean | undefined;
}

/** Every attribute of a queue (GetQueueAttributes, ListQueue with meta). */
export interface QueueAttributes {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** ms (the wire carries seconds). */
  readonly createTime: number;
  /** ms (the wire carries seconds). */
  readonly lastModifyTime: number;
  readonly delaySeconds: number;
  /** bytes */
  readonly maximumMessageSize: number;
  readonly messageRetentionPeriodSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly pollingWaitSeconds: number;
  /**
   * Approximate number of receivable messages. Do not rely on the three counts in production: the live service
   * has announced they return 0 (mns-local fills them; docs/mns-protocol.md §4.1).
   */
  readonly activeMessages: number;
  /** Approximate number of received, not yet visible messages (0 on the live service, see `activeMessages`). */
  readonly inactiveMessages: number;
  /** Approximate number of delayed messages (0 on the live service, see `activeMessages`). */
  readonly delayMessages: number;
  readonly loggingEnabled: boolean;
}

/** Input of `createQueue` (CreateQueue, `PUT /queues/{q}`). */
export interface CreateQueueInput extends CallOptions {
  /** 1–120 characters: letters, digits, hyphens; starts with a letter or digit. */
  readonly queueName: string;
  readonly attributes?: QueueAttributesInput | undefined;
}

/** Result of `createQueue`. */
export interface CreateQueueOutput {
  /** Absolute queue URL from the `Location` header. */
  readonly queueUrl: string;
  /** `false` when the queue already existed with identical attributes (HTTP 204). */
  readonly created: boolean;
}

/** Input of `deleteQueue` (DeleteQueue, `DELETE /queues/{q}`). */
export interface DeleteQueueInput extends CallOptions {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
}

/** Input of `getQueueAttributes` (GetQueueAttributes, `GET /queues/{q}`). */
export interface GetQueueAttributesInput extends CallOptions {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
}

/** Result of `getQueueAttributes`: every attribute, times in ms. */
export type GetQueueAttributesOutput = QueueAttributes;

/** Input of `setQueueAttributes` (`PUT /queues/{q}?metaoverride=true`). */
export interface SetQueueAttributesInput extends CallOptions {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** Only the fields given are changed. */
  readonly attributes: QueueAttributesInput;
}

/** Input of `listQueues` (ListQueue, `GET /queues`; paging via `x-mns-*` headers). */
export interface ListQueuesInput extends CallOptions {
  /** Only queues whose name starts with this. */
  readonly prefix?: string | undefined;
  /** `nextMarker` of the previous page. */
  readonly marker?: string | undefined;
  /** Page size, 1–1000. @defaultValue 1000 (service) */
  readonly pageSize?: number | undefined;
  /** Include every queue's attributes. @defaultValue false */
  readonly withMeta?: boolean | undefined;
}

/** One queue of a ListQueue page. */
export interface QueueSummary {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  readonly queueUrl: string;
  /** Present when the page was requested `withMeta`. */
  readonly attributes?: QueueAttributes | undefined;
}

/** One page of `listQueues`. */
export interface ListQueuesOutput {
  readonly queues: readonly QueueSummary[];
  /** Pass as `marker` to get the next page; absent on the last page. */
  readonly nextMarker?: string | undefined;
}

/** Input of `sendMessage` (SendMessage, `POST /queues/{q}/messages`). */
export interface SendMessageInput extends CallOptions, PortSendMessageInput {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** The message text, at most 65536 bytes once encoded. */
  readonly messageBody: string;
  /** 0–604800 s; absent = the queue's `DelaySeconds`. */
  readonly delaySeconds?: number | undefined;
  /** 1 (highest) – 16 (lowest); absent = 8. */
  readonly priority?: number | undefined;
  /** @defaultValue the client's `sendBodyEncoding` */
  readonly bodyEncoding?: SendBodyEncoding | undefined;
}

/** Result of `sendMessage`. */
export interface SendMessageOutput extends PortSendMessageOutput {
  /** Opaque message id, unique per queue. */
  readonly messageId: string;
  /** Upper-case hex MD5 of the body as stored (verified against what was sent). */
  readonly messageBodyMd5: string;
  /** Returned by the service for delayed messages; usable with changeMessageVisibility/deleteMessage. */
  readonly receiptHandle?: string | undefined;
}

/** One message of a batch send. */
export interface BatchSendEntry {
  /** The message text (decoded per the body encoding). */
  readonly messageBody: string;
  /** 0–604800 s. */
  readonly delaySeconds?: number | undefined;
  /** 1–16. */
  readonly priority?: number | undefined;
}

/** Input of `batchSendMessage` (BatchSendMessage, `POST /queues/{q}/messages` with `<Messages>`). */
export interface BatchSendMessageInput extends CallOptions {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** 1–16 messages, at most 65536 bytes of bodies in total once encoded. */
  readonly entries: readonly BatchSendEntry[];
  /** @defaultValue the client's `sendBodyEncoding` */
  readonly bodyEncoding?: SendBodyEncoding | undefined;
}

/** The result of one batch-send entry, aligned with the input by index. */
export type BatchSendResult =
  | { readonly ok: true; readonly messageId: string; readonly messageBodyMd5: string }
  | { readonly ok: false; readonly errorCode: string; readonly errorMessage: string };

/** An entry the service did not accept (HTTP 500 partial failure); the other entries were sent. */
export interface BatchSendFailure {
  /** Index into the input's `entries`. */
  readonly index: number;
  /** MNS error code of this entry, e.g. `InternalError`. */
  readonly errorCode: string;
  /** The service's message for this entry. */
  readonly errorMessage: string;
}

/** Result of `batchSendMessage`; partial failures (HTTP 500) are per entry, not thrown. */
export interface BatchSendMessageOutput {
  /** One result per input entry, in input order. */
  readonly results: readonly BatchSendResult[];
  /** The failed entries only; empty when every entry was sent. */
  readonly failed: readonly BatchSendFailure[];
}

/** Input of `receiveMessage` (ReceiveMessage, `GET /queues/{q}/messages`). */
export interface ReceiveMessageInput extends CallOptions {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** Long-poll wait, 0–30 s; absent = the queue's `PollingWaitSeconds`. */
  readonly waitSeconds?: number | undefined;
  /** @defaultValue the client's `receiveBodyEncoding` */
  readonly bodyEncoding?: ReceiveBodyEncoding | undefined;
}

/** `undefined` when no message arrived within the wait. */
export type ReceiveMessageOutput = ReceivedMessage | undefined;

/** Input of `batchReceiveMessage` (`GET /queues/{q}/messages?numOfMessages=N`). */
export interface BatchReceiveMessageInput extends CallOptions, PortBatchReceiveMessageInput {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** 1–16. */
  readonly numOfMessages: number;
  /** Long-poll wait, 0–30 s; absent = the queue's `PollingWaitSeconds`. */
  readonly waitSeconds?: number | undefined;
  /** @defaultValue the client's `receiveBodyEncoding` */
  readonly bodyEncoding?: ReceiveBodyEncoding | undefined;
}

/** `[]` when no message arrived within the wait. */
export type BatchReceiveMessageOutput = readonly ReceivedMessage[];

/** A message seen by PeekMessage: no receipt handle, no visibility change. */
export interface PeekedMessage {
  /** Opaque message id, unique per queue. */
  readonly messageId: string;
  /** The message text (decoded per the body encoding). */
  readonly messageBody: string;
  /** Upper-case hex MD5 of the body as stored by the service. */
  readonly messageBodyMd5: string;
  /** ms */
  readonly enqueueTime: number;
  /** ms; equals `enqueueTime` while `dequeueCount` is 0. */
  readonly firstDequeueTime: number;
  /** How many times the message has been received. */
  readonly dequeueCount: number;
  /** 1 (highest) – 16 (lowest). */
  readonly priority: number;
  /** Set when the body is not in the encoding asked for (`messageBody` is then as stored); see `ReceivedMessage`. */
  readonly bodyError?: MnsDecodeError | undefined;
}

/** Input of `peekMessage` (`GET /queues/{q}/messages?peekonly=true`). */
export interface PeekMessageInput extends CallOptions {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** @defaultValue the client's `receiveBodyEncoding` */
  readonly bodyEncoding?: ReceiveBodyEncoding | undefined;
}

/** `undefined` when the queue has no active message. */
export type PeekMessageOutput = PeekedMessage | undefined;

/** Input of `batchPeekMessage` (`…?peekonly=true&numOfMessages=N`). */
export interface BatchPeekMessageInput extends CallOptions {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** 1–16. */
  readonly numOfMessages: number;
  /** @defaultValue the client's `receiveBodyEncoding` */
  readonly bodyEncoding?: ReceiveBodyEncoding | undefined;
}

/** `[]` when the queue has no active message. */
export type BatchPeekMessageOutput = readonly PeekedMessage[];

/** Input of `deleteMessage` (`DELETE /queues/{q}/messages?ReceiptHandle=H`). */
export interface DeleteMessageInput extends CallOptions {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** Receipt handle of the current receive (superseded by every receive and visibility change). */
  readonly receiptHandle: string;
}

/** Input of `batchDeleteMessage` (`DELETE /queues/{q}/messages` with `<ReceiptHandles>`). */
export interface BatchDeleteMessageInput extends CallOptions, PortBatchDeleteMessageInput {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** 1–16 receipt handles. */
  readonly receiptHandles: readonly string[];
}

/** Input of `changeMessageVisibility` (`PUT /queues/{q}/messages?ReceiptHandle=H&VisibilityTimeout=T`). */
export interface ChangeMessageVisibilityInput extends CallOptions, PortChangeMessageVisibilityInput {
  /** Queue name: 1–120 letters, digits or hyphens, starting with a letter or digit. */
  readonly queueName: string;
  /** Receipt handle of the current receive (superseded by every receive and visibility change). */
  readonly receiptHandle: string;
  /** New visibility timeout counted from now, 1–43200 s. */
  readonly visibilityTimeoutSeconds: number;
}
