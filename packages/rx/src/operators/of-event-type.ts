import { invalidArgument, isVodEvent, type VodEvent, type VodEventOf, type VodEventType } from '@vodmns/core';
import { Observable, type OperatorFunction } from 'rxjs';
import type { Delivery } from '../consumer/delivery.js';

/**
 * Keeps the deliveries whose event is one of `types`, narrowing the event type; **acks the others** (they are
 * not wanted by this pipeline, and an unsettled delivery would hold a flow-control slot until its lease ran out
 * and then come back forever). To route several types to different handlers of one stream, use `consume` with a
 * handler map, or `filterDeliveries(predicate, { others: 'ignore' })` in each branch of a shared stream plus a
 * branch that settles the rest.
 *
 * @example
 * ```ts
 * fromQueue(port, { queueName }).pipe(ofEventType('TranscodeComplete'), ackAfter(async (e) => publish(e.VideoId)))
 * ```
 */
export function ofEventType<K extends VodEventType>(
  ...types: [K, ...K[]]
): OperatorFunction<Delivery<VodEvent>, Delivery<VodEventOf<K>>> {
  if (types.length === 0) throw invalidArgument('ofEventType types', types, 'at least one event type');
  return filterDeliveries(
    (d: Delivery<VodEvent>): d is Delivery<VodEventOf<K>> => types.some((t) => isVodEvent(d.event, t)),
    { others: 'ack' },
  );
}

/** Options of {@link filterDeliveries}. */
export interface FilterDeliveriesOptions {
  /**
   * What happens to a delivery the predicate rejects: `ack` deletes it; `ignore` leaves it unsettled (only when
   * another branch of a shared stream settles it). @defaultValue 'ack'
   */
  readonly others?: 'ack' | 'ignore';
}

/** `filter` for deliveries that settles what it drops (see {@link FilterDeliveriesOptions}). */
export function filterDeliveries<T, S extends Delivery<T>>(
  predicate: (delivery: Delivery<T>) => delivery is S,
  options?: FilterDeliveriesOptions,
): OperatorFunction<Delivery<T>, S>;
export function filterDeliveries<T>(
  predicate: (delivery: Delivery<T>) => boolean,
  options?: FilterDeliveriesOptions,
): OperatorFunction<Delivery<T>, Delivery<T>>;
export function filterDeliveries<T>(
  predicate: (delivery: Delivery<T>) => boolean,
  options: FilterDeliveriesOptions = {},
): OperatorFunction<Delivery<T>, Delivery<T>> {
  const others = options.others ?? 'ack';
  if (others !== 'ack' && others !== 'ignore') {
    throw invalidArgument('filterDeliveries options.others', others, "'ack' or 'ignore'");
  }
  return (source) =>
    new Observable<Delivery<T>>((subscriber) =>
      source.subscribe({
        next: (delivery) => {
          let keep: boolean;
          try {
            keep = predicate(delivery);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          if (keep) subscriber.next(delivery);
          else if (others === 'ack') void delivery.ack();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
}
