import { MnsConfigError, MnsNetworkError, MnsServiceError, type VodEvent } from '@vodmns/core';
import { createVodEvent } from '@vodmns/core/testing';
import type { Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { parseDeadLetterEnvelope } from '../dead-letter/dead-letter-envelope.js';
import { DeliveryAbortCodes, DeliveryAbortedError } from '../errors/delivery-aborted-error.js';
import { InMemoryQueuePort } from '../testing/in-memory-queue-port.js';
import { ManualClock } from '@vodmns/core/testing';
import type { ConsumerNotice } from './consumer-notice.js';
import type { ConsumerOptions } from './consumer-options.js';
import { consume } from './consume.js';
import { createConsumer } from './create-consumer.js';
import type { Delivery } from './delivery.js';

const body = (seed: number): string =>
  JSON.stringify(
    createVodEvent('TranscodeComplete', undefined, { seed, now: new Date(1_700_000_000_000 + seed * 1000) }),
  );

function setup(options: Partial<ConsumerOptions> = {}, visibilityTimeoutSeconds = 30) {
  const clock = new ManualClock();
  const port = new InMemoryQueuePort({ clock });
  port.createQueue('q', { visibilityTimeoutSeconds });
  port.createQueue('dlq');
  const consumer = createConsumer(port, {
    queueName: 'q',
    clock,
    random: () => 0.5,
    visibilityTimeoutSeconds,
    ...options,
  });
  const notices: ConsumerNotice[] = [];
  consumer.notices$.subscribe((n) => notices.push(n));
  const deliveries: Delivery<VodEvent>[] = [];
  let error: unknown;
  let completed = false;
  const start = (): Subscription =>
    consumer.events$.subscribe({
      next: (d) => deliveries.push(d),
      error: (e: unknown) => {
        error = e;
      },
      complete: () => {
        completed = true;
      },
    });
  const send = (n: number, from = 1) =>
    Promise.all(
      Array.from({ length: n }, (_, i) => port.sendMessage({ queueName: 'q', messageBody: body(from + i) })),
    );
  return {
    clock,
    port,
    consumer,
    notices,
    deliveries,
    start,
    send,
    error: () => error,
    completed: () => completed,
  };
}

describe('createConsumer / fromQueue', () => {
  it('emits typed deliveries with metadata and coalesces acks into one BatchDeleteMessage after 50 ms', async () => {
    const t = setup();
    await t.send(3);
    const sub = t.start();
    await t.clock.advance(0);
    expect(t.deliveries).toHaveLength(3);
    const d = t.deliveries[0] as Delivery<VodEvent>;
    expect(d.event.EventType).toBe('TranscodeComplete');
    expect(d.metadata.dequeueCount).toBe(1);
    expect(d.metadata.bytes).toBe(Buffer.byteLength(d.message.messageBody));
    expect(t.port.callsOf('batchReceiveMessage')[0]?.input).toMatchObject({
      numOfMessages: 16,
      waitSeconds: 30,
    });
    const acks = t.deliveries.map((x) => x.ack());
    await t.clock.advance(49);
    expect(t.port.callsOf('batchDeleteMessage')).toHaveLength(0);
    await t.clock.advance(1);
    expect(await Promise.all(acks)).toEqual([true, true, true]);
    const deletes = t.port.callsOf('batchDeleteMessage');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.input.receiptHandles).toHaveLength(3);
    expect(t.port.stats('q').total).toBe(0);
    expect(t.consumer.metrics()).toMatchObject({ received: 3, acked: 3, inFlight: 0, inFlightBytes: 0 });
    sub.unsubscribe();
  });

  it('sends a full batch of 16 acks at once', async () => {
    const t = setup();
    await t.send(16);
    const sub = t.start();
    await t.clock.advance(0);
    for (const d of t.deliveries) void d.ack();
    await t.clock.advance(0);
    expect(t.port.callsOf('batchDeleteMessage')).toHaveLength(1);
    expect(t.port.stats('q').total).toBe(0);
    sub.unsubscribe();
  });

  it('asks only for free slots: numOfMessages = min(16, maxInFlight − inFlight)', async () => {
    const t = setup({ maxInFlight: 5, ackBatchDelayMs: 0 });
    await t.send(20);
    const sub = t.start();
    await t.clock.advance(0);
    expect(t.deliveries).toHaveLength(5);
    expect(t.port.callsOf('batchReceiveMessage').map((c) => c.input.numOfMessages)).toEqual([5]);
    await t.clock.advance(60_000);
    expect(t.port.callsOf('batchReceiveMessage')).toHaveLength(1); // no slot, no receive
    await Promise.all([t.deliveries[0]?.ack(), t.deliveries[1]?.ack()]);
    await t.clock.advance(0);
    expect(t.port.callsOf('batchReceiveMessage').map((c) => c.input.numOfMessages)).toEqual([5, 2]);
    expect(t.consumer.metrics().inFlight).toBe(5);
    sub.unsubscribe();
  });

  it('pauses receiving at maxInFlightBytes', async () => {
    const t = setup({ maxInFlightBytes: 1024, ackBatchDelayMs: 0 });
    await t.send(10);
    const sub = t.start();
    await t.clock.advance(0);
    const first = t.deliveries.length;
    expect(first).toBe(10); // one batch may overshoot
    expect(t.port.callsOf('batchReceiveMessage')).toHaveLength(1);
    await t.send(1, 100);
    for (const d of t.deliveries) await d.ack();
    await t.clock.advance(0);
    expect(t.port.callsOf('batchReceiveMessage').length).toBeGreaterThan(1);
    expect(t.deliveries).toHaveLength(11);
    sub.unsubscribe();
  });

  it('extends the lease of a slow delivery, always with the newest receipt handle, and acks with it', async () => {
    const t = setup();
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    const d = t.deliveries[0] as Delivery<VodEvent>;
    const receivedAt = t.clock.now();
    await t.clock.advance(120_000);
    const changes = t.port.callsOf('changeMessageVisibility');
    // random 0.5 → renew at 60 % of the remaining lease: 18 s, then every 18 s.
    expect(changes.map((c) => c.at - receivedAt)).toEqual([18_000, 36_000, 54_000, 72_000, 90_000, 108_000]);
    expect(changes.every((c) => c.input.visibilityTimeoutSeconds === 30)).toBe(true);
    const handles = changes.map((c) => c.input.receiptHandle);
    expect(new Set(handles).size).toBe(handles.length);
    expect(handles[0]).toBe(d.message.receiptHandle);
    expect(d.receiptHandle).toBe(t.port.messages('q')[0]?.receiptHandle);
    expect(d.signal.aborted).toBe(false);
    const acked = d.ack();
    await t.clock.advance(50);
    expect(await acked).toBe(true);
    expect(t.port.stats('q').total).toBe(0);
    expect(t.deliveries).toHaveLength(1); // never redelivered
    expect(t.consumer.metrics().extended).toBe(6);
    sub.unsubscribe();
  });

  it('waits for an in-flight extension before acking, then uses the handle it returned', async () => {
    const t = setup();
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    const d = t.deliveries[0] as Delivery<VodEvent>;
    t.port.setLatency('changeMessageVisibility', 500);
    await t.clock.advance(18_100); // extension started at 18 s, completes at 18.5 s
    const acked = d.ack();
    await t.clock.advance(1000);
    expect(await acked).toBe(true);
    expect(t.port.stats('q').total).toBe(0);
    expect(t.notices.filter((n) => n.type === 'ack-failed')).toEqual([]);
    sub.unsubscribe();
  });

  it('extend(seconds) sets the visibility now with the newest handle; automatic renewal continues from there', async () => {
    const t = setup();
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    const d = t.deliveries[0] as Delivery<VodEvent>;
    const at = t.clock.now();
    expect(await d.extend(120)).toBe(true);
    expect(d.leaseExpiresAt).toBe(at + 120_000);
    expect(d.receiptHandle).toBe(t.port.messages('q')[0]?.receiptHandle);
    // 72 s (60 % of 120 s): 48 s left, longer than one 30 s step → look again at 60 % of 48 s = 100.8 s → extend.
    await t.clock.advance(100_799);
    expect(t.port.callsOf('changeMessageVisibility')).toHaveLength(1);
    await t.clock.advance(1);
    expect(t.port.callsOf('changeMessageVisibility')).toHaveLength(2);
    expect(t.port.callsOf('changeMessageVisibility')[1]?.input.visibilityTimeoutSeconds).toBe(30);
    expect(d.signal.aborted).toBe(false);
    await expect(d.extend(0)).rejects.toThrow(
      /seconds must be an integer number of seconds from 1 to 43200; got 0/,
    );
    await expect(d.nack({ delaySeconds: 50_000 })).rejects.toThrow(/delaySeconds/);
    sub.unsubscribe();
  });

  it('caps the total extension: at maxExtensionMs the signal aborts (lease lost) and ack is refused', async () => {
    const t = setup({ maxExtensionMs: 60_000 });
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    const d = t.deliveries[0] as Delivery<VodEvent>;
    const receivedAt = t.clock.now();
    let abortedAt = 0;
    d.signal.addEventListener('abort', () => {
      abortedAt = t.clock.now();
    });
    await t.clock.advance(61_000);
    expect(abortedAt - receivedAt).toBe(60_000);
    expect(d.signal.reason).toBeInstanceOf(DeliveryAbortedError);
    expect((d.signal.reason as DeliveryAbortedError).code).toBe(DeliveryAbortCodes.leaseLost);
    expect(t.notices).toContainEqual(
      expect.objectContaining({ type: 'lease-lost', reason: 'max-extension' }),
    );
    expect(await d.ack()).toBe(false);
    expect(t.port.callsOf('batchDeleteMessage')).toHaveLength(0);
    // The queue's own visibility ended at the same moment: the message is redelivered (keys were released).
    expect(t.consumer.metrics()).toMatchObject({ leaseLost: 1, received: 2 });
    expect(t.deliveries).toHaveLength(2);
    sub.unsubscribe();
  });

  it('loses the lease when an extension finds the message gone (MessageNotExist)', async () => {
    const t = setup();
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    const d = t.deliveries[0] as Delivery<VodEvent>;
    t.port.failWith(
      'changeMessageVisibility',
      new MnsServiceError({
        code: 'MessageNotExist',
        message: 'Message not exist.',
        fault: 'client',
        status: 404,
      }),
    );
    await t.clock.advance(18_000);
    expect(d.signal.aborted).toBe(true);
    expect(t.notices).toContainEqual(expect.objectContaining({ type: 'lease-lost', reason: 'message-gone' }));
    expect(d.state).toBe('lost');
    sub.unsubscribe();
  });

  it('retries a retryable extension failure well before the lease ends', async () => {
    const t = setup();
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    const d = t.deliveries[0] as Delivery<VodEvent>;
    t.port.failWith(
      'changeMessageVisibility',
      new MnsNetworkError({ code: 'ERR_MNS_NETWORK', message: 'reset', fault: 'transport' }),
      2,
    );
    await t.clock.advance(30_000);
    const calls = t.port.callsOf('changeMessageVisibility');
    expect(calls.length).toBe(3);
    expect(d.signal.aborted).toBe(false);
    expect(d.leaseExpiresAt).toBeGreaterThan(t.clock.now());
    sub.unsubscribe();
  });

  it('retries failed receives with jittered exponential backoff and reports them; never dies silently', async () => {
    const t = setup();
    t.port.failWith(
      'batchReceiveMessage',
      new MnsNetworkError({ code: 'ERR_MNS_NETWORK', message: 'reset', fault: 'transport' }),
      3,
    );
    await t.send(1);
    const start = t.clock.now();
    const sub = t.start();
    await t.clock.advance(1000);
    // backoff = floor(0.5 × min(20000, 200 × 2^(n−1))): 100, 200, 400 ms
    expect(
      t.port
        .callsOf('batchReceiveMessage')
        .map((c) => c.at - start)
        .slice(0, 4),
    ).toEqual([0, 100, 300, 700]);
    expect(
      t.notices.filter((n) => n.type === 'poll-error').map((n) => (n as { retryInMs: number }).retryInMs),
    ).toEqual([100, 200, 400]);
    expect(t.deliveries).toHaveLength(1);
    expect(t.consumer.metrics().pollingErrors).toBe(3);
    expect(t.error()).toBeUndefined();
    sub.unsubscribe();
  });

  it('errors the stream with the typed error on an unrecoverable failure (QueueNotExist)', async () => {
    const t = setup({ queueName: 'missing' });
    t.start();
    await t.clock.advance(0);
    expect(t.error()).toBeInstanceOf(MnsServiceError);
    expect(t.error()).toMatchObject({ code: 'QueueNotExist', retryable: false });
  });

  it('unsubscribe aborts the long poll and releases unsettled messages at once (visibility 1 s)', async () => {
    const t = setup();
    await t.send(2);
    const sub = t.start();
    await t.clock.advance(0);
    const [a, b] = t.deliveries as [Delivery<VodEvent>, Delivery<VodEvent>];
    sub.unsubscribe();
    await t.clock.advance(0);
    expect(a.signal.aborted && b.signal.aborted).toBe(true);
    expect((a.signal.reason as DeliveryAbortedError).code).toBe(DeliveryAbortCodes.stopped);
    expect(t.port.callsOf('changeMessageVisibility').map((c) => c.input.visibilityTimeoutSeconds)).toEqual([
      1, 1,
    ]);
    await t.send(1, 50);
    await t.clock.advance(1000);
    expect(t.port.stats('q').visible).toBe(3);
    expect(t.port.callsOf('batchReceiveMessage')).toHaveLength(2); // the aborted long poll received nothing more
    expect(t.consumer.metrics().released).toBe(2);
  });

  it('nack() without a delay uses the redelivery policy; after maxDeliveries failures it dead-letters', async () => {
    const t = setup({ deadLetter: { queueName: 'dlq' }, maxDeliveries: 2 });
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    expect(await (t.deliveries[0] as Delivery<VodEvent>).nack()).toBe(true);
    // default policy: base 10 s, equal jitter: 5 + 0.5 × 5 = 7.5 → 8 s
    expect(t.port.callsOf('changeMessageVisibility')[0]?.input.visibilityTimeoutSeconds).toBe(8);
    await t.clock.advance(8000);
    expect(t.deliveries).toHaveLength(2);
    const second = t.deliveries[1] as Delivery<VodEvent>;
    expect(second.metadata.dequeueCount).toBe(2);
    const nacked = second.nack();
    await t.clock.advance(50);
    expect(await nacked).toBe(true);
    expect(second.state).toBe('dead-lettered');
    expect(t.port.stats('q').total).toBe(0);
    const [dl] = t.port.messages('dlq');
    const envelope = parseDeadLetterEnvelope(dl?.messageBody ?? '');
    expect(envelope.ok && envelope.value).toMatchObject({
      reason: 'max-deliveries',
      dequeueCount: 2,
      body: body(1),
    });
    expect(t.consumer.metrics()).toMatchObject({ nacked: 1, deadLettered: 1 });
    sub.unsubscribe();
  });

  it('dead-letters an undecodable body (send to DLQ, then delete) without emitting it', async () => {
    const t = setup({ deadLetter: { queueName: 'dlq' } });
    await t.port.sendMessage({ queueName: 'q', messageBody: 'not a VOD event' });
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(50);
    expect(t.deliveries).toHaveLength(1);
    expect(t.port.stats('q').total).toBe(1); // only the good one (unacked) is left
    const [dl] = t.port.messages('dlq');
    const envelope = parseDeadLetterEnvelope(dl?.messageBody ?? '');
    expect(envelope.ok && envelope.value).toMatchObject({
      vodmnsDeadLetter: 1,
      sourceQueue: 'q',
      reason: 'invalid-body',
      body: 'not a VOD event',
      dequeueCount: 1,
    });
    expect(envelope.ok && envelope.value.error).toMatch(/ERR_VOD_EVENT_INVALID_JSON/);
    expect(t.notices).toContainEqual(expect.objectContaining({ type: 'poison', action: 'dead-lettered' }));
    sub.unsubscribe();
  });

  it('keeps a poison message when the DLQ send fails (not deleted, redelivered later)', async () => {
    const t = setup({ deadLetter: { queueName: 'dlq' } });
    await t.port.sendMessage({ queueName: 'q', messageBody: '{"broken":' });
    t.port.failWith(
      'sendMessage',
      new MnsServiceError({ code: 'InternalError', message: 'boom', fault: 'server', status: 500 }),
      1,
    );
    const sub = t.start();
    await t.clock.advance(100);
    expect(t.port.stats('q').total).toBe(1);
    expect(t.port.callsOf('batchDeleteMessage')).toHaveLength(0);
    expect(t.consumer.metrics()).toMatchObject({ poisonKept: 1, deadLettered: 0, inFlight: 0 });
    await t.clock.advance(30_000); // redelivered after its visibility; this time the DLQ send works
    expect(t.port.stats('q').total).toBe(0);
    expect(t.port.messages('dlq')).toHaveLength(1);
    sub.unsubscribe();
  });

  it('dead-letters a message whose DequeueCount already exceeds maxDeliveries, before handling', async () => {
    const t = setup({ deadLetter: { queueName: 'dlq' }, maxDeliveries: 2 });
    const sent = await t.send(1);
    for (let i = 0; i < 2; i += 1) {
      await t.port.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: 0 });
      t.port.expireVisibility('q', sent[0]?.messageId ?? '');
    }
    const sub = t.start();
    await t.clock.advance(50);
    expect(t.deliveries).toHaveLength(0);
    expect(t.port.stats('q').total).toBe(0);
    const envelope = parseDeadLetterEnvelope(t.port.messages('dlq')[0]?.messageBody ?? '');
    expect(envelope.ok && envelope.value).toMatchObject({ reason: 'max-deliveries', dequeueCount: 3 });
    sub.unsubscribe();
  });

  it('hands poison to onPoison instead; a rejecting hook keeps the message', async () => {
    const seen: string[] = [];
    let fail = true;
    const t = setup({
      onPoison: async (p) => {
        seen.push(`${p.reason}:${p.message.messageBody}`);
        if (fail) throw new Error('hook down');
      },
    });
    await t.port.sendMessage({ queueName: 'q', messageBody: '[]' });
    const sub = t.start();
    await t.clock.advance(100);
    expect(t.port.stats('q').total).toBe(1);
    fail = false;
    await t.clock.advance(30_000);
    expect(seen).toEqual(['invalid-body:[]', 'invalid-body:[]']);
    expect(t.port.stats('q').total).toBe(0);
    sub.unsubscribe();
  });

  it('acks a doubly-delivered VOD event (same content, new MessageId) without emitting it', async () => {
    const t = setup();
    await t.send(1);
    await t.port.sendMessage({ queueName: 'q', messageBody: body(1) });
    const sub = t.start();
    await t.clock.advance(0);
    // both copies arrive in one batch: the second is held while the first is reserved
    expect(t.deliveries).toHaveLength(1);
    expect(t.notices).toContainEqual(expect.objectContaining({ type: 'duplicate', action: 'deferred' }));
    void t.deliveries[0]?.ack();
    await t.clock.advance(999);
    expect(t.port.stats('q').total).toBe(1);
    await t.clock.advance(1);
    expect(t.notices).toContainEqual(expect.objectContaining({ type: 'duplicate', action: 'acked' }));
    await t.clock.advance(50);
    expect(t.deliveries).toHaveLength(1);
    expect(t.port.stats('q').total).toBe(0);
    expect(t.port.callsOf('changeMessageVisibility')).toEqual([]); // held, never put back
    expect(t.consumer.metrics()).toMatchObject({ acked: 1, duplicates: 1, duplicatesDeferred: 1 });
    sub.unsubscribe();
  });

  it('a held copy keeps its DequeueCount: many re-checks while the twin runs, then it runs when the twin fails', async () => {
    const t = setup({ maxDeliveries: 2 });
    await t.send(1);
    await t.port.sendMessage({ queueName: 'q', messageBody: body(1) });
    const sub = t.start();
    await t.clock.advance(0);
    const first = t.deliveries[0] as Delivery<VodEvent>;
    await t.clock.advance(100_000); // the twin runs for 100 s; the copy is re-checked 100 times, leased throughout
    expect(t.deliveries).toHaveLength(1);
    await first.nack({ delaySeconds: 600 });
    await t.clock.advance(1000);
    expect(t.deliveries).toHaveLength(2);
    expect(t.deliveries[1]?.metadata.dequeueCount).toBe(1);
    expect(t.consumer.metrics()).toMatchObject({ deadLettered: 0, poisonKept: 0, leaseLost: 0 });
    sub.unsubscribe();
  });

  it('acks a copy of a handled event even when its DequeueCount is above maxDeliveries', async () => {
    const t = setup({ maxDeliveries: 1, ackBatchDelayMs: 0 });
    const [sent] = await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    t.port.failWith(
      'batchDeleteMessage',
      new MnsServiceError({ code: 'AccessDenied', message: 'no', fault: 'client', status: 403 }),
      1,
    );
    expect(await (t.deliveries[0] as Delivery<VodEvent>).ack()).toBe(false); // handled, delete lost
    t.port.expireVisibility('q', sent?.messageId ?? '');
    await t.clock.advance(0);
    expect(t.port.stats('q').total).toBe(0);
    expect(t.consumer.metrics()).toMatchObject({ duplicates: 1, deadLettered: 0, poisonKept: 0 });
    sub.unsubscribe();
  });

  it('recognises a redelivery whose delete was lost (MessageId committed) and acks it unhandled', async () => {
    const t = setup({ ackBatchDelayMs: 0 });
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    const d = t.deliveries[0] as Delivery<VodEvent>;
    t.port.failWith(
      'batchDeleteMessage',
      new MnsServiceError({ code: 'AccessDenied', message: 'no', fault: 'client', status: 403 }),
      1,
    );
    expect(await d.ack()).toBe(false); // committed in the store, but the delete failed
    expect(t.notices).toContainEqual(expect.objectContaining({ type: 'ack-failed', code: 'AccessDenied' }));
    await t.clock.advance(30_000); // visible again
    expect(t.deliveries).toHaveLength(1);
    expect(t.port.stats('q').total).toBe(0);
    expect(t.consumer.metrics()).toMatchObject({ duplicates: 1, ackFailures: 1 });
    sub.unsubscribe();
  });

  it('a nacked delivery releases its keys, so the redelivery is handled again', async () => {
    const t = setup();
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    await (t.deliveries[0] as Delivery<VodEvent>).nack({ delaySeconds: 0 });
    expect(t.port.callsOf('changeMessageVisibility')[0]?.input.visibilityTimeoutSeconds).toBe(1);
    await t.clock.advance(1000);
    expect(t.deliveries).toHaveLength(2);
    sub.unsubscribe();
  });

  it('reports a stale handle in a batch delete without failing the stream', async () => {
    const t = setup();
    const [sent] = await t.send(1);
    const sub = t.start();
    await t.clock.advance(0);
    t.port.expireVisibility('q', sent?.messageId ?? '');
    const acked = (t.deliveries[0] as Delivery<VodEvent>).ack();
    await t.clock.advance(50);
    expect(await acked).toBe(false);
    expect(t.notices).toContainEqual(
      expect.objectContaining({ type: 'ack-failed', operation: 'delete', code: 'MessageNotExist' }),
    );
    expect(t.error()).toBeUndefined();
    await t.send(1, 7);
    await t.clock.advance(0);
    expect(t.deliveries.length).toBeGreaterThanOrEqual(2);
    sub.unsubscribe();
  });

  it('drain: stops receiving, waits for unsettled deliveries, flushes acks, then completes', async () => {
    const t = setup();
    await t.send(2);
    t.start();
    await t.clock.advance(0);
    const [a, b] = t.deliveries as [Delivery<VodEvent>, Delivery<VodEvent>];
    const drained = t.consumer.drain({ timeoutMs: 10_000 });
    await t.clock.advance(1000);
    expect(t.completed()).toBe(false);
    void a.ack();
    void b.ack();
    await t.clock.advance(50);
    expect(await drained).toEqual({ timedOut: false, released: 0 });
    expect(t.completed()).toBe(true);
    expect(t.port.stats('q').total).toBe(0);
    await t.send(1, 9);
    await t.clock.advance(20_000);
    expect(t.deliveries).toHaveLength(2);
  });

  it('drain times out: aborts and releases what is still unsettled', async () => {
    const t = setup();
    await t.send(1);
    t.start();
    await t.clock.advance(0);
    const d = t.deliveries[0] as Delivery<VodEvent>;
    const drained = t.consumer.drain({ timeoutMs: 2000 });
    await t.clock.advance(2000);
    expect(await drained).toEqual({ timedOut: true, released: 1 });
    expect(d.signal.aborted).toBe(true);
    expect(d.state).toBe('released');
    expect(t.completed()).toBe(true);
  });

  it('publishes state$ with status and metrics, on changes and every metricsIntervalMs', async () => {
    const t = setup({ metricsIntervalMs: 500 });
    const states: string[] = [];
    t.consumer.state$.subscribe((s) => states.push(`${s.status}:${s.metrics.received}`));
    await t.send(1);
    const sub = t.start();
    await t.clock.advance(1000);
    sub.unsubscribe();
    expect(states[0]).toBe('idle:0');
    expect(states).toContain('running:0');
    expect(states).toContain('running:1');
    expect(states.at(-1)).toBe('stopped:1');
    expect(t.consumer.metrics().lastPollAt).toBeDefined();
    expect(t.consumer.metrics().lagMs).toBe(0);
  });

  it('validates options eagerly, naming the field and value', async () => {
    const port = new InMemoryQueuePort();
    expect(() => createConsumer(port, { queueName: 'q', maxInFlight: 0 })).toThrow(
      'options.maxInFlight must be an integer from 1 to 100000; got 0',
    );
    expect(() => createConsumer(port, { queueName: 'q', batchSize: 17 })).toThrow(
      /options\.batchSize.*got 17/,
    );
    expect(() => createConsumer(port, { queueName: 'q', visibilityTimeoutSeconds: 0 })).toThrow(
      /visibilityTimeoutSeconds must be an integer from 1 to 43200; got 0/,
    );
    for (const receiveConcurrency of [0, 65, 1.5, 'x']) {
      let thrown: unknown;
      try {
        createConsumer(port, { queueName: 'q', receiveConcurrency: receiveConcurrency as number });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(MnsConfigError);
      expect(thrown).toMatchObject({ code: 'ERR_MNS_INVALID_ARGUMENT', retryable: false });
      const shown = typeof receiveConcurrency === 'string' ? "'x'" : String(receiveConcurrency);
      expect((thrown as Error).message).toContain(
        `options.receiveConcurrency must be an integer from 1 to 64; got ${shown}`,
      );
    }
    expect(() => createConsumer(port, { queueName: 'q', receiveConcurrency: 64 })).not.toThrow();
    expect(() => createConsumer(port, { queueName: '' })).toThrow(/options\.queueName/);
    // One queue-name rule (core's MNS_QUEUE_NAME_PATTERN): a digit first is fine, 120 characters at most.
    expect(() => createConsumer(port, { queueName: '1abc' })).not.toThrow();
    expect(() => createConsumer(port, { queueName: 'a'.repeat(120) })).not.toThrow();
    expect(() => createConsumer(port, { queueName: 'a'.repeat(121) })).toThrow(
      /options\.queueName must be a queue name \(1–120 letters, digits or hyphens, starting with a letter or digit\); got/,
    );
    expect(() => createConsumer(port, { queueName: '-abc' })).toThrow(MnsConfigError);
    expect(() => createConsumer(port, { queueName: 'q', deadLetter: { queueName: 'bad name' } })).toThrow(
      /options\.deadLetter\.queueName must be a queue name/,
    );
    // A port without the four operations is a bad argument too, not a TypeError.
    const notAPort = { batchReceiveMessage: () => Promise.resolve([]) } as unknown as InMemoryQueuePort;
    expect(() => createConsumer(notAPort, { queueName: 'q' })).toThrow(MnsConfigError);
    expect(() => createConsumer(notAPort, { queueName: 'q' })).toThrow(
      /port\.batchDeleteMessage must be a function \(a QueuePort from @vodmns\/core\); got undefined/,
    );
    const consumer = createConsumer(port, { queueName: 'q' });
    await expect(consumer.drain({ timeoutMs: -1 })).rejects.toThrow(
      /drain options\.timeoutMs must be a number of ms from 0 to 43200000; got -1/,
    );
    // consume()'s handler map: a bad entry is an MnsConfigError naming it.
    let thrown: unknown;
    try {
      consume(port, { FileUploadComplete: 'nope' as unknown as () => void }, { queueName: 'q' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MnsConfigError);
    expect((thrown as Error).message).toContain(
      "consume handlers.FileUploadComplete must be a function; got 'nope'",
    );
    expect(() => createConsumer(port, { queueName: 'q', deadLetter: { queueName: 'q' } })).toThrow(
      /deadLetter\.queueName/,
    );
    expect(() => createConsumer(port, { queueName: 'q', redelivery: { maxDeliveries: 0 } })).toThrow(
      /maxDeliveries/,
    );
  });
});
