// @vodmns/rx: the only barrel of the main entry point.

export { type CancelTimer, type Clock, systemClock } from './clock/clock.js';
export {
  type ConsumeOptions,
  consume,
  type RunningConsumer,
  type VodEventHandlers,
} from './consumer/consume.js';
export type { ConsumerMetrics } from './consumer/consumer-metrics.js';
export type { ConsumerNotice, PoisonReason } from './consumer/consumer-notice.js';
export {
  type ConsumerOptions,
  DEFAULT_CONSUMER_OPTIONS,
  type DeadLetterOptions,
  type IdempotencyOptions,
  type PoisonMessage,
  type ResolvedConsumerOptions,
  resolveConsumerOptions,
} from './consumer/consumer-options.js';
export type { DrainOptions, DrainResult, SessionStatus } from './consumer/consumer-session.js';
export {
  type Consumer,
  type ConsumerState,
  type ConsumerStatus,
  createConsumer,
} from './consumer/create-consumer.js';
export type { Delivery, DeliveryMetadata, DeliveryState, NackOptions } from './consumer/delivery.js';
export { fromQueue } from './consumer/from-queue.js';
export type { RedeliveryDecider } from './consumer/vod-defaults.js';
export {
  createDeadLetterEnvelope,
  type DeadLetterEnvelope,
  parseDeadLetterEnvelope,
} from './dead-letter/dead-letter-envelope.js';
export {
  type DeliveryAbortCode,
  DeliveryAbortCodes,
  DeliveryAbortedError,
} from './errors/delivery-aborted-error.js';
export type { IdempotencyClaim, IdempotencyStore } from './idempotency/idempotency-store.js';
export {
  MemoryIdempotencyStore,
  type MemoryIdempotencyStoreOptions,
} from './idempotency/memory-idempotency-store.js';
export {
  type AckAfterOptions,
  ackAfter,
  type DeliveryHandler,
  type HandledDelivery,
  type HandledResult,
  type HandlerContext,
} from './operators/ack-after.js';
export { type FilterDeliveriesOptions, filterDeliveries, ofEventType } from './operators/of-event-type.js';
export { orderByMediaId } from './operators/order-by-media-id.js';
