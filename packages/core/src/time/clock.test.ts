import { describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';
import { sleep } from './sleep.js';

describe('systemClock', () => {
  it('reads Date.now()', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('fires a timer at its deadline and cancels another', async () => {
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      const cancelled = systemClock.setTimer(systemClock.now() + 1, () => order.push('cancelled'));
      cancelled.cancel();
      cancelled.cancel();
      systemClock.setTimer(systemClock.now() + 5, () => {
        order.push('fired');
        resolve();
      });
    });
    expect(order).toEqual(['fired']);
  });

  it('drives sleep, which an abort ends early', async () => {
    expect(await sleep(systemClock, 1)).toBe(true);
    const controller = new AbortController();
    const long = sleep(systemClock, 3_600_000, controller.signal);
    controller.abort();
    expect(await long).toBe(false);
  });
});
