import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.js';
import { sleep } from './sleep.js';

describe('ManualClock', () => {
  it('fires due timers in deadline order (ties in setting order) with now() at each deadline', async () => {
    const clock = new ManualClock(1000);
    const seen: Array<[string, number]> = [];
    clock.setTimer(3000, () => seen.push(['c', clock.now()]));
    clock.setTimer(2000, () => seen.push(['b', clock.now()]));
    clock.setTimer(2000, () => seen.push(['b2', clock.now()]));
    clock.setTimer(9000, () => seen.push(['late', clock.now()]));
    await clock.advance(1500);
    expect(seen).toEqual([
      ['b', 2000],
      ['b2', 2000],
    ]);
    expect(clock.now()).toBe(2500);
    await clock.advanceTo(2000);
    expect(clock.now()).toBe(2500);
    await clock.advance(500);
    expect(seen.at(-1)).toEqual(['c', 3000]);
    expect(clock.pendingTimers).toBe(1);
  });

  it('fires timers set by a callback within the window, and by code awaiting in between; cancel is idempotent', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    clock.setTimer(10, () => {
      seen.push(clock.now());
      clock.setTimer(15, () => seen.push(clock.now()));
    });
    const t = clock.setTimer(12, () => seen.push(-1));
    t.cancel();
    t.cancel();
    const chained = (async () => {
      await sleep(clock, 5);
      await Promise.resolve();
      await sleep(clock, 12); // set after an await at t=5: due at 17, inside the window
      seen.push(clock.now());
    })();
    await clock.advance(20);
    await chained;
    expect(seen).toEqual([10, 15, 17]);
    expect(clock.pendingTimers).toBe(0);
    expect(clock.now()).toBe(20);
  });

  it('fires an already-due timer on the next advance, even advance(0)', async () => {
    const clock = new ManualClock(100);
    let fired = 0;
    clock.setTimer(50, () => fired++);
    expect(fired).toBe(0);
    await clock.advance(0);
    expect(fired).toBe(1);
    expect(clock.now()).toBe(100);
  });

  it('advanceUntil steps until the predicate holds, and gives up after maxMs of clock time', async () => {
    const clock = new ManualClock(0);
    let done = false;
    clock.setTimer(250, () => {
      done = true;
    });
    expect(await clock.advanceUntil(() => done, { stepMs: 100 })).toBe(300);
    await expect(clock.advanceUntil(() => false, { stepMs: 10, maxMs: 50 })).rejects.toThrow(/within 50 ms/);
  });

  it('keeps now() a whole number of ms: fractional deadlines and advances round up; NaN fires at once', async () => {
    const clock = new ManualClock(1000.2);
    expect(clock.now()).toBe(1001);
    const seen: number[] = [];
    clock.setTimer(1001 + 1443.7, () => seen.push(clock.now()));
    clock.setTimer(Number.NaN, () => seen.push(clock.now()));
    clock.setTimer(Number.POSITIVE_INFINITY, () => seen.push(-1));
    await clock.advance(0.5);
    expect(seen).toEqual([1001]);
    expect(clock.now()).toBe(1002);
    await clock.advance(1443);
    expect(seen).toEqual([1001, 2445]);
    expect(clock.pendingTimers).toBe(1);
  });

  it('rejects bad input with a RangeError naming it', async () => {
    expect(() => new ManualClock(Number.NaN)).toThrow(/startMs must be a finite number, got NaN/);
    await expect(new ManualClock(0).advance(-1)).rejects.toThrow(/ms must be a finite number >= 0, got -1/);
    await expect(new ManualClock(0).advance(Number.POSITIVE_INFINITY)).rejects.toThrow(/got Infinity/);
    await expect(new ManualClock(0).advanceTo(Number.POSITIVE_INFINITY)).rejects.toThrow(
      /atMs must be finite/,
    );
  });

  it('defaults to the real time at construction', () => {
    const before = Date.now();
    const now = new ManualClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
