import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deliver, vodEventMediaId } from '@vodmns/core';
import { buildUploadScenario } from '@vodmns/core/testing';
import { consume, MemoryIdempotencyStore } from '@vodmns/rx';
import { demoConsumerOptions, type Settled, sumMetrics, waitFor } from './consume-step.js';
import type { DemoContext, DemoQueue } from './demo-context.js';
import { createDemoHandlers, type HandlerLog } from './demo-handlers.js';
import { DEMO_VISIBILITY_TIMEOUT_SECONDS } from './demo-plan.js';
import { sendTo } from './delivery-step.js';

/** The outcome of step 4. */
export interface CrashStepResult extends Settled {
  readonly emitted: number;
  readonly delivered: number;
  readonly discarded: number;
  /** Messages the killed consumer held when it died. */
  readonly heldWhenKilled: number;
}

/**
 * The compiled child consumer. From `dist/` it sits next to this module; when the demo runs from its
 * TypeScript sources (tests), the built copy in `../dist/` is used.
 */
export function childConsumerPath(): string {
  const beside = fileURLToPath(new URL('./consumer-child.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../dist/consumer-child.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`the demo's child consumer is not built (${built}); run: npx turbo run build`);
}

/** Spawns the child consumer and resolves once it reports holding `count` messages (or rejects after `timeoutMs`). */
async function startChild(
  ctx: DemoContext,
  queue: DemoQueue,
  count: number,
  timeoutMs: number,
): Promise<{ child: ChildProcess; held: string[] }> {
  const { credentials } = ctx.target;
  const child = spawn(process.execPath, [childConsumerPath()], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DEMO_MNS_ENDPOINT: queue.endpoint,
      DEMO_QUEUE: queue.queueName,
      DEMO_ACCESS_KEY_ID: credentials.accessKeyId,
      DEMO_ACCESS_KEY_SECRET: credentials.accessKeySecret,
      DEMO_SECURITY_TOKEN: credentials.securityToken ?? '',
      DEMO_VISIBILITY_TIMEOUT_SECONDS: String(DEMO_VISIBILITY_TIMEOUT_SECONDS),
    },
  });
  const held: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      if (held.length > 0) resolve();
      else reject(new Error(`the child consumer received nothing in ${timeoutMs} ms ${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const msg = JSON.parse(line) as { holding?: string };
        if (msg.holding !== undefined) held.push(msg.holding);
        if (held.length >= count) {
          clearTimeout(timer);
          resolve();
        }
        nl = buffer.indexOf('\n');
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the child consumer exited early (${code}): ${stderr}`));
    });
  });
  return { child, held };
}

/**
 * Step 4: a real child-process consumer takes a fresh upload's messages and is SIGKILLed mid-flight; a new
 * consumer then gets the unacked messages back once their visibility timeout ends.
 */
export async function runCrashStep(
  ctx: DemoContext,
  queue: DemoQueue,
  storageRegion: string,
  deadLetterQueue: DemoQueue,
  log: HandlerLog,
): Promise<CrashStepResult> {
  const { narrator } = ctx;
  narrator.step(4, 'Crash: kill a consumer mid-flight, start another, get the unacked messages back');
  const events = buildUploadScenario({ seed: ctx.seed + 200, storageRegion });
  const client = ctx.clientFor(queue.endpoint);
  const results = await Promise.all(events.map((event) => deliver(event, sendTo(client, queue.queueName))));
  const delivered = results.filter((r) => r.outcome === 'delivered').length;
  narrator.line(
    `A new upload in ${storageRegion} (${vodEventMediaId(events[0] ?? { EventType: 'none' })}): ${delivered} events delivered to ${queue.queueName}.`,
  );

  const { child, held } = await startChild(ctx, queue, delivered, 15_000);
  narrator.line(
    `Consumer process ${child.pid} is handling ${held.length} of them (handlers still running, nothing acked).`,
  );
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  const killedAt = Date.now();
  narrator.line(`SIGKILL → process ${child.pid} is gone; its leases are no longer extended.`);

  const store = new MemoryIdempotencyStore();
  const replacement = consume(
    client,
    createDemoHandlers({ slowMediaId: undefined, slowMs: 0, failingMediaId: undefined }, log),
    demoConsumerOptions(queue.queueName, deadLetterQueue, ctx, store),
  );
  let firstBackAt: number | undefined;
  const sub = replacement.results$.subscribe(() => {
    firstBackAt ??= Date.now();
  });
  const settled = (): Settled => sumMetrics([replacement.consumer.metrics()]);
  const ok = await waitFor(() => {
    const s = settled();
    return s.handled + s.deadLettered + s.duplicatesSuppressed >= delivered;
  }, 30_000);
  await replacement.drain({ timeoutMs: 10_000 });
  sub.unsubscribe();
  const result = settled();
  narrator.line(
    `A new consumer got them back ${firstBackAt === undefined ? '(never)' : `${((firstBackAt - killedAt) / 1000).toFixed(1)} s after the kill`} (visibility timeout ${DEMO_VISIBILITY_TIMEOUT_SECONDS} s) and handled ${result.handled}.`,
  );
  if (!ok) narrator.line(`! only ${result.handled} of ${delivered} messages came back within 30 s`);
  return {
    ...result,
    emitted: events.length,
    delivered,
    discarded: results.length - delivered,
    heldWhenKilled: held.length,
  };
}
