import { runConsumeStep } from './consume-step.js';
import { runCrashStep } from './crash-step.js';
import { createDemoContext, type DemoQueue } from './demo-context.js';
import type { HandlerLog } from './demo-handlers.js';
import { checkSummary, type DemoSummary, formatSummary } from './demo-summary.js';
import { openDemoTarget } from './demo-target.js';
import { runDeliveryStep } from './delivery-step.js';
import { createNarrator } from './narrator.js';
import { runRoutingStep } from './routing-step.js';
import { startDemoTelemetry } from './demo-telemetry.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Where the story goes. @defaultValue `process.stdout.write` */
  readonly write?: ((text: string) => void) | undefined;
  /** Print nothing (the summary is still returned). @defaultValue false */
  readonly quiet?: boolean | undefined;
  /**
   * Environment: with `MNS_ENDPOINT` + `ALIBABA_CLOUD_ACCESS_KEY_ID`/`_SECRET` the demo targets that real MNS
   * account, otherwise the embedded local server. @defaultValue `process.env`
   */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Use the embedded local server even when `MNS_ENDPOINT` is set. @defaultValue false */
  readonly forceLocal?: boolean | undefined;
  /** Seed of the scenario builders (ids, times). @defaultValue 7 */
  readonly seed?: number | undefined;
  /**
   * Switch on OpenTelemetry (an SDK tracer; spans counted and summarised after the consume step).
   * @defaultValue false (`--telemetry` or `VODMNS_DEMO_TELEMETRY=1` in `main.ts`)
   */
  readonly telemetry?: boolean | undefined;
}

/**
 * Runs the whole story — routing, VOD's delivery (with failures), consuming with `@vodmns/rx`, a consumer
 * crash — and returns the ledger. The caller decides what a ledger that does not add up means
 * (`checkSummary(summary).ok`); `main.ts` exits non-zero.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoSummary> {
  const started = Date.now();
  const write = options.write ?? ((t: string) => void process.stdout.write(t));
  const narrator = createNarrator(write, { quiet: options.quiet === true });
  const target = await openDemoTarget({ env: options.env, forceLocal: options.forceLocal });
  const telemetry = options.telemetry === true ? startDemoTelemetry() : undefined;
  const ctx = createDemoContext(target, narrator, options.seed ?? 7, telemetry);
  let created: readonly DemoQueue[] = [];
  try {
    if (options.quiet !== true) {
      write(
        'vodmns demo — ApsaraVideo VOD event notifications through MNS queues, end to end, no cloud account needed.\n',
      );
    }
    const routing = await runRoutingStep(ctx);
    created = [...routing.queues, routing.deadLetterQueue];
    const delivery = await runDeliveryStep(ctx, routing.routes);
    const log: HandlerLog = { redelivered: 0, runs: 0, notes: [] };
    const consumed = await runConsumeStep(
      ctx,
      routing.queues,
      routing.deadLetterQueue,
      delivery.delivered,
      log,
    );
    if (telemetry !== undefined) for (const line of telemetry.summary()) narrator.line(line);
    const crashQueue = routing.routes.get('ap-southeast-1');
    if (crashQueue === undefined) throw new Error('no ap-southeast-1 route');
    const crash = await runCrashStep(ctx, crashQueue, 'ap-southeast-1', routing.deadLetterQueue, log);

    // ActiveMessages/InactiveMessages/DelayMessages are real counts only on mns-local: the live service has
    // announced they return 0 (docs/mns-protocol.md). On a real account, peek instead (visible messages only).
    let leftInQueues = 0;
    const leftCountedBy = target.kind === 'remote' ? 'peek' : 'counts';
    for (const q of routing.queues) {
      const client = ctx.clientFor(q.endpoint);
      if (leftCountedBy === 'peek') {
        leftInQueues += (await client.batchPeekMessage({ queueName: q.queueName, numOfMessages: 16 })).length;
      } else {
        const a = await client.getQueueAttributes({ queueName: q.queueName });
        leftInQueues += a.activeMessages + a.inactiveMessages + a.delayMessages;
      }
    }
    const summary: DemoSummary = {
      emitted: delivery.emitted + crash.emitted,
      delivered: delivery.delivered.length + crash.delivered,
      discarded: delivery.discarded.length + crash.discarded,
      duplicatesInjected: consumed.duplicatesInjected,
      handled: consumed.handled + crash.handled,
      redelivered: log.redelivered,
      deadLettered: consumed.deadLettered + crash.deadLettered,
      duplicatesSuppressed: consumed.duplicatesSuppressed + crash.duplicatesSuppressed,
      leftInQueues,
      leftCountedBy,
      durationMs: Date.now() - started,
    };
    narrator.step(5, 'Summary');
    narrator.block(formatSummary(summary));
    const check = checkSummary(summary);
    narrator.line('');
    narrator.line(
      check.ok
        ? `Everything adds up. Demo finished in ${(summary.durationMs / 1000).toFixed(1)} s.`
        : 'The ledger does NOT add up (see ✗ above).',
    );
    return summary;
  } finally {
    // A real account keeps nothing of the demo: its queues (random run prefix) are deleted. The local server's
    // data dir is removed by target.close().
    if (target.kind === 'remote') {
      for (const q of created) {
        await ctx
          .clientFor(q.endpoint)
          .deleteQueue({ queueName: q.queueName })
          .catch((error: unknown) =>
            narrator.line(`! could not delete ${q.queueName}: ${(error as Error).message}`),
          );
      }
    }
    await ctx.closeClients();
    await target.close();
    await telemetry?.shutdown();
  }
}
