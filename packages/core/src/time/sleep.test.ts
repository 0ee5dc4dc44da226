import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';
import { sleep } from './sleep.js';

describe('sleep', () => {
  it('resolves true once the clock has moved by ms, not before', async () => {
    const clock = new ManualClock(0);
    let result: boolean | undefined;
    void sleep(clock, 1000).then((r) => {
      result = r;
    });
    await clock.advance(999);
    expect(result).toBeUndefined();
    await clock.advance(1);
    expect(result).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('resolves false at once when the signal aborts, and cancels its timer', async () => {
    const clock = new ManualClock(0);
    const controller = new AbortController();
    const pending = sleep(clock, 60_000, controller.signal);
    expect(clock.pendingTimers).toBe(1);
    controller.abort();
    expect(await pending).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('resolves false without setting a timer when the signal has already aborted', async () => {
    const clock = new ManualClock(0);
    expect(await sleep(clock, 10, AbortSignal.abort())).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('treats a negative or NaN delay as 0', async () => {
    const clock = new ManualClock(0);
    const a = sleep(clock, -5);
    const b = sleep(clock, Number.NaN);
    await clock.advance(0);
    expect(await Promise.all([a, b])).toEqual([true, true]);
  });
});
