import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  MNS_LOCAL_BIN,
  type MnsLocalProcess,
  missingDist,
  spawnMnsLocal,
  VODMNS_BIN,
} from './helpers/mns-local-process.js';
import { vodmns } from './helpers/run.js';
import { ndjson, runBin } from './helpers/vodmns-bin.js';

const skip = missingDist(MNS_LOCAL_BIN, VODMNS_BIN);

interface Report {
  storageRegion: string;
  queueName: string;
  eventType: string;
  outcome: string;
  attempts: number;
  lastError?: string;
}

describe.skipIf(skip !== undefined)(`vodmns simulate${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let server: MnsLocalProcess;
  beforeAll(async () => {
    server = await spawnMnsLocal();
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });

  it('routes each storage region to the recommended queue and delivers every event', async () => {
    const r = await vodmns(
      ['simulate', '--region', 'cn-beijing,ap-southeast-1', '--create-queues', '--json'],
      server.env,
    );
    expect(r.code).toBe(0);
    const reports = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Report);
    expect(reports.length).toBeGreaterThanOrEqual(4);
    expect(reports.every((x) => x.outcome === 'delivered' && x.attempts === 1)).toBe(true);
    expect(new Set(reports.filter((x) => x.storageRegion === 'cn-beijing').map((x) => x.queueName))).toEqual(
      new Set(['vod-events-cn-shanghai']),
    );
    expect(
      new Set(reports.filter((x) => x.storageRegion === 'ap-southeast-1').map((x) => x.queueName)),
    ).toEqual(new Set(['vod-events-ap-southeast-1']));
    expect(reports[0]?.eventType).toBe('FileUploadComplete');
    // The events are really in the queues.
    const attrs = await vodmns(['queue', 'attrs', 'vod-events-cn-shanghai', '--json'], server.env);
    const perRegion = reports.filter((x) => x.storageRegion === 'cn-beijing').length;
    expect((JSON.parse(attrs.stdout) as { activeMessages: number }).activeMessages).toBe(perRegion);
  });

  it('prints the routing table and a summary in human mode', async () => {
    const r = await vodmns(
      ['simulate', '--region', 'eu-central-1', '--create-queues', '--outcome', 'snapshot-failure'],
      server.env,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/eu-central-1\s+eu-central-1\s+vod-events-eu-central-1/);
    expect(r.stdout).toMatch(/(\d+) of \1 events sent: \d+ delivered, 0 discarded/);
  });

  it('with --allow-missing-queue shows 3 attempts and the discard for a wrong queue name, and exits 1', async () => {
    const r = await vodmns(
      [
        'simulate',
        '--region',
        'cn-shenzhen',
        '--queue',
        'no-such-queue',
        '--allow-missing-queue',
        '--interval',
        '10',
        '--json',
      ],
      server.env,
    );
    expect(r.code).toBe(1);
    const reports = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Report);
    expect(reports.length).toBeGreaterThan(0);
    for (const x of reports) {
      expect(x).toMatchObject({ outcome: 'discarded', attempts: 3, queueName: 'no-such-queue' });
      expect(x.lastError).toMatch(/^QueueNotExist/);
    }
  });

  it('rejects bad input with usage errors (2)', async () => {
    for (const argv of [
      ['simulate'],
      ['simulate', '--region', 'mars-north-1'],
      ['simulate', '--region', 'cn-beijing', '--outcome', 'meh'],
      ['simulate', '--region', 'cn-beijing', '--uploads', '0'],
    ]) {
      const r = await vodmns(argv, server.env);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(2);
      // Checked before anything is printed: no routing table first.
      expect(r.stdout, argv.join(' ')).toBe('');
    }
  });

  it('an unreachable endpoint is exit 4, not "VOD discarded everything"', async () => {
    const port = await closedPort();
    const r = await vodmns(['simulate', '--region', 'cn-beijing'], {
      ...server.env,
      MNS_ENDPOINT: `http://127.0.0.1:${port}`,
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('cannot reach the MNS endpoint');
  });

  it('a missing target queue fails at once (exit 1, nothing sent, nothing on stdout) and names the fix', async () => {
    const r = await runBin(['simulate', '--region', 'cn-shenzhen', '--queue', 'not-there-q'], server.env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `vodmns: queue not-there-q does not exist at ${server.endpoint}: VOD's writes would all be discarded\n` +
        '  hint: add --create-queues, or create it: vodmns queue create not-there-q  (--allow-missing-queue to watch VOD discard them)\n',
    );
  });

  it('a random seed per run, printed, with current event times: a second run is new events; --seed repeats ids', async () => {
    const q = 'sim-seed-q';
    await vodmns(['queue', 'create', q], server.env);
    const run1 = await runBin(['simulate', '--region', 'cn-beijing', '--queue', q, '--json'], server.env);
    const run2 = await runBin(['simulate', '--region', 'cn-beijing', '--queue', q, '--json'], server.env);
    const seedOf = (stderr: string): string =>
      /seed (\d+) \(random; repeat this run with --seed \1\)/.exec(stderr)?.[1] ?? '';
    expect(seedOf(run1.stderr)).not.toBe('');
    expect(seedOf(run1.stderr)).not.toBe(seedOf(run2.stderr));
    const ids = (out: string) => new Set(ndjson<{ mediaId: string }>(out).map((x) => x.mediaId));
    expect([...ids(run1.stdout)].some((id) => ids(run2.stdout).has(id))).toBe(false);
    // Event times are now, not a fixed 2025 date.
    const peeked = ndjson<{ messageBody: string }>(
      (await vodmns(['peek', q, '-n', '1', '--json'], server.env)).stdout,
    );
    const time = Date.parse((JSON.parse(peeked[0]?.messageBody ?? '{}') as { EventTime: string }).EventTime);
    expect(Math.abs(time - Date.now())).toBeLessThan(10 * 60_000);
    // --seed repeats the ids of run 1.
    const again = await runBin(
      ['simulate', '--region', 'cn-beijing', '--queue', q, '--json', '--seed', seedOf(run1.stderr)],
      server.env,
    );
    expect(ids(again.stdout)).toEqual(ids(run1.stdout));
    expect(again.stderr).not.toContain('random');
  });

  it('the tally counts delivered and discarded truthfully, and results stream as they happen', async () => {
    let summaryWithFirstResult: boolean | undefined;
    const r = await runBin(
      [
        'simulate',
        '--region',
        'cn-shenzhen',
        '--queue',
        'gone-q',
        '--allow-missing-queue',
        '--interval',
        '200',
      ],
      server.env,
      {
        onStdout: (text) => {
          if (summaryWithFirstResult === undefined && /discarded\s+3\s+QueueNotExist/.test(text)) {
            summaryWithFirstResult = text.includes('events sent');
          }
        },
      },
    );
    expect(r.code).toBe(1);
    // The first result reached stdout while later events were still being tried (~0.4 s of retries each).
    expect(summaryWithFirstResult).toBe(false);
    expect(r.stdout).toMatch(/\n(\d+) of \1 events sent: 0 delivered, \1 discarded/);
  }, 120_000);
});
