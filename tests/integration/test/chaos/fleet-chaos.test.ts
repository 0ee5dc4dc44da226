// Chaos: a fleet of 4 consumer processes shares one durable mns-local queue and one idempotency store — a real
// redis-server (SIGKILLed and restarted once mid-run) or one SQLite file. 10 % of the VOD events are sent twice,
// as VOD does; a random consumer is SIGKILLed every 1–2 s and replaced. Nothing may be lost; a VOD duplicate runs
// once fleet-wide; a handler runs again only for a delivery whose consumer died mid-handler (counted).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MnsClient } from '@vodmns/mns-transport';
import { assertRedisServerInstalled, type RedisServerProcess, startRedisServer } from '@vodmns/redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChaosCredentials, chaosCredentials } from '../../chaos/chaos-credentials.js';
import { chaosProfile } from '../../chaos/chaos-profile.js';
import { builtFile, ChildProcessPool } from '../../chaos/child-process-pool.js';
import { DurableServerProcess } from '../../chaos/durable-server-process.js';
import { type FleetOutcome, runFleetScenario } from '../../chaos/fleet-scenario.js';
import { capturedLogPath, recordSummary } from '../../chaos/run-summary.js';
import { SecretScanner } from '../../chaos/secret-scanner.js';
import { chaosSeed, SeededRandom } from '../../chaos/seeded-random.js';

const profile = chaosProfile();
const SEED = chaosSeed(0x5eed_4001);
const WORKERS = 4;
/** Long enough that a starved timer rarely loses a lease; a dead consumer's messages come back after it. */
const VISIBILITY_S = 10;
/** A handler run takes 50–250 ms: the fleet handles ~150 events/s, so a SIGKILL every 1–2 s lands mid-handler. */
const HANDLER_MS = [50, 250] as const;
/** Per store; consumer starts are slow on a loaded machine, so more than the profile's usual bound. */
const TIMEOUT_MS = Math.max(profile.testTimeoutMs, 360_000);

const scanner = new SecretScanner();
const pool = new ChildProcessPool(scanner);
let creds: ChaosCredentials;
let dataDir = '';
let server: DurableServerProcess | undefined;
let client: MnsClient | undefined;
let redis: RedisServerProcess | undefined;

beforeAll(async () => {
  // the workers run the built packages (`pnpm run build` / `npm test` build first)
  for (const pkg of [
    '@vodmns/rx',
    '@vodmns/mns-transport',
    '@vodmns/core',
    '@vodmns/redis',
    '@vodmns/sqlite',
  ]) {
    const dist = builtFile(pkg, 'dist/index.js');
    if (!existsSync(dist)) throw new Error(`${dist} is missing: build the workspace first (pnpm run build)`);
  }
  assertRedisServerInstalled();
  creds = chaosCredentials(scanner, 'fleet');
  dataDir = mkdtempSync(join(tmpdir(), 'vodmns-fleet-'));
  server = new DurableServerProcess({
    pool,
    dataDir: join(dataDir, 'mns'),
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
  });
  await server.start();
  client = new MnsClient({
    endpoint: server.endpoint,
    credentials: { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret },
    timeoutMs: 10_000,
  });
}, 60_000);

afterAll(async () => {
  await client?.close();
  await pool.killAll();
  await redis?.stop();
  if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
  scanner.writeTo(capturedLogPath(`fleet.${profile.name}`));
  scanner.dispose();
});

function expectFleetInvariants(outcome: FleetOutcome): void {
  expect(outcome.fatals).toEqual([]);
  expect(outcome.timeoutReason).toBeUndefined();
  expect(outcome.lost).toBe(0);
  expect(outcome.queueAfter).toEqual({ active: 0, inactive: 0, delayed: 0 });
  expect(outcome.sigkills).toBeGreaterThan(0);
  // a handler runs again only for a delivery whose consumer died mid-handler (or, on a starved machine, whose lease
  // ran out mid-handler: its ack is refused and its keys released — counted apart)…
  expect(outcome.unexplainedReruns).toBe(0);
  expect(outcome.reruns).toBeLessThanOrEqual(outcome.diedMidHandler + outcome.leaseLostMidHandler);
  // …so every VOD duplicate ran once fleet-wide unless such a delivery was one of its copies
  expect(outcome.rerunsOfDuplicatedEvents).toBeLessThanOrEqual(
    outcome.diedMidHandler + outcome.leaseLostMidHandler,
  );
  expect(outcome.unexpectedExits).toEqual([]);
}

describe(`chaos: a fleet of ${WORKERS} consumers, one queue, one shared store (${profile.fleetEvents} events, seed ${SEED})`, () => {
  it(
    'Redis store, redis-server SIGKILLed and restarted mid-run: nothing lost, duplicates once, reruns only after a mid-handler death',
    async () => {
      redis = await startRedisServer({ persistent: true });
      const r = redis;
      let redisDownMs = 0;
      const outcome = await runFleetScenario({
        pool,
        client: client!,
        endpoint: server!.endpoint,
        credentials: creds,
        queueName: 'fleet-redis',
        events: profile.fleetEvents,
        duplicateShare: 0.1,
        workers: WORKERS,
        rng: new SeededRandom(SEED),
        visibilitySeconds: VISIBILITY_S,
        handlerMs: HANDLER_MS,
        storeEnv: { FLEET_STORE: 'redis', FLEET_REDIS_URL: r.url },
        midRun: async () => {
          const t0 = performance.now();
          await r.restart(true);
          redisDownMs = Math.round(performance.now() - t0);
        },
        deadlineMs: TIMEOUT_MS - 60_000,
      });
      recordSummary(profile.name, 'fleetRedis', {
        seed: SEED,
        events: profile.fleetEvents,
        redisDownMs,
        ...outcome,
      });
      expectFleetInvariants(outcome);
      expect(outcome.midRunDone).toBe(true);
    },
    TIMEOUT_MS,
  );

  it(
    'SQLite store (one file, WAL): nothing lost, duplicates once, reruns only after a mid-handler death',
    async () => {
      const outcome = await runFleetScenario({
        pool,
        client: client!,
        endpoint: server!.endpoint,
        credentials: creds,
        queueName: 'fleet-sqlite',
        events: profile.fleetEvents,
        duplicateShare: 0.1,
        workers: WORKERS,
        rng: new SeededRandom(SEED + 1),
        visibilitySeconds: VISIBILITY_S,
        handlerMs: HANDLER_MS,
        storeEnv: { FLEET_STORE: 'sqlite', FLEET_SQLITE_PATH: join(dataDir, 'idempotency.db') },
        deadlineMs: TIMEOUT_MS - 60_000,
      });
      recordSummary(profile.name, 'fleetSqlite', { seed: SEED, events: profile.fleetEvents, ...outcome });
      expectFleetInvariants(outcome);
    },
    TIMEOUT_MS,
  );
});
