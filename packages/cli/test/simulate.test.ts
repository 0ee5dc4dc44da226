import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  MNS_LOCAL_BIN,
  type MnsLocalProcess,
  missingDist,
  spawnMnsLocal,
} from './helpers/mns-local-process.js';
import { vodmns } from './helpers/run.js';

const skip = missingDist(MNS_LOCAL_BIN);

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
    expect(r.stdout).toMatch(/\d+ events: \d+ delivered, 0 discarded/);
  });

  it('shows 3 attempts and the discard for a wrong queue name, and exits 1', async () => {
    const r = await vodmns(
      ['simulate', '--region', 'cn-shenzhen', '--queue', 'no-such-queue', '--interval', '10', '--json'],
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
});
