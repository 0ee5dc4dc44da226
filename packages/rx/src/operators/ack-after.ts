import { type Clock, invalidArgument, systemClock } from '@vodmns/core';
import { Observable, type OperatorFunction } from 'rxjs';
import type { Delivery, DeliveryState } from '../consumer/delivery.js';
import { ManagedDelivery } from '../consumer/managed-delivery.js';
import { DeliveryAbortCodes, DeliveryAbortedError } from '../errors/delivery-aborted-error.js';

/** What a handler gets besides the event. */
export interface HandlerContext<T> {
  readonly delivery: Delivery<T>;
  /**
   * Aborts when the handler must stop: `timeoutMs` ran out, the lease was lost, or the stream stopped. The reason
   * is a `DeliveryAbortedError`. Pass it to every I/O call; after it aborts the result is ignored.
   */
  readonly signal: AbortSignal;
}

/** Handles one event. Resolve to have it acked; reject (or throw) to have it nacked and redelivered. */
export type DeliveryHandler<T> = (event: T, context: HandlerContext<T>) => unknown;

/** Options of {@link ackAfter}. */
export interface AckAfterOptions<T> {
  /** Handlers running at once, 1–10000 (independent of the receive batch size). @defaultValue 16 */
  readonly concurrency?: number;
  /**
   * Longest a handler may run, ms (1 – 12 h). Then its signal aborts and the message is nacked (redelivered
   * with the policy's delay). @defaultValue no limit (the lease's `maxExtensionMs` still applies)
   */
  readonly timeoutMs?: number;
  /**
   * Per-key ordering: deliveries with the same key run one after another, in arrival order (e.g.
   * `orderByMediaId` — one video's events never run concurrently). `undefined` = no constraint.
   * @defaultValue none
   */
  readonly orderBy?: (delivery: Delivery<T>) => string | undefined;
  /** Time source for `timeoutMs`. @defaultValue systemClock */
  readonly clock?: Clock;
}

/** How a delivery ended, as emitted by {@link ackAfter}. */
export type HandledResult =
  /** Handler resolved; message deleted. */
  | 'acked'
  /** Handler rejected; message put back with the redelivery delay. */
  | 'nacked'
  /** Handler rejected and the redelivery policy gave up: dead-lettered (or kept when that failed). */
  | 'dead-lettered'
  /** Handler exceeded `timeoutMs`; message nacked. */
  | 'timed-out'
  /** The lease was lost while the handler ran; the message will be redelivered by the queue. */
  | 'lease-lost'
  /** The stream stopped while the handler ran; the message was released. */
  | 'stopped'
  /** The ack or nack call failed (reported on `notices$`); the queue will redeliver. */
  | 'settle-failed';

/** One handled delivery. */
export interface HandledDelivery<T> {
  readonly delivery: Delivery<T>;
  readonly result: HandledResult;
  /** The handler's rejection or the abort reason, if any. */
  readonly error?: unknown;
  /** Handler time, ms. */
  readonly durationMs: number;
}

interface Queued<T> {
  readonly delivery: Delivery<T>;
  readonly key: string | undefined;
}

const WAITING: ReadonlySet<DeliveryState> = new Set(['received', 'queued']);

function resultAfterSettle(state: DeliveryState, fallback: HandledResult): HandledResult {
  if (state === 'lost') return 'lease-lost';
  if (state === 'released') return 'stopped';
  if (state === 'dead-lettered') return 'dead-lettered';
  if (state === 'abandoned') return 'settle-failed';
  return fallback;
}

/** The `result` of a `handler-error` notice (a failed handler's message is never `acked`). */
function failedResult(result: HandledResult): Exclude<HandledResult, 'acked'> {
  return result === 'acked' ? 'settle-failed' : result;
}

/**
 * Runs `handler` for each delivery and settles it by the outcome: ack only after the handler's promise resolves;
 * on rejection nack, so the message is redelivered after the redelivery policy's backoff (or dead-lettered when
 * the policy gives up). Each failure is reported on the consumer's `notices$` as a `handler-error` notice (and so,
by default, on stderr: see the consumer's `onError`). At most `concurrency` handlers run at once; with `orderBy`, handlers of one key run
 * sequentially. Emits one {@link HandledDelivery} per delivery and completes after the source completes and every
 * handler has finished (this is what `drain()` relies on). Deliveries waiting for a slot are released at once
 * when the consumer drains or stops.
 */
