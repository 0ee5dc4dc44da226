import {
  invalidArgument,
  type PlanRegionalQueuesInput,
  planRegionalQueues,
  type QueuePort,
  type QueueSender,
  type RegionalQueue,
  type VodEvent,
  type VodEventOf,
  type VodEventType,
  vodEventStorageRegion,
} from '@vodmns/core';
import { combineLatest, map, merge, type Observable, Subject } from 'rxjs';
import { type ConsumeOptions, consume, type RunningConsumer } from '../consumer/consume.js';
import type { ConsumerMetrics } from '../consumer/consumer-metrics.js';
import type { ConsumerNotice } from '../consumer/consumer-notice.js';
import { type ConsumerErrorReporter, createStderrReporter } from '../consumer/consumer-error-report.js';
import type { DrainOptions, DrainResult } from '../consumer/consumer-session.js';
import type { ConsumerStatus } from '../consumer/create-consumer.js';
import { MemoryIdempotencyStore } from '../idempotency/memory-idempotency-store.js';
import type { DeliveryHandler, HandledDelivery, HandlerContext } from '../operators/ack-after.js';
import { sumConsumerMetrics } from './sum-consumer-metrics.js';

/** Where a delivery came from: its queue and, when the event says, the storage region of its media. */
export interface RegionTag {
  /** The MNS region of the queue the message was received from. */
  readonly queueRegion: string;
  readonly queueName: string;
  /** The storage regions routed to that queue (from the plan). */
  readonly storageRegions: readonly string[];
  /**
   * The storage region of this event's media when the event carries it (the OSS host of its file URL, see
   * `vodEventStorageRegion`); `undefined` otherwise. On `RegionTag`s of queues (state, notices) always `undefined`.
   */
  readonly storageRegion: string | undefined;
}

/** A handler's context in {@link consumeRegions}: the usual one plus where the delivery came from. */
export interface RegionalHandlerContext<T> extends HandlerContext<T> {
  readonly region: RegionTag;
}

/** Handles one event of any region. Resolve to have it acked; reject to have it nacked and redelivered. */
export type RegionalHandler<T> = (event: T, context: RegionalHandlerContext<T>) => unknown;

/** Handlers by event type (see `VodEventHandlers`), with the region in their context. */
export type RegionalHandlers = { readonly [K in VodEventType]?: RegionalHandler<VodEventOf<K>> } & {
  readonly default?: RegionalHandler<VodEvent>;
};

/** A handled delivery of {@link consumeRegions}, tagged with its region. */
export interface RegionalHandledDelivery extends HandledDelivery<VodEvent> {
  readonly region: RegionTag;
}

/** A consumer notice of {@link consumeRegions}, tagged with the queue it is about. */
export interface RegionalNotice {
  readonly region: RegionTag;
  readonly notice: ConsumerNotice;
}

/** A region whose consumer could not start or stopped with a fatal error. */
export interface RegionFailure {
  readonly region: RegionTag;
  /** The fatal error, e.g. `QueueNotExist` or `InvalidAccessKeyId` (an `MnsError`). */
  readonly error: unknown;
}

/** One region's row in {@link RegionalState} and {@link RegionalMetrics}. */
export interface RegionRow {
  readonly region: RegionTag;
  readonly status: ConsumerStatus;
  readonly metrics: ConsumerMetrics;
  /** Set when the region failed. */
  readonly error?: unknown;
}

/** What {@link RunningRegionalConsumer.state$} emits. */
export interface RegionalState {
  /** `running` while any region runs; `failed` when every region failed; otherwise the regions' common status. */
  readonly status: ConsumerStatus;
  readonly regions: readonly RegionRow[];
  /** Sum over regions (counters and gauges added; `lagMs` and the timestamps are the maximum). */
  readonly metrics: ConsumerMetrics;
}

/** What {@link RunningRegionalConsumer.metrics} returns. */
export interface RegionalMetrics {
  readonly total: ConsumerMetrics;
  readonly byRegion: readonly RegionRow[];
}

/** How each region ended, from {@link RunningRegionalConsumer.done}. */
export type RegionOutcome =
  | { readonly region: RegionTag; readonly ok: true }
  | { readonly region: RegionTag; readonly ok: false; readonly error: unknown };

