import type {
  Attributes,
  Counter,
  Histogram,
  Link,
  Meter,
  Span,
  SpanContext,
  Tracer,
} from '@opentelemetry/api';
import type { QueuePort, ReceivedMessage, VodEvent } from '@vodmns/core';
import { vodEventMediaId } from '@vodmns/core';
import type { Observable, Subscription } from 'rxjs';
import type { ConsumerMetrics } from '../consumer/consumer-metrics.js';
import type { ConsumerNotice } from '../consumer/consumer-notice.js';
import type { DeliveryHandler, HandledDelivery } from '../operators/ack-after.js';
import { loadOpenTelemetryApi, type OpenTelemetryApi } from './load-otel-api.js';

/** Options of the consumer's OpenTelemetry instrumentation (`telemetry` in `consume()`'s options). */
export interface TelemetryOptions {
  /**
   * An OpenTelemetry `Tracer` (from `@opentelemetry/api`) to create spans with. Typed `object` so that this
   * package's types do not need the optional peer. @defaultValue `trace.getTracer('@vodmns/rx')` (global provider)
   */
  readonly tracer?: object | undefined;
  /**
   * An OpenTelemetry `Meter` to record metrics with (typed `object`, as `tracer`).
   * @defaultValue `metrics.getMeter('@vodmns/rx')` of the global provider
   */
  readonly meter?: object | undefined;
  /** Create spans. @defaultValue true */
  readonly tracing?: boolean | undefined;
  /** Record metrics. @defaultValue true */
  readonly metrics?: boolean | undefined;
}

/** `messaging.system` of MNS (no value is registered for it in the semantic conventions yet). */
export const MESSAGING_SYSTEM = 'alibaba_cloud_mns';
const SPAN_KIND_CLIENT = 2;
const SPAN_KIND_CONSUMER = 4;
const STATUS_ERROR = 2;

/** A W3C `traceparent` (version 00): the only carrier shape a message body can bring. */
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

interface Instruments {
  readonly received: Counter;
  readonly acked: Counter;
  readonly nacked: Counter;
  readonly deadLettered: Counter;
  readonly duplicates: Counter;
  readonly handlerDuration: Histogram;
  readonly lag: Histogram;
}

/**
 * OpenTelemetry for one consumer, layered around it (nothing inside the consumer knows about it):
 * - a `receive <queue>` span per batch receive (kind CONSUMER), through {@link ConsumerTelemetry.instrumentPort};
 * - a `process <queue>` span per delivery (kind CONSUMER) with the handler running inside it, linked to its
 *   receive; a message whose JSON body carries a W3C `traceparent` (and `tracestate`) continues that trace, VOD's
 *   own events (which carry none) start a new one;
 * - settle events on the process span (`ack`, `nack`, `dead-letter`, …) and short `settle <queue>` spans for
 *   deliveries that never reach a handler (duplicates, poison);
 * - counters, histograms and an in-flight gauge.
 * Attributes: queue, message id, dequeue count, VOD event type, video/media id — never bodies or secrets.
 */
export class ConsumerTelemetry {
  readonly #api: OpenTelemetryApi;
  readonly #tracer: Tracer | undefined;
  readonly #instruments: Instruments | undefined;
  readonly #meter: Meter | undefined;
  readonly #queueName: string;
  /** The receive span's context of each received message (weak: the message objects go with their deliveries). */
  readonly #receivedBy = new WeakMap<ReceivedMessage, SpanContext>();
  /** Open process spans by message (ended when the delivery's outcome is known). */
  readonly #processing = new WeakMap<ReceivedMessage, Span>();

  constructor(options: TelemetryOptions | true, queueName: string) {
    const o = options === true ? {} : options;
    this.#api = loadOpenTelemetryApi();
    this.#queueName = queueName;
    this.#tracer =
      o.tracing === false
        ? undefined
        : ((o.tracer as Tracer | undefined) ?? this.#api.trace.getTracer('@vodmns/rx'));
    if (o.metrics !== false) {
      const meter = (o.meter as Meter | undefined) ?? this.#api.metrics.getMeter('@vodmns/rx');
      this.#meter = meter;
      this.#instruments = {
        received: meter.createCounter('messaging.client.consumed.messages', {
          description: 'Messages received from the queue (every copy)',
          unit: '{message}',
        }),
        acked: meter.createCounter('vodmns.consumer.acked', {
          description: 'Messages deleted after handling',
          unit: '{message}',
        }),
        nacked: meter.createCounter('vodmns.consumer.nacked', {
          description: 'Messages handed back for redelivery (failure, timeout, nack)',
          unit: '{message}',
        }),
        deadLettered: meter.createCounter('vodmns.consumer.dead_lettered', {
          description: 'Poison messages sent to the dead-letter queue (or onPoison) and deleted',
          unit: '{message}',
        }),
        duplicates: meter.createCounter('vodmns.consumer.duplicates', {
          description: 'Copies recognised by the idempotency store and deleted without running the handler',
          unit: '{message}',
        }),
        handlerDuration: meter.createHistogram('messaging.process.duration', {
          description: 'Handler time per delivery',
          unit: 's',
        }),
        lag: meter.createHistogram('vodmns.consumer.lag', {
          description: 'Time from enqueue to receive (server clock vs local clock)',
          unit: 'ms',
        }),
      };
    }
  }

