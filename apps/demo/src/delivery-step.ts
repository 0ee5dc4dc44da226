import { createServer } from 'node:net';
import {
  type AttemptRecord,
  checkCallbackConfig,
  type DeliveryResult,
  deliver,
  isMnsError,
  type KnownVodEvent,
  recommendQueueRegion,
  VOD_DELIVERY_POLICY,
  vodEventMediaId,
} from '@vodmns/core';
import { buildUploadScenario } from '@vodmns/core/testing';
import { MnsClient } from '@vodmns/mns-transport';
import type { DemoContext, DemoQueue } from './demo-context.js';
import { GOOD_STORAGE_REGIONS, MISCONFIGURED_REGIONS, type MisconfiguredRegion } from './demo-plan.js';
import { formatRows } from './format-rows.js';

/** One event VOD tried to deliver. */
export interface DeliveredEvent {
  readonly storageRegion: string;
  readonly event: KnownVodEvent;
  /** Where it went (for delivered events). */
  readonly queue: DemoQueue | undefined;
  readonly result: DeliveryResult<KnownVodEvent>;
}

/** The outcome of step 2. */
export interface DeliveryStepResult {
  readonly emitted: number;
  readonly delivered: readonly DeliveredEvent[];
  readonly discarded: readonly DeliveredEvent[];
}

/** Sends one event to a queue as VOD would: the event JSON as the raw message body. One request per attempt. */
export function sendTo(client: MnsClient, queueName: string) {
  return async (event: KnownVodEvent, _attempt: number, ctx: { signal: AbortSignal | undefined }) =>
    client.sendMessage({
      queueName,
      messageBody: JSON.stringify(event),
      ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
    });
}

function describeError(error: unknown): string {
  if (isMnsError(error)) return `${error.code}${error.status === undefined ? '' : ` (HTTP ${error.status})`}`;
  return error instanceof Error ? error.message : String(error);
}

