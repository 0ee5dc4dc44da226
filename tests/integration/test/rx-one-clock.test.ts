// One ManualClock drives mns-local (visibility, long-poll deadlines) and the @vodmns/rx consumer (leases, ack
// batching, backoff) over the real wire: a message a crashed consumer took comes back exactly when its
// visibility timeout ends on that clock, not a millisecond earlier, and no real time has to pass for it.
import { ManualClock } from '@vodmns/core/testing';
import { consume } from '@vodmns/rx';
import { describe, expect, it } from 'vitest';
import { startClockedRxFixture, vodBody } from './rx-helpers/rx-fixture.js';

describe('rx and mns-local on one manual clock', { timeout: 30_000 }, () => {
  it('crash (received, never acked or released) → redelivered exactly at the visibility timeout', async () => {
    const clock = new ManualClock();
    await using f = await startClockedRxFixture(clock);
    f.server.admin.createQueue('q', { visibilityTimeout: 30 });
    await f.sendBodies('q', [vodBody(2)]);
    // The "crashed" consumer: received the message and died without a word.
    const taken = await f.producer.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: 0 });
    expect(taken).toHaveLength(1);
    const takenAt = clock.now();
    const seen: { dequeueCount: number; at: number }[] = [];
    const running = consume(
      f.port,
      async (_e, { delivery }) => {
        seen.push({ dequeueCount: delivery.metadata.dequeueCount, at: clock.now() });
      },
      { queueName: 'q', waitSeconds: 1, visibilityTimeoutSeconds: 30, clock },
    );

    await f.advance(29_999, 500);
    expect(seen).toEqual([]);
    expect(f.server.admin.peek('q').map((m) => m.state)).toEqual(['inactive']);
    expect(running.consumer.metrics().polls).toBeGreaterThanOrEqual(29); // it kept long-polling, on the clock

    await f.advance(1);
    expect(seen).toEqual([{ dequeueCount: 2, at: takenAt + 30_000 }]);
    await f.advanceUntil('acked and deleted', () => f.queueTotal('q') === 0, 1000, 10);

    let drained = false;
    void running.drain({ timeoutMs: 5000 }).then(() => {
      drained = true;
    });
    await f.advanceUntil('drained', () => drained, 5000);
    expect(running.consumer.metrics()).toMatchObject({ received: 1, acked: 1, leaseLost: 0, duplicates: 0 });
  });
});
