// One consumer for every storage region (consumeRegions), over the real wire: one mns-local per queue region
// (mainland storage → cn-shanghai, overseas storage → its own region), a region whose queue is missing, and a
// region whose server is SIGKILLed mid-run and restarted on its data directory.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VodEvent } from '@vodmns/core';
import { createVodEvent, waitFor } from '@vodmns/core/testing';
import { type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';
import { MnsClient } from '@vodmns/mns-transport';
import { consumeRegions, type RegionFailure, type RegionTag } from '@vodmns/rx';
import { afterEach, describe, expect, it } from 'vitest';
import { builtFile, ChildProcessPool } from '../chaos/child-process-pool.js';
import { DurableServerProcess } from '../chaos/durable-server-process.js';
import { SecretScanner } from '../chaos/secret-scanner.js';

const STORAGE = ['cn-beijing', 'cn-shenzhen', 'ap-southeast-1', 'eu-central-1'] as const;
const QUEUE_REGIONS = ['cn-shanghai', 'ap-southeast-1', 'eu-central-1'] as const;
const KEY = { accessKeyId: 'LTAIregionstest', accessKeySecret: 'regions-test-secret-0123456789' };

/** An upload event of `storageRegion` (its FileUrl names the OSS region, as VOD's do). */
function uploadEvent(i: number, storageRegion: string): VodEvent {
  const VideoId = `${storageRegion.replace(/-/g, '')}x${i.toString(16).padStart(8, '0')}`.padEnd(32, '0');
  return createVodEvent(
    'FileUploadComplete',
    { VideoId, FileUrl: `http://outin-${VideoId}.oss-${storageRegion}.aliyuncs.com/sv/${VideoId}.mp4` },
    { seed: i + 1, now: new Date(1_735_689_600_000 + i * 1000) },
  );
}

const clients: MnsClient[] = [];
const servers: MnsLocalServer[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const s of servers.splice(0)) await s.close();
  for (const f of cleanups.splice(0).reverse()) await f();
});

function clientOf(endpoint: string): MnsClient {
  const c = new MnsClient({
    endpoint,
    credentials: KEY,
    timeoutMs: 5000,
    connectTimeoutMs: 1000,
    retry: { baseDelayMs: 5, maxDelayMs: 100, throttlingBaseDelayMs: 5 },
  });
  clients.push(c);
  return c;
}

async function startRegion(region: string): Promise<{ server: MnsLocalServer; client: MnsClient }> {
  const server = await startMnsLocal({ host: '127.0.0.1', port: 0, region, ...KEY });
  servers.push(server);
  return { server, client: clientOf(server.endpoint) };
}

async function createQueues(client: MnsClient, region: string): Promise<void> {
  await client.createQueue({
    queueName: `vod-events-${region}`,
    attributes: { visibilityTimeoutSeconds: 5 },
  });
  await client.createQueue({ queueName: `vod-events-${region}-dlq` });
}

const quiet = {
  onRegionError: () => undefined,
  onError: false,
  waitSeconds: 1,
  metricsIntervalMs: 50,
} as const;

