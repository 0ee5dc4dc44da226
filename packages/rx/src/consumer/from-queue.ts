import type { QueuePort, VodEvent } from '@vodmns/core';
import type { Observable } from 'rxjs';
import type { ConsumerOptions } from './consumer-options.js';
import { createConsumer } from './create-consumer.js';
import type { Delivery } from './delivery.js';

/**
 * VOD events from an MNS queue as a cold Observable of {@link Delivery}: each subscription runs one poller
 * (batch receive with long polling, asking only for what flow control allows), keeps leases alive, coalesces acks,
 * dead-letters poison messages and suppresses duplicates. Unsubscribing aborts the long poll and releases unsettled
 * messages. Retryable transport errors are retried with jittered backoff (see `notices$` on
 * {@link createConsumer}); unrecoverable ones (`QueueNotExist`, bad credentials, …) error the stream with the typed
 * `MnsError`. Use `createConsumer` when you need `drain()`, `state$` or `notices$`.
 */
export function fromQueue(
  port: QueuePort,
  options: ConsumerOptions<VodEvent>,
): Observable<Delivery<VodEvent>>;
export function fromQueue<T>(
  port: QueuePort,
  options: ConsumerOptions<T> & Required<Pick<ConsumerOptions<T>, 'decode'>>,
): Observable<Delivery<T>>;
export function fromQueue<T>(port: QueuePort, options: ConsumerOptions<T>): Observable<Delivery<T>> {
  return createConsumer(port, options as ConsumerOptions<T> & Required<Pick<ConsumerOptions<T>, 'decode'>>)
    .events$;
}
