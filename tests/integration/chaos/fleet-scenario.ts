import { waitFor } from '@vodmns/core/testing';
import { join } from 'node:path';
import type { MnsClient } from '@vodmns/mns-transport';
import type { ChaosCredentials } from './chaos-credentials.js';
import {
  type ChildProcessPool,
  type ManagedChild,
  WORKERS_DIR,
  waitForMessage,
} from './child-process-pool.js';
import type { SeededRandom } from './seeded-random.js';

const WORKER_SCRIPT = join(WORKERS_DIR, 'fleet-worker.mjs');

/** One fleet run: W consumer processes, one shared store, one durable queue, a SIGKILL every 1–2 s. */
export interface FleetScenario {
  readonly pool: ChildProcessPool;
  /** A client of the durable mns-local (sends the events, reads the queue's counts). */
  readonly client: MnsClient;
  readonly endpoint: string;
  readonly credentials: ChaosCredentials;
  readonly queueName: string;
  /** Distinct VOD events. */
  readonly events: number;
  /** Share of the events sent twice (two messages, same body), as VOD does. */
  readonly duplicateShare: number;
  readonly workers: number;
  readonly rng: SeededRandom;
  readonly visibilitySeconds: number;
  /** Each handler run takes a random time in this range, ms (long enough that consumers die mid-handler). */
  readonly handlerMs: readonly [number, number];
  /** The store the workers share: `FLEET_STORE` and its location. */
  readonly storeEnv: Readonly<Record<string, string>>;
  /** Called once, when half the events are handled (the Redis restart). */
  readonly midRun?: () => Promise<void>;
  readonly deadlineMs: number;
}

/** What a fleet run observed. */
export interface FleetOutcome {
  readonly completed: boolean;
  readonly timeoutReason: string | undefined;
  readonly messagesSent: number;
  readonly duplicatedEvents: number;
  /** Events never handled. */
  readonly lost: number;
  readonly handlerRuns: number;
  /** Handler runs beyond the first, per event, summed. */
  readonly reruns: number;
  /** Reruns of duplicated events (the twins VOD sent). */
  readonly rerunsOfDuplicatedEvents: number;
  /** Deliveries whose consumer died mid-handler (started, not acked when it was SIGKILLed). */
  readonly diedMidHandler: number;
  /** Runs whose lease was lost mid-handler (a starved machine: the ack is refused, the keys released). */
  readonly leaseLostMidHandler: number;
  /** Reruns explained by neither a death nor a lost lease: must be 0. */
  readonly unexplainedReruns: number;
  readonly workersSpawned: number;
  readonly sigkills: number;
  readonly midRunDone: boolean;
  readonly notices: Readonly<Record<string, number>>;
  readonly fatals: readonly string[];
  readonly unexpectedExits: readonly { label: string; code: number | null; signal: string | null }[];
  readonly survivors: readonly { acked: number; duplicates: number; store: Record<string, number> }[];
  readonly queueAfter: { active: number; inactive: number; delayed: number };
  /** Time to send every message, ms. */
  readonly sendMs: number;
  /** From the fleet's start to every event handled and the queue empty, ms. */
  readonly consumeMs: number;
  readonly runtimeMs: number;
}

function eventBody(i: number): string {
  return JSON.stringify({
    Status: 'success',
    EventTime: '2025-03-14T02:31:08Z',
    EventType: 'FileUploadComplete',
    VideoId: i.toString(16).padStart(32, '0'),
    Size: 1024 + i,
    FileUrl: `https://example-bucket.oss-cn-shanghai.aliyuncs.com/${i}.mp4`,
  });
}

/**
 * Sends every event (the duplicated ones twice, the twin a few hundred messages later), starts the fleet, SIGKILLs a
 * random ready worker every 1–2 s and starts a replacement, runs `midRun` once at half-way, waits until every
 * event is handled and the queue is empty (or the deadline), then drains the survivors. Never throws for what the
 * consumers do: the outcome says it.
 */