function describeAttempts(attempts: readonly AttemptRecord[]): string[] {
  const first = attempts[0]?.startedAt ?? 0;
  return attempts.map(
    (a) =>
      `attempt ${a.attempt} at +${((a.startedAt - first) / 1000).toFixed(1)} s: ${a.status === 'succeeded' ? 'ok' : `failed — ${describeError(a.error)}`}`,
  );
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/**
 * The client VOD would effectively be using for a misconfigured callback, and the configuration as the user
 * wrote it (for `checkCallbackConfig`). No client-side retries: one request per VOD attempt.
 */
async function brokenSetup(
  ctx: DemoContext,
  m: MisconfiguredRegion,
): Promise<{ client: MnsClient; queueName: string; config: Parameters<typeof checkCallbackConfig>[0] }> {
  const r = recommendQueueRegion(m.storageRegion);
  if (!r.ok) throw r.error;
  const region = r.value.region;
  const { target } = ctx;
  const publicEndpoint = `http://${target.accountId}.mns.${region}.aliyuncs.com/`;
  const queueName = target.queueNameFor(region);
  const options = { retry: { maxAttempts: 1 }, timeoutMs: 3000 } as const;
  switch (m.problem) {
    case 'wrong-queue-name': {
      const typo = queueName.includes('events') ? queueName.replace('events', 'event') : `${queueName}-old`;
      return {
        client: new MnsClient({
          ...options,
          endpoint: target.endpointFor(region),
          credentials: target.credentials,
        }),
        queueName: typo,
        config: {
          callbackType: 'MNS',
          storageRegion: m.storageRegion,
          mnsEndpoint: publicEndpoint,
          mnsQueueName: typo,
          eventTypes: ['ALL'],
        },
      };
    }
    case 'non-public-endpoint': {
      const port = await closedPort();
      return {
        client: new MnsClient({
          ...options,
          endpoint: `http://127.0.0.1:${port}`,
          credentials: target.credentials,
        }),
        queueName,
        config: {
          callbackType: 'MNS',
          storageRegion: m.storageRegion,
          mnsEndpoint: `http://${target.accountId}.mns.${region}-internal.aliyuncs.com/`,
          mnsQueueName: queueName,
          eventTypes: ['ALL'],
        },
      };
    }
    case 'no-permission':
      return {
        client: new MnsClient({
          ...options,
          endpoint: target.endpointFor(region),
          credentials: {
            accessKeyId: target.credentials.accessKeyId,
            accessKeySecret: 'not-the-secret-VOD-was-granted-0',
          },
        }),
        queueName,
        config: {
          callbackType: 'MNS',
          storageRegion: m.storageRegion,
          mnsEndpoint: publicEndpoint,
          mnsQueueName: queueName,
          eventTypes: ['ALL'],
        },
      };
  }
}

/**
 * Step 2: VOD processes one upload per storage region (core's `buildUploadScenario`) and delivers every event
 * with its policy (core's `deliver`: 3 attempts, 1 s apart, then discard). Correct regions reach their queue;
 * the misconfigured ones show their attempts and the discard.
 */
export async function runDeliveryStep(
  ctx: DemoContext,
  routes: ReadonlyMap<string, DemoQueue>,
): Promise<DeliveryStepResult> {
  const { narrator } = ctx;
  narrator.step(2, "Simulate VOD: uploads in several storage regions, delivered with VOD's policy");
  narrator.line(
    `VOD's policy: ${VOD_DELIVERY_POLICY.maxAttempts} attempts, ${VOD_DELIVERY_POLICY.intervalMs / 1000} s apart, then the event is discarded (no dead letter).`,
  );
  let emitted = 0;
  const delivered: DeliveredEvent[] = [];
  const discarded: DeliveredEvent[] = [];

  // Correct configurations, regions in parallel (they are independent in VOD), events in order within one.
  const good = await Promise.all(
    GOOD_STORAGE_REGIONS.map(async (storageRegion, i) => {
      const queue = routes.get(storageRegion);
      if (queue === undefined) throw new Error(`no route for ${storageRegion}`);
      const events = buildUploadScenario({ seed: ctx.seed + i, storageRegion });
      emitted += events.length;
      const out: DeliveredEvent[] = [];
      const client = ctx.clientFor(queue.endpoint);
      for (const event of events) {
        const result = await deliver(event, sendTo(client, queue.queueName));
        out.push({ storageRegion, event, queue, result });
      }
      return out;
    }),
  );
  const rows: string[][] = [];
  for (const list of good) {
    for (const d of list) (d.result.outcome === 'delivered' ? delivered : discarded).push(d);
    const first = list[0];
    if (first === undefined) continue;
    const ok = list.filter((d) => d.result.outcome === 'delivered').length;
    rows.push([
      first.storageRegion,
      vodEventMediaId(first.event) ?? '-',
      `${list.length}: ${[...new Set(list.map((d) => d.event.EventType.replace(/Complete$/, '')))].join(', ')}`,
      `${ok}/${list.length} → ${first.queue?.queueName ?? '-'}`,
    ]);
  }
  narrator.block(formatRows(['storage region', 'video id', 'events', 'delivered'], rows));

  // Misconfigured regions: what the static check catches, then what VOD's delivery does.
  narrator.line('');
  narrator.line('Three regions have a broken callback configuration:');
  await Promise.all(
    MISCONFIGURED_REGIONS.map(async (m, i) => {
      const setup = await brokenSetup(ctx, m);
      const events = buildUploadScenario({ seed: ctx.seed + 100 + i, storageRegion: m.storageRegion });
      emitted += events.length;
      try {
        const results = await Promise.all(
          events.map((event) => deliver(event, sendTo(setup.client, setup.queueName))),
        );
        const findings = checkCallbackConfig(setup.config).filter((f) => f.severity === 'error');
        const lines = [
          `• ${m.storageRegion}: ${m.story}${m.problem === 'wrong-queue-name' ? `: MnsQueueName=${setup.queueName}` : ''}.`,
          findings.length > 0
            ? `  checkCallbackConfig catches it: ${findings.map((f) => f.code).join(', ')}`
            : '  checkCallbackConfig finds nothing wrong — only a live probe (vodmns callback check) or a delivery shows it.',
        ];
        const sample = results[0];
        if (sample !== undefined) {
          lines.push(`  ${sample.event.EventType} ${vodEventMediaId(sample.event) ?? ''}:`);
          for (const l of describeAttempts(sample.attempts)) lines.push(`    ${l}`);
          lines.push(`    → ${sample.outcome}`);
        }
        const dropped = results.filter((r) => r.outcome === 'discarded').length;
        lines.push(`  ${dropped} of ${results.length} events discarded the same way.`);
        for (const [k, r] of results.entries()) {
          const ev = events[k] as KnownVodEvent;
          (r.outcome === 'delivered' ? delivered : discarded).push({
            storageRegion: m.storageRegion,
            event: ev,
            queue: undefined,
            result: r,
          });
        }
        return lines;
      } finally {
        await setup.client.close();
      }
    }),
  ).then((blocks) => {
    for (const b of blocks) for (const l of b) narrator.line(l);
  });
  narrator.line('');
  narrator.line(`${emitted} events emitted: ${delivered.length} delivered, ${discarded.length} discarded.`);
  return { emitted, delivered, discarded };
}