/** What {@link RunningRegionalConsumer.drain} returns. */
export interface RegionalDrainResult extends DrainResult {
  readonly byRegion: readonly { readonly region: RegionTag; readonly result: DrainResult }[];
}

/** Options of {@link consumeRegions}: `consume`'s options (shared by every region) and the regional plan. */
export interface ConsumeRegionsOptions extends Omit<ConsumeOptions, 'queueName' | 'deadLetter'> {
  /** The VOD storage regions whose events to consume; each is routed with `recommendQueueRegion`. */
  readonly storageRegions: readonly string[];
  /** Queue name per queue region (see `planRegionalQueues`). @defaultValue `vod-events-<queueRegion>` */
  readonly queueName?: PlanRegionalQueuesInput['queueName'];
  /**
   * The dead-letter queue per queue region (in that region): `true` for `<queue>-dlq`, `false` for none, or a
   * function of the region and queue name. @defaultValue `true`
   */
  readonly deadLetter?: PlanRegionalQueuesInput['deadLetter'];
  /** Where poison messages of a region are sent. @defaultValue the region's own client */
  readonly deadLetterSenderFor?: ((queueRegion: string) => QueueSender) | undefined;
  /**
   * `true`: the first region that fails stops every region and `done` rejects with its error. `false`: a failed
   * region is reported (by region) and the others go on. @defaultValue `false`
   */
  readonly allOrNothing?: boolean | undefined;
  /**
   * Called once per failed region (besides `onError`, which reports it like every consumer failure: on stderr by
   * default, each line naming the region). @defaultValue none
   */
  readonly onRegionError?: ((failure: RegionFailure) => void) | undefined;
}

/** A running multi-region consumer started by {@link consumeRegions}. */
export interface RunningRegionalConsumer {
  /** The plan: one queue per queue region, with the storage regions it serves. */
  readonly queues: readonly RegionalQueue[];
  /** One consumer per queue, in plan order (for metrics or notices of one region). */
  readonly consumers: readonly { readonly region: RegionTag; readonly running: RunningConsumer }[];
  /** Every handled delivery of every region, tagged. Hot; completes when every region has completed. */
  readonly results$: Observable<RegionalHandledDelivery>;
  /** Every region's notices, tagged. Hot. */
  readonly notices$: Observable<RegionalNotice>;
  /** Per-region rows and their sum; replays the latest. */
  readonly state$: Observable<RegionalState>;
  /** Failed regions, as they fail. Hot. */
  readonly failures$: Observable<RegionFailure>;
  /** The current metrics: the total and one row per region. */
  metrics(): RegionalMetrics;
  /**
   * Resolves when every region has ended, with how each ended. Rejects only with `allOrNothing: true`, with the
   * first region's fatal error.
   */
  readonly done: Promise<readonly RegionOutcome[]>;
  /** Graceful stop of every region at once (see `Consumer.drain`). */
  drain(options?: DrainOptions): Promise<RegionalDrainResult>;
  /** Immediate stop of every region. */
  stop(): void;
}

/**
 * Consumes the VOD events of several storage regions behind one surface. The queues come from core's routing
 * rule (`planRegionalQueues`: mainland storage → one `cn-shanghai` queue, other regions → a queue in their own
 * region); `clientFor(queueRegion)` gives the port for each queue region (e.g. `createRegionalClients(…).clientFor`
 * from `@vodmns/mns-transport`, or one `startMnsLocal` server per region in tests). One handler map serves every
 * region; one idempotency store is shared across regions unless you pass your own (so one event seen in two
 * queues runs once). A region that fails (missing queue, refused credentials) is reported and the others go on,
 * unless `allOrNothing`.
 *
 * @throws `MnsConfigError` (`ERR_MNS_INVALID_ARGUMENT`) for a bad plan (unknown storage region, bad queue name),
 * bad handlers or bad consumer options — before anything is received.
 */
