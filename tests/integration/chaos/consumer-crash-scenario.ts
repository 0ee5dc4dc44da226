import { join } from 'node:path';
import { waitFor } from '@vodmns/core/testing';
import type { MnsLocalServer } from '@vodmns/mns-local';
import type { ChaosCredentials } from './chaos-credentials.js';
import {
  type ChildProcessPool,
  type ManagedChild,
  WORKERS_DIR,
  waitForMessage,
} from './child-process-pool.js';
import { SharedIdempotencyHost } from './shared-idempotency-host.js';
import { SeededRandom } from './seeded-random.js';

const WORKER_SCRIPT = join(WORKERS_DIR, 'consumer-worker.mjs');

/** One consumer-crash run: N events, W workers at once, K SIGKILLs at seeded progress points. */
export interface CrashScenario {
  readonly server: MnsLocalServer;
  readonly pool: ChildProcessPool;
  readonly credentials: ChaosCredentials;
  readonly queueName: string;
  readonly events: number;
  readonly workers: number;
  readonly kills: number;
  readonly seed: number;
  readonly visibilitySeconds: number;
  /** Extra worker environment (rx tuning: CHAOS_MAX_EXTENSION_MS, CHAOS_MAX_DELIVERIES, CHAOS_DEFER_S). */
  readonly workerEnv: Readonly<Record<string, string>>;
  /** How long to wait for every event handled and the queue empty. */
  readonly deadlineMs: number;
}

/** What a run observed. */
export interface CrashOutcome {
  readonly completed: boolean;
  readonly timeoutReason: string | undefined;
  readonly lost: number;
  readonly handlerRuns: number;
  readonly duplicateHandlerRuns: number;
  readonly workersSpawned: number;
  readonly sigkills: number;
  readonly reservationsTakenOver: number;
  readonly duplicatesSuppressedByStore: number;
  readonly copiesDeferredWhileReserved: number;
  readonly notices: Readonly<Record<string, number>>;
  readonly poisonMessageIds: readonly string[];
  readonly fatals: readonly string[];
  readonly unexpectedExits: readonly { label: string; code: number | null; signal: string | null }[];
  readonly survivorMetrics: readonly { received: number; acked: number; duplicates: number }[];
  readonly queueAfter: { active: number; inactive: number; delayed: number };
  readonly runtimeMs: number;
}

function eventBody(i: number): string {
  return JSON.stringify({
    Status: 'success',
    EventTime: '2025-03-14T02:31:08Z',
    EventType: 'FileUploadComplete',
    VideoId: i.toString(16).padStart(32, '0'),
  });
}

/**
 * Sends `events` messages, starts `workers` consumer processes, SIGKILLs a random ready worker each time the
 * handler-run count passes a seeded threshold and starts a replacement, waits for every event handled and the
 * queue empty (or the deadline), then drains the survivors. Never throws for what the consumers do: the outcome
 * says it.
 */
