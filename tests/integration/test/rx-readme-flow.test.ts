// The README's example flow over the real transport against mns-local: createConsumer → ofEventType (narrowing,
// other types acked) → ackAfter with per-video ordering → drain; and consume() with a handler map.
import type { TranscodeCompleteEvent } from '@vodmns/core';
import { createVodEvent } from '@vodmns/core/testing';
import { ackAfter, consume, createConsumer, ofEventType, orderByMediaId } from '@vodmns/rx';
import { tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { waitFor } from '@vodmns/core/testing';
import { startRxFixture } from './rx-helpers/rx-fixture.js';

const at = (i: number) => ({ seed: i, now: new Date(1_735_689_600_000 + i * 1000) });

describe('rx against mns-local: the README flow', { timeout: 15_000 }, () => {
  it('ofEventType + ackAfter(orderByMediaId) + drain: wanted events handled in per-video order, others acked', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('vod-events', {});
    const bodies: string[] = [];
    for (let i = 1; i <= 30; i += 1) {
      const VideoId = `v${i % 3}`.padEnd(32, '0');
      bodies.push(JSON.stringify(createVodEvent('TranscodeComplete', { VideoId }, at(i))));
      bodies.push(JSON.stringify(createVodEvent('SnapshotComplete', { VideoId }, at(i))));
    }
    await f.sendBodies('vod-events', bodies);
    const consumer = createConsumer(f.client, { queueName: 'vod-events', waitSeconds: 1 });
    const running = new Map<string, number>();
    const order: string[] = [];
    const arrival: string[] = [];
    let overlap = false;
    const sub = consumer.events$
      .pipe(
        ofEventType('TranscodeComplete'),
        // MNS promises no order, and concurrent receives may hand batches over in either order: what per-key
        // ordering guarantees is the order of arrival at the operator.
        tap((d) => arrival.push(`${d.event.VideoId.slice(0, 2)}@${d.event.EventTime}`)),
        ackAfter(
          async (event: TranscodeCompleteEvent) => {
            const n = (running.get(event.VideoId) ?? 0) + 1;
            running.set(event.VideoId, n);
            if (n > 1) overlap = true;
            order.push(`${event.VideoId.slice(0, 2)}@${event.EventTime}`);
            await new Promise((r) => setTimeout(r, 2));
            running.set(event.VideoId, n - 1);
          },
          { concurrency: 8, orderBy: orderByMediaId },
        ),
      )
      .subscribe();
    await waitFor('all 60 messages settled', () => f.queueTotal('vod-events') === 0);
    const result = await consumer.drain({ timeoutMs: 5000 });
    sub.unsubscribe();
    expect(result.timedOut).toBe(false);
    expect(order).toHaveLength(30);
    expect(overlap).toBe(false);
    for (const video of ['v0', 'v1', 'v2']) {
      const handled = order.filter((o) => o.startsWith(video));
      expect(handled).toEqual(arrival.filter((o) => o.startsWith(video))); // one video's events ran in arrival order
    }
    expect(consumer.metrics()).toMatchObject({ acked: 60, received: 60 });
  });

  it('consume() with a handler map routes by event type; unmapped types go to default', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('vod-events', {});
    await f.sendBodies('vod-events', [
      JSON.stringify(createVodEvent('FileUploadComplete', undefined, at(1))),
      JSON.stringify(createVodEvent('TranscodeComplete', undefined, at(2))),
      JSON.stringify(createVodEvent('DeleteMediaComplete', undefined, at(3))),
    ]);
    const seen: string[] = [];
    const running = consume(
      f.client,
      {
        FileUploadComplete: async (e) => {
          seen.push(`upload:${e.VideoId.length}`);
        },
        TranscodeComplete: async (e) => {
          seen.push(`transcode:${e.Status}`);
        },
        default: async (e) => {
          seen.push(`default:${String(e.EventType)}`);
        },
      },
      { queueName: 'vod-events', waitSeconds: 1 },
    );
    await waitFor('3 handled and deleted', () => seen.length === 3 && f.queueTotal('vod-events') === 0);
    await running.drain({ timeoutMs: 5000 });
    expect(seen.sort()).toEqual(['default:DeleteMediaComplete', 'transcode:success', 'upload:32']);
  });
});
