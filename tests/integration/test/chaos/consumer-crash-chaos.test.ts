// Chaos: several consumer processes (node children running @vodmns/rx against the same queue) are SIGKILLed at
// seeded points and replaced. Survivors and replacements must finish the run: zero events lost, handler re-runs
// only where a dead worker's reservation expired, and those bounded by the shared dedupe store (held by this
// process over IPC, so it survives every crash).
import { existsSync } from 'node:fs';
import { type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChaosCredentials, chaosCredentials } from '../../chaos/chaos-credentials.js';
import { chaosProfile } from '../../chaos/chaos-profile.js';
import { builtFile, ChildProcessPool } from '../../chaos/child-process-pool.js';
import { runCrashScenario } from '../../chaos/consumer-crash-scenario.js';
import { capturedLogPath, recordSummary } from '../../chaos/run-summary.js';
import { SecretScanner } from '../../chaos/secret-scanner.js';
import { chaosSeed } from '../../chaos/seeded-random.js';

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
    // rx defaults for maxDeliveries (5); deferSeconds 1; reservation TTL 8 s + 3 s. Expected: the copy waits for
    // the reservation to expire, then runs. A deferral is a redelivery (DequeueCount + 1), and rx checks
    // DequeueCount > maxDeliveries before the dedupe step, so if deferrals exhaust maxDeliveries first the event
    // is dead-lettered/kept as poison and never handled.
    const outcome = await runCrashScenario({
      server: server!,
      pool,
      credentials: creds,
      queueName: 'chaos-crash-defer',
      events: 300,
      workers: 2,
      kills: 1,
      seed: SEED + 1,
      visibilitySeconds: VISIBILITY_S,
      workerEnv: { CHAOS_MAX_EXTENSION_MS: '8000', CHAOS_DEFER_S: '1' },
      deadlineMs: 30_000,
    });
    recordSummary(profile.name, 'consumerCrashDeferVsPoison', { seed: SEED + 1, events: 300, ...outcome });
    expect(outcome.fatals).toEqual([]);
    expect(outcome.poisonMessageIds).toEqual([]);
    expect(outcome.lost).toBe(0);
    expect(outcome.timeoutReason).toBeUndefined();
  }, 90_000);

  it('leaked no secret into worker output or the access log', () => {
    expect(scanner.contains('mns-local access log', 'chaos-crash')).toBe(true);
    expect(scanner.findLeaks()).toEqual([]);
  });
});
