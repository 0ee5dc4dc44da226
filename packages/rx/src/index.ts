// @vodmns/rx: the only barrel of the main entry point.

export { type Clock, type ClockTimer, systemClock } from '@vodmns/core';
export {
  type ConsumeOptions,
  consume,
  type RunningConsumer,
  type VodEventHandlers,
} from './consumer/consume.js';
export {
  type ConsumerErrorKind,
  type ConsumerErrorReport,
  type ConsumerErrorReporter,
  createStderrReporter,
  type StderrReporterOptions,
} from './consumer/consumer-error-report.js';
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
export {
  type ConsumeRegionsOptions,
  consumeRegions,
  type RegionalDrainResult,
  type RegionalHandledDelivery,
  type RegionalHandler,
  type RegionalHandlerContext,
  type RegionalHandlers,
  type RegionalMetrics,
  type RegionalNotice,
  type RegionalState,
  type RegionFailure,
  type RegionOutcome,
  type RegionRow,
  type RegionTag,
  type RunningRegionalConsumer,
} from './regions/consume-regions.js';
export { sumConsumerMetrics } from './regions/sum-consumer-metrics.js';
