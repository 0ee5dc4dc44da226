import {
  type BatchReceiveMessageInput,
  MnsNetworkError,
  MnsServiceError,
  type QueuePort,
  type ReceivedMessage,
  type VodEvent,
} from '@vodmns/core';
import { createVodEvent } from '@vodmns/core/testing';
import type { Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { InMemoryQueuePort } from '../testing/in-memory-queue-port.js';
import { flushPromises, ManualClock } from '@vodmns/core/testing';
import type { ConsumerNotice } from './consumer-notice.js';
import type { ConsumerOptions } from './consumer-options.js';
import { createConsumer } from './create-consumer.js';
import type { Delivery } from './delivery.js';

const body = (seed: number): string =>
  JSON.stringify(
    createVodEvent('TranscodeComplete', undefined, { seed, now: new Date(1_700_000_000_000 + seed * 1000) }),
  );

/** Receives take this long (clock time), so that concurrent receives overlap and can be counted. */
const RECEIVE_LATENCY_MS = 10;

/**
 * Wraps the in-memory port to check, at the start of every receive, that the messages unsettled plus the messages
 * asked for by all receives in flight never exceed `maxInFlight`.
 */
class AskTrackingPort implements QueuePort {
  readonly inner: InMemoryQueuePort;
  unsettled: () => number = () => 0;
  asked = 0;
  worst = 0;
  constructor(inner: InMemoryQueuePort) {
    this.inner = inner;
  }
  async batchReceiveMessage(input: BatchReceiveMessageInput): Promise<readonly ReceivedMessage[]> {
    this.asked += input.numOfMessages;
    this.worst = Math.max(this.worst, this.unsettled() + this.asked);
    try {
      return await this.inner.batchReceiveMessage(input);
    } finally {
      this.asked -= input.numOfMessages;
    }
  }
  batchDeleteMessage: QueuePort['batchDeleteMessage'] = (input) => this.inner.batchDeleteMessage(input);
  changeMessageVisibility: QueuePort['changeMessageVisibility'] = (input) =>
    this.inner.changeMessageVisibility(input);
  sendMessage: QueuePort['sendMessage'] = (input) => this.inner.sendMessage(input);
}

function setup(options: Partial<ConsumerOptions> = {}, { latencyMs = RECEIVE_LATENCY_MS } = {}) {
  const clock = new ManualClock(1_700_000_000_000);
  const inner = new InMemoryQueuePort({ clock });
  inner.createQueue('q', { visibilityTimeoutSeconds: 30 });
  if (latencyMs > 0) inner.setLatency('batchReceiveMessage', latencyMs);
  const port = new AskTrackingPort(inner);
  const consumer = createConsumer(port, {
    queueName: 'q',
    clock,
    random: () => 0.5,
    visibilityTimeoutSeconds: 30,
    ackBatchDelayMs: 0,
    ...options,
  });
  port.unsettled = () => consumer.metrics().inFlight;
  const notices: ConsumerNotice[] = [];
  consumer.notices$.subscribe((n) => notices.push(n));
  const deliveries: Delivery<VodEvent>[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const start = (onNext: (d: Delivery<VodEvent>) => void = () => {}): Subscription =>
    consumer.events$.subscribe({
      next: (d) => {
        deliveries.push(d);
        onNext(d);
      },
      error: (e: unknown) => {
        errors.push(e);
      },
      complete: () => {
        completed = true;
      },
    });
  const send = async (n: number, from = 1): Promise<void> => {
    for (let i = 0; i < n; i += 1) await inner.sendMessage({ queueName: 'q', messageBody: body(from + i) });
  };
  return {
    clock,
    port: inner,
    tracker: port,
    consumer,
    notices,
    deliveries,
    errors,
    start,
    send,
    completed: () => completed,
  };
}

const ackAtOnce = (d: Delivery<VodEvent>): void => {
  void d.ack();
};

describe('ConsumerSession: concurrent receives (receiveConcurrency)', () => {
  it('an empty or trickling queue holds exactly one long poll at a time', async () => {
    const t = setup({}, { latencyMs: 0 });
    const sub = t.start(ackAtOnce);
    for (let s = 1; s <= 60; s += 1) {
      if (s % 5 === 0) await t.send(1, s); // a trickle: every receive comes back short
      await t.clock.advance(1000);
      expect(t.port.receivesInFlight).toBe(1);
      expect(t.consumer.metrics().receivesInFlight).toBe(1);
    }
    expect(t.port.peakReceivesInFlight).toBe(1);
    expect(t.deliveries).toHaveLength(12);
    expect(t.port.stats('q').total).toBe(0);
    sub.unsubscribe();
    await t.clock.advance(RECEIVE_LATENCY_MS);
    expect(t.consumer.metrics().receivesInFlight).toBe(0);
  });

  it('idle: one 30 s long poll after another (the default), at most 120 requests per idle hour', async () => {
    const t = setup({}, { latencyMs: 0 });
    const startedAt = t.clock.now();
    const sub = t.start();
    await t.clock.advance(90_000);
    expect(t.port.callsOf('batchReceiveMessage').map((c) => c.at - startedAt)).toEqual([
      0, 30_000, 60_000, 90_000,
    ]);
    expect(t.port.callsOf('batchReceiveMessage').every((c) => c.input.waitSeconds === 30)).toBe(true);
    // One idle hour of clock time: every request the consumer makes (receives, and nothing else) is counted.
    await t.clock.advanceTo(startedAt + 3_600_000 - 1);
    expect(t.port.calls).toHaveLength(120);
    expect(t.port.peakReceivesInFlight).toBe(1);
    expect(t.consumer.metrics().polls).toBe(120);
    sub.unsubscribe();
  });

  it('holding a 30 s long poll: stop() aborts it at once, drain() after its short grace (< 1 s)', async () => {
    const stopped = setup({}, { latencyMs: 0 });
    const sub = stopped.start();
    await stopped.clock.advance(5000);
    expect(stopped.port.receivesInFlight).toBe(1);
    sub.unsubscribe();
    await flushPromises();
    expect(stopped.port.receivesInFlight).toBe(0);

    const drained = setup({}, { latencyMs: 0 });
    drained.start();
    await drained.clock.advance(5000);
    expect(drained.port.receivesInFlight).toBe(1);
    const startedAt = drained.clock.now();
    let result: unknown;
    void drained.consumer.drain({ timeoutMs: 30_000 }).then((r) => {
      result = r;
    });
    await drained.clock.advanceUntil(() => result !== undefined, { stepMs: 10, maxMs: 5000 });
    expect(drained.clock.now() - startedAt).toBeLessThan(1000);
    expect(result).toEqual({ timedOut: false, released: 0 });
    expect(drained.completed()).toBe(true);
    expect(drained.port.receivesInFlight).toBe(0);
  });

  it('an acked message frees its slot when its delete is handed off; at most maxInFlight deletes on their way', async () => {
    const maxInFlight = 16;
    const t = setup({ maxInFlight, batchSize: 8, receiveConcurrency: 4, ackBatchSize: 8 });
    t.port.setLatency('batchDeleteMessage', 1000);
    await t.send(64);
    t.start(ackAtOnce);
    // Deletes take 1 s; receives 10 ms. Slots come back at hand-off, so more than maxInFlight messages are received
    // before the first delete answers (holding slots until then would stop at maxInFlight) — but no receive
    // starts once maxInFlight deletes are on their way.
    await t.clock.advance(500);
    expect(t.consumer.metrics().acked).toBe(0);
    expect(t.deliveries.length).toBeGreaterThan(maxInFlight);
    expect(t.deliveries.length).toBeLessThanOrEqual(2 * maxInFlight);
    expect(t.consumer.metrics().inFlight).toBe(0);
    await t.clock.advanceUntil(() => t.consumer.metrics().acked === 64, { stepMs: 10, maxMs: 60_000 });
    expect(t.deliveries).toHaveLength(64);
    expect(t.port.stats('q').total).toBe(0);
    expect(t.consumer.metrics()).toMatchObject({ received: 64, acked: 64, ackFailures: 0, inFlight: 0 });
  });

  it('a backlog ramps up to receiveConcurrency (4) receives in flight, never more', async () => {
    const t = setup({ receiveConcurrency: 4 });
    await t.send(200);
    const sub = t.start(ackAtOnce);
    let metricPeak = 0;
    await t.clock.advanceUntil(
      () => {
        metricPeak = Math.max(metricPeak, t.consumer.metrics().receivesInFlight);
        return t.port.stats('q').total === 0;
      },
      { stepMs: 1, maxMs: 10_000 },
    );
    expect(t.port.peakReceivesInFlight).toBe(4);
    expect(metricPeak).toBeLessThanOrEqual(4);
    expect(metricPeak).toBeGreaterThanOrEqual(2);
    expect(t.deliveries).toHaveLength(200);
    expect(new Set(t.deliveries.map((d) => d.metadata.messageId)).size).toBe(200);
    // Every receive counts in `polls`, concurrent or not.
    expect(t.consumer.metrics().polls).toBe(t.port.callsOf('batchReceiveMessage').length);
    sub.unsubscribe();
  });

  it('drains a backlog in fewer round trips than one receive loop', async () => {
    const elapsed = async (receiveConcurrency: number): Promise<number> => {
      const t = setup({ receiveConcurrency });
      await t.send(200);
      const sub = t.start(ackAtOnce);
      const ms = await t.clock.advanceUntil(() => t.port.stats('q').total === 0, {
        stepMs: 1,
        maxMs: 10_000,
      });
      sub.unsubscribe();
      return ms;
    };
    const one = await elapsed(1);
    const four = await elapsed(4);
    // One loop: ⌈200 / 16⌉ = 13 sequential receives of 10 ms each.
    expect(one).toBeGreaterThanOrEqual(13 * RECEIVE_LATENCY_MS);
    expect(four).toBeLessThan(one / 2);
  });

  it('receiveConcurrency 1: one receive at a time, each starting after the previous answered', async () => {
    const t = setup({ receiveConcurrency: 1 });
    await t.send(200);
    const sub = t.start(ackAtOnce);
    await t.clock.advanceUntil(() => t.port.stats('q').total === 0, { stepMs: 1, maxMs: 10_000 });
    expect(t.port.peakReceivesInFlight).toBe(1);
    const at = t.port.callsOf('batchReceiveMessage').map((c) => c.at);
    expect(at.length).toBeGreaterThanOrEqual(13);
    for (let i = 1; i < at.length; i += 1) {
      expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(RECEIVE_LATENCY_MS);
    }
    expect(t.deliveries).toHaveLength(200);
    sub.unsubscribe();
  });

  it('respects maxInFlight exactly: receives in flight never ask for more than the free slots together', async () => {
    const maxInFlight = 20;
    const t = setup({ maxInFlight, receiveConcurrency: 4 });
    await t.send(100);
    const sub = t.start();
    let acked = 0;
    let unsettledPeak = 0;
    let receivesWhileBound = 0;
    while (acked < 100) {
      await t.clock.advance(5);
      const open = t.deliveries.filter((d) => d.state === 'received');
      unsettledPeak = Math.max(unsettledPeak, t.consumer.metrics().inFlight, open.length);
      if (acked > 0) receivesWhileBound = Math.max(receivesWhileBound, t.port.receivesInFlight);
      for (const d of open.slice(0, 3)) {
        void d.ack();
        acked += 1;
      }
      if (t.clock.now() > 1_700_000_000_000 + 60_000) throw new Error(`stuck at ${acked} acked`);
    }
    await t.clock.advance(5);
    expect(t.tracker.worst).toBeLessThanOrEqual(maxInFlight);
    expect(t.tracker.worst).toBe(maxInFlight); // the slots were used, not just left free
    expect(unsettledPeak).toBeLessThanOrEqual(maxInFlight);
    expect(t.port.peakReceivesInFlight).toBeLessThanOrEqual(4);
    // Bound by flow control (slots free up a few at a time), a receive smaller than a batch starts only while no
    // other is in flight: one receive at a time, so freed slots are not split into several tiny receives.
    expect(receivesWhileBound).toBe(1);
    for (const c of t.port.callsOf('batchReceiveMessage')) {
      expect(c.input.numOfMessages).toBeGreaterThanOrEqual(1);
      expect(c.input.numOfMessages).toBeLessThanOrEqual(16);
    }
    expect(t.port.stats('q').total).toBe(0);
    expect(t.deliveries).toHaveLength(100);
    sub.unsubscribe();
  });

  it('retires the extra receive loops once the backlog is gone: back to one long poll', async () => {
    const t = setup({ receiveConcurrency: 4, waitSeconds: 10 });
    await t.send(200);
    const sub = t.start(ackAtOnce);
    await t.clock.advanceUntil(() => t.port.stats('q').total === 0, { stepMs: 1, maxMs: 10_000 });
    expect(t.port.peakReceivesInFlight).toBe(4);
    // The extra loops' long polls come back empty after waitSeconds (10 s), and those loops retire.
    await t.clock.advance(10_000 + 2 * RECEIVE_LATENCY_MS);
    expect(t.port.receivesInFlight).toBe(1);
    expect(t.consumer.metrics().receivesInFlight).toBe(1);
    t.port.resetPeakReceivesInFlight();
    const before = t.port.callsOf('batchReceiveMessage').length;
    await t.clock.advance(60_000);
    expect(t.port.peakReceivesInFlight).toBe(1);
    // One loop, each receive 10 s of long poll + 10 ms: 5 or 6 starts in 60 s, depending on the phase.
    const idleCalls = t.port.callsOf('batchReceiveMessage').length - before;
    expect(idleCalls).toBeGreaterThanOrEqual(5);
    expect(idleCalls).toBeLessThanOrEqual(6);
    // A new backlog ramps up again.
    await t.send(100, 1000);
    await t.clock.advanceUntil(() => t.port.stats('q').total === 0, { stepMs: 1, maxMs: 10_000 });
    expect(t.port.peakReceivesInFlight).toBeGreaterThan(1);
    expect(t.deliveries).toHaveLength(300);
    sub.unsubscribe();
  });

  it('an outage folds the loops into one that backs off and reports alone; then they ramp up again', async () => {
    const t = setup({ receiveConcurrency: 4 });
    await t.send(200);
    let outage = false;
    t.port.failWith('batchReceiveMessage', () =>
      outage
        ? new MnsNetworkError({ code: 'ERR_MNS_NETWORK', message: 'reset', fault: 'transport' })
        : undefined,
    );
    const held: Delivery<VodEvent>[] = [];
    const sub = t.start((d) => held.push(d));
    await t.clock.advanceUntil(() => t.port.receivesInFlight === 4, { stepMs: 1, maxMs: 1000 });
    outage = true;
    for (let i = 0; i < 100; i += 1) {
      await t.clock.advance(100);
      expect(t.port.receivesInFlight).toBeLessThanOrEqual(1);
    }
    const pollErrors = t.notices.filter((n) => n.type === 'poll-error');
    // One loop reports: attempts 1, 2, 3, … with growing backoff (not four loops each reporting attempt 1).
    expect(pollErrors.map((n) => (n as { attempt: number }).attempt)).toEqual(
      pollErrors.map((_, i) => i + 1),
    );
    expect(pollErrors.length).toBeGreaterThanOrEqual(4);
    expect(pollErrors.length).toBeLessThan(15);
    // Every failed receive is counted, the retired loops' ones included.
    expect(t.consumer.metrics().pollingErrors).toBe(pollErrors.length + 3);
    outage = false;
    for (const d of held) void d.ack();
    t.port.resetPeakReceivesInFlight();
    const sub2Deliveries = t.deliveries.length;
    await t.clock.advanceUntil(
      () => {
        for (const d of t.deliveries) if (d.state === 'received') void d.ack();
        return t.port.stats('q').total === 0;
      },
      { stepMs: 5, maxMs: 60_000 },
    );
    expect(t.deliveries.length).toBe(200);
    expect(t.deliveries.length).toBeGreaterThan(sub2Deliveries);
    expect(t.port.peakReceivesInFlight).toBe(4);
    expect(t.errors).toEqual([]);
    sub.unsubscribe();
  });

  it('a non-retryable failure with several receives in flight errors the stream once', async () => {
    const t = setup({ receiveConcurrency: 4 });
    await t.send(200);
    const held: Delivery<VodEvent>[] = [];
    const sub = t.start((d) => held.push(d));
    await t.clock.advanceUntil(() => t.port.receivesInFlight === 4, { stepMs: 1, maxMs: 1000 });
    t.port.failWith(
      'batchReceiveMessage',
      new MnsServiceError({
        code: 'AccessDenied',
        message: 'denied',
        fault: 'client',
        status: 403,
        operation: 'GET /queues/q/messages',
      }),
      100,
    );
    await t.clock.advance(1000);
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ code: 'AccessDenied', retryable: false });
    expect(t.port.receivesInFlight).toBe(0);
    expect(t.consumer.metrics().receivesInFlight).toBe(0);
    // Everything it held was released, nothing lost.
    expect(held.every((d) => d.state === 'released')).toBe(true);
    await t.clock.advance(1000);
    expect(t.port.stats('q').visible).toBe(200);
    sub.unsubscribe();
  });

  it('drain with several receives in flight: waits for all, releases what they bring, loses nothing', async () => {
    const t = setup({ receiveConcurrency: 4 });
    await t.send(200);
    const held: Delivery<VodEvent>[] = [];
    t.start((d) => held.push(d));
    await t.clock.advanceUntil(() => t.port.receivesInFlight === 4, { stepMs: 1, maxMs: 1000 });
    const emittedBefore = held.length;
    expect(emittedBefore).toBeGreaterThan(0);
    const callsBefore = t.port.callsOf('batchReceiveMessage').length;
    const drained = t.consumer.drain({ timeoutMs: 5000 });
    for (const d of held) void d.ack(); // the running handlers finish
    await t.clock.advance(RECEIVE_LATENCY_MS);
    expect(t.port.receivesInFlight).toBe(0);
    await t.clock.advance(100);
    const result = await drained;
    expect(result.timedOut).toBe(false);
    const receivedWhileStopping = t.consumer.metrics().received - emittedBefore;
    expect(receivedWhileStopping).toBeGreaterThan(16); // more than one receive answered during the drain
    expect(result.released).toBe(receivedWhileStopping);
    expect(held).toHaveLength(emittedBefore); // nothing received while stopping was emitted
    expect(t.completed()).toBe(true);
    expect(t.port.callsOf('batchReceiveMessage')).toHaveLength(callsBefore);
    expect(t.consumer.metrics()).toMatchObject({
      inFlight: 0,
      receivesInFlight: 0,
      acked: emittedBefore,
      released: receivedWhileStopping,
    });
    await t.clock.advance(1000);
    expect(t.port.stats('q')).toEqual({
      visible: 200 - emittedBefore,
      invisible: 0,
      total: 200 - emittedBefore,
    });
  });

  it('drain while the extra loops long-poll an empty queue: aborts them after the grace and completes', async () => {
    const t = setup({ receiveConcurrency: 4 });
    await t.send(64);
    t.start(ackAtOnce);
    await t.clock.advanceUntil(() => t.port.stats('q').total === 0 && t.port.receivesInFlight > 1, {
      stepMs: 1,
      maxMs: 1000,
    });
    const drained = t.consumer.drain({ timeoutMs: 5000 });
    await t.clock.advance(299);
    expect(t.completed()).toBe(false);
    await t.clock.advance(1);
    expect(await drained).toEqual({ timedOut: false, released: 0 });
    expect(t.completed()).toBe(true);
    expect(t.port.receivesInFlight).toBe(0);
    expect(t.consumer.metrics().receivesInFlight).toBe(0);
  });

  it('unsubscribe with several receives in flight aborts them all and releases every unsettled message', async () => {
    const t = setup({ receiveConcurrency: 4 });
    await t.send(200);
    const held: Delivery<VodEvent>[] = [];
    const sub = t.start((d) => held.push(d));
    await t.clock.advanceUntil(() => t.port.receivesInFlight === 4, { stepMs: 1, maxMs: 1000 });
    const callsBefore = t.port.callsOf('batchReceiveMessage').length;
    sub.unsubscribe();
    await t.clock.advance(RECEIVE_LATENCY_MS);
    expect(t.port.receivesInFlight).toBe(0);
    expect(t.consumer.metrics()).toMatchObject({ receivesInFlight: 0, inFlight: 0, released: held.length });
    expect(held.every((d) => d.signal.aborted && d.state === 'released')).toBe(true);
    await t.clock.advance(10_000);
    expect(t.port.callsOf('batchReceiveMessage')).toHaveLength(callsBefore);
    expect(t.port.stats('q').visible).toBe(200);
  });
});
