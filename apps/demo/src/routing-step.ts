import { buildSetMessageCallbackParams, MNS_LIMITS, recommendQueueRegion } from '@vodmns/core';
import type { DemoContext, DemoQueue } from './demo-context.js';
import { DEMO_VISIBILITY_TIMEOUT_SECONDS, GOOD_STORAGE_REGIONS } from './demo-plan.js';
import { formatRows } from './format-rows.js';

/** The outcome of step 1. */
export interface RoutingStepResult {
  /** Storage region → the queue its events go to. */
  readonly routes: ReadonlyMap<string, DemoQueue>;
  /** Every queue created (one per recommended region). */
  readonly queues: readonly DemoQueue[];
  /** The dead-letter queue. */
  readonly deadLetterQueue: DemoQueue;
}

function unwrapRegion(storageRegion: string): { region: string; reason: string } {
  const r = recommendQueueRegion(storageRegion);
  if (!r.ok) throw r.error;
  return { region: r.value.region, reason: r.value.reason };
}

/**
 * Step 1: asks core's routing rule where each storage region's events should go, prints the decisions and
 * creates one queue per recommended region (plus the dead-letter queue).
 */
export async function runRoutingStep(ctx: DemoContext): Promise<RoutingStepResult> {
  const { target, narrator } = ctx;
  narrator.step(1, 'Route: which queue should each storage region notify?');
  narrator.line(`Target: ${target.description}.`);
  const routes = new Map<string, DemoQueue>();
  const byRegion = new Map<string, DemoQueue>();
  const rows: string[][] = [];
  for (const storageRegion of GOOD_STORAGE_REGIONS) {
    const { region, reason } = unwrapRegion(storageRegion);
    let queue = byRegion.get(region);
    if (queue === undefined) {
      queue = { region, endpoint: target.endpointFor(region), queueName: target.queueNameFor(region) };
      byRegion.set(region, queue);
    }
    routes.set(storageRegion, queue);
    rows.push([storageRegion, region, queue.queueName, reason]);
  }
  narrator.block(formatRows(['storage region', 'queue region', 'queue', 'why (recommendQueueRegion)'], rows));
  const dl = target.deadLetter;
  const deadLetterQueue: DemoQueue = {
    region: dl.region,
    endpoint: target.endpointFor(dl.region),
    queueName: dl.queueName,
  };
  const queues = [...byRegion.values()];
  for (const q of [...queues, deadLetterQueue]) {
    await ctx.clientFor(q.endpoint).createQueue({
      queueName: q.queueName,
      attributes: {
        visibilityTimeoutSeconds: DEMO_VISIBILITY_TIMEOUT_SECONDS,
        // VOD's advice: keep messages at least an hour, keep the 64 KiB maximum size.
        messageRetentionPeriodSeconds: 3600,
        maximumMessageSize: MNS_LIMITS.maximumMessageSizeBytes.max,
      },
    });
  }
  narrator.line(
    `Created ${queues.length} queues + dead-letter queue ${deadLetterQueue.queueName} (visibility timeout ${DEMO_VISIBILITY_TIMEOUT_SECONDS} s, retention 1 h).`,
  );
  // What the VOD side is configured with, per storage region (here: Beijing storage → the Shanghai queue).
  const beijing = routes.get('cn-beijing');
  if (beijing !== undefined) {
    const params = buildSetMessageCallbackParams({
      callbackType: 'MNS',
      storageRegion: 'cn-beijing',
      mnsEndpoint: `http://${target.accountId}.mns.${beijing.region}.aliyuncs.com/`,
      mnsQueueName: beijing.queueName,
      eventTypes: ['ALL'],
    });
    narrator.line(
      `VOD side, cn-beijing: SetMessageCallback ${Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  }
  if (target.kind === 'local') {
    narrator.line('One local server hosts the queues of every "region"; the queue name carries the region.');
  }
  return { routes, queues, deadLetterQueue };
}
