import { MnsNetworkError } from '@vodmns/core';
import { describe, expect, it } from 'vitest';
import { InMemoryQueuePort } from './in-memory-queue-port.js';
import { ManualClock } from '@vodmns/core/testing';

function setup() {
  const clock = new ManualClock();
  const port = new InMemoryQueuePort({ clock });
  port.createQueue('q', { visibilityTimeoutSeconds: 30 });
  return { clock, port };
}

describe('InMemoryQueuePort', () => {
  it('hides a received message for the visibility timeout, then redelivers it with a new handle', async () => {
    const { clock, port } = setup();
    await port.sendMessage({ queueName: 'q', messageBody: 'a' });
    const [first] = await port.batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 0 });
    expect(first?.dequeueCount).toBe(1);
    expect(first?.nextVisibleTime).toBe(clock.now() + 30_000);
    expect(await port.batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 0 })).toEqual([]);
    await clock.advance(30_000);
    const [second] = await port.batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 0 });
    expect(second?.messageId).toBe(first?.messageId);
    expect(second?.dequeueCount).toBe(2);
    expect(second?.receiptHandle).not.toBe(first?.receiptHandle);
    const out = await port.batchDeleteMessage({
      queueName: 'q',
      receiptHandles: [first?.receiptHandle ?? ''],
    });
    expect(out.failed.map((f) => f.errorCode)).toEqual(['MessageNotExist']);
  });

  it('issues a new handle on every visibility change and rejects the old one', async () => {
    const { clock, port } = setup();
    await port.sendMessage({ queueName: 'q', messageBody: 'a' });
    const [m] = await port.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: 0 });
    const h1 = m?.receiptHandle ?? '';
    const changed = await port.changeMessageVisibility({
      queueName: 'q',
      receiptHandle: h1,
      visibilityTimeoutSeconds: 60,
    });
    expect(changed.receiptHandle).not.toBe(h1);
    expect(changed.nextVisibleTime).toBe(clock.now() + 60_000);
    await expect(
      port.changeMessageVisibility({ queueName: 'q', receiptHandle: h1, visibilityTimeoutSeconds: 60 }),
    ).rejects.toMatchObject({ code: 'MessageNotExist' });
    await expect(
      port.changeMessageVisibility({
        queueName: 'q',
        receiptHandle: changed.receiptHandle,
        visibilityTimeoutSeconds: 0,
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    const out = await port.batchDeleteMessage({ queueName: 'q', receiptHandles: [changed.receiptHandle] });
    expect(out.failed).toEqual([]);
    expect(port.stats('q').total).toBe(0);
  });

  it('long-polls on the clock: wakes on send, or returns [] when the wait ends', async () => {
    const { clock, port } = setup();
    const empty = port.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: 5 });
    let settled = false;
    void empty.then(() => {
      settled = true;
    });
    await clock.advance(4999);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect(await empty).toEqual([]);
    const woken = port.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: 5 });
    await clock.advance(1000);
    await port.sendMessage({ queueName: 'q', messageBody: 'b' });
    expect((await woken).map((m) => m.messageBody)).toEqual(['b']);
  });

  it('wakes a long poll when an in-flight message becomes visible again', async () => {
    const { clock, port } = setup();
    port.createQueue('short', { visibilityTimeoutSeconds: 2 });
    await port.sendMessage({ queueName: 'short', messageBody: 'x' });
    await port.batchReceiveMessage({ queueName: 'short', numOfMessages: 1, waitSeconds: 0 });
    const poll = port.batchReceiveMessage({ queueName: 'short', numOfMessages: 1, waitSeconds: 10 });
    await clock.advance(2000);
    expect((await poll).map((m) => m.dequeueCount)).toEqual([2]);
  });

  it('aborts a waiting long poll with ERR_MNS_ABORTED', async () => {
    const { port } = setup();
    const controller = new AbortController();
    const poll = port.batchReceiveMessage({
      queueName: 'q',
      numOfMessages: 1,
      waitSeconds: 30,
      signal: controller.signal,
    });
    controller.abort();
    await expect(poll).rejects.toMatchObject({ code: 'ERR_MNS_ABORTED' });
  });

  it('counts receives in flight (long polls, latency, failures) and their peak', async () => {
    const { clock, port } = setup();
    const controller = new AbortController();
    const a = port.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: 5 });
    const b = port.batchReceiveMessage({
      queueName: 'q',
      numOfMessages: 1,
      waitSeconds: 30,
      signal: controller.signal,
    });
    expect(port.receivesInFlight).toBe(2);
    controller.abort();
    await expect(b).rejects.toMatchObject({ code: 'ERR_MNS_ABORTED' });
    expect(port.receivesInFlight).toBe(1);
    await clock.advance(5000);
    expect(await a).toEqual([]);
    expect(port.receivesInFlight).toBe(0);
    expect(port.peakReceivesInFlight).toBe(2);
    port.resetPeakReceivesInFlight();
    expect(port.peakReceivesInFlight).toBe(0);
    port.setLatency('batchReceiveMessage', 10);
    port.failWith('batchReceiveMessage', new Error('boom'));
    const c = port.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: 0 });
    expect(port.receivesInFlight).toBe(1);
    // The handler is attached before the clock lets the failure happen: no unhandled rejection in between.
    const failed = expect(c).rejects.toThrow('boom');
    await clock.advance(10);
    await failed;
    expect(port.receivesInFlight).toBe(0);
    expect(port.peakReceivesInFlight).toBe(1);
  });

  it('injects failures, latency and duplicates; QueueNotExist for unknown queues', async () => {
    const { clock, port } = setup();
    const error = new MnsNetworkError({ code: 'ERR_MNS_NETWORK', fault: 'transport', message: 'reset' });
    port.failWith('sendMessage', error, 1);
    await expect(port.sendMessage({ queueName: 'q', messageBody: 'a' })).rejects.toBe(error);
    const sent = await port.sendMessage({ queueName: 'q', messageBody: 'a' });
    const copy = port.duplicate('q', sent.messageId);
    expect(copy).not.toBe(sent.messageId);
    expect(port.messages('q').map((m) => m.messageBody)).toEqual(['a', 'a']);
    port.setLatency('batchDeleteMessage', 100);
    const [m] = await port.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: 0 });
    const del = port.batchDeleteMessage({ queueName: 'q', receiptHandles: [m?.receiptHandle ?? ''] });
    await clock.advance(100);
    expect((await del).failed).toEqual([]);
    await expect(port.sendMessage({ queueName: 'nope', messageBody: 'a' })).rejects.toMatchObject({
      code: 'QueueNotExist',
      retryable: false,
    });
  });
});