  #baseAttributes(): Attributes {
    return {
      'messaging.system': MESSAGING_SYSTEM,
      'messaging.destination.name': this.#queueName,
    };
  }

  /** Wraps a port so that each batch receive gets a `receive` span and the received messages are counted. */
  instrumentPort(port: QueuePort): QueuePort {
    const tracer = this.#tracer;
    const instruments = this.#instruments;
    const base = this.#baseAttributes();
    const receivedBy = this.#receivedBy;
    const receiveIn = async (
      input: Parameters<QueuePort['batchReceiveMessage']>[0],
      span: Span | undefined,
    ): Promise<readonly ReceivedMessage[]> => {
      try {
        const messages = await port.batchReceiveMessage(input);
        span?.setAttribute('messaging.batch.message_count', messages.length);
        if (span !== undefined) {
          const ctx = span.spanContext();
          for (const m of messages) receivedBy.set(m, ctx);
        }
        if (instruments !== undefined && messages.length > 0) {
          instruments.received.add(messages.length, base);
          const now = Date.now();
          for (const m of messages) instruments.lag.record(Math.max(0, now - m.enqueueTime), base);
        }
        return messages;
      } catch (error) {
        span?.recordException(error as Error);
        span?.setStatus({ code: STATUS_ERROR, message: (error as { code?: string }).code ?? String(error) });
        throw error;
      } finally {
        span?.end();
      }
    };
    // The receive span is active around the call, so a traced client's own span (traceMnsClient) nests in it.
    const receive: QueuePort['batchReceiveMessage'] = (input) =>
      tracer === undefined
        ? receiveIn(input, undefined)
        : tracer.startActiveSpan(
            `receive ${input.queueName}`,
            {
              kind: SPAN_KIND_CONSUMER,
              attributes: {
                ...base,
                'messaging.operation.name': 'receive',
                'messaging.operation.type': 'receive',
                'messaging.batch.message_count': input.numOfMessages,
              },
            },
            (span) => receiveIn(input, span),
          );
    // Every other operation goes to the port unchanged (bound: MnsClient keeps private state).
    return new Proxy(port, {
      get(target, key, receiver) {
        if (key === 'batchReceiveMessage') return receive;
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** Wraps the handler: it runs inside a `process` span linked to its receive (or continuing a carried trace). */
  wrapHandler<T>(handler: DeliveryHandler<T>): DeliveryHandler<T> {
    const tracer = this.#tracer;
    if (tracer === undefined) return handler;
    const api = this.#api;
    return (event, context) => {
      const message = context.delivery.message;
      const links: Link[] = [];
      const received = this.#receivedBy.get(message);
      if (received !== undefined) links.push({ context: received });
      const parent = carriedContext(api, event);
      const attributes = {
        ...this.#baseAttributes(),
        ...deliveryAttributes(message, event),
        'messaging.operation.name': 'process',
        'messaging.operation.type': 'process',
      };
      return tracer.startActiveSpan(
        `process ${this.#queueName}`,
        { kind: SPAN_KIND_CONSUMER, links, attributes },
        parent ?? api.ROOT_CONTEXT,
        (span) => {
          this.#processing.set(message, span);
          return handler(event, context);
        },
      );
    };
  }

  /** Watches the outcomes: ends process spans with their settle event, counts, records durations. */
  observe(
    results$: Observable<HandledDelivery<unknown>>,
    notices$: Observable<ConsumerNotice>,
    metrics: () => ConsumerMetrics,
  ): Subscription {
    const base = this.#baseAttributes();
    const i = this.#instruments;
    const subscription = results$.subscribe((handled) => {
      const message = handled.delivery.message;
      const span = this.#processing.get(message);
      const settle = settleEvent(handled.result);
      if (span !== undefined) {
        this.#processing.delete(message);
        span.addEvent(settle, { 'vodmns.result': handled.result });
        if (handled.error !== undefined && handled.result !== 'acked') {
          span.recordException(handled.error as Error);
          span.setStatus({ code: STATUS_ERROR, message: handled.result });
        }
        span.end();
      }
      if (i === undefined) return;
      i.handlerDuration.record(handled.durationMs / 1000, { ...base, 'vodmns.result': handled.result });
      if (handled.result === 'acked') i.acked.add(1, base);
      else if (handled.result === 'dead-lettered') i.deadLettered.add(1, base);
      else if (handled.result === 'nacked' || handled.result === 'timed-out') i.nacked.add(1, base);
    });
    subscription.add(
      notices$.subscribe((notice) => {
        if (notice.type === 'duplicate' && notice.action === 'acked') {
          i?.duplicates.add(1, base);
          this.#settleSpan('duplicate', notice.messageId);
        } else if (notice.type === 'poison' && notice.action === 'dead-lettered') {
          i?.deadLettered.add(1, base);
          this.#settleSpan('dead-letter', notice.messageId, notice.reason);
        }
      }),
    );
    const meter = this.#meter;
    if (meter !== undefined) {
      const gauge = meter.createObservableGauge('vodmns.consumer.in_flight', {
        description: 'Messages received and not yet settled',
        unit: '{message}',
      });
      const observe = (r: { observe(value: number, attributes?: Attributes): void }): void =>
        r.observe(metrics().inFlight, base);
      gauge.addCallback(observe);
      subscription.add(() => gauge.removeCallback(observe));
    }
    return subscription;
  }

  /** A short span for a delivery settled without a handler (the receive span has ended by then). */
  #settleSpan(event: string, messageId: string, reason?: string): void {
    const tracer = this.#tracer;
    if (tracer === undefined) return;
    const span = tracer.startSpan(`settle ${this.#queueName}`, {
      kind: SPAN_KIND_CLIENT,
      attributes: {
        ...this.#baseAttributes(),
        'messaging.operation.name': event,
        'messaging.operation.type': 'settle',
        'messaging.message.id': messageId,
      },
    });
    span.addEvent(event, reason === undefined ? {} : { 'vodmns.reason': reason });
    span.end();
  }
}

/** The settle event of a handled delivery's result. */
function settleEvent(result: HandledDelivery<unknown>['result']): string {
  switch (result) {
    case 'acked':
      return 'ack';
    case 'nacked':
    case 'timed-out':
      return 'nack';
    case 'dead-lettered':
      return 'dead-letter';
    default:
      return result; // lease-lost, stopped
  }
}

function deliveryAttributes(message: ReceivedMessage, event: unknown): Attributes {
  const attributes: Attributes = {
    'messaging.message.id': message.messageId,
    'messaging.alibaba_cloud_mns.dequeue_count': message.dequeueCount,
  };
  if (typeof event === 'object' && event !== null) {
    const type = (event as { EventType?: unknown }).EventType;
    if (typeof type === 'string') attributes['vod.event.type'] = type;
    const id = vodEventMediaId(event as VodEvent);
    if (id !== undefined) attributes['vod.video.id'] = id;
  }
  return attributes;
}

/**
 * The trace context a user-produced JSON message carries (`traceparent`, `tracestate` fields), if any. Parsed here
 * rather than through the global propagator, so it works whichever propagator the application registered.
 */
function carriedContext(api: OpenTelemetryApi, event: unknown) {
  if (typeof event !== 'object' || event === null) return undefined;
  const traceparent = (event as { traceparent?: unknown }).traceparent;
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent)) return undefined;
  const [, traceId = '', spanId = '', flags = '00'] = traceparent.split('-');
  if (!api.isSpanContextValid({ traceId, spanId, traceFlags: 0 })) return undefined;
  const tracestate = (event as { tracestate?: unknown }).tracestate;
  const spanContext: SpanContext = {
    traceId,
    spanId,
    traceFlags: Number.parseInt(flags, 16) & 1,
    isRemote: true,
    ...(typeof tracestate === 'string' && tracestate.length <= 512
      ? { traceState: api.createTraceState(tracestate) }
      : {}),
  };
  return api.trace.setSpanContext(api.ROOT_CONTEXT, spanContext);
}
