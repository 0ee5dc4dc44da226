import { describe, expect, it } from 'vitest';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('resolves once a sync or async check holds', async () => {
    let n = 0;
    await waitFor('n reaches 3', () => ++n >= 3, 10_000, 1);
    expect(n).toBe(3);
    let m = 0;
    await waitFor('m reaches 2', async () => ++m >= 2, 10_000, 1);
    expect(m).toBe(2);
  });

  it('rejects after the deadline, naming what it waited for', async () => {
    await expect(waitFor('the impossible', () => false, 20, 5)).rejects.toThrow(
      'timed out after 20 ms waiting for the impossible',
    );
  });
});
