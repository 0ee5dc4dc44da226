// Chaos: the durable mns-local (`mns-local --data-dir`, built bin, child process) is SIGKILLed under send and
// receive/delete load and restarted on the same data directory. Every send the client saw acknowledged must
// still be in the queue afterwards — or have been deleted by an acknowledged delete — and no acknowledged
// delete may come back. (Client-side bookkeeping; after the run the queue is drained and the sets compared.)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@vodmns/core/testing';
import { MNS_DIAGNOSTICS_CHANNELS, MnsClient } from '@vodmns/mns-transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChaosCredentials, chaosCredentials } from '../../chaos/chaos-credentials.js';
import { chaosProfile } from '../../chaos/chaos-profile.js';
import { builtFile, ChildProcessPool } from '../../chaos/child-process-pool.js';
import { DurableServerProcess } from '../../chaos/durable-server-process.js';
import { capturedLogPath, recordSummary } from '../../chaos/run-summary.js';
import { SecretScanner } from '../../chaos/secret-scanner.js';
import { chaosSeed, SeededRandom } from '../../chaos/seeded-random.js';

const profile = chaosProfile();
const SEED = chaosSeed(0x5eed_3001);
const QUEUE = 'chaos-durable';
const SENDERS = 6;

const scanner = new SecretScanner();
const pool = new ChildProcessPool(scanner);
let creds: ChaosCredentials;
let dataDir = '';
let server: DurableServerProcess | undefined;
let client: MnsClient | undefined;

