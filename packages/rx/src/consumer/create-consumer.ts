import {
  type ClockTimer,
  invalidArgument,
  type QueuePort,
  VODMNS_DEBUG_NAMESPACES,
  type VodEvent,
} from '@vodmns/core';
import { BehaviorSubject, distinctUntilChanged, Observable, Subject } from 'rxjs';
import { createDebugLog, debugQueuePort, formatNotice } from '../debug/debug-log.js';
import { reportOfNotice, safeReport } from './consumer-error-report.js';
import { type ConsumerMetrics, MetricsRecorder } from './consumer-metrics.js';
import type { ConsumerNotice } from './consumer-notice.js';
import { type ConsumerOptions, resolveConsumerOptions } from './consumer-options.js';
import {
  ConsumerSession,
  type DrainOptions,
  type DrainResult,
  type SessionStatus,
} from './consumer-session.js';
import type { Delivery } from './delivery.js';

/** Overall status of a consumer. */
export type ConsumerStatus = 'idle' | SessionStatus;

/** What `state$` emits: the status and a metrics snapshot. */
export interface ConsumerState {
  /** `idle` before the first subscription; then the newest subscription's status. */
  readonly status: ConsumerStatus;
  /** Subscriptions currently receiving or draining. */
  readonly activeSubscriptions: number;
  readonly metrics: ConsumerMetrics;
  /** When this snapshot was taken, epoch ms. */
  readonly at: number;
}

/**
 * A consumer of one queue: `events$` plus the controls and signals around it. Create it with
 * {@link createConsumer}; subscribe to `events$` to start receiving.
 */
export interface Consumer<T = VodEvent> {
  /**
   * The deliveries. Cold: each subscription runs its own poller (one receive at a time) with its own flow-control
   * limits; unsubscribing stops it (aborts the long poll, releases unsettled messages).
   */
  readonly events$: Observable<Delivery<T>>;
  /** Status and metrics: on every status change and every `metricsIntervalMs` while receiving. Replays the latest. */
  readonly state$: Observable<ConsumerState>;
  /**
   * Handler failures, retried failures, stale handles, lost leases, poison messages, duplicates. Hot; nothing ends
   * the stream. The ones a human should see also go to `onError` (stderr by default).
   */
  readonly notices$: Observable<ConsumerNotice>;
  /** The current metrics. */
  metrics(): ConsumerMetrics;
  /**
   * Stops receiving, releases buffered-but-unstarted messages, lets running handlers finish (until `timeoutMs`),
   * flushes acks, then completes `events$`. Drains every active subscription.
   */
  drain(options?: DrainOptions): Promise<DrainResult>;
}

/**
 * Creates a consumer of `options.queueName` through `port` (any `QueuePort`, e.g. `MnsClient` from
 * `@vodmns/mns-transport`, or `InMemoryQueuePort` from `@vodmns/rx/testing`).
 * Options are validated now: a bad value throws `MnsConfigError` naming it.
 */
export function createConsumer(port: QueuePort, options: ConsumerOptions<VodEvent>): Consumer<VodEvent>;
export function createConsumer<T>(
  port: QueuePort,
  options: ConsumerOptions<T> & Required<Pick<ConsumerOptions<T>, 'decode'>>,
): Consumer<T>;
export function createConsumer<T>(queuePort: QueuePort, options: ConsumerOptions<T>): Consumer<T> {
  const o = resolveConsumerOptions(options);
  let port = queuePort;
  for (const m of [
    'batchReceiveMessage',
    'batchDeleteMessage',
    'changeMessageVisibility',
    'sendMessage',
  ] as const) {
    if (typeof (port as unknown as Record<string, unknown> | null)?.[m] !== 'function') {
      throw invalidArgument(
        `port.${m}`,
        (port as unknown as Record<string, unknown> | null)?.[m],
        'a function (a QueuePort from @vodmns/core)',
      );
    }
  }
  const recorder = new MetricsRecorder();
  const notices = new Subject<ConsumerNotice>();
  const debug = createDebugLog(VODMNS_DEBUG_NAMESPACES.rx);
  if (debug) {
    port = debugQueuePort(port, debug);
    notices.subscribe((n) => debug(formatNotice(n)));
  }
  const reporter = o.onError;
  if (reporter) {
    // "No dead-letter queue" is said once per consumer: after that, metrics.poisonNoDeadLetter counts.
    const noDeadLetter = o.deadLetter === undefined && o.onPoison === undefined;
    let warnedNoDeadLetter = false;
    notices.subscribe((n) => {
      const report = reportOfNotice(n, o.queueName, noDeadLetter);
      if (report === undefined) return;
      if (report.kind === 'no-dead-letter') {
        if (warnedNoDeadLetter) return;
        warnedNoDeadLetter = true;
      }
      safeReport(reporter, report);
    });
  }
  const sessions = new Set<ConsumerSession<T>>();
  let status: ConsumerStatus = 'idle';
  const snapshot = (): ConsumerState => ({
    status,
    activeSubscriptions: sessions.size,
    metrics: recorder.snapshot(),
    at: o.clock.now(),
  });
  const state = new BehaviorSubject<ConsumerState>(snapshot());
  let tickTimer: ClockTimer | undefined;
  const tick = (): void => {
    tickTimer = undefined;
    if (sessions.size === 0) return;
    state.next(snapshot());
    tickTimer = o.clock.setTimer(o.clock.now() + o.metricsIntervalMs, tick);
  };

  const events$ = new Observable<Delivery<T>>((subscriber) => {
    let session: ConsumerSession<T> | undefined;
    const onStatus = (s: SessionStatus): void => {
      status = s;
      debug?.(`status ${o.queueName} ${s}`);
      if ((s === 'stopped' || s === 'failed') && session) sessions.delete(session);
      if (sessions.size === 0) {
        tickTimer?.cancel();
        tickTimer = undefined;
      }
      state.next(snapshot());
    };
    session = new ConsumerSession<T>(port, o, recorder, (n) => notices.next(n), subscriber, onStatus);
    sessions.add(session);
    status = 'running';
    debug?.(`status ${o.queueName} running`);
    state.next(snapshot());
    if (tickTimer === undefined) tickTimer = o.clock.setTimer(o.clock.now() + o.metricsIntervalMs, tick);
    session.start();
    const owned = session;
    return () => owned.stop();
  });

  return {
    events$,
    state$: state.pipe(distinctUntilChanged()),
    notices$: notices.asObservable(),
    metrics: () => recorder.snapshot(),
    async drain(drainOptions: DrainOptions = {}): Promise<DrainResult> {
      const timeoutMs = drainOptions.timeoutMs ?? 30_000;
      if (
        typeof timeoutMs !== 'number' ||
        !Number.isFinite(timeoutMs) ||
        timeoutMs < 0 ||
        timeoutMs > 43_200_000
      ) {
        throw invalidArgument('drain options.timeoutMs', timeoutMs, 'a number of ms from 0 to 43200000');
      }
      const results = await Promise.all([...sessions].map((s) => s.drain({ timeoutMs })));
      return {
        timedOut: results.some((r) => r.timedOut),
        released: results.reduce((n, r) => n + r.released, 0),
      };
    },
  };
}
