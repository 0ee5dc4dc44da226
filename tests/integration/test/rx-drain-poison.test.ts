// @vodmns/rx over the real transport against mns-local: drain loses nothing and handles nothing twice; poison
// messages go to the dead-letter queue (send, then delete) and never stop the stream.
import { parseDeadLetterEnvelope } from '@vodmns/rx';
import { consume } from '@vodmns/rx';
import { describe, expect, it } from 'vitest';
import type { VodEvent } from '@vodmns/core';
import { waitFor } from '@vodmns/core/testing';
import { startRxFixture, vodBody } from './rx-helpers/rx-fixture.js';

describe('rx against mns-local: drain and poison', { timeout: 15_000 }, () => {
  it('drain mid-stream → nothing lost, nothing double-handled; a second consumer finishes the rest', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 30 });
    const N = 300;
    await f.sendBodies(
      'q',
      Array.from({ length: N }, (_, i) => vodBody(i)),
    );
    const handled = new Map<string, number>();
    const handler = async (event: VodEvent) => {
      const id = String((event as { VideoId?: unknown }).VideoId);
      await new Promise((r) => setTimeout(r, 5 + (Number.parseInt(id.slice(-2), 16) % 20)));
      handled.set(id, (handled.get(id) ?? 0) + 1);
    };
    const options = { queueName: 'q', waitSeconds: 1, maxInFlight: 64, concurrency: 8 };
    const first = consume(f.client, handler, options);
    await waitFor('some handled', () => handled.size >= 50);
    const result = await first.drain({ timeoutMs: 5000 });
    expect(result.timedOut).toBe(false);
    const afterDrain = handled.size;
    // Everything not handled is back in the queue (released or never received), everything handled is deleted.
    expect(f.queueTotal('q')).toBe(N - afterDrain);
    const m = first.consumer.metrics();
    expect(m.inFlight).toBe(0);
    expect(m.acked).toBe(afterDrain);

    const second = consume(f.client, handler, options);
    await waitFor(
      'all handled and the queue empty',
      () => handled.size === N && f.queueTotal('q') === 0,
    ).catch((e) => {
      console.log(
        'DEBUG',
        handled.size,
        f.queueTotal('q'),
        JSON.stringify(second.consumer.metrics()),
        JSON.stringify(f.server.admin.queues()),
      );
      throw e;
    });
    await second.drain({ timeoutMs: 5000 });
    expect([...handled.values()].every((n) => n === 1)).toBe(true);
  });

  it('poison (not JSON, not a VOD event, too many deliveries) → DLQ envelope, then deleted; good events flow on', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 30 });
    f.server.admin.createQueue('q-dlq', {});
    await f.sendBodies('q', ['{"EventType": 42}', 'definitely not json', vodBody(1), vodBody(2)]);
    const handled: string[] = [];
    const running = consume(
      f.client,
      async (event) => {
        handled.push(String(event.VideoId));
        if (String(event.VideoId).endsWith('2')) throw new Error('always fails');
      },
      {
        queueName: 'q',
        waitSeconds: 1,
        deadLetter: { queueName: 'q-dlq' },
        maxDeliveries: 2,
        redelivery: { baseDelaySeconds: 1, maxDelaySeconds: 1 },
      },
    );
    await waitFor('source queue empty', () => f.queueTotal('q') === 0 && f.queueTotal('q-dlq') === 3, 10_000);
    await running.drain({ timeoutMs: 5000 });
    const dead = await f.producer.batchReceiveMessage({
      queueName: 'q-dlq',
      numOfMessages: 16,
      waitSeconds: 0,
    });
    const envelopes = dead.map((m) => {
      const r = parseDeadLetterEnvelope(m.messageBody);
      if (!r.ok) throw r.error;
      return r.value;
    });
    expect(envelopes.map((e) => e.reason).sort()).toEqual(['invalid-body', 'invalid-body', 'max-deliveries']);
    expect(envelopes.map((e) => e.body)).toEqual(
      expect.arrayContaining(['definitely not json', '{"EventType": 42}', vodBody(2)]),
    );
    expect(envelopes.every((e) => e.sourceQueue === 'q')).toBe(true);
    expect(handled.filter((id) => id.endsWith('1'))).toHaveLength(1);
    expect(handled.filter((id) => id.endsWith('2'))).toHaveLength(2);
    expect(running.consumer.metrics()).toMatchObject({ deadLettered: 3, acked: 1, poisonKept: 0 });
  });

  it('a failing DLQ send keeps the poison message in the source queue', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 30 });
    await f.sendBodies('q', ['not an event']);
    const running = consume(f.client, async () => {}, {
      queueName: 'q',
      waitSeconds: 1,
      deadLetter: { queueName: 'missing-dlq' },
    });
    const kept: unknown[] = [];
    running.consumer.notices$.subscribe((n) => {
      if (n.type === 'poison' && n.action === 'kept') kept.push(n.error);
    });
    await waitFor('poison kept', () => kept.length === 1);
    await running.drain({ timeoutMs: 5000 });
    expect(kept[0]).toMatchObject({ code: 'QueueNotExist' });
    expect(f.queueTotal('q')).toBe(1);
  });
});
