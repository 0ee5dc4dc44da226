import { describe, expect, it } from 'vitest';
import { checkSummary, type DemoSummary, formatSummary } from './demo-summary.js';

const balanced: DemoSummary = {
  emitted: 20,
  delivered: 17,
  discarded: 3,
  duplicatesInjected: 2,
  handled: 17,
  redelivered: 5,
  deadLettered: 1,
  duplicatesSuppressed: 1,
  leftInQueues: 0,
  durationMs: 1000,
};

describe('checkSummary', () => {
  it('accepts a ledger that adds up', () => {
    const c = checkSummary(balanced);
    expect(c.ok).toBe(true);
    expect(c.lines[0]).toBe('emitted 20 = delivered 17 + discarded 3  ✓');
  });

  it('says how the messages left were counted (counts are only meaningful on mns-local)', () => {
    expect(checkSummary(balanced).lines[2]).toBe(
      "messages left in the queues: 0 (mns-local's message counts; the live service reports them as 0)  ✓",
    );
    expect(checkSummary({ ...balanced, leftCountedBy: 'peek', leftInQueues: 2 }).lines[2]).toBe(
      'messages left in the queues: 2 (visible ones, by peeking: the live service reports message counts as 0)  ✗',
    );
  });

  it.each([
    ['a lost delivery', { discarded: 2 }],
    ['an unsettled message', { handled: 16 }],
    ['a message left behind', { leftInQueues: 1 }],
  ])('rejects %s', (_, change) => {
    expect(checkSummary({ ...balanced, ...change }).ok).toBe(false);
  });
});

describe('formatSummary', () => {
  it('prints every counter and the equations', () => {
    const text = formatSummary(balanced);
    for (const label of [
      'events emitted',
      'delivered',
      'discarded',
      'handled',
      'redelivered',
      'dead-lettered',
      'duplicates suppressed',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).toContain(
      'delivered 17 + duplicates injected 2 = handled 17 + dead-lettered 1 + duplicates suppressed 1  ✓',
    );
  });
});
