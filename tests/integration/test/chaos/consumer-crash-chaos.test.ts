// Chaos: several consumer processes (node children running @vodmns/rx against the same queue) are SIGKILLed at
// seeded points and replaced. Survivors and replacements must finish the run: zero events lost, handler re-runs
// only where a dead worker's reservation expired, and those bounded by the shared dedupe store (held by this
// process over IPC, so it survives every crash).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '@vodmns/core/testing';
import { type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChaosCredentials, chaosCredentials } from '../../chaos/chaos-credentials.js';
import { chaosProfile } from '../../chaos/chaos-profile.js';
import { builtFile, ChildProcessPool, WORKERS_DIR } from '../../chaos/child-process-pool.js';
import { runCrashScenario } from '../../chaos/consumer-crash-scenario.js';
import { capturedLogPath, recordSummary } from '../../chaos/run-summary.js';
import { SecretScanner } from '../../chaos/secret-scanner.js';
import { chaosSeed } from '../../chaos/seeded-random.js';
import { SharedIdempotencyHost } from '../../chaos/shared-idempotency-host.js';

const profile = chaosProfile();
const SEED = chaosSeed(0x5eed_2001);
const VISIBILITY_S = 3;

const scanner = new SecretScanner();
const pool = new ChildProcessPool(scanner);
let creds: ChaosCredentials;
let server: MnsLocalServer | undefined;

beforeAll(async () => {
  // the workers run the built packages (`pnpm run build` / `npm test` build first)
  for (const pkg of ['@vodmns/rx', '@vodmns/mns-transport', '@vodmns/core']) {
    const dist = builtFile(pkg, 'dist/index.js');
    if (!existsSync(dist)) throw new Error(`${dist} is missing: build the workspace first (pnpm run build)`);
  }
  creds = chaosCredentials(scanner, 'crash');
  server = await startMnsLocal({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    accessLog: (entry) => scanner.capture('mns-local access log', JSON.stringify(entry)),
  });
}, 60_000);

afterAll(async () => {
  await pool.killAll();
  await server?.close();
  scanner.writeTo(capturedLogPath(`consumer-crash.${profile.name}`));
  scanner.dispose();
});