export function ackAfter<T>(
  handler: DeliveryHandler<T>,
  options: AckAfterOptions<T> = {},
): OperatorFunction<Delivery<T>, HandledDelivery<T>> {
  if (typeof handler !== 'function') throw invalidArgument('ackAfter handler', handler, 'a function');
  const concurrency = options.concurrency ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 10_000) {
    throw invalidArgument('ackAfter options.concurrency', concurrency, 'an integer in 1–10000');
  }
  const timeoutMs = options.timeoutMs;
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 43_200_000)) {
    throw invalidArgument('ackAfter options.timeoutMs', timeoutMs, 'an integer number of ms in 1–43200000');
  }
  const orderBy = options.orderBy;
  const clock = options.clock ?? systemClock;

  return (source) =>
    new Observable<HandledDelivery<T>>((subscriber) => {
      const queue: Queued<T>[] = [];
      const busyKeys = new Set<string>();
      const aborts = new Set<(reason: unknown) => void>();
      let running = 0;
      let settling = 0;
      let sourceDone = false;

      const pump = (): void => {
        while (running < concurrency && queue.length > 0) {
          let index = -1;
          for (let i = 0; i < queue.length; i += 1) {
            const q = queue[i] as Queued<T>;
            if (!WAITING.has(q.delivery.state)) {
              queue.splice(i, 1); // released (drain/stop) or settled elsewhere
              i -= 1;
              continue;
            }
            if (q.key === undefined || !busyKeys.has(q.key)) {
              index = i;
              break;
            }
          }
          if (index < 0) break;
          const [next] = queue.splice(index, 1);
          if (next) void run(next);
        }
        if (
          sourceDone &&
          running === 0 &&
          settling === 0 &&
          queue.every((q) => !WAITING.has(q.delivery.state))
        ) {
          queue.length = 0;
          subscriber.complete();
        }
      };

      const run = async ({ delivery, key }: Queued<T>): Promise<void> => {
        running += 1;
        if (key !== undefined) busyKeys.add(key);
        if (delivery instanceof ManagedDelivery) delivery.markStarted();
        // No AbortController unless the handler reads `signal` (each costs ~10 µs): aborting is a callback here.
        let controller: AbortController | undefined;
        let reason: unknown;
        let resolveAborted: (value: { kind: 'aborted' }) => void = () => {};
        const aborted = new Promise<{ kind: 'aborted' }>((resolve) => {
          resolveAborted = resolve;
        });
        const fire = (why: unknown): void => {
          if (reason !== undefined) return;
          reason = why ?? new Error('aborted');
          controller?.abort(reason);
          resolveAborted({ kind: 'aborted' });
        };
        aborts.add(fire);
        let unlink: () => void;
        if (delivery instanceof ManagedDelivery) {
          if (delivery.aborted) fire(delivery.abortReason);
          unlink = delivery.onAbort(() => fire(delivery.abortReason));
        } else {
          const onDeliveryAbort = (): void => fire(delivery.signal.reason);
          if (delivery.signal.aborted) onDeliveryAbort();
          else delivery.signal.addEventListener('abort', onDeliveryAbort, { once: true });
          unlink = () => delivery.signal.removeEventListener('abort', onDeliveryAbort);
        }
        const timeoutTimer =
          timeoutMs === undefined
            ? undefined
            : clock.setTimer(clock.now() + timeoutMs, () =>
                fire(
                  new DeliveryAbortedError(
                    DeliveryAbortCodes.handlerTimeout,
                    delivery.metadata.messageId,
                    `handler ran longer than ${timeoutMs} ms`,
                  ),
                ),
              );
        const startedAt = clock.now();
        const context: HandlerContext<T> = {
          delivery,
          get signal(): AbortSignal {
            if (controller === undefined) {
              controller = new AbortController();
              if (reason !== undefined) controller.abort(reason);
            }
            return controller.signal;
          },
        };
        const handled = (async () => handler(delivery.event, context))().then(
          () => ({ kind: 'ok' as const }),
          (error: unknown) => ({ kind: 'failed' as const, error }),
        );
        const outcome =
          reason !== undefined ? { kind: 'aborted' as const } : await Promise.race([handled, aborted]);
        timeoutTimer?.cancel();
        unlink();
        const durationMs = clock.now() - startedAt;
        // The handler slot (and its key) is free as soon as the handler is done; settling is coalesced and must
        // not hold a slot, or a small concurrency would wait out the ack batch delay each time.
        aborts.delete(fire);
        running -= 1;
        settling += 1;
        if (key !== undefined) busyKeys.delete(key);
        if (!subscriber.closed) pump();
        let result: HandledResult;
        let error: unknown;
        if (outcome.kind === 'ok') {
          const acked = await delivery.ack();
          result = acked ? 'acked' : resultAfterSettle(delivery.state, 'settle-failed');
        } else if (outcome.kind === 'failed') {
          error = outcome.error;
          const nacked = await delivery.nack();
          result = nacked
            ? resultAfterSettle(delivery.state, 'nacked')
            : resultAfterSettle(delivery.state, 'settle-failed');
          if (delivery instanceof ManagedDelivery) delivery.reportHandlerError(failedResult(result), error);
        } else {
          error = reason;
          const code = error instanceof DeliveryAbortedError ? error.code : undefined;
          if (code === DeliveryAbortCodes.handlerTimeout) {
            const nacked = await delivery.nack();
            result = nacked ? 'timed-out' : resultAfterSettle(delivery.state, 'settle-failed');
            if (delivery instanceof ManagedDelivery) delivery.reportHandlerError(failedResult(result), error);
          } else if (code === DeliveryAbortCodes.leaseLost) {
            result = 'lease-lost';
          } else {
            result = 'stopped';
          }
        }
        settling -= 1;
        if (!subscriber.closed) {
          subscriber.next(
            error === undefined ? { delivery, result, durationMs } : { delivery, result, error, durationMs },
          );
          pump();
        }
      };

      const subscription = source.subscribe({
        next: (delivery) => {
          let key: string | undefined;
          try {
            key = orderBy?.(delivery);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          if (delivery instanceof ManagedDelivery) delivery.markQueued();
          queue.push({ delivery, key });
          pump();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          pump();
        },
      });

      return () => {
        subscription.unsubscribe();
        for (const fire of [...aborts]) fire(new Error('ackAfter unsubscribed'));
      };
    });
}