export async function runFleetScenario(s: FleetScenario): Promise<FleetOutcome> {
  const start = performance.now();
  const rng = s.rng;
  await s.client.createQueue({
    queueName: s.queueName,
    attributes: { visibilityTimeoutSeconds: s.visibilitySeconds },
  });
  const bodies: string[] = [];
  const duplicated = new Set<string>();
  for (let i = 0; i < s.events; i++) bodies.push(eventBody(i));
  const twins: { at: number; body: string }[] = [];
  for (let i = 0; i < s.events; i++) {
    if (rng.next() >= s.duplicateShare) continue;
    duplicated.add(i.toString(16).padStart(32, '0'));
    twins.push({ at: Math.min(s.events, i + rng.int(0, 400)), body: bodies[i] as string });
  }
  // a twin goes in shortly after its original (VOD re-sends within moments): sometimes the same batch, sometimes
  // another consumer
  twins.sort((a, b) => a.at - b.at);
  const messages: string[] = [];
  let t = 0;
  for (let i = 0; i <= s.events; i++) {
    while (t < twins.length && (twins[t] as { at: number }).at === i)
      messages.push((twins[t++] as { body: string }).body);
    if (i < s.events) messages.push(bodies[i] as string);
  }
  for (let i = 0; i < messages.length; i += 16) {
    await s.client.batchSendMessage({
      queueName: s.queueName,
      entries: messages.slice(i, i + 16).map((messageBody) => ({ messageBody })),
    });
  }

  const runs = new Map<string, number>();
  let totalRuns = 0;
  const diedHolding = new Map<string, number>();
  /** Runs whose ack was refused because the lease was lost mid-handler (the keys were released). */
  const notAcked = new Map<string, number>();
  const fatals: string[] = [];
  const notices = new Map<string, number>();
  const exits: { label: string; code: number | null; signal: string | null; killed: boolean }[] = [];
  const killed = new Set<string>();
  const workers = new Set<ManagedChild>();
  const ready = new Set<ManagedChild>();
  /** Workers that have started at least one handler. */
  const busy = new WeakSet<ManagedChild>();
  let spawned = 0;
  let midRunDone = false;
  let midRunning: Promise<void> | undefined;

  const spawnWorker = async (): Promise<void> => {
    const label = `fleet-${spawned++}`;
    const child = s.pool.spawnNode(label, WORKER_SCRIPT, [], {
      FLEET_ENDPOINT: s.endpoint,
      FLEET_QUEUE: s.queueName,
      FLEET_AK_ID: s.credentials.accessKeyId,
      FLEET_AK_SECRET: s.credentials.accessKeySecret,
      FLEET_WORKER: label,
      FLEET_HANDLER_MS: `${s.handlerMs[0]}-${s.handlerMs[1]}`,
      FLEET_VISIBILITY_S: String(s.visibilitySeconds),
      FLEET_MAX_EXTENSION_MS: '8000',
      ...s.storeEnv,
    });
    workers.add(child);
    const inFlight = new Map<string, number>();
    child.process.on('message', (raw: unknown) => {
      const m = raw as { kind?: string; id?: string; text?: string; type?: string; action?: string };
      if (m.kind === 'start' && typeof m.id === 'string') {
        busy.add(child);
        inFlight.set(m.id, (inFlight.get(m.id) ?? 0) + 1);
      } else if (m.kind === 'handled' && typeof m.id === 'string') {
        runs.set(m.id, (runs.get(m.id) ?? 0) + 1);
        totalRuns++;
        if (!midRunDone && midRunning === undefined && s.midRun && runs.size >= s.events / 2) {
          midRunning = s.midRun().then(
            () => {
              midRunDone = true;
            },
            (error: unknown) => {
              fatals.push(`mid-run step failed: ${String(error)}`);
            },
          );
        }
      } else if ((m.kind === 'acked' || m.kind === 'not-acked') && typeof m.id === 'string') {
        if (m.kind === 'not-acked') notAcked.set(m.id, (notAcked.get(m.id) ?? 0) + 1);
        const n = (inFlight.get(m.id) ?? 0) - 1;
        if (n > 0) inFlight.set(m.id, n);
        else inFlight.delete(m.id);
      } else if (m.kind === 'notice') {
        const key = `${m.type}:${m.action}`;
        notices.set(key, (notices.get(key) ?? 0) + 1);
      } else if (m.kind === 'fatal') {
        fatals.push(`${label}: ${m.text}`);
      }
    });
    // 'close' comes after every IPC message the child sent was delivered: what it still held is final then
    child.process.once('close', () => {
      if (!killed.has(label)) return;
      for (const [id, n] of inFlight) diedHolding.set(id, (diedHolding.get(id) ?? 0) + n);
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
        // a start (node, the packages, the store's connection) takes seconds, and more while the rest of the fleet
        // is busy on 2 cores
        120_000,
      );
    } catch (error) {
      if (!child.alive()) return;
      throw error;
    }
    ready.add(child);
  };

  const queueCounts = async () => {
    const q = await s.client.getQueueAttributes({ queueName: s.queueName });
    return { active: q.activeMessages, inactive: q.inactiveMessages, delayed: q.delayMessages };
  };

  const sentMs = Math.round(performance.now() - start);
  await Promise.all(Array.from({ length: s.workers }, () => spawnWorker()));
  const consumeStart = performance.now();

  // the killer: every 1–2 s a random ready worker is SIGKILLed and a replacement started
  let killing = true;
  let respawns: Promise<void> = Promise.resolve();
  const killer = (async () => {
    while (killing) {
      await new Promise((r) => setTimeout(r, rng.int(1000, 2000)));
      if (!killing) return;
      // a kill during start-up proves nothing, and the last consumer standing is left alone (a fleet that only
      // restarts makes no progress on a loaded 2-core machine, where a start takes seconds)
      const working = [...ready].filter((w) => w.alive() && busy.has(w));
      if (working.length < 2) continue;
      const victim = rng.pick(working);
      killed.add(victim.label);
      ready.delete(victim);
      const dead = s.pool.kill(victim);
      const replaced = dead.then(() => spawnWorker());
      replaced.catch((error: unknown) => fatals.push(`respawn failed: ${String(error)}`));
      respawns = Promise.all([respawns, replaced.catch(() => undefined)]).then(() => undefined);
    }
  })();

  let timeoutReason: string | undefined;
  let lastCounts = { active: -1, inactive: -1, delayed: -1 };
  try {
    await waitFor(
      `all ${s.events} events handled and the queue empty`,
      async () => {
        if (fatals.length > 0) return true;
        if (runs.size < s.events || (s.midRun && !midRunDone)) return false;
        // every event ran: stop killing, so the held twins can settle
        killing = false;
        lastCounts = await queueCounts().catch(() => lastCounts);
        return lastCounts.active === 0 && lastCounts.inactive === 0 && lastCounts.delayed === 0;
      },
      s.deadlineMs,
      200,
    );
  } catch (error) {
    timeoutReason = `${(error as Error).message}: handled ${runs.size}/${s.events}, mid-run done ${midRunDone}, queue ${JSON.stringify(lastCounts)}`;
  }
  const consumeMs = Math.round(performance.now() - consumeStart);
  killing = false;
  await killer;
  await respawns.catch(() => undefined);
  await midRunning;

  const survivors = await Promise.all(
    [...workers]
      .filter((w) => w.alive())
      .map(async (w) => {
        try {
          const reply = waitForMessage(
            w,
            (
              m,
            ): m is {
              kind: 'metrics';
              metrics: { acked: number; duplicates: number };
              store: Record<string, number>;
            } => (m as { kind?: string }).kind === 'metrics',
            30_000,
          );
          w.process.send({ kind: 'drain' });
          const m = await reply;
          await w.exited;
          return { acked: m.metrics.acked, duplicates: m.metrics.duplicates, store: m.store };
        } catch (error) {
          fatals.push(`${w.label} did not drain: ${String(error)}`);
          return { acked: -1, duplicates: -1, store: {} };
        }
      }),
  );

  let lost = 0;
  let reruns = 0;
  let rerunsOfDuplicatedEvents = 0;
  let unexplainedReruns = 0;
  for (let i = 0; i < s.events; i++) {
    const id = i.toString(16).padStart(32, '0');
    const n = runs.get(id) ?? 0;
    if (n === 0) lost++;
    const extra = Math.max(0, n - 1);
    reruns += extra;
    if (duplicated.has(id)) rerunsOfDuplicatedEvents += extra;
    unexplainedReruns += Math.max(0, extra - (diedHolding.get(id) ?? 0) - (notAcked.get(id) ?? 0));
  }
  return {
    completed: timeoutReason === undefined && fatals.length === 0,
    timeoutReason,
    messagesSent: messages.length,
    duplicatedEvents: duplicated.size,
    lost,
    handlerRuns: totalRuns,
    reruns,
    rerunsOfDuplicatedEvents,
    diedMidHandler: [...diedHolding.values()].reduce((a, n) => a + n, 0),
    leaseLostMidHandler: [...notAcked.values()].reduce((a, n) => a + n, 0),
    unexplainedReruns,
    workersSpawned: spawned,
    sigkills: killed.size,
    midRunDone,
    notices: Object.fromEntries(notices),
    fatals,
    unexpectedExits: exits
      .filter((e) => !e.killed && e.code !== 0)
      .map(({ label, code, signal }) => ({ label, code, signal })),
    survivors,
    queueAfter: await queueCounts().catch(() => lastCounts),
    sendMs: sentMs,
    consumeMs,
    runtimeMs: Math.round(performance.now() - start),
  };
}
