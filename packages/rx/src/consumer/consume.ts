import {
  invalidArgument,
  type QueuePort,
  type VodEvent,
  type VodEventOf,
  type VodEventType,
} from '@vodmns/core';
import { type Observable, Subject, type Subscription } from 'rxjs';
import {
  type AckAfterOptions,
  ackAfter,
  type DeliveryHandler,
  type HandledDelivery,
} from '../operators/ack-after.js';
import { createStderrReporter, describeError, safeReport } from './consumer-error-report.js';
import type { ConsumerOptions } from './consumer-options.js';
import type { DrainOptions, DrainResult } from './consumer-session.js';
import { type Consumer, createConsumer } from './create-consumer.js';
import { ConsumerTelemetry, type TelemetryOptions } from '../telemetry/consumer-telemetry.js';

/**
 * Handlers by event type. An event whose type has no handler goes to `default`; without `default` it is acked
 * unhandled (counted as `acked`).
 */
export type VodEventHandlers = { readonly [K in VodEventType]?: DeliveryHandler<VodEventOf<K>> } & {
  readonly default?: DeliveryHandler<VodEvent>;
};

/** Options of {@link consume}: the consumer's and `ackAfter`'s, plus OpenTelemetry. */
export type ConsumeOptions = ConsumerOptions<VodEvent> &
  AckAfterOptions<VodEvent> & {
    /**
     * OpenTelemetry traces and metrics (`true` for the global tracer and meter providers, or your own tracer /
     * meter). Needs the optional peer dependency `@opentelemetry/api`; off, nothing is loaded and nothing costs.
     * @defaultValue off
     */
    readonly telemetry?: TelemetryOptions | boolean | undefined;
  };

/** A running consumer started by {@link consume}. */
export interface RunningConsumer {
  /** The consumer behind it: `state$` (status + metrics), `notices$`, `metrics()`, `drain()`. */
  readonly consumer: Consumer<VodEvent>;
  /** Every handled delivery (`{ delivery, result, error?, durationMs }`). Hot and read-only: subscribe right away to see all. */
  readonly results$: Observable<HandledDelivery<VodEvent>>;
  /**
   * Resolves when the stream completes (after `drain()`); rejects with the fatal error if it fails (e.g.
   * `QueueNotExist`, `AccessDenied`: a typed `MnsError`). The rejection is also reported to `onError` (stderr by
   * default), so it is never silent; `await` it (or `.catch` it) to set an exit code.
   */
  readonly done: Promise<void>;
  /** Graceful stop (see `Consumer.drain`); resolves when done, with what was released. */
  drain(options?: DrainOptions): Promise<DrainResult>;
  /** Immediate stop: aborts running handlers' signals and releases their messages (visibility 1 s). */
  stop(): void;
}

/**
 * Convenience runner: `createConsumer(port, options).events$.pipe(ackAfter(handler, options))`, subscribed.
 * `handlers` is one handler for every event, or a map by event type.
 */
export function consume(
  port: QueuePort,
  handlers: DeliveryHandler<VodEvent> | VodEventHandlers,
  options: ConsumeOptions,
): RunningConsumer {
  const dispatch: DeliveryHandler<VodEvent> =
    typeof handlers === 'function' ? handlers : dispatchByType(handlers as VodEventHandlers);
  const { telemetry: telemetryOption, ...consumerOptions } = options;
  const telemetry =
    telemetryOption === undefined || telemetryOption === false
      ? undefined
      : new ConsumerTelemetry(telemetryOption, options.queueName);
  const handler = telemetry === undefined ? dispatch : telemetry.wrapHandler(dispatch);
  // One reporter for the consumer's reports and the fatal error below, so that they share its rate limit.
  const reporter =
    options?.onError === false
      ? undefined
      : (options?.onError ?? createStderrReporter(options?.clock ? { clock: options.clock } : {}));
  const consumer = createConsumer(telemetry === undefined ? port : telemetry.instrumentPort(port), {
    ...consumerOptions,
    onError: reporter ?? false,
  });
  const results$ = new Subject<HandledDelivery<VodEvent>>();
  let subscription: Subscription | undefined;
  const done = new Promise<void>((resolve, reject) => {
    subscription = consumer.events$.pipe(ackAfter(handler, options)).subscribe({
      next: (r) => results$.next(r),
      error: (error: unknown) => {
        if (reporter) {
          safeReport(reporter, {
            kind: 'fatal',
            severity: 'error',
            queueName: options.queueName,
            message: `queue ${JSON.stringify(options.queueName)}: consumer stopped: ${describeError(error)}`,
            error,
          });
        }
        results$.error(error);
        reject(error);
      },
      complete: () => {
        results$.complete();
        resolve();
      },
    });
  });
  // The caller may only use drain(): no unhandled rejection (the failure was reported above, not lost).
  done.catch(() => undefined);
  if (telemetry !== undefined) {
    const watching = telemetry.observe(results$, consumer.notices$, () => consumer.metrics());
    void done.catch(() => undefined).finally(() => watching.unsubscribe());
  }
  return {
    consumer,
    results$: results$.asObservable(),
    done,
    drain: async (o) => {
      const result = await consumer.drain(o);
      await done.catch(() => undefined);
      return result;
    },
    stop: () => subscription?.unsubscribe(),
  };
}

function dispatchByType(map: VodEventHandlers): DeliveryHandler<VodEvent> {
  for (const [k, v] of Object.entries(map)) {
    if (typeof v !== 'function') throw invalidArgument(`consume handlers.${k}`, v, 'a function');
  }
  return (event, context) => {
    const specific = (map as Record<string, DeliveryHandler<VodEvent> | undefined>)[String(event.EventType)];
    const h = specific ?? map.default;
    return h ? h(event, context) : undefined;
  };
}
