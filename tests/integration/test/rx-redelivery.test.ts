// @vodmns/rx over the real transport against mns-local: handler failure → redelivery; crash → redelivery after the
// visibility timeout; unsubscribe → released at once.
import { MnsClient } from '@vodmns/mns-transport';
import { consume, fromQueue } from '@vodmns/rx';
import { describe, expect, it } from 'vitest';
import { startRxFixture, vodBody, waitFor } from './rx-helpers/rx-fixture.js';

describe('rx against mns-local: redelivery and leases', { timeout: 15_000 }, () => {
  it('a failing handler makes the message come back (policy backoff), then it is handled and deleted', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 5 });
    await f.sendBodies('q', [vodBody(1)]);
    const attempts: number[] = [];
    const running = consume(
      f.client,
      async (_event, { delivery }) => {
        attempts.push(delivery.metadata.dequeueCount);
        if (attempts.length < 3) throw new Error('downstream unavailable');
      },
      {
        queueName: 'q',
        waitSeconds: 1,
        visibilityTimeoutSeconds: 5,
        redelivery: { baseDelaySeconds: 1, maxDelaySeconds: 1 },
      },
    );
    await waitFor(
      'handled on the third delivery and deleted',
      () => attempts.length === 3 && f.queueTotal('q') === 0,
    );
    await running.drain({ timeoutMs: 5000 });
    expect(attempts).toEqual([1, 2, 3]);
    expect(running.consumer.metrics()).toMatchObject({ nacked: 2, acked: 1, duplicates: 0 });
  });

  it('crash (received, never acked or released) → redelivered after the visibility timeout', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 2 });
    await f.sendBodies('q', [vodBody(2)]);
    // The "crashed" consumer: received the message and died without a word.
    const taken = await f.producer.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: 0 });
    expect(taken).toHaveLength(1);
    const takenAt = Date.now();
    const seen: { dequeueCount: number; at: number }[] = [];
    const running = consume(
      f.client,
      async (_e, { delivery }) => {
        seen.push({ dequeueCount: delivery.metadata.dequeueCount, at: Date.now() });
      },
      { queueName: 'q', waitSeconds: 1, visibilityTimeoutSeconds: 2 },
    );
    await waitFor('redelivered and handled', () => seen.length === 1 && f.queueTotal('q') === 0);
    await running.drain({ timeoutMs: 5000 });
    expect(seen[0]?.dequeueCount).toBe(2);
    expect((seen[0]?.at ?? 0) - takenAt).toBeGreaterThanOrEqual(1900);
  });

  it('unsubscribe without ack releases the message at once (visibility 1 s), aborting the handler signal', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 30 });
    await f.sendBodies('q', [vodBody(3)]);
    let abortedWith: unknown;
    const sub = fromQueue(f.client, { queueName: 'q', waitSeconds: 5 }).subscribe((d) => {
      d.signal.addEventListener('abort', () => {
        abortedWith = d.signal.reason;
      });
      setTimeout(() => sub.unsubscribe(), 20);
    });
    await waitFor('aborted', () => abortedWith !== undefined);
    expect(abortedWith).toMatchObject({ code: 'ERR_VODMNS_STOPPED' });
    const start = Date.now();
    let again: number | undefined;
    const sub2 = fromQueue(f.client, { queueName: 'q', waitSeconds: 5 }).subscribe((d) => {
      again = d.metadata.dequeueCount;
      void d.ack();
    });
    await waitFor('received again well before the 30 s visibility', () => again !== undefined, 8000);
    expect(Date.now() - start).toBeLessThan(5000);
    expect(again).toBe(2);
    await waitFor('deleted', () => f.queueTotal('q') === 0);
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
