import type { TranscodeCompleteEvent, VodEvent } from '@vodmns/core';
import { createVodEvent } from '@vodmns/core/testing';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createConsumer } from '../consumer/create-consumer.js';
import type { Delivery } from '../consumer/delivery.js';
import { InMemoryQueuePort } from '../testing/in-memory-queue-port.js';
import { ManualClock } from '@vodmns/core/testing';
import { filterDeliveries, ofEventType } from './of-event-type.js';

describe('ofEventType', () => {
  it('narrows to the wanted types and acks the others', async () => {
    const clock = new ManualClock();
    const port = new InMemoryQueuePort({ clock });
    port.createQueue('q');
    for (const type of ['TranscodeComplete', 'SnapshotComplete', 'TranscodeComplete'] as const) {
      await port.sendMessage({
        queueName: 'q',
        messageBody: JSON.stringify(createVodEvent(type, undefined, { seed: port.calls.length + 1 })),
      });
    }
    const consumer = createConsumer(port, { queueName: 'q', clock });
    const got: Delivery<TranscodeCompleteEvent>[] = [];
    const sub = consumer.events$.pipe(ofEventType('TranscodeComplete')).subscribe((d) => {
      expectTypeOf(d.event).toEqualTypeOf<TranscodeCompleteEvent>();
      got.push(d);
    });
    await clock.advance(50);
    expect(got.map((d) => d.event.EventType)).toEqual(['TranscodeComplete', 'TranscodeComplete']);
    expect(port.stats('q').total).toBe(2); // the SnapshotComplete was acked
    expect(consumer.metrics().acked).toBe(1);
    sub.unsubscribe();
  });

  it("filterDeliveries with others: 'ignore' leaves the rest unsettled", async () => {
    const clock = new ManualClock();
    const port = new InMemoryQueuePort({ clock });
    port.createQueue('q');
    await port.sendMessage({
      queueName: 'q',
      messageBody: JSON.stringify(createVodEvent('SnapshotComplete')),
    });
    const consumer = createConsumer(port, { queueName: 'q', clock });
    const seen: Delivery<VodEvent>[] = [];
    const sub = consumer.events$
      .pipe(filterDeliveries((d) => d.event.EventType === 'TranscodeComplete', { others: 'ignore' }))
      .subscribe((d) => seen.push(d));
    await clock.advance(100);
    expect(seen).toEqual([]);
    expect(consumer.metrics()).toMatchObject({ acked: 0, inFlight: 1 });
    sub.unsubscribe();
  });
});
