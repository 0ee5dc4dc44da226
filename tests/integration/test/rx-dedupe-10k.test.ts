// @vodmns/rx over the real transport against mns-local: 10,000 VOD events plus injected duplicates (the same
// event sent again as a new message, some in the same batch as the original, some long after it was handled) —
// a dedupe-enabled consumer runs the handler exactly once per event and deletes every message.
import { consume } from '@vodmns/rx';
import { describe, expect, it } from 'vitest';
import { waitFor } from '@vodmns/core/testing';
import { startRxFixture, vodBody } from './rx-helpers/rx-fixture.js';

describe('rx against mns-local: 10k events, exactly-once handling with duplicates', () => {
  it('handles each of 10,000 events exactly once and leaves the queue empty', {
    timeout: 60_000,
  }, async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 30 });
    const N = 10_000;
    const bodies: string[] = [];
    let duplicatesSent = 0;
    for (let i = 0; i < N; i += 1) {
      bodies.push(vodBody(i));
      if (i % 20 === 7) {
        bodies.push(vodBody(i)); // adjacent copy: usually in the same receive batch (concurrent duplicate)
        duplicatesSent += 1;
      }
      if (i % 50 === 3 && i > 1000) {
        bodies.push(vodBody(i - 1000)); // late copy of an event handled long ago
        duplicatesSent += 1;
      }
    }
    for (const b of bodies) f.server.admin.sendMessage('q', b); // fill in-process: this test is about consuming
    const handled = new Map<string, number>();
    const running = consume(
      f.client,
      async (event) => {
        const id = String(event.VideoId);
        handled.set(id, (handled.get(id) ?? 0) + 1);
      },
      {
        queueName: 'q',
        waitSeconds: 1,
        maxInFlight: 256,
        concurrency: 64,
        ackBatchDelayMs: 5,
        idempotency: { deferSeconds: 1 },
      },
    );
    await waitFor(
      'every event handled and the queue empty',
      () => handled.size === N && f.queueTotal('q') === 0,
      50_000,
    );
    await running.drain({ timeoutMs: 5000 });
    const m = running.consumer.metrics();
    expect([...handled.values()].filter((n) => n !== 1)).toEqual([]);
    expect(m.acked).toBe(N);
    expect(m.duplicates).toBe(duplicatesSent);
    // every copy was received once: concurrent copies are held (not put back) until their twin commits
    expect(m.received).toBe(N + duplicatesSent);
    expect(m.duplicatesDeferred).toBeGreaterThan(0);
    expect(m).toMatchObject({ leaseLost: 0, ackFailures: 0, pollingErrors: 0, deadLettered: 0 });
  });
});