export async function runCrashScenario(s: CrashScenario): Promise<CrashOutcome> {
  const start = performance.now();
  const rng = new SeededRandom(s.seed);
  s.server.admin.createQueue(s.queueName, { visibilityTimeout: s.visibilitySeconds });
  for (let i = 0; i < s.events; i++) s.server.admin.sendMessage(s.queueName, eventBody(i));

  const host = new SharedIdempotencyHost();
  const runs = new Map<string, number>();
  let totalRuns = 0;
  const fatals: string[] = [];
  const notices = new Map<string, number>();
  const poison = new Set<string>();
  const exits: { label: string; code: number | null; signal: string | null; killed: boolean }[] = [];
  const killed = new Set<string>();
  const killAt = Array.from({ length: s.kills }, (_, k) =>
    Math.floor((s.events * (k + 1)) / (s.kills + 2) + rng.int(0, Math.floor(s.events / (4 * s.kills)))),
  ).sort((a, b) => a - b);
  let spawned = 0;
  const workers = new Set<ManagedChild>();
  // only workers that finished starting are kill candidates (a kill during start-up proves nothing)
  const ready = new Set<ManagedChild>();
  let killing: Promise<void> = Promise.resolve();

  const spawnWorker = async (): Promise<void> => {
    const label = `worker-${spawned++}`;
    const child = s.pool.spawnNode(label, WORKER_SCRIPT, [], {
      CHAOS_ENDPOINT: s.server.endpoint,
      CHAOS_QUEUE: s.queueName,
      CHAOS_AK_ID: s.credentials.accessKeyId,
      CHAOS_AK_SECRET: s.credentials.accessKeySecret,
      CHAOS_WORKER: label,
      CHAOS_HANDLER_MS: String(rng.int(1, 4)),
      CHAOS_VISIBILITY_S: String(s.visibilitySeconds),
      ...s.workerEnv,
    });
    workers.add(child);
    host.attach(child.process);
    child.process.on('message', (raw: unknown) => {
      const m = raw as {
        kind?: string;
        id?: string;
        text?: string;
        type?: string;
        action?: string;
        messageId?: string;
      };
      if (m.kind === 'handled' && typeof m.id === 'string') {
        runs.set(m.id, (runs.get(m.id) ?? 0) + 1);
        totalRuns++;
        maybeKill();
      } else if (m.kind === 'notice') {
        const key = `${m.type}:${m.action}`;
        notices.set(key, (notices.get(key) ?? 0) + 1);
        if (m.type === 'poison' && typeof m.messageId === 'string') poison.add(m.messageId);
      } else if (m.kind === 'fatal') {
        fatals.push(`${label}: ${m.text}`);
      }
    });
    void child.exited.then((e) => {
      workers.delete(child);
      ready.delete(child);
      exits.push({ label, code: e.code, signal: e.signal, killed: killed.has(label) });
    });
    try {
      await waitForMessage(
        child,
        (m): m is { kind: 'ready' } => (m as { kind?: string }).kind === 'ready',
        30_000,
      );
    } catch (error) {
      if (!child.alive()) return; // died while starting (only our own SIGKILL does that)
      throw error;
    }
    ready.add(child);
    // a kill point that passed while no worker was ready is taken now (even after the last event was handled)
    maybeKill();
  };

  const maybeKill = (): void => {
    if (killAt.length === 0 || totalRuns < killAt[0]!) return;
    const alive = [...ready].filter((w) => w.alive());
    if (alive.length === 0) return;
    killAt.shift();
    const victim = rng.pick(alive);
    killed.add(victim.label);
    ready.delete(victim);
    // SIGKILL now; the replacement starts in the background (one at a time)
    const dead = s.pool.kill(victim);
    killing = killing.then(async () => {
      await dead;
      await spawnWorker();
    });
    killing.catch((error: unknown) => fatals.push(`respawn failed: ${String(error)}`));
  };

  const queueCounts = () => {
    const q = s.server.admin.queues().find((x) => x.name === s.queueName)!;
    return { active: q.activeMessages, inactive: q.inactiveMessages, delayed: q.delayMessages };
  };

  for (let w = 0; w < s.workers; w++) await spawnWorker();
  let timeoutReason: string | undefined;
  try {
    await waitFor(
      `all ${s.events} events handled and the queue empty`,
      () => {
        if (fatals.length > 0) return true;
        const c = queueCounts();
        return (
          runs.size === s.events &&
          killAt.length === 0 &&
          c.active === 0 &&
          c.inactive === 0 &&
          c.delayed === 0
        );
      },
      s.deadlineMs,
      100,
    );
  } catch (error) {
    const c = queueCounts();
    timeoutReason = `${(error as Error).message}: handled ${runs.size}/${s.events}, kills left ${killAt.length}, queue ${JSON.stringify(c)}`;
  }
  await killing.catch(() => undefined);

  const survivors = [...workers].filter((w) => w.alive());
  const survivorMetrics = await Promise.all(
    survivors.map(async (w) => {
      try {
        const reply = waitForMessage(
          w,
          (m): m is { kind: 'metrics'; metrics: { duplicates: number; received: number; acked: number } } =>
            (m as { kind?: string }).kind === 'metrics',
          30_000,
        );
        w.process.send({ kind: 'drain' });
        const m = await reply;
        await w.exited;
        return { received: m.metrics.received, acked: m.metrics.acked, duplicates: m.metrics.duplicates };
      } catch (error) {
        fatals.push(`${w.label} did not drain: ${String(error)}`);
        return { received: -1, acked: -1, duplicates: -1 };
      }
    }),
  );

  let lost = 0;
  for (let i = 0; i < s.events; i++) if (!runs.has(i.toString(16).padStart(32, '0'))) lost++;
  return {
    completed: timeoutReason === undefined && fatals.length === 0,
    timeoutReason,
    lost,
    handlerRuns: totalRuns,
    duplicateHandlerRuns: [...runs.values()].reduce((a, n) => a + (n - 1), 0),
    workersSpawned: spawned,
    sigkills: killed.size,
    reservationsTakenOver: host.reservationsTakenOver,
    duplicatesSuppressedByStore: host.suppressedCommitted,
    copiesDeferredWhileReserved: host.refusedReserved,
    notices: Object.fromEntries(notices),
    poisonMessageIds: [...poison],
    fatals,
    unexpectedExits: exits
      .filter((e) => !e.killed && e.code !== 0)
      .map(({ label, code, signal }) => ({ label, code, signal })),
    survivorMetrics,
    queueAfter: queueCounts(),
    runtimeMs: Math.round(performance.now() - start),
  };
}
