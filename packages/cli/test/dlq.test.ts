import { createDeadLetterEnvelope } from '@vodmns/rx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MNS_LOCAL_BIN,
  type MnsLocalProcess,
  missingDist,
  spawnMnsLocal,
  VODMNS_BIN,
} from './helpers/mns-local-process.js';
import { vodmns } from './helpers/run.js';
import { ndjson, runBin } from './helpers/vodmns-bin.js';

const skip = missingDist(MNS_LOCAL_BIN, VODMNS_BIN);

const event = (id: string): string =>
  JSON.stringify({
    EventType: 'FileUploadComplete',
    EventTime: '2025-01-01T00:00:00Z',
    VideoId: id,
    Status: 'success',
  });

const envelope = (sourceQueue: string, originalId: string, videoId: string): string =>
  createDeadLetterEnvelope({
    sourceQueue,
    reason: 'invalid-body',
    error: new Error(`gave up on ${videoId}`),
    now: Date.parse('2025-01-02T03:04:05Z'),
    message: {
      messageId: originalId,
      messageBody: event(videoId),
      messageBodyMd5: 'x',
      enqueueTime: 1,
      firstDequeueTime: 2,
      dequeueCount: 6,
      priority: 8,
    },
  });

interface ListRow {
  messageId: string;
  type: string | null;
  deadLetter: { sourceQueue: string; reason: string; error: string; originalMessageId: string } | null;
}

describe.skipIf(skip !== undefined)(
  `vodmns dlq, the real bin${skip ? ` — skipped: ${skip}` : ''}`,
  { timeout: 90_000 },
  () => {
    let server: MnsLocalProcess;
    const bodies = async (q: string): Promise<string[]> =>
      ndjson<{ messageBody: string }>((await vodmns(['peek', q, '-n', '16', '--json'], server.env)).stdout)
        .map((m) => m.messageBody)
        .sort();
    /** Peeked bodies once nothing is invisible (released messages are visible again within a second). */
    const settledBodies = async (q: string): Promise<string[]> => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const a = JSON.parse((await vodmns(['queue', 'attrs', q, '--json'], server.env)).stdout) as {
          inactiveMessages: number;
        };
        if (a.inactiveMessages === 0 || Date.now() > deadline) return bodies(q);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    beforeAll(async () => {
      server = await spawnMnsLocal();
      await vodmns(['queue', 'create', 'dlq-src'], server.env);
      await vodmns(['queue', 'create', 'dlq-dead', '--visibility-timeout', '300'], server.env);
      await vodmns(['send', 'dlq-dead', envelope('dlq-src', 'ORIG-1', 'v1')], server.env);
      await vodmns(['send', 'dlq-dead', envelope('dlq-src', 'ORIG-2', 'v2')], server.env);
      await vodmns(['send', 'dlq-dead', envelope('dlq-gone', 'ORIG-3', 'v3')], server.env);
      await vodmns(['send', 'dlq-dead', 'not an envelope'], server.env);
    });
    afterAll(async () => {
      await server?.[Symbol.asyncDispose]();
    });

    it('dlq list decodes each envelope by peeking (why, when, from which queue) and changes nothing', async () => {
      const r = await runBin(['dlq', 'list', 'dlq-dead', '--json'], server.env);
      expect(r.code).toBe(0);
      const rows = ndjson<ListRow>(r.stdout);
      expect(rows).toHaveLength(4);
      expect(rows[0]).toMatchObject({
        type: 'FileUploadComplete',
        deadLetter: {
          sourceQueue: 'dlq-src',
          reason: 'invalid-body',
          error: 'gave up on v1',
          originalMessageId: 'ORIG-1',
        },
      });
      expect(rows[3]?.deadLetter).toBeNull();
      const pretty = await runBin(['dlq', 'list', 'dlq-dead'], server.env);
      expect(pretty.stdout).toMatch(
        /2025-01-02T03:04:05.000Z\s+dlq-src\s+invalid-body: gave up on v1\s+FileUploadComplete\s+v1/,
      );
      expect(pretty.stdout).toContain('(not a vodmns dead letter)');
      const peeked = ndjson<{ dequeueCount: number }>(
        (await vodmns(['peek', 'dlq-dead', '-n', '16', '--json'], server.env)).stdout,
      );
      expect(peeked.map((m) => m.dequeueCount)).toEqual([0, 0, 0, 0]);
    });

    it('dlq replay --ids moves just that message: sent to its source queue, then deleted from the DLQ', async () => {
      const r = await runBin(['dlq', 'replay', 'dlq-dead', '--ids', 'ORIG-1', '--json'], server.env);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('1 replayed, ');
      expect(await bodies('dlq-src')).toEqual([event('v1')]);
      // The other three were released at once, not left invisible for the DLQ's 300 s visibility timeout.
      expect(await settledBodies('dlq-dead')).toHaveLength(3);
    });

    it('dlq replay of the rest: a failed send keeps the message in the DLQ, a non-envelope is skipped; exit 1', async () => {
      const r = await runBin(['dlq', 'replay', 'dlq-dead', '--json'], server.env);
      expect(r.code).toBe(1);
      const rows = ndjson<{ outcome?: string; to?: string; tally?: Record<string, number> }>(r.stdout);
      expect(rows.at(-1)?.tally).toEqual({ replayed: 1, skipped: 1, failed: 1, duplicated: 0 });
      expect(rows.find((x) => x.outcome === 'failed')?.to).toBe('dlq-gone');
      expect(await bodies('dlq-src')).toEqual([event('v1'), event('v2')]);
      // Never lost: the one whose source queue is gone, and the non-envelope, are still in the DLQ.
      const left = await settledBodies('dlq-dead');
      expect(left).toHaveLength(2);
      expect(left).toContain('not an envelope');
      // --to moves a non-envelope body as is.
      const to = await runBin(['dlq', 'replay', 'dlq-dead', '--to', 'dlq-src'], server.env);
      expect(to.code).toBe(0);
      expect(to.stderr).toContain('2 replayed, 0 skipped, 0 failed');
      expect(await bodies('dlq-src')).toContain('not an envelope');
      expect(await settledBodies('dlq-dead')).toEqual([]);
    });

    it('a missing DLQ or target queue is exit 1 with a clear line, before anything is received', async () => {
      const r = await runBin(['dlq', 'replay', 'dlq-dead', '--to', 'nope-q'], server.env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^vodmns: no target queue named nope-q\n {2}hint: /);
      const l = await runBin(['dlq', 'list', 'nope-dlq'], server.env);
      expect(l.code).toBe(1);
      expect(l.stderr).toMatch(/^vodmns: no dead-letter queue named nope-dlq\n/);
    });
  },
);
