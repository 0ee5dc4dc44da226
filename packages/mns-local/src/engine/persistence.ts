import type { QueueAttributes } from './queue-attributes.js';

/** A queue row as persisted. Times in Unix seconds. */
export interface PersistedQueue {
  readonly name: string;
  readonly attributes: QueueAttributes;
  readonly createTime: number;
  readonly lastModifyTime: number;
}

/** A message row as persisted. Times in Unix ms. */
export interface PersistedMessage {
  readonly id: string;
  readonly body: string;
  readonly bodyMd5: string;
  readonly priority: number;
  readonly enqueueTime: number;
  readonly expiresAt: number;
  readonly seq: number;
  readonly firstDequeueTime: number;
  readonly dequeueCount: number;
  /** When the message becomes (or became) Active. */
  readonly visibleAt: number;
  /** Still invisible because of its send delay (never received). */
  readonly delayed: boolean;
  /** Current handle; valid only while `now < visibleAt`. */
  readonly receiptHandle: string | undefined;
}

/**
 * Where the engine writes its state when durable. Every method is synchronous and returns only after the
 * change is committed, so a response sent afterwards acknowledges a durable change.
 */
export interface Persistence {
  loadQueues(): PersistedQueue[];
  loadMessages(queue: string): PersistedMessage[];
  saveQueue(queue: PersistedQueue): void;
  deleteQueue(name: string): void;
  insertMessages(queue: string, messages: readonly PersistedMessage[]): void;
  /** Rewrites the mutable fields (dequeue count, first dequeue, visibility, delayed flag, handle). */
  updateMessages(queue: string, messages: readonly PersistedMessage[]): void;
  deleteMessages(queue: string, ids: readonly string[]): void;
  /** Deletes every message of a queue. */
  purgeQueue(queue: string): void;
  close(): void;
}