export function consumeRegions(
  clientFor: (queueRegion: string) => QueuePort,
  handlers: RegionalHandler<VodEvent> | RegionalHandlers,
  options: ConsumeRegionsOptions,
): RunningRegionalConsumer {
  if (typeof clientFor !== 'function') {
    throw invalidArgument('consumeRegions clientFor', clientFor, 'a function (queueRegion) => QueuePort');
  }
  const dispatch = dispatcher(handlers);
  const {
    storageRegions,
    queueName,
    deadLetter,
    deadLetterSenderFor,
    allOrNothing = false,
    onRegionError,
    ...consumeOptions
  } = options;
  // One reporter for every region (one rate limit), each report naming its region.
  const reporter =
    consumeOptions.onError === false
      ? undefined
      : (consumeOptions.onError ??
        createStderrReporter(consumeOptions.clock ? { clock: consumeOptions.clock } : {}));
  const plan = planRegionalQueues({ storageRegions, queueName, deadLetter });
  if (!plan.ok) throw plan.error;
  const idempotency =
    consumeOptions.idempotency === false
      ? false
      : {
          ...consumeOptions.idempotency,
          store: consumeOptions.idempotency?.store ?? new MemoryIdempotencyStore(),
        };

  const results = new Subject<RegionalHandledDelivery>();
  const failures = new Subject<RegionFailure>();
  const failed = new Map<string, unknown>();
  const consumers: { region: RegionTag; running: RunningConsumer }[] = [];
  let stopAll = (): void => undefined;
  const fail = (region: RegionTag, error: unknown): void => {
    if (failed.has(region.queueRegion)) return;
    failed.set(region.queueRegion, error);
    const failure = { region, error };
    failures.next(failure);
    onRegionError?.(failure);
    if (allOrNothing) stopAll();
  };

  // Every port first: a clientFor that throws leaves nothing running.
  const ports = plan.value.map((queue) => ({ queue, port: clientFor(queue.queueRegion) }));
  const stops: { resolve: () => void; promise: Promise<RegionOutcome> }[] = [];
  stopAll = () => {
    for (const [i, c] of consumers.entries()) {
      c.running.stop();
      // A failed region keeps its outcome (its error); the others end as stopped.
      if (!failed.has(c.region.queueRegion)) stops[i]?.resolve();
    }
  };
  try {
    for (const { queue, port } of ports) {
      const region = queueTag(queue);
      const dlq = queue.deadLetterQueueName;
      const running = consume(port, regionalHandler(dispatch, region), {
        ...consumeOptions,
        queueName: queue.queueName,
        idempotency,
        onError: reporter === undefined ? false : tagReports(reporter, region),
        ...(dlq === undefined
          ? {}
          : { deadLetter: { queueName: dlq, sender: deadLetterSenderFor?.(queue.queueRegion) ?? port } }),
      } as ConsumeOptions);
      consumers.push({ region, running });
      let resolve = (): void => undefined;
      const promise = new Promise<RegionOutcome>((r) => {
        resolve = () => r({ region, ok: true });
      });
      stops.push({ resolve, promise });
    }
  } catch (error) {
    stopAll();
    throw error;
  }

  let open = consumers.length;
  const closeOne = (): void => {
    open -= 1;
    if (open === 0) {
      results.complete();
      failures.complete();
    }
  };
  for (const { region, running } of consumers) {
    running.results$.subscribe({
      next: (handled) => results.next(tagResult(handled, region)),
      error: () => closeOne(),
      complete: closeOne,
    });
  }

  // A region ends when its stream completes or fails, or when it is stopped (stop() settles nothing by itself).
  const outcomes = Promise.all(
    consumers.map(({ region, running }, i) =>
      Promise.race([
        running.done.then(
          (): RegionOutcome => ({ region, ok: true }),
          (error: unknown): RegionOutcome => {
            fail(region, error);
            return { region, ok: false, error };
          },
        ),
        stops[i]?.promise ?? Promise.resolve<RegionOutcome>({ region, ok: true }),
      ]),
    ),
  );
  const done = outcomes.then((list) => {
    const first = list.find((o) => !o.ok);
    if (allOrNothing && first !== undefined && !first.ok) throw first.error;
    return list;
  });
  done.catch(() => undefined); // the caller may only use drain(); the failure was already reported

  // Each consumer's status, as its state$ reports it (consume() holds exactly one subscription per consumer).
  const statuses = new Map<string, ConsumerStatus>();
  const watches = consumers.map(({ region, running }) =>
    running.consumer.state$.subscribe((s) => statuses.set(region.queueRegion, s.status)),
  );
  void outcomes.then(() => {
    for (const w of watches) w.unsubscribe();
  });
  const rows = (): RegionRow[] =>
    consumers.map(({ region, running }) =>
      row(region, running, statuses.get(region.queueRegion) ?? 'idle', failed.get(region.queueRegion)),
    );
  const state$ = combineLatest(consumers.map((c) => c.running.consumer.state$)).pipe(
    map((): RegionalState => {
      const all = rows();
      return {
        status: overallStatus(all),
        regions: all,
        metrics: sumConsumerMetrics(all.map((r) => r.metrics)),
      };
    }),
  );

  return {
    queues: plan.value,
    consumers,
    results$: results.asObservable(),
    notices$: merge(
      ...consumers.map(({ region, running }) =>
        running.consumer.notices$.pipe(map((notice): RegionalNotice => ({ region, notice }))),
      ),
    ),
    state$,
    failures$: failures.asObservable(),
    metrics: () => {
      const all = rows();
      return { total: sumConsumerMetrics(all.map((r) => r.metrics)), byRegion: all };
    },
    done,
    async drain(drainOptions?: DrainOptions): Promise<RegionalDrainResult> {
      const byRegion = await Promise.all(
        consumers.map(async ({ region, running }) => ({ region, result: await running.drain(drainOptions) })),
      );
      return {
        timedOut: byRegion.some((r) => r.result.timedOut),
        released: byRegion.reduce((n, r) => n + r.result.released, 0),
        byRegion,
      };
    },
    stop: () => stopAll(),
  };
}

