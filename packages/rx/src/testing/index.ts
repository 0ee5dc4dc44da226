// @vodmns/rx/testing: test helpers for code built on @vodmns/rx.

export {
  type FailureRule,
  type InMemoryQueueOptions,
  InMemoryQueuePort,
  type InMemoryQueuePortOptions,
  type QueuePortOperation,
  type RecordedCall,
  type StoredMessage,
} from './in-memory-queue-port.js';
export { flushPromises, ManualClock } from '@vodmns/core/testing';
