import { describe, expect, it } from 'vitest';
import { createManualClock, systemClock } from './clock.js';

describe('createManualClock', () => {
  it('fires due timers in deadline order with now() at each deadline', () => {
    const clock = createManualClock(1000);
    const seen: Array<[string, number]> = [];
    clock.setTimer(3000, () => seen.push(['c', clock.now()]));
    clock.setTimer(2000, () => seen.push(['b', clock.now()]));
    clock.setTimer(2000, () => seen.push(['b2', clock.now()]));
    clock.setTimer(9000, () => seen.push(['late', clock.now()]));
    clock.advance(1500);
    expect(seen).toEqual([
      ['b', 2000],
      ['b2', 2000],
    ]);
    expect(clock.now()).toBe(2500);
    clock.advanceTo(2000);
    expect(clock.now()).toBe(2500);
    clock.advance(500);
    expect(seen).toEqual([
      ['b', 2000],
      ['b2', 2000],
      ['c', 3000],
    ]);
    expect(clock.pendingTimers).toBe(1);
  });

  it('timers scheduled by a callback inside the window fire in the same advance; cancel works', () => {
    const clock = createManualClock(0);
    const seen: number[] = [];
    clock.setTimer(10, () => {
      seen.push(clock.now());
      clock.setTimer(15, () => seen.push(clock.now()));
    });
    const t = clock.setTimer(12, () => seen.push(-1));
    t.cancel();
    t.cancel();
    clock.advance(20);
    expect(seen).toEqual([10, 15]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects bad input', () => {
    expect(() => createManualClock(Number.NaN)).toThrow(/startMs/);
    expect(() => createManualClock(0).advance(-1)).toThrow(/ms must be >= 0/);
  });
});

describe('systemClock', () => {
  it('fires a timer and can cancel one', async () => {
    const fired = await new Promise<boolean>((resolve) => {
      const cancelled = systemClock.setTimer(systemClock.now() + 5, () => resolve(false));
      cancelled.cancel();
      systemClock.setTimer(systemClock.now() + 10, () => resolve(true));
    });
    expect(fired).toBe(true);
  });
});
