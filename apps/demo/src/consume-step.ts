import { vodEventMediaId } from '@vodmns/core';
import {
  type ConsumerErrorReport,
  createStderrReporter,
  type ConsumerMetrics,
  consumeRegions,
  MemoryIdempotencyStore,
  parseDeadLetterEnvelope,
} from '@vodmns/rx';
import type { DemoContext, DemoQueue } from './demo-context.js';
import { createDemoHandlers, type HandlerLog, type HandlerPlan } from './demo-handlers.js';
import { DEMO_VISIBILITY_TIMEOUT_SECONDS, GOOD_STORAGE_REGIONS } from './demo-plan.js';
import type { DeliveredEvent } from './delivery-step.js';
import { sendTo } from './delivery-step.js';
import { formatRows } from './format-rows.js';

/** Settlement counters summed over consumers. */
export interface Settled {
  handled: number;
  deadLettered: number;
  duplicatesSuppressed: number;
  extended: number;
}

/** The outcome of step 3. */
export interface ConsumeStepResult extends Settled {
  readonly duplicatesInjected: number;
}

/** Consumer options shared by the demo's consumers (short timeouts keep the demo fast). */
export function demoConsumerOptions(
  queueName: string,
  deadLetterQueue: DemoQueue,
  ctx: DemoContext,
  store: MemoryIdempotencyStore,
) {
  return {
    queueName,
    waitSeconds: 1,
    visibilityTimeoutSeconds: DEMO_VISIBILITY_TIMEOUT_SECONDS,
    batchSize: 16,
    concurrency: 8,
    // Give up after 3 deliveries, 1 s apart (the default policy waits 10 s, 20 s, …).
    redelivery: { maxDeliveries: 3, baseDelaySeconds: 1, maxDelaySeconds: 1, jitter: 'none' as const },
    deadLetter: { queueName: deadLetterQueue.queueName, sender: ctx.clientFor(deadLetterQueue.endpoint) },
    idempotency: { store, deferSeconds: 1 },
    metricsIntervalMs: 200,
    // The demo's failing handler fails on purpose and its log says so; anything else is a real problem and goes
    // to stderr as usual.
    onError: (report: ConsumerErrorReport) => {
      if (report.kind !== 'handler-error') stderrReporter(report);
    },
  };
}

const stderrReporter = createStderrReporter();

/** Sums the settlement counters of some consumers. */
export function sumMetrics(metrics: readonly ConsumerMetrics[]): Settled {
  return {
    handled: metrics.reduce((n, m) => n + m.acked, 0),
    deadLettered: metrics.reduce((n, m) => n + m.deadLettered, 0),
    duplicatesSuppressed: metrics.reduce((n, m) => n + m.duplicates, 0),
    extended: metrics.reduce((n, m) => n + m.extended, 0),
  };
}

/** Polls `done()` every 50 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * Step 3: consumes every queue with `@vodmns/rx` (`consume`: per-event-type handlers, leases, redelivery,
 * dead-letter queue, idempotency store) after injecting duplicate sends, until every message is settled.
 */
