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

const event = (type: string, id: string): string =>
  JSON.stringify({ EventType: type, EventTime: '2025-01-01T00:00:00Z', VideoId: id, Status: 'success' });

interface Row {
  messageId: string;
  type: string | null;
  dequeueCount: number;
  acked: boolean;
  notVodEvent?: { code: string; message: string; issues: { path: string; message: string }[] };
  deadLetter?: { sourceQueue: string; reason: string; error: string; originalMessageId: string };
  mediaId: string | null;
}

interface Attrs {
  activeMessages: number;
  inactiveMessages: number;
}

describe.skipIf(skip !== undefined)(
  `vodmns tail, the real bin${skip ? ` — skipped: ${skip}` : ''}`,
  { timeout: 90_000 },
  () => {
    let server: MnsLocalProcess;
    const attrs = async (q: string): Promise<Attrs> =>
      JSON.parse((await vodmns(['queue', 'attrs', q, '--json'], server.env)).stdout) as Attrs;
    /** Attributes once nothing is invisible any more: a released message is visible again within a second. */
    const settled = async (q: string): Promise<Attrs> => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const a = await attrs(q);
        if (a.inactiveMessages === 0 || Date.now() > deadline) return a;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    beforeAll(async () => {
      server = await spawnMnsLocal();
    });
    afterAll(async () => {
      await server?.[Symbol.asyncDispose]();
    });

    it('watching six times changes nothing: DequeueCount stays 0, a consumer afterwards sees a first delivery', async () => {
      const q = 'tail-watch-q';
      await vodmns(['queue', 'create', q, '--visibility-timeout', '30'], server.env);
      await vodmns(['send', q, event('FileUploadComplete', 'v1')], server.env);
      await vodmns(['send', q, 'hello, not an event'], server.env);
      for (let i = 0; i < 6; i++) {
        const r = await runBin(['tail', q, '--json', '--max', '2'], server.env);
        expect(r.code).toBe(0);
        expect(r.stderr).toContain('by peeking — changes nothing');
        const rows = ndjson<Row>(r.stdout);
        expect(rows.map((x) => x.dequeueCount)).toEqual([0, 0]);
        // Why the second body is not an event: core's parse issues, in --json too.
        expect(rows[1]?.notVodEvent?.code).toBe('ERR_VOD_EVENT_INVALID_JSON');
        expect(rows[1]?.notVodEvent?.issues.length).toBeGreaterThan(0);
      }
      expect(await attrs(q)).toMatchObject({ activeMessages: 2, inactiveMessages: 0 });
      const received = await vodmns(['receive', q, '-n', '16', '--json'], server.env);
      expect(ndjson<{ dequeueCount: number }>(received.stdout).map((m) => m.dequeueCount)).toEqual([1, 1]);
    }, 120_000);

    it('shows messages that arrive while it watches, each once, with a header line and the reason for junk', async () => {
      const q = 'tail-follow-q';
      await vodmns(['queue', 'create', q], server.env);
      await vodmns(['send', q, event('FileUploadComplete', 'first')], server.env);
      let sent = false;
      let stopped = false;
      const r = await runBin(['tail', q, '--interval', '1'], server.env, {
        onStdout: (text, child) => {
          if (!sent && text.includes('first')) {
            sent = true;
            void vodmns(['send', q, '{"EventType":"FileUploadComplete","Status":42}'], server.env);
          }
          if (!stopped && text.includes('ERR_VOD_EVENT')) {
            stopped = true;
            child.kill('SIGINT');
          }
        },
      });
      expect(r.code).toBe(130);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^TIME\s+TYPE\s+MEDIA ID\s+STATUS\s+REGION\s+DEQ\s+DETAILS$/);
      expect(lines.filter((l) => l.includes('first'))).toHaveLength(1);
      expect(lines).toHaveLength(3);
      expect(lines[2]).toMatch(/\(not a VOD event\).*why: ERR_VOD_EVENT_SCHEMA: /);
      expect(r.stderr).toMatch(/2 message\(s\) shown; nothing received, deleted or changed/);
    });

    it('decodes the dead-letter envelope rx writes: where from, why, and the original event', async () => {
      const q = 'tail-dlq';
      await vodmns(['queue', 'create', q], server.env);
      const body = createDeadLetterEnvelope({
        sourceQueue: 'vod-events-cn-shanghai',
        reason: 'invalid-body',
        error: new Error('handler gave up'),
        now: Date.parse('2025-01-02T03:04:05Z'),
        message: {
          messageId: 'ORIGINAL-ID-1',
          messageBody: event('TranscodeComplete', 'dlq-video'),
          messageBodyMd5: 'x',
          enqueueTime: 1,
          firstDequeueTime: 2,
          dequeueCount: 6,
          priority: 8,
        },
      });
      await vodmns(['send', q, body], server.env);
      const r = await runBin(['tail', q, '--json', '--max', '1'], server.env);
      const [row] = ndjson<Row>(r.stdout);
      expect(row).toMatchObject({
        type: 'TranscodeComplete',
        mediaId: 'dlq-video',
        deadLetter: {
          sourceQueue: 'vod-events-cn-shanghai',
          reason: 'invalid-body',
          error: 'handler gave up',
          originalMessageId: 'ORIGINAL-ID-1',
        },
      });
      const pretty = await runBin(['tail', q, '--max', '1'], server.env);
      expect(pretty.stdout).toContain(
        'dead letter from vod-events-cn-shanghai (invalid-body: handler gave up)',
      );
    });

    it('--type is checked against the known event types, with a suggestion', async () => {
      const r = await runBin(['tail', 'any-q', '--type', 'TranscodeComplet'], server.env);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'vodmns: --type: unknown event type "TranscodeComplet"\n  hint: did you mean TranscodeComplete?\n',
      );
    });

    it('a closed stdout (| head -1) ends tail --ack cleanly: exit 0, no stack trace, nothing left held', async () => {
      const q = 'tail-epipe-q';
      await vodmns(['queue', 'create', q, '--visibility-timeout', '300'], server.env);
      for (let i = 0; i < 3; i++) await vodmns(['send', q, event('FileUploadComplete', `e${i}`)], server.env);
      for (let i = 0; i < 3; i++) await vodmns(['send', q, event('SnapshotComplete', `s${i}`)], server.env);
      let closed = false;
      const r = await runBin(
        ['tail', q, '--ack', '--json', '--type', 'FileUploadComplete', '--wait', '1'],
        server.env,
        {
          onStdout: (_text, child) => {
            if (!closed) {
              closed = true;
              child.stdout.destroy();
              // Like `tail -f | head -1`, the closed pipe shows at the next line tail writes.
              void vodmns(['send', q, event('FileUploadComplete', 'next')], server.env);
            }
          },
        },
      );
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
      expect(r.stderr).toMatch(/released back to the queue/);
      // The filtered-out SnapshotComplete messages (received, held) went back at once, not after 300 s.
      // (Visibility timeout 300 s: only a release makes them visible within the deadline.)
      const a = await settled(q);
      expect(a.inactiveMessages).toBe(0);
      expect(a.activeMessages).toBeGreaterThanOrEqual(3);
    });

    it('a closed stdout ends a watching tail with exit 0 too', async () => {
      const q = 'tail-epipe-watch-q';
      await vodmns(['queue', 'create', q], server.env);
      for (let i = 0; i < 3; i++) await vodmns(['send', q, event('FileUploadComplete', `w${i}`)], server.env);
      let closed = false;
      const r = await runBin(['tail', q, '--json'], server.env, {
        onStdout: (_text, child) => {
          if (!closed) {
            closed = true;
            child.stdout.destroy();
            void vodmns(['send', q, event('FileUploadComplete', 'next')], server.env);
          }
        },
      });
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    });

    it('SIGTERM exits 143 and releases what tail --ack holds', async () => {
      const q = 'tail-term-q';
      await vodmns(['queue', 'create', q, '--visibility-timeout', '300'], server.env);
      await vodmns(['send', q, event('FileUploadComplete', 'keep-me')], server.env);
      await vodmns(['send', q, event('SnapshotComplete', 'held')], server.env);
      let killed = false;
      const r = await runBin(['tail', q, '--ack', '--type', 'SnapshotComplete', '--wait', '1'], server.env, {
        onStdout: (text, child) => {
          if (!killed && text.includes('held')) {
            killed = true;
            child.kill('SIGTERM');
          }
        },
      });
      expect(r.code).toBe(143);
      expect(r.stderr).toMatch(/1 message\(s\) shown, \d deleted, \d released back to the queue/);
      // FileUploadComplete was filtered out: held, then released (visible now), not invisible for 300 s.
      expect(await settled(q)).toMatchObject({ inactiveMessages: 0 });
    });
  },
);
