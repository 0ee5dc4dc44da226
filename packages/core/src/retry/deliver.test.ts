import { describe, expect, it } from 'vitest';
import { MnsConfigError, MnsTimeoutError } from '../errors/mns-error.js';
import { type DeliveryAttemptContext, deliver } from './deliver.js';
import { resolveVodDeliveryPolicy, VOD_DELIVERY_POLICY } from './vod-delivery-policy.js';

/** A manual clock: `sleep` advances it instantly and records each wait. */
function fakeTime(start = 1_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

/**
 * A scripted receiver: each step is 'ok' or 'fail', with how long the attempt takes (advancing the clock).
 */
function scripted(clock: ReturnType<typeof fakeTime>, steps: readonly (readonly ['ok' | 'fail', number])[]) {
  const calls: { event: string; attempt: number; context: DeliveryAttemptContext }[] = [];
  const send = async (event: string, attempt: number, context: DeliveryAttemptContext) => {
    calls.push({ event, attempt, context });
    const [kind, ms] = steps[attempt - 1] ?? ['fail', 0];
    clock.advance(ms);
    if (kind === 'fail') throw new Error(`HTTP 503 on attempt ${attempt}`);
    return 'HTTP 200';
  };
  return { send, calls };
}

describe('VOD_DELIVERY_POLICY', () => {
  it('is the documented policy, frozen', () => {
    expect(VOD_DELIVERY_POLICY).toEqual({
      maxAttempts: 3,
      intervalMs: 1000,
      attemptTimeoutMs: 5000,
      afterLastFailure: 'discard',
    });
    expect(Object.isFrozen(VOD_DELIVERY_POLICY)).toBe(true);
  });

  it.each([
    [{ maxAttempts: 0 }, /policy\.maxAttempts must be an integer from 1 to 100; got 0/],
    [{ intervalMs: -5 }, /policy\.intervalMs .*got -5/],
    [{ attemptTimeoutMs: 0 }, /policy\.attemptTimeoutMs .*got 0/],
    [{ attemptTimeoutMs: Number.NaN }, /policy\.attemptTimeoutMs .*got NaN/],
    [{ afterLastFailure: 'dead-letter' }, /policy\.afterLastFailure must be 'discard'; got 'dead-letter'/],
    [{ retries: 2 }, /policy\.retries must be one of the known options/],
  ])('resolveVodDeliveryPolicy(%o) throws', (input, message) => {
    expect(() => resolveVodDeliveryPolicy(input as never)).toThrow(MnsConfigError);
    expect(() => resolveVodDeliveryPolicy(input as never)).toThrow(message);
  });

  it('accepts Infinity as "no attempt timeout"', () => {
    expect(resolveVodDeliveryPolicy({ attemptTimeoutMs: Number.POSITIVE_INFINITY }).attemptTimeoutMs).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

describe('deliver', () => {
  it.each([
    {
      name: 'first attempt succeeds',
      steps: [['ok', 120]],
      outcome: 'delivered',
      statuses: ['succeeded'],
      sleeps: [],
    },
    {
      name: 'two failures, then success',
      steps: [
        ['fail', 10],
        ['fail', 20],
        ['ok', 30],
      ],
      outcome: 'delivered',
      statuses: ['failed', 'failed', 'succeeded'],
      sleeps: [1000, 1000],
    },
    {
      name: 'three failures → discarded, no wait after the last',
      steps: [
        ['fail', 5],
        ['fail', 5],
        ['fail', 5],
      ],
      outcome: 'discarded',
      statuses: ['failed', 'failed', 'failed'],
      sleeps: [1000, 1000],
    },
    {
      name: 'a 200 after 6 s counts as failed (VOD gave up at 5 s), the retry succeeds: a duplicate',
      steps: [
        ['ok', 6000],
        ['ok', 100],
      ],
      outcome: 'delivered',
      statuses: ['timed-out', 'succeeded'],
      sleeps: [1000],
    },
    {
      name: 'exactly 5 s is still in time',
      steps: [['ok', 5000]],
      outcome: 'delivered',
      statuses: ['succeeded'],
      sleeps: [],
    },
    {
      name: 'always slow → discarded although the receiver got it 3 times',
      steps: [
        ['ok', 7000],
        ['ok', 7000],
        ['ok', 7000],
      ],
      outcome: 'discarded',
      statuses: ['timed-out', 'timed-out', 'timed-out'],
      sleeps: [1000, 1000],
    },
  ] as const)('$name', async ({ steps, outcome, statuses, sleeps }) => {
    const clock = fakeTime();
    const { send, calls } = scripted(clock, steps);
    const result = await deliver('evt', send, { now: clock.now, sleep: clock.sleep });
    expect(result.outcome).toBe(outcome);
    expect(result.event).toBe('evt');
    expect(result.attempts.map((a) => a.status)).toEqual(statuses);
    expect(result.attempts.map((a) => a.attempt)).toEqual(statuses.map((_, i) => i + 1));
    expect(result.attempts.map((a) => a.durationMs)).toEqual(steps.map(([, ms]) => ms));
    expect(clock.sleeps).toEqual(sleeps);
    expect(calls.map((c) => c.attempt)).toEqual(statuses.map((_, i) => i + 1));
    expect(calls.every((c) => c.context.timeoutMs === 5000 && c.context.signal === undefined)).toBe(true);
  });

  it('records start times on the injected clock, 1 s apart after each failure', async () => {
    const clock = fakeTime(0);
    const { send } = scripted(clock, [
      ['fail', 10],
      ['fail', 20],
      ['fail', 30],
    ]);
    const result = await deliver('e', send, { now: clock.now, sleep: clock.sleep });
    expect(result.attempts.map((a) => a.startedAt)).toEqual([0, 1010, 2030]);
  });

  it('keeps the error of each failed attempt and never throws it', async () => {
    const clock = fakeTime();
    const boom = new Error('connection refused');
    const result = await deliver(
      { id: 1 },
      () => {
        throw boom; // a synchronous throw is a failed attempt too
      },
      { now: clock.now, sleep: clock.sleep, policy: { maxAttempts: 2 } },
    );
    expect(result.outcome).toBe('discarded');
    expect(result.attempts.map((a) => a.error)).toEqual([boom, boom]);
  });

  it('reports a timed-out attempt with a typed ERR_MNS_TIMEOUT error', async () => {
    const clock = fakeTime();
    const { send } = scripted(clock, [['ok', 9000]]);
    const result = await deliver('e', send, {
      now: clock.now,
      sleep: clock.sleep,
      policy: { maxAttempts: 1 },
    });
    const error = result.attempts[0]?.error;
    expect(error).toBeInstanceOf(MnsTimeoutError);
    expect((error as MnsTimeoutError).code).toBe('ERR_MNS_TIMEOUT');
    expect((error as MnsTimeoutError).message).toMatch(/after 9000 ms; VOD stops waiting after 5000 ms/);
  });

  it('applies policy overrides (e.g. the FAQ reading: 4 attempts) and no timeout with Infinity', async () => {
    const clock = fakeTime();
    const { send } = scripted(clock, [
      ['fail', 1],
      ['fail', 1],
      ['fail', 1],
      ['ok', 60_000],
    ]);
    const result = await deliver('e', send, {
      now: clock.now,
      sleep: clock.sleep,
      policy: { maxAttempts: 4, intervalMs: 250, attemptTimeoutMs: Number.POSITIVE_INFINITY },
    });
    expect(result.outcome).toBe('delivered');
    expect(result.attempts).toHaveLength(4);
    expect(clock.sleeps).toEqual([250, 250, 250]);
  });

  it('stops without another attempt when the signal fires during the interval', async () => {
    const controller = new AbortController();
    const clock = fakeTime();
    const { send, calls } = scripted(clock, [['fail', 1]]);
    const result = await deliver('e', send, {
      now: clock.now,
      sleep: async (ms, signal) => {
        expect(signal).toBe(controller.signal);
        clock.advance(ms);
        controller.abort();
      },
      signal: controller.signal,
    });
    expect(result.outcome).toBe('aborted');
    expect(calls).toHaveLength(1);
  });

  it('is aborted before the first attempt when the signal already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const { send, calls } = scripted(fakeTime(), [['ok', 1]]);
    const result = await deliver('e', send, { signal: controller.signal });
    expect(result).toEqual({ outcome: 'aborted', event: 'e', attempts: [] });
    expect(calls).toHaveLength(0);
  });

  it('treats a rejecting sleep as aborted when the signal fired, and rethrows otherwise', async () => {
    const controller = new AbortController();
    const clock = fakeTime();
    const { send } = scripted(clock, [['fail', 1]]);
    const aborted = await deliver('e', send, {
      now: clock.now,
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
        throw new Error('AbortError');
      },
    });
    expect(aborted.outcome).toBe('aborted');
    await expect(
      deliver('e', scripted(clock, [['fail', 1]]).send, {
        sleep: async () => {
          throw new Error('broken sleep');
        },
      }),
    ).rejects.toThrow('broken sleep');
  });

  it('uses the real timer by default and its sleep ends early on abort', async () => {
    const controller = new AbortController();
    let attempts = 0;
    const started = Date.now();
    const pending = deliver(
      'e',
      async () => {
        attempts++;
        // Fires while deliver waits out the 1-hour interval on the default (real) sleep.
        setTimeout(() => controller.abort(), 20);
        throw new Error('fail');
      },
      { signal: controller.signal, policy: { intervalMs: 3_600_000 } },
    );
    const result = await pending;
    expect(result.outcome).toBe('aborted');
    expect(attempts).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('uses the real timer by default between attempts', async () => {
    const result = await deliver(
      'e',
      async (_e, attempt) => {
        if (attempt === 1) throw new Error('first fails');
      },
      { policy: { intervalMs: 5 } },
    );
    expect(result.outcome).toBe('delivered');
    expect(result.attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);
  });

  it.each([
    ['send', () => deliver('e', 'nope' as never), /send must be a function/],
    ['policy', () => deliver('e', async () => {}, { policy: { maxAttempts: -1 } }), /policy\.maxAttempts/],
    ['option key', () => deliver('e', async () => {}, { polcy: {} } as never), /options\.polcy must be/],
    ['sleep', () => deliver('e', async () => {}, { sleep: 5 as never }), /options\.sleep must be a function/],
  ])('rejects invalid %s with MnsConfigError before any attempt', async (_name, run, message) => {
    await expect(run()).rejects.toThrow(MnsConfigError);
    await expect(run()).rejects.toThrow(message);
  });
});
