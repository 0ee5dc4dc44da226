import { ok, type QueuePort, type TranscodeCompleteEvent, type VodEvent } from '@vodmns/core';
import type { Observable } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import { ackAfter, type HandledDelivery } from '../operators/ack-after.js';
import { consume } from './consume.js';
import { ofEventType } from '../operators/of-event-type.js';
import { createConsumer } from './create-consumer.js';
import type { Delivery } from './delivery.js';
import { fromQueue } from './from-queue.js';
import type { ManagedDelivery } from './managed-delivery.js';

declare const port: QueuePort;

describe('no mutable public state', () => {
  it('consume().results$ is an Observable, not a Subject the caller could feed', () => {
    const running = consume(port, async () => undefined, { queueName: 'q' });
    expectTypeOf(running.results$).toEqualTypeOf<Observable<HandledDelivery<VodEvent>>>();
    // @ts-expect-error: no next() on the results stream
    running.results$.next;
  });

  it("a delivery's reserved keys and emitted flag are read-only", () => {
    const d = {} as ManagedDelivery<VodEvent>;
    expectTypeOf(d.reservedKeys).toEqualTypeOf<readonly string[]>();
    // @ts-expect-error: read-only (holdKeys records them)
    d.reservedKeys = [];
    // @ts-expect-error: read-only (markEmitted records it)
    d.emitted = true;
  });
});

describe('public inference', () => {
  it('fromQueue yields VOD deliveries; ofEventType narrows; ackAfter hands the narrowed event', () => {
    const events$ = fromQueue(port, { queueName: 'q' });
    expectTypeOf(events$).toEqualTypeOf<Observable<Delivery<VodEvent>>>();
    const handled$ = events$.pipe(
      ofEventType('TranscodeComplete', 'SnapshotComplete'),
      ackAfter(async (event) => {
        expectTypeOf(event.EventType).toEqualTypeOf<'TranscodeComplete' | 'SnapshotComplete'>();
      }),
    );
    expectTypeOf(handled$).toMatchTypeOf<Observable<HandledDelivery<unknown>>>();
    const transcodes$ = events$.pipe(ofEventType('TranscodeComplete'));
    expectTypeOf(transcodes$).toEqualTypeOf<Observable<Delivery<TranscodeCompleteEvent>>>();
  });

  it('a custom decode sets the event type', () => {
    const c = createConsumer(port, { queueName: 'q', decode: (m) => ok({ n: m.messageBody.length }) });
    expectTypeOf(c.events$).toEqualTypeOf<Observable<Delivery<{ n: number }>>>();
    // @ts-expect-error: maxInFlight is a number
    createConsumer(port, { queueName: 'q', maxInFlight: '5' });
  });
});
