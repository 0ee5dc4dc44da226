import {
  createDeadLetterEnvelope,
  type DeadLetterEnvelope as CoreDeadLetterEnvelope,
  parseDeadLetterEnvelope,
} from '@vodmns/core';
import type { PoisonReason } from '../consumer/consumer-notice.js';

/**
 * What the consumer sends to a dead-letter queue: the original body verbatim plus the metadata needed to
 * understand and replay it. The format lives in `@vodmns/core` (one home); here its reason is rx's.
 */
export type DeadLetterEnvelope = CoreDeadLetterEnvelope<PoisonReason>;

export { createDeadLetterEnvelope, parseDeadLetterEnvelope };
