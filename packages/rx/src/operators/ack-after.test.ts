import type { VodEvent } from '@vodmns/core';
import { createVodEvent } from '@vodmns/core/testing';
import { describe, expect, it } from 'vitest';
import type { ConsumerOptions } from '../consumer/consumer-options.js';
import { createConsumer } from '../consumer/create-consumer.js';
import { DeliveryAbortCodes, DeliveryAbortedError } from '../errors/delivery-aborted-error.js';
import { InMemoryQueuePort } from '../testing/in-memory-queue-port.js';
import { ManualClock } from '@vodmns/core/testing';
import { type AckAfterOptions, ackAfter, type DeliveryHandler, type HandledDelivery } from './ack-after.js';
import { orderByMediaId } from './order-by-media-id.js';

function setup(
  handler: DeliveryHandler<VodEvent>,
  ackOptions: AckAfterOptions<VodEvent> = {},
  options: Partial<ConsumerOptions> = {},
) {
  const clock = new ManualClock();
  const port = new InMemoryQueuePort({ clock });
  port.createQueue('q', { visibilityTimeoutSeconds: 30 });
  const consumer = createConsumer(port, { queueName: 'q', clock, random: () => 0.5, ...options });
  const results: HandledDelivery<VodEvent>[] = [];
  let completed = false;
  const start = () =>
    consumer.events$.pipe(ackAfter(handler, { clock, ...ackOptions })).subscribe({
      next: (r) => results.push(r),
      complete: () => {
        completed = true;
      },
    });
  return { clock, port, consumer, results, start, completed: () => completed };
}

const wait = (clock: ManualClock, ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = clock.setTimer(clock.now() + ms, resolve);
    signal?.addEventListener('abort', () => {
      timer.cancel();
      reject(signal.reason);
    });
  });

async function sendTranscodes(port: InMemoryQueuePort, videoIds: readonly string[]): Promise<void> {
  let seed = 1;
  for (const VideoId of videoIds) {
    // Distinct EventTime: same-video events are distinct events, not duplicates by fingerprint.
    const event = createVodEvent(
      'TranscodeComplete',
      { VideoId },
      { seed, now: new Date(1_700_000_000_000 + seed * 1000) },
    );
    seed += 1;
    await port.sendMessage({ queueName: 'q', messageBody: JSON.stringify(event) });
  }
}

