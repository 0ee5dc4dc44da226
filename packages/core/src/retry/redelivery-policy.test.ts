import { describe, expect, it } from 'vitest';
import { MnsConfigError } from '../errors/mns-error.js';
import { decideRedelivery } from './redelivery-decision.js';
import {
  DEFAULT_REDELIVERY_POLICY,
  type RedeliveryPolicy,
  resolveRedeliveryPolicy,
} from './redelivery-policy.js';

describe('resolveRedeliveryPolicy', () => {
  it('defaults to 5 deliveries, 10 s base, 600 s cap, equal jitter (frozen)', () => {
    expect(resolveRedeliveryPolicy()).toEqual({
      maxDeliveries: 5,
      baseDelaySeconds: 10,
      maxDelaySeconds: 600,
      jitter: 'equal',
    });
    expect(Object.isFrozen(DEFAULT_REDELIVERY_POLICY)).toBe(true);
    expect(Object.isFrozen(resolveRedeliveryPolicy({ maxDeliveries: 2 }))).toBe(true);
  });

  it('accepts Infinity deliveries and the MNS bounds', () => {
    expect(
      resolveRedeliveryPolicy({
        maxDeliveries: Number.POSITIVE_INFINITY,
        baseDelaySeconds: 1,
        maxDelaySeconds: 43_200,
        jitter: 'none',
      }).maxDeliveries,
    ).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([
    [{ maxDeliveries: 0 }, /redelivery\.maxDeliveries must be an integer from 1 to 1000, or Infinity; got 0/],
    [{ maxDeliveries: 1.5 }, /redelivery\.maxDeliveries .*got 1\.5/],
    [
      { baseDelaySeconds: 0 },
      /redelivery\.baseDelaySeconds must be an integer number of seconds from 1 to 43200; got 0/,
    ],
    [{ baseDelaySeconds: 43_201 }, /redelivery\.baseDelaySeconds .*got 43201/],
    [
      { baseDelaySeconds: 30, maxDelaySeconds: 20 },
      /redelivery\.maxDelaySeconds .*from 30 \(baseDelaySeconds\) to 43200; got 20/,
    ],
    [{ maxDelaySeconds: 50_000 }, /redelivery\.maxDelaySeconds .*got 50000/],
    [{ jitter: 'decorrelated' }, /redelivery\.jitter must be 'equal', 'full' or 'none'; got 'decorrelated'/],
    [{ maxRetries: 3 }, /redelivery\.maxRetries must be one of the known options/],
  ])('%o → MnsConfigError', (input, message) => {
    expect(() => resolveRedeliveryPolicy(input as never)).toThrow(MnsConfigError);
    expect(() => resolveRedeliveryPolicy(input as never)).toThrow(message);
  });
});

describe('decideRedelivery', () => {
  const none = resolveRedeliveryPolicy({ jitter: 'none' });
  it.each([
    [1, 10],
    [2, 20],
    [3, 40],
    [4, 80],
  ])('no jitter: delivery %i → retry after %i s', (dequeueCount, seconds) => {
    expect(decideRedelivery({ dequeueCount, policy: none })).toEqual({
      action: 'retry',
      visibilityTimeoutSeconds: seconds,
      dequeueCount,
    });
  });

  it.each([5, 6, 100])('delivery %i of max 5 → dead-letter', (dequeueCount) => {
    expect(decideRedelivery({ dequeueCount, policy: none })).toEqual({
      action: 'dead-letter',
      reason: 'max-deliveries',
      dequeueCount,
    });
  });

  it.each<[Partial<RedeliveryPolicy>, number, number, number]>([
    // [policy, dequeueCount, random, expected seconds]
    [{ jitter: 'equal' }, 1, 0, 5],
    [{ jitter: 'equal' }, 1, 0.999, 10],
    [{ jitter: 'equal' }, 3, 0.5, 30],
    [{ jitter: 'full' }, 1, 0, 1], // raised to the MNS minimum
    [{ jitter: 'full' }, 2, 0.5, 10],
    [{ jitter: 'full' }, 3, 0.01, 1], // 0.4 s rounds up to 1
    [{ jitter: 'none', maxDeliveries: 100 }, 20, 0, 600], // capped by maxDelaySeconds
    [{ jitter: 'none', maxDeliveries: 100, maxDelaySeconds: 43_200 }, 99, 0, 43_200], // capped by MNS
    [{ jitter: 'equal', baseDelaySeconds: 1, maxDelaySeconds: 1 }, 1, 0, 1],
  ])('%o delivery %i random %d → %i s', (overrides, dequeueCount, r, seconds) => {
    const policy = resolveRedeliveryPolicy(overrides);
    const decision = decideRedelivery({ dequeueCount, policy, random: () => r });
    expect(decision).toEqual({ action: 'retry', visibilityTimeoutSeconds: seconds, dequeueCount });
  });

  it('clamps a misbehaving random source', () => {
    const policy = resolveRedeliveryPolicy({ jitter: 'full' });
    for (const r of [-1, 2, Number.NaN, Number.POSITIVE_INFINITY]) {
      const d = decideRedelivery({ dequeueCount: 2, policy, random: () => r });
      expect(d.action === 'retry' && d.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(1);
      expect(d.action === 'retry' && d.visibilityTimeoutSeconds).toBeLessThanOrEqual(20);
    }
  });

  it('stays within [1, ceiling] for many random draws (default Math.random)', () => {
    for (let n = 1; n <= 4; n++) {
      for (let i = 0; i < 200; i++) {
        const d = decideRedelivery({ dequeueCount: n });
        if (d.action !== 'retry') throw new Error('expected retry');
        expect(d.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(5 * 2 ** (n - 1));
        expect(d.visibilityTimeoutSeconds).toBeLessThanOrEqual(10 * 2 ** (n - 1));
      }
    }
  });

  it('dead-letters a permanent failure at once', () => {
    expect(decideRedelivery({ dequeueCount: 1, permanent: true })).toEqual({
      action: 'dead-letter',
      reason: 'permanent-failure',
      dequeueCount: 1,
    });
  });

  it('never dead-letters with maxDeliveries Infinity', () => {
    const policy = resolveRedeliveryPolicy({ maxDeliveries: Number.POSITIVE_INFINITY });
    expect(decideRedelivery({ dequeueCount: 10_000, policy, random: () => 0 })).toEqual({
      action: 'retry',
      visibilityTimeoutSeconds: 300,
      dequeueCount: 10_000,
    });
  });

  it.each([0, -1, 1.5, Number.NaN, '2'])('rejects dequeueCount %j', (dequeueCount) => {
    expect(() => decideRedelivery({ dequeueCount: dequeueCount as number })).toThrow(
      /dequeueCount must be an integer ≥ 1/,
    );
  });
});