describe('consumeRegions over one mns-local per queue region', () => {
  it('routes the plan, handles every region with one handler map, tags deliveries and dedupes across regions', async () => {
    const regions = new Map<string, MnsClient>();
    for (const r of QUEUE_REGIONS) {
      const { client } = await startRegion(r);
      await createQueues(client, r);
      regions.set(r, client);
    }
    // VOD's side: each storage region writes into its recommended queue.
    const sent: { queueRegion: string; event: VodEvent }[] = [];
    for (const [i, storage] of STORAGE.entries()) {
      const queueRegion = storage.startsWith('cn-') ? 'cn-shanghai' : storage;
      for (let k = 0; k < 5; k++) {
        const event = uploadEvent(i * 100 + k, storage);
        await regions.get(queueRegion)!.sendMessage({
          queueName: `vod-events-${queueRegion}`,
          messageBody: JSON.stringify(event),
        });
        sent.push({ queueRegion, event });
      }
    }
    // The same VOD event reaches two queues (e.g. a callback reconfigured mid-flight): it must run once.
    const twin = uploadEvent(999, 'eu-central-1');
    for (const r of ['eu-central-1', 'ap-southeast-1']) {
      await regions.get(r)!.sendMessage({ queueName: `vod-events-${r}`, messageBody: JSON.stringify(twin) });
    }

    const seen: { videoId: string; tag: RegionTag }[] = [];
    const running = consumeRegions(
      (region) => {
        const c = regions.get(region);
        if (c === undefined) throw new Error(`no server for ${region}`);
        return c;
      },
      {
        FileUploadComplete: (event, { region, signal }) => {
          expect(signal.aborted).toBe(false);
          seen.push({ videoId: event.VideoId, tag: region });
        },
      },
      { storageRegions: STORAGE, ...quiet },
    );
    expect(running.queues.map((q) => [q.queueRegion, q.queueName, q.storageRegions])).toEqual([
      ['cn-shanghai', 'vod-events-cn-shanghai', ['cn-beijing', 'cn-shenzhen']],
      ['ap-southeast-1', 'vod-events-ap-southeast-1', ['ap-southeast-1']],
      ['eu-central-1', 'vod-events-eu-central-1', ['eu-central-1']],
    ]);
    const total = sent.length + 1;
    await waitFor('every event handled once', () => seen.length >= total, 30_000);
    await waitFor(
      'the twin copy settled as a duplicate',
      () => running.metrics().total.duplicates >= 1,
      30_000,
    );
    const drained = await running.drain({ timeoutMs: 10_000 });
    expect(drained.timedOut).toBe(false);
    expect(drained.byRegion).toHaveLength(3);

    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((s) => s.videoId)).size).toBe(total);
    for (const { queueRegion, event } of sent) {
      const s = seen.find((x) => x.videoId === (event as { VideoId: string }).VideoId);
      expect(s?.tag.queueRegion).toBe(queueRegion);
      expect(s?.tag.queueName).toBe(`vod-events-${queueRegion}`);
      expect(STORAGE).toContain(s?.tag.storageRegion);
      expect(s?.tag.storageRegions).toContain(s?.tag.storageRegion);
    }
    const metrics = running.metrics();
    expect(metrics.byRegion.map((r) => r.region.queueRegion)).toEqual([...QUEUE_REGIONS]);
    const acked = metrics.byRegion.map((r) => r.metrics.acked);
    expect(acked[0]).toBe(10);
    expect((acked[1] ?? 0) + (acked[2] ?? 0)).toBe(5 + 5 + 1); // one of the twin's two copies ran
    expect(metrics.total.acked).toBe(total);
    expect(metrics.total.duplicates).toBe(1);
    expect(metrics.total.received).toBe(metrics.byRegion.reduce((n, r) => n + r.metrics.received, 0));
    const outcomes = await running.done;
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
  }, 60_000);

  it('reports a region whose queue is missing by region and keeps the others running', async () => {
    const regions = new Map<string, MnsClient>();
    for (const r of QUEUE_REGIONS) {
      const { client } = await startRegion(r);
      if (r !== 'ap-southeast-1') await createQueues(client, r);
      regions.set(r, client);
    }
    const failures: RegionFailure[] = [];
    let handled = 0;
    const running = consumeRegions(
      (r) => regions.get(r)!,
      () => void handled++,
      {
        storageRegions: STORAGE,
        ...quiet,
        onRegionError: (f) => failures.push(f),
      },
    );
    await waitFor('the missing queue reported', () => failures.length === 1, 30_000);
    expect(failures[0]?.region.queueRegion).toBe('ap-southeast-1');
    expect((failures[0]?.error as { code?: string } | undefined)?.code).toBe('QueueNotExist');
    // The other regions still consume.
    await regions.get('eu-central-1')!.sendMessage({
      queueName: 'vod-events-eu-central-1',
      messageBody: JSON.stringify(uploadEvent(1, 'eu-central-1')),
    });
    await waitFor('eu-central-1 handled after the failure', () => handled === 1, 30_000);
    const state = await new Promise<import('@vodmns/rx').RegionalState>((resolve) => {
      const sub = running.state$.subscribe((s) => {
        resolve(s);
        queueMicrotask(() => sub.unsubscribe());
      });
    });
    expect(state.status).toBe('running');
    expect(state.regions.find((r) => r.region.queueRegion === 'ap-southeast-1')?.status).toBe('failed');
    await running.drain({ timeoutMs: 10_000 });
    const outcomes = await running.done;
    expect(outcomes.map((o) => [o.region.queueRegion, o.ok])).toEqual([
      ['cn-shanghai', true],
      ['ap-southeast-1', false],
      ['eu-central-1', true],
    ]);
    expect(failures).toHaveLength(1);
  }, 60_000);

  it('allOrNothing: the first failed region stops every region and done rejects with its error', async () => {
    const regions = new Map<string, MnsClient>();
    for (const r of QUEUE_REGIONS) {
      const { client } = await startRegion(r);
      if (r !== 'eu-central-1') await createQueues(client, r);
      regions.set(r, client);
    }
    const running = consumeRegions(
      (r) => regions.get(r)!,
      () => undefined,
      {
        storageRegions: STORAGE,
        ...quiet,
        allOrNothing: true,
      },
    );
    await expect(running.done).rejects.toMatchObject({ code: 'QueueNotExist' });
    const rows = running.metrics().byRegion;
    expect(rows.find((r) => r.region.queueRegion === 'eu-central-1')?.status).toBe('failed');
    expect(rows.filter((r) => r.status === 'running')).toHaveLength(0);
  }, 60_000);

  it('reports a failure on stderr by default, naming the region and the queue', async () => {
    const { client } = await startRegion('eu-central-1');
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    cleanups.push(() => {
      process.stderr.write = write;
    });
    const running = consumeRegions(
      () => client,
      () => undefined,
      {
        storageRegions: ['eu-central-1'],
        waitSeconds: 1,
      },
    );
    await running.done;
    process.stderr.write = write;
    const line = lines.find((l) => l.includes('vod-events-eu-central-1'));
    expect(line).toContain('region eu-central-1');
    expect(line).toContain('QueueNotExist');
    expect(lines.join('')).not.toContain(KEY.accessKeySecret);
  }, 60_000);

  it('rejects a bad plan before receiving anything', () => {
    expect(() =>
      consumeRegions(
        () => null as never,
        () => undefined,
        { storageRegions: ['mars-1'] },
      ),
    ).toThrow(/storageRegion must be a known VOD storage region/);
    expect(() =>
      consumeRegions(() => null as never, { TranscodeComplete: 'nope' } as never, {
        storageRegions: ['eu-central-1'],
      }),
    ).toThrow(/handlers.TranscodeComplete must be a function/);
  });
});