export async function runConsumeStep(
  ctx: DemoContext,
  queues: readonly DemoQueue[],
  deadLetterQueue: DemoQueue,
  delivered: readonly DeliveredEvent[],
  log: HandlerLog,
): Promise<ConsumeStepResult> {
  const { narrator } = ctx;
  narrator.step(
    3,
    'Consume with @vodmns/rx: handlers per event type, leases, redelivery, dead letters, dedupe',
  );

  // VOD documents duplicates (a retry after a write it thought failed): send two events a second time.
  const pick = (storageRegion: string, type: string): DeliveredEvent | undefined =>
    delivered.find((d) => d.storageRegion === storageRegion && d.event.EventType === type);
  const duplicates = [
    pick('cn-beijing', 'FileUploadComplete'),
    pick('eu-central-1', 'VideoAnalysisComplete'),
  ].filter((d): d is DeliveredEvent => d?.queue !== undefined);
  for (const d of duplicates) {
    const q = d.queue as DemoQueue;
    await sendTo(ctx.clientFor(q.endpoint), q.queueName)(d.event, 1, { signal: undefined });
  }
  narrator.line(
    `Injected ${duplicates.length} duplicate sends (${duplicates.map((d) => `${d.event.EventType} ${vodEventMediaId(d.event)}`).join('; ')}).`,
  );

  const plan: HandlerPlan = {
    slowMediaId: vodEventMediaId(pick('cn-shenzhen', 'TranscodeComplete')?.event ?? { EventType: 'none' }),
    slowMs: DEMO_VISIBILITY_TIMEOUT_SECONDS * 2000 + 500,
    failingMediaId: vodEventMediaId(pick('eu-central-1', 'SnapshotComplete')?.event ?? { EventType: 'none' }),
  };
  narrator.line(
    `Handlers: TranscodeComplete of ${plan.slowMediaId} is slow (${plan.slowMs / 1000} s > ${DEMO_VISIBILITY_TIMEOUT_SECONDS} s visibility timeout); SnapshotComplete of ${plan.failingMediaId} always fails.`,
  );

  const store = new MemoryIdempotencyStore();
  const handlers = createDemoHandlers(plan, log);
  const expected = delivered.filter((d) => d.queue !== undefined).length + duplicates.length;
  // One call for every storage region: consumeRegions plans the queues with core's routing rule (the same plan as
  // step 1), runs one consumer per queue region behind one surface and shares one idempotency store across them.
  const {
    queueName: _q,
    deadLetter: _d,
    idempotency,
    ...shared
  } = demoConsumerOptions(queues[0]?.queueName ?? '', deadLetterQueue, ctx, store);
  const byRegion = new Map(queues.map((q) => [q.region, q]));
  const running = consumeRegions((region) => ctx.clientFor(queueOf(byRegion, region).endpoint), handlers, {
    ...shared,
    idempotency,
    storageRegions: GOOD_STORAGE_REGIONS,
    ...(ctx.telemetry === undefined ? {} : { telemetry: { tracer: ctx.telemetry.tracer, metrics: false } }),
    queueName: (region) => queueOf(byRegion, region).queueName,
    deadLetter: () => deadLetterQueue.queueName,
    deadLetterSenderFor: () => ctx.clientFor(deadLetterQueue.endpoint),
    onRegionError: ({ region, error }) =>
      narrator.line(`! region ${region.queueRegion} (${region.queueName}) stopped: ${String(error)}`),
  });
  const duplicateNotes: string[] = [];
  const subscription = running.notices$.subscribe(({ notice: n }) => {
    if (n.type === 'duplicate' && n.action === 'acked')
      duplicateNotes.push(`duplicate ${n.messageId} acked without running a handler`);
    if (n.type === 'poison') duplicateNotes.push(`poison ${n.messageId} (${n.reason}) → ${n.action}`);
  });
  const settled = (): Settled => sumMetrics([running.metrics().total]);
  const total = (s: Settled): number => s.handled + s.deadLettered + s.duplicatesSuppressed;
  const finished = await waitFor(() => total(settled()) >= expected, 60_000);
  await running.drain({ timeoutMs: 10_000 });
  subscription.unsubscribe();
  const result = settled();
  if (!finished) narrator.line(`! only ${total(result)} of ${expected} messages settled within 60 s`);

  for (const note of [...log.notes, ...duplicateNotes]) narrator.line(note);
  log.notes.length = 0;
  narrator.block(
    formatRows(
      [
        'queue region',
        'queue',
        'storage regions',
        'handled',
        'dead-lettered',
        'duplicates',
        'lease extensions',
      ],
      running
        .metrics()
        .byRegion.map(({ region, metrics: m }) => [
          region.queueRegion,
          region.queueName,
          region.storageRegions.join(', '),
          String(m.acked),
          String(m.deadLettered),
          String(m.duplicates),
          String(m.extended),
        ]),
    ),
  );

  // Show what the dead-letter queue holds (and leave it there: that is what a DLQ is for).
  const dlq = await ctx
    .clientFor(deadLetterQueue.endpoint)
    .batchPeekMessage({ queueName: deadLetterQueue.queueName, numOfMessages: 16 });
  for (const m of dlq) {
    const env = parseDeadLetterEnvelope(m.messageBody);
    if (env.ok) {
      narrator.line(
        `${deadLetterQueue.queueName} holds message ${env.value.messageId} from ${env.value.sourceQueue}: ${env.value.reason} after ${env.value.dequeueCount} deliveries${env.value.error !== env.value.reason ? ` (${env.value.error})` : ''}; original body kept in the envelope`,
      );
    }
  }
  return { ...result, duplicatesInjected: duplicates.length };
}

function queueOf(byRegion: ReadonlyMap<string, DemoQueue>, region: string): DemoQueue {
  const q = byRegion.get(region);
  if (q === undefined) throw new Error(`the demo created no queue in ${region}`);
  return q;
}
