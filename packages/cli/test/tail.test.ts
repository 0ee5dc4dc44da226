import { waitFor } from '@vodmns/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MNS_LOCAL_BIN,
  type MnsLocalProcess,
  missingDist,
  spawnMnsLocal,
} from './helpers/mns-local-process.js';
import { vodmns } from './helpers/run.js';

const skip = missingDist(MNS_LOCAL_BIN);

const event = (type: string, id: string, status = 'success'): string =>
  JSON.stringify({
    EventType: type,
    EventTime: '2025-01-01T00:00:00Z',
    VideoId: id,
    Status: status,
    Size: 1,
  });

interface Row {
  type: string | null;
  mediaId: string | null;
  status: string | null;
  region: string | null;
  dequeueCount: number;
  acked: boolean;
  body?: string;
}

describe.skipIf(skip !== undefined)(`vodmns tail${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let server: MnsLocalProcess;
  beforeAll(async () => {
    server = await spawnMnsLocal();
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('prints typed events as NDJSON, filters by type and acks what it printed', async () => {
    const env = server.env;
    const q = 'vod-tail-cn-shanghai';
    await vodmns(['queue', 'create', q, '--visibility-timeout', '30'], env);
    await vodmns(['send', q, event('FileUploadComplete', 'a'.repeat(32))], env);
    await vodmns(['send', q, event('SnapshotComplete', 'b'.repeat(32))], env);
    await vodmns(['send', q, event('TranscodeComplete', 'c'.repeat(32), 'fail')], env);
    const r = await vodmns(
      [
        'tail',
        q,
        '--type',
        'FileUploadComplete,TranscodeComplete',
        '--ack',
        '--json',
        '--max',
        '2',
        '--wait',
        '1',
      ],
      env,
    );
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Row);
    expect(rows.map((x) => x.type).sort()).toEqual(['FileUploadComplete', 'TranscodeComplete']);
    expect(rows.find((x) => x.type === 'TranscodeComplete')).toMatchObject({
      mediaId: 'c'.repeat(32),
      status: 'failure',
      region: 'cn-shanghai',
      dequeueCount: 1,
      acked: true,
    });
    // Deleted: only the filtered-out SnapshotComplete remains (invisible until its lease runs out, or released).
    const attrs = JSON.parse((await vodmns(['queue', 'attrs', q, '--json'], env)).stdout) as {
      activeMessages: number;
      inactiveMessages: number;
    };
    expect(attrs.activeMessages + attrs.inactiveMessages).toBe(1);
  });

  it('pretty-prints under a header line, shows why a body is not a VOD event, and exits 0 after --idle', async () => {
    const env = server.env;
    const q = 'vod-tail-pretty';
    await vodmns(['queue', 'create', q], env);
    await vodmns(['send', q, event('FileUploadComplete', 'd'.repeat(32))], env);
    await vodmns(['send', q, 'not json at all'], env);
    const r = await vodmns(['tail', q, '--idle', '2'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TIME +TYPE +MEDIA ID +STATUS +REGION +DEQ +DETAILS\n/);
    expect(r.stdout).toMatch(/FileUploadComplete\s+d{32}\s+ok\s+-\s+0\s+Size=1/);
    expect(r.stdout).toMatch(
      /\(not a VOD event\).*why: ERR_VOD_EVENT_INVALID_JSON: .*body: "not json at all"/,
    );
    expect(r.stderr).toContain('watching vod-tail-pretty by peeking — changes nothing');
    expect(r.stderr).toMatch(/2 message\(s\) shown; nothing received, deleted or changed/);
  });

  it('--ack stops cleanly on Ctrl-C: drains, releases prefetched messages, exits 130', async () => {
    const env = server.env;
    const q = 'vod-tail-interrupt';
    await vodmns(['queue', 'create', q, '--visibility-timeout', '60'], env);
    for (let i = 0; i < 5; i++)
      await vodmns(['send', q, event('FileUploadComplete', `${i}`.repeat(32))], env);
    const interrupt = new AbortController();
    const running = vodmns(
      ['tail', q, '--ack', '--type', 'SnapshotComplete', '--max', '100', '--wait', '1', '--json'],
      env,
      { signal: interrupt.signal },
    );
    const attrs = async (): Promise<{ activeMessages: number; inactiveMessages: number }> =>
      JSON.parse((await vodmns(['queue', 'attrs', q, '--json'], env)).stdout);
    // Interrupt once everything was received (the server's counters; another process, so polled).
    await waitFor('5 messages received', async () => (await attrs()).inactiveMessages === 5, 10_000, 50);
    interrupt.abort();
    const r = await running;
    expect(r.code).toBe(130);
    // Filtered out by --type: received (held), shown never, released at the stop.
    expect(r.stdout).toBe('');
    // Released (visibility 1 s), not left invisible for the 60 s visibility timeout: they come back quickly.
    await waitFor('5 messages visible again', async () => (await attrs()).activeMessages === 5, 10_000, 100);
  });

  it('a missing queue fails fast with exit 1 and a hint', async () => {
    const r = await vodmns(['tail', 'no-such-queue'], server.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/QueueNotExist/);
    expect(r.stderr).toContain('hint: create it first');
  });
});
