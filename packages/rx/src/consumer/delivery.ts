import type { ReceivedMessage } from '@vodmns/core';

/**
 * Where a delivery is in its life. `received` → (`queued` → `started`) → one of the final states. Only a delivery
 * in `received`, `queued` or `started` can still be acked, nacked or extended.
 */
export type DeliveryState =
  /** Received and handed downstream; nobody has reported starting it. */
  | 'received'
  /** Buffered by `ackAfter` waiting for a free handler slot (released at once on stop/drain). */
  | 'queued'
  /** A handler is running. */
  | 'started'
  /** Being settled (delete, visibility change or dead-letter send in progress). */
  | 'settling'
  /** Deleted after handling. */
  | 'acked'
  /** Put back with a visibility delay for redelivery. */
  | 'nacked'
  /** Put back (visibility 1 s) because the stream stopped before it was handled. */
  | 'released'
  /** Sent to the dead-letter queue (or accepted by `onPoison`) and deleted. */
  | 'dead-lettered'
  /** A copy of an already handled event; deleted without running the handler. */
  | 'duplicate'
  /** The lease was lost; the message will be redelivered by the queue. */
  | 'lost'
  /** Left to the queue to redeliver: a settle call failed, or a poison message could not be dead-lettered. */
  | 'abandoned';

/** MNS metadata of a delivery. Times are Unix epoch ms. */
export interface DeliveryMetadata {
  readonly messageId: string;
  /** How many times MNS has delivered this message, this delivery included (≥ 1). */
  readonly dequeueCount: number;
  /** When it was sent (server clock). */
  readonly enqueueTime: number;
  /** When it was first received (server clock). */
  readonly firstDequeueTime: number;
  /** 1 (highest) – 16 (lowest). */
  readonly priority: number;
  readonly messageBodyMd5: string;
  /** UTF-8 size of the body, counted against `maxInFlightBytes`. */
  readonly bytes: number;
  /** When this consumer received it (local clock). */
  readonly receivedAt: number;
}

/** Options of {@link Delivery.nack}. */
export interface NackOptions {
  /**
   * Seconds until the message is delivered again, 0–43200; MNS's minimum visibility is 1 s, so 0 means 1.
   * @defaultValue the redelivery policy's delay for this `dequeueCount` (from `@vodmns/core`); when the policy
   * gives up, the message is dead-lettered instead.
   */
  readonly delaySeconds?: number;
}

/**
 * One received message with its decoded event and its lease. Settle it exactly once: `ack()` after handling,
 * `nack()` to have it redelivered. While it is unsettled the consumer keeps its lease alive (visibility
 * extensions, always with the newest receipt handle), and `signal` aborts when the lease is lost or the stream stops.
 */
export interface Delivery<T> {
  /** The decoded event. */
  readonly event: T;
  /** The message as received (its `receiptHandle` is the first one; see {@link Delivery.receiptHandle}). */
  readonly message: ReceivedMessage;
  readonly metadata: DeliveryMetadata;
  readonly queueName: string;
  /** The newest receipt handle (each visibility change issues a new one). */
  readonly receiptHandle: string;
  /** When the current lease ends unless extended (local clock, conservative), epoch ms. */
  readonly leaseExpiresAt: number;
  /** Aborts with a `DeliveryAbortedError` when the lease is lost or the stream stops before settling. */
  readonly signal: AbortSignal;
  readonly state: DeliveryState;
  /**
   * Deletes the message (coalesced into BatchDeleteMessage). Resolves `true` once deleted; `false` when it was
   * already settled, the lease was lost, or the delete failed (reported on `notices$`). Never rejects.
   */
  ack(): Promise<boolean>;
  /** Hands the message back for redelivery (ChangeMessageVisibility). Resolves `true` on success. Never rejects. */
  nack(options?: NackOptions): Promise<boolean>;
  /**
   * Sets the visibility timeout to `seconds` (1–43200) from now, e.g. before a known-slow step. Automatic extension
   * continues afterwards. Resolves `false` when settled or the lease is lost.
   * @throws {@link MnsConfigError} for a value outside 1–43200.
   */
  extend(seconds: number): Promise<boolean>;
}
