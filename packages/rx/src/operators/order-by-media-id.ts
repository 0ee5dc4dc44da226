import { type VodEvent, vodEventMediaId } from '@vodmns/core';
import type { Delivery } from '../consumer/delivery.js';

/**
 * An `orderBy` key for {@link ackAfter}: the event's media id (`VideoId`, `MediaId`, `ImageId`, … via
 * `vodEventMediaId`), so the handlers of one video's events run one after another. Events without a media id are
 * not ordered.
 */
export function orderByMediaId(delivery: Delivery<VodEvent>): string | undefined {
  return vodEventMediaId(delivery.event);
}