function queueTag(queue: RegionalQueue): RegionTag {
  return Object.freeze({
    queueRegion: queue.queueRegion,
    queueName: queue.queueName,
    storageRegions: queue.storageRegions,
    storageRegion: undefined,
  });
}

/** The tag of one delivery: its queue's, plus the storage region its event names (when it is one of the queue's). */
function deliveryTag(event: VodEvent, queue: RegionTag): RegionTag {
  const storageRegion = vodEventStorageRegion(event);
  if (storageRegion === undefined) return queue;
  return Object.freeze({ ...queue, storageRegion });
}

function tagResult(handled: HandledDelivery<VodEvent>, queue: RegionTag): RegionalHandledDelivery {
  return { ...handled, region: deliveryTag(handled.delivery.event, queue) };
}

function regionalHandler(dispatch: RegionalHandler<VodEvent>, queue: RegionTag): DeliveryHandler<VodEvent> {
  return (event, context) => {
    // Delegate to the original context (its `signal` is created lazily, on first read).
    const regional = Object.create(context, {
      region: { value: deliveryTag(event, queue), enumerable: true },
    }) as RegionalHandlerContext<VodEvent>;
    return dispatch(event, regional);
  };
}

function dispatcher(handlers: RegionalHandler<VodEvent> | RegionalHandlers): RegionalHandler<VodEvent> {
  if (typeof handlers === 'function') return handlers;
  if (typeof handlers !== 'object' || handlers === null) {
    throw invalidArgument(
      'consumeRegions handlers',
      handlers,
      'a handler function or a map of handlers by event type',
    );
  }
  for (const [k, v] of Object.entries(handlers)) {
    if (typeof v !== 'function') throw invalidArgument(`consumeRegions handlers.${k}`, v, 'a function');
  }
  const byType = handlers as Record<string, RegionalHandler<VodEvent> | undefined>;
  return (event, context) => {
    const h = byType[String(event.EventType)] ?? byType.default;
    return h ? h(event, context) : undefined;
  };
}

function row(region: RegionTag, running: RunningConsumer, status: ConsumerStatus, error: unknown): RegionRow {
  const metrics = running.consumer.metrics();
  return error === undefined ? { region, status, metrics } : { region, status: 'failed', metrics, error };
}

function overallStatus(rows: readonly RegionRow[]): ConsumerStatus {
  if (rows.some((r) => r.status === 'running')) return 'running';
  if (rows.some((r) => r.status === 'draining')) return 'draining';
  if (rows.length > 0 && rows.every((r) => r.status === 'failed')) return 'failed';
  return rows.every((r) => r.status === 'idle') ? 'idle' : 'stopped';
}

function tagReports(reporter: ConsumerErrorReporter, region: RegionTag): ConsumerErrorReporter {
  return (report) => reporter({ ...report, message: `region ${region.queueRegion}: ${report.message}` });
}
