import { describe, expectTypeOf, it } from 'vitest';
import { type DeliveryResult, deliver } from './deliver.js';
import { decideRedelivery, type RedeliveryDecision } from './redelivery-decision.js';

describe('retry types', () => {
  it('deliver is generic in the event type', async () => {
    const event = { EventType: 'FileUploadComplete' as const, VideoId: 'v1' };
    const result = await deliver(event, async (e, attempt) => {
      expectTypeOf(e).toEqualTypeOf<typeof event>();
      expectTypeOf(attempt).toEqualTypeOf<number>();
    });
    expectTypeOf(result).toEqualTypeOf<DeliveryResult<typeof event>>();
    expectTypeOf(result.outcome).toEqualTypeOf<'delivered' | 'discarded' | 'aborted'>();
    expectTypeOf(result.event).toEqualTypeOf<typeof event>();
  });

  it('decideRedelivery narrows on action', () => {
    const d = decideRedelivery({ dequeueCount: 1 });
    expectTypeOf(d).toEqualTypeOf<RedeliveryDecision>();
    if (d.action === 'retry') expectTypeOf(d.visibilityTimeoutSeconds).toEqualTypeOf<number>();
    if (d.action === 'dead-letter')
      expectTypeOf(d.reason).toEqualTypeOf<'max-deliveries' | 'permanent-failure'>();
  });
});