beforeAll(async () => {
  const bin = builtFile('@vodmns/mns-local', 'dist/bin.js');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build the workspace first (pnpm run build)`);
  scanner.subscribeChannels(Object.values(MNS_DIAGNOSTICS_CHANNELS));
  creds = chaosCredentials(scanner, 'durable');
  dataDir = mkdtempSync(join(tmpdir(), 'vodmns-chaos-durable-'));
  server = new DurableServerProcess({
    pool,
    dataDir,
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
  });
  await server.start();
}, 60_000);

afterAll(async () => {
  await client?.close();
  await pool.killAll();
  if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
  scanner.writeTo(capturedLogPath(`server-crash.${profile.name}`));
  scanner.dispose();
});

describe(`chaos: durable mns-local SIGKILLed ${profile.serverKills}× under load (seed ${SEED})`, () => {
  it(
    'keeps every acknowledged send unless an acknowledged delete removed it; no acknowledged delete comes back',
    async () => {
      const start = performance.now();
      const rng = new SeededRandom(SEED);
      client = new MnsClient({
        endpoint: server!.endpoint,
        credentials: { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret },
        timeoutMs: 5000,
        connectTimeoutMs: 1000,
        retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200, throttlingBaseDelayMs: 50 },
      });
      await client.createQueue({ queueName: QUEUE, attributes: { visibilityTimeoutSeconds: 2 } });

      const total = profile.serverCrashSends;
      const ackedSends = new Map<string, string>(); // body → messageId
      const ackedDeletes = new Set<string>(); // bodies
      // Bodies whose delete was sent at all. A delete the server committed just before a SIGKILL cut its response
      // is not acknowledged, and the client's retry after the restart then reports MessageNotExist for it; such a
      // message is legitimately gone. Only a message nobody tried to delete must survive every crash.
      const deleteAttempted = new Set<string>();
      let sendFailures = 0;
      let deleteFailures = 0;
      let receiveFailures = 0;
      let next = 0;
      let stop = false;
      const killAt = Array.from({ length: profile.serverKills }, (_, k) =>
        Math.floor(
          (total * (k + 1)) / (profile.serverKills + 1) -
            rng.int(0, Math.floor(total / (3 * profile.serverKills))),
        ),
      ).sort((a, b) => a - b);
      let kills = 0;

      const sender = async (): Promise<void> => {
        while (next < total) {
          const body = `durable-${String(next++).padStart(6, '0')}`;
          try {
            const out = await client!.sendMessage({ queueName: QUEUE, messageBody: body });
            ackedSends.set(body, out.messageId);
          } catch (error) {
            sendFailures++;
            scanner.captureError('send failure', error);
            await new Promise((r) => setTimeout(r, 10));
          }
        }
      };
      const deleter = async (): Promise<void> => {
        while (!stop) {
          try {
            const got = await client!.batchReceiveMessage({
              queueName: QUEUE,
              numOfMessages: 16,
              waitSeconds: 1,
            });
            // delete roughly half of what we see, so both branches of the check are exercised
            const chosen = got.filter(() => rng.chance(0.5));
            if (chosen.length === 0) continue;
            for (const m of chosen) deleteAttempted.add(m.messageBody);
            const out = await client!.batchDeleteMessage({
              queueName: QUEUE,
              receiptHandles: chosen.map((m) => m.receiptHandle),
            });
            const failed = new Set(out.failed.map((f) => f.receiptHandle));
            for (const m of chosen) if (!failed.has(m.receiptHandle)) ackedDeletes.add(m.messageBody);
          } catch (error) {
            receiveFailures++;
            scanner.captureError('receive/delete failure', error);
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      };
      const crasher = async (): Promise<void> => {
        while (killAt.length > 0) {
          await waitFor('the next kill point', () => next >= killAt[0]! || next >= total, 120_000, 5);
          killAt.shift();
          await new Promise((r) => setTimeout(r, rng.int(0, 30)));
          await server!.crashAndRestart();
          kills++;
        }
      };

      const load = Promise.all(Array.from({ length: SENDERS }, () => sender()));
      const deleting = deleter();
      await Promise.all([load, crasher()]);
      stop = true;
      await deleting;

      // drain everything that is left (inactive messages come back after the 2 s visibility timeout)
      const drained = new Map<string, string[]>(); // body → messageIds
      await waitFor(
        'the queue drained',
        async () => {
          try {
            const got = await client!.batchReceiveMessage({
              queueName: QUEUE,
              numOfMessages: 16,
              waitSeconds: 1,
            });
            for (const m of got)
              drained.set(m.messageBody, [...(drained.get(m.messageBody) ?? []), m.messageId]);
            if (got.length > 0) {
              const out = await client!.batchDeleteMessage({
                queueName: QUEUE,
                receiptHandles: got.map((m) => m.receiptHandle),
              });
              deleteFailures += out.failed.length;
            }
            const attrs = await client!.getQueueAttributes({ queueName: QUEUE });
            return attrs.activeMessages === 0 && attrs.inactiveMessages === 0 && attrs.delayMessages === 0;
          } catch (error) {
            scanner.captureError('drain failure', error);
            return false;
          }
        },
        60_000,
        10,
      );

      const lost: string[] = [];
      const idChanged: string[] = [];
      for (const [body, id] of ackedSends) {
        const ids = drained.get(body);
        if (ids === undefined) {
          if (!deleteAttempted.has(body)) lost.push(body);
        } else if (!ids.includes(id)) idChanged.push(body);
      }
      const resurrected = [...ackedDeletes].filter((b) => drained.has(b));
      const unackedButStored = [...drained.keys()].filter((b) => !ackedSends.has(b)).length;
      const figures = {
        seed: SEED,
        sendsAttempted: total,
        sendsAcked: ackedSends.size,
        sendFailures,
        deletesAcked: ackedDeletes.size,
        deletedWithoutAck: [...deleteAttempted].filter((b) => !ackedDeletes.has(b) && !drained.has(b)).length,
        receiveOrDeleteFailures: receiveFailures,
        serverKills: kills,
        serverStarts: server!.starts,
        downtimeMs: Math.round(server!.downtimeMs),
        drained: drained.size,
        lost: lost.length,
        resurrectedDeletes: resurrected.length,
        messageIdChanged: idChanged.length,
        unackedButStored,
        drainDeleteFailures: deleteFailures,
        runtimeMs: Math.round(performance.now() - start),
      };
      recordSummary(profile.name, 'serverCrashChaos', figures);

      expect(kills).toBe(profile.serverKills);
      expect(lost).toEqual([]);
      expect(resurrected).toEqual([]);
      expect(idChanged).toEqual([]);
      expect(ackedSends.size).toBeGreaterThan(total / 2);
      expect(ackedDeletes.size).toBeGreaterThan(0);
    },
    profile.testTimeoutMs,
  );

  it('printed no secret on the server’s stdout/stderr (incl. access log) or in client errors', () => {
    expect(scanner.contains('mns-local#0 stdout', 'listening on')).toBe(true);
    expect(scanner.findLeaks()).toEqual([]);
  });
});