describe('consumeRegions when a region goes down mid-run', () => {
  it('loses nothing in the region that went down and does not stall the others', async () => {
    const bin = builtFile('@vodmns/mns-local', 'dist/bin.js');
    if (!existsSync(bin)) throw new Error(`${bin} is missing: build the workspace first (pnpm run build)`);
    const scanner = new SecretScanner();
    const pool = new ChildProcessPool(scanner);
    const dataDir = mkdtempSync(join(tmpdir(), 'vodmns-regions-'));
    cleanups.push(async () => {
      await pool.killAll();
      rmSync(dataDir, { recursive: true, force: true });
      scanner.dispose();
    });
    const down = new DurableServerProcess({ pool, dataDir, ...KEY });
    await down.start();
    const regions = new Map<string, MnsClient>([['ap-southeast-1', clientOf(down.endpoint)]]);
    await createQueues(regions.get('ap-southeast-1')!, 'ap-southeast-1');
    for (const r of ['cn-shanghai', 'eu-central-1']) {
      const { client } = await startRegion(r);
      await createQueues(client, r);
      regions.set(r, client);
    }
    const handled = new Map<string, Set<string>>(QUEUE_REGIONS.map((r) => [r, new Set<string>()]));
    const running = consumeRegions(
      (r) => regions.get(r)!,
      (event, { region }) => void handled.get(region.queueRegion)!.add(event.VideoId as string),
      { storageRegions: STORAGE, ...quiet, pollBackoff: { baseMs: 50, capMs: 200 } },
    );
    const send = async (queueRegion: string, from: number, count: number): Promise<void> => {
      const storage = queueRegion === 'cn-shanghai' ? 'cn-beijing' : queueRegion;
      for (let i = from; i < from + count; i++) {
        await regions.get(queueRegion)!.sendMessage({
          queueName: `vod-events-${queueRegion}`,
          messageBody: JSON.stringify(uploadEvent(i, storage)),
        });
      }
    };
    for (const r of QUEUE_REGIONS) await send(r, 0, 10);
    await waitFor('first round handled', () => [...handled.values()].every((s) => s.size === 10), 30_000);
    // Messages waiting in the region that is about to go down.
    await send('ap-southeast-1', 10, 10);
    await down.stop();
    // While it is down, the other regions keep flowing.
    await send('cn-shanghai', 10, 10);
    await send('eu-central-1', 10, 10);
    await waitFor(
      'the other regions handled while ap-southeast-1 is down',
      () => handled.get('cn-shanghai')!.size === 20 && handled.get('eu-central-1')!.size === 20,
      30_000,
    );
    expect(running.metrics().byRegion.find((r) => r.region.queueRegion === 'ap-southeast-1')?.status).toBe(
      'running',
    );
    await down.start();
    await waitFor(
      'ap-southeast-1 drained after its restart',
      () => handled.get('ap-southeast-1')!.size === 20,
      60_000,
    );
    await running.drain({ timeoutMs: 10_000 });
    for (const r of QUEUE_REGIONS) expect(handled.get(r)!.size).toBe(20);
    expect(running.metrics().total.pollingErrors).toBeGreaterThan(0);
    const outcomes = await running.done;
    expect(outcomes.every((o) => o.ok)).toBe(true);
  }, 120_000);
});