describe('ackAfter', () => {
  it('acks only after the handler resolves, with at most `concurrency` handlers at once', async () => {
    let running = 0;
    let peak = 0;
    let clockRef: ManualClock | undefined;
    const t = setup(
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await wait(clockRef as ManualClock, 1000);
        running -= 1;
      },
      { concurrency: 2 },
    );
    clockRef = t.clock;
    await sendTranscodes(t.port, ['a', 'b', 'c', 'd', 'e']);
    const sub = t.start();
    await t.clock.advance(1049);
    expect(t.port.callsOf('batchDeleteMessage')).toHaveLength(0);
    await t.clock.advance(1);
    expect(t.results.map((r) => r.result)).toEqual(['acked', 'acked']);
    await t.clock.advance(1000);
    expect(t.results).toHaveLength(4);
    await t.clock.advance(1000);
    expect(t.results).toHaveLength(5);
    expect(peak).toBe(2);
    expect(t.results[0]?.durationMs).toBe(1000);
    expect(t.port.stats('q').total).toBe(0);
    sub.unsubscribe();
  });

  it('nacks with the redelivery backoff when the handler rejects, and runs it again on redelivery', async () => {
    let calls = 0;
    const t = setup(async () => {
      calls += 1;
      if (calls === 1) throw new Error('transient');
    });
    await sendTranscodes(t.port, ['a']);
    const sub = t.start();
    await t.clock.advance(0);
    expect(t.results[0]).toMatchObject({ result: 'nacked', error: new Error('transient') });
    expect(t.port.callsOf('changeMessageVisibility')[0]?.input.visibilityTimeoutSeconds).toBe(8);
    await t.clock.advance(8050);
    expect(calls).toBe(2);
    expect(t.results[1]?.result).toBe('acked');
    expect(t.port.stats('q').total).toBe(0);
    sub.unsubscribe();
  });

  it('aborts the handler signal at timeoutMs and nacks', async () => {
    let reason: unknown;
    let clockRef: ManualClock | undefined;
    const t = setup(
      async (_e, { signal }) => {
        try {
          await wait(clockRef as ManualClock, 60_000, signal);
        } catch (e) {
          reason = e;
          throw e;
        }
      },
      { timeoutMs: 1500 },
    );
    clockRef = t.clock;
    await sendTranscodes(t.port, ['a']);
    const sub = t.start();
    await t.clock.advance(1500);
    expect(reason).toBeInstanceOf(DeliveryAbortedError);
    expect((reason as DeliveryAbortedError).code).toBe(DeliveryAbortCodes.handlerTimeout);
    expect(t.results[0]?.result).toBe('timed-out');
    expect(t.port.callsOf('changeMessageVisibility')).toHaveLength(1);
    sub.unsubscribe();
  });

  it('runs handlers of one key sequentially (orderByMediaId), other keys in parallel', async () => {
    const log: string[] = [];
    let clockRef: ManualClock | undefined;
    const t = setup(
      async (event) => {
        const id = (event as { VideoId: string }).VideoId;
        log.push(`start ${id}`);
        await wait(clockRef as ManualClock, 1000);
        log.push(`end ${id}`);
      },
      { concurrency: 8, orderBy: orderByMediaId },
    );
    clockRef = t.clock;
    await sendTranscodes(t.port, ['v1', 'v1', 'v2', 'v1']);
    const sub = t.start();
    await t.clock.advance(3100);
    expect(log).toEqual([
      'start v1',
      'start v2',
      'end v1',
      'start v1', // the next v1 starts the moment the previous one ends
      'end v2',
      'end v1',
      'start v1',
      'end v1',
    ]);
    sub.unsubscribe();
  });

  it('stops the handler when the lease is lost; the message is not acked', async () => {
    let clockRef: ManualClock | undefined;
    const t = setup(
      async (_e, { signal }) => {
        await wait(clockRef as ManualClock, 600_000, signal);
      },
      {},
      { maxExtensionMs: 40_000 },
    );
    clockRef = t.clock;
    await sendTranscodes(t.port, ['a']);
    const sub = t.start();
    await t.clock.advance(40_000);
    expect(t.results[0]?.result).toBe('lease-lost');
    expect(t.port.callsOf('batchDeleteMessage')).toHaveLength(0);
    sub.unsubscribe();
  });

  it('with drain(): queued deliveries are released at once, the running one finishes and is acked, then completes', async () => {
    let clockRef: ManualClock | undefined;
    const t = setup(
      async () => {
        await wait(clockRef as ManualClock, 5000);
      },
      { concurrency: 1 },
    );
    clockRef = t.clock;
    await sendTranscodes(t.port, ['a', 'b', 'c']);
    t.start();
    await t.clock.advance(0);
    const drained = t.consumer.drain();
    await t.clock.advance(0);
    expect(t.port.callsOf('changeMessageVisibility').map((c) => c.input.visibilityTimeoutSeconds)).toEqual([
      1, 1,
    ]);
    await t.clock.advance(5050);
    expect(await drained).toEqual({ timedOut: false, released: 2 });
    expect(t.completed()).toBe(true);
    expect(t.results.map((r) => r.result)).toEqual(['acked']);
    expect(t.port.stats('q').total).toBe(2);
    expect(t.consumer.metrics()).toMatchObject({ acked: 1, released: 2, inFlight: 0 });
  });

  it('validates its options', () => {
    expect(() => ackAfter(async () => {}, { concurrency: 0 })).toThrow(/concurrency.*got 0/);
    expect(() => ackAfter(async () => {}, { timeoutMs: -1 })).toThrow(/timeoutMs.*got -1/);
  });
});