describe('chaos: consumer processes SIGKILLed mid-run', () => {
  it(
    `${profile.crashWorkers} workers, ${profile.workerKills} SIGKILLs, ${profile.crashEvents} events (seed ${SEED}): nothing lost, duplicates only after an expired reservation`,
    async () => {
      // A dead worker's reservation lives maxExtensionMs + visibility (rx's reserve TTL). With the rx defaults
      // for maxDeliveries (5) and deferSeconds (5) the deferred copy gets ~25 s of deliveries, so the TTL here
      // (8 s + 3 s) expires well before the copy could be declared poison. (The next test pins what happens
      // when it does not: see docs/reliability.md, "known issues".)
      const outcome = await runCrashScenario({
        server: server!,
        pool,
        credentials: creds,
        queueName: 'chaos-crash',
        events: profile.crashEvents,
        workers: profile.crashWorkers,
        kills: profile.workerKills,
        seed: SEED,
        visibilitySeconds: VISIBILITY_S,
        workerEnv: { CHAOS_MAX_EXTENSION_MS: '8000' },
        deadlineMs: profile.testTimeoutMs - 40_000,
      });
      recordSummary(profile.name, 'consumerCrashChaos', {
        seed: SEED,
        events: profile.crashEvents,
        ...outcome,
      });

      expect(outcome.fatals).toEqual([]);
      expect(outcome.timeoutReason).toBeUndefined();
      expect(outcome.lost).toBe(0);
      expect(outcome.sigkills).toBe(profile.workerKills);
      expect(outcome.queueAfter).toEqual({ active: 0, inactive: 0, delayed: 0 });
      expect(outcome.poisonMessageIds).toEqual([]);
      // a handler re-run needs a reservation that expired with its dead holder…
      expect(outcome.duplicateHandlerRuns).toBeLessThanOrEqual(outcome.reservationsTakenOver);
      // …and each killed worker leaves at most its in-flight window (maxInFlight 32) behind
      expect(outcome.duplicateHandlerRuns).toBeLessThanOrEqual(outcome.sigkills * 32);
      expect(outcome.unexpectedExits).toEqual([]);
    },
    profile.testTimeoutMs,
  );

  it('a copy deferred behind a dead worker’s reservation is handled once the reservation expires, not declared poison', async () => {
    // Deterministic reproduction. Worker A reserves the event's keys and hangs in its handler; it is SIGKILLed.
    // Its reservation lives maxExtensionMs + visibility = 8 s + 3 s. Worker B (rx default maxDeliveries 5,
    // deferSeconds 1) receives the copy once A's lease lapses and must handle it once the reservation expires.
    // A deferral is a redelivery (DequeueCount + 1) and rx checks DequeueCount > maxDeliveries before the dedupe
    // step, so when the deferrals use up maxDeliveries first the event is declared poison and never handled.
    const queue = 'chaos-crash-defer';
    server!.admin.createQueue(queue, { visibilityTimeout: VISIBILITY_S });
    server!.admin.sendMessage(
      queue,
      JSON.stringify({
        Status: 'success',
        EventTime: '2025-03-14T02:31:08Z',
        EventType: 'FileUploadComplete',
        VideoId: 'd'.repeat(32),
      }),
    );
    const host = new SharedIdempotencyHost();
    const env = (worker: string, handlerMs: number) => ({
      CHAOS_ENDPOINT: server!.endpoint,
      CHAOS_QUEUE: queue,
      CHAOS_AK_ID: creds.accessKeyId,
      CHAOS_AK_SECRET: creds.accessKeySecret,
      CHAOS_WORKER: worker,
      CHAOS_HANDLER_MS: String(handlerMs),
      CHAOS_VISIBILITY_S: String(VISIBILITY_S),
      CHAOS_MAX_EXTENSION_MS: '8000',
      CHAOS_DEFER_S: '1',
    });
    const script = join(WORKERS_DIR, 'consumer-worker.mjs');
    const a = pool.spawnNode('defer-worker-A', script, [], env('A', 600_000));
    host.attach(a.process);
    await waitFor('worker A reserved the event', () => host.reservationsGranted > 0, 30_000);
    await pool.kill(a);
    const killedAt = Date.now();

    // two surviving consumers compete for the copy, as in a real deployment
    const survivors = ['B', 'C'].map((w) => pool.spawnNode(`defer-worker-${w}`, script, [], env(w, 1)));
    const notices: string[] = [];
    let handledAfterMs: number | undefined;
    for (const b of survivors) {
      host.attach(b.process);
      b.process.on('message', (raw: unknown) => {
        const m = raw as { kind?: string; type?: string; action?: string; reason?: string };
        if (m.kind === 'notice') notices.push(`${m.type}:${m.action}${m.reason ? `:${m.reason}` : ''}`);
        if (m.kind === 'handled') handledAfterMs ??= Date.now() - killedAt;
      });
    }
    await waitFor(
      'worker B handled the event or gave it up',
      () => handledAfterMs !== undefined || notices.some((n) => n.startsWith('poison')),
      40_000,
    ).catch(() => undefined);
    for (const b of survivors) await pool.kill(b);
    recordSummary(profile.name, 'consumerCrashDeferVsPoison', {
      reservationTtlMs: 11_000,
      handledAfterMs: handledAfterMs ?? null,
      notices,
      deferredWhileReserved: host.refusedReserved,
    });
    expect(notices.filter((n) => n.startsWith('poison'))).toEqual([]);
    expect(handledAfterMs).toBeDefined();
  }, 90_000);

  it('leaked no secret into worker output or the access log', () => {
    expect(scanner.contains('mns-local access log', 'chaos-crash')).toBe(true);
    expect(scanner.findLeaks()).toEqual([]);
  });
});
