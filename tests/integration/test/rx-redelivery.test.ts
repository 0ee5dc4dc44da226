// @vodmns/rx over the real transport against mns-local: handler failure → redelivery; crash → redelivery after the
// visibility timeout (rx-one-clock.test.ts); unsubscribe → released at once. Server and consumer share one
// ManualClock: backoffs and visibility are clock time, advanced by the test.
import { sleep } from '@vodmns/core';
import { ManualClock } from '@vodmns/core/testing';
import { MnsClient } from '@vodmns/mns-transport';
import { consume, fromQueue } from '@vodmns/rx';
import { describe, expect, it } from 'vitest';
import { startClockedRxFixture, startRxFixture, vodBody } from './rx-helpers/rx-fixture.js';

describe('rx against mns-local: redelivery and leases', { timeout: 30_000 }, () => {
  it('a failing handler makes the message come back (policy backoff), then it is handled and deleted', async () => {
    await using f = await startClockedRxFixture(new ManualClock());
    f.server.admin.createQueue('q', { visibilityTimeout: 5 });
    await f.sendBodies('q', [vodBody(1)]);
    const attempts: Array<{ dequeueCount: number; at: number }> = [];
    const running = consume(
      f.port,
      async (_event, { delivery }) => {
        attempts.push({ dequeueCount: delivery.metadata.dequeueCount, at: f.clock.now() });
        if (attempts.length < 3) throw new Error('downstream unavailable');
      },
      {
        queueName: 'q',
        waitSeconds: 1,
        visibilityTimeoutSeconds: 5,
        redelivery: { baseDelaySeconds: 1, maxDelaySeconds: 1 },
        clock: f.clock,
      },
    );
    await f.advanceUntil(
      'handled on the third delivery and deleted',
      () => attempts.length === 3 && f.queueTotal('q') === 0,
      10_000,
    );
    let drained = false;
    void running.drain({ timeoutMs: 5000 }).then(() => {
      drained = true;
    });
    await f.advanceUntil('drained', () => drained, 5000);
    expect(attempts.map((a) => a.dequeueCount)).toEqual([1, 2, 3]);
    // each nack hid the message for the policy's 1 s (clock time), not the queue's 5 s
    for (const [i, gap] of [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at].entries())
      expect(gap, `gap before delivery ${i + 2}`).toBeGreaterThanOrEqual(1000);
    expect(attempts[2]!.at - attempts[0]!.at).toBeLessThan(5000);
    expect(running.consumer.metrics()).toMatchObject({ nacked: 2, acked: 1, duplicates: 0 });
  });

  it('unsubscribe without ack releases the message at once (visibility 1 s), aborting the handler signal', async () => {
    await using f = await startClockedRxFixture(new ManualClock());
    f.server.admin.createQueue('q', { visibilityTimeout: 30 });
    await f.sendBodies('q', [vodBody(3)]);
    const options = { queueName: 'q', waitSeconds: 5, clock: f.clock };
    let abortedWith: unknown;
    const sub = fromQueue(f.port, options).subscribe((d) => {
      d.signal.addEventListener('abort', () => {
        abortedWith = d.signal.reason;
      });
      void sleep(f.clock, 20).then(() => sub.unsubscribe());
    });
    await f.advanceUntil('aborted', () => abortedWith !== undefined, 1000, 10);
    expect(abortedWith).toMatchObject({ code: 'ERR_VODMNS_STOPPED' });
    const releasedAt = f.clock.now();
    let again: number | undefined;
    const sub2 = fromQueue(f.port, options).subscribe((d) => {
      again = d.metadata.dequeueCount;
      void d.ack();
    });
    const waited = await f.advanceUntil('received again', () => again !== undefined, 30_000);
    // back after the release's 1 s of clock time, not the queue's 30 s
    expect(waited).toBeGreaterThanOrEqual(1000 - 50);
    expect(waited).toBeLessThanOrEqual(1000 + 50);
    expect(f.clock.now() - releasedAt).toBe(waited);
    expect(again).toBe(2);
    await f.advanceUntil('deleted', () => f.queueTotal('q') === 0, 1000);
    sub2.unsubscribe();
  });

  it('errors the stream with the typed error on unrecoverable failures: missing queue, bad credentials', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', {});
    const missing = await new Promise<unknown>((resolve) => {
      fromQueue(f.client, { queueName: 'nope', waitSeconds: 1 }).subscribe({ error: resolve });
    });
    expect(missing).toMatchObject({ name: 'MnsServiceError', code: 'QueueNotExist', retryable: false });
    const wrong = new MnsClient({
      endpoint: f.server.endpoint,
      region: f.server.region,
      credentials: { accessKeyId: f.server.accessKeyId, accessKeySecret: 'not-the-secret' },
    });
    const denied = await new Promise<unknown>((resolve) => {
      fromQueue(wrong, { queueName: 'q', waitSeconds: 1 }).subscribe({ error: resolve });
    });
    await wrong.close();
    expect(denied).toMatchObject({ retryable: false, fault: 'client' });
    expect(String((denied as Error).message)).not.toContain('not-the-secret');
  });
});
