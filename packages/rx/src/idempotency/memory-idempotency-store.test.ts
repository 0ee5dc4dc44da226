import { describe, expect, it } from 'vitest';
import { ManualClock } from '@vodmns/core/testing';
import { MemoryIdempotencyStore } from './memory-idempotency-store.js';

describe('MemoryIdempotencyStore', () => {
  it('reserve is exclusive; commit makes has() true; release frees a reservation only', async () => {
    const store = new MemoryIdempotencyStore({ clock: new ManualClock() });
    expect(await store.reserve('k', 1000)).toBe(true);
    expect(await store.reserve('k', 1000)).toBe(false);
    expect(await store.has('k')).toBe(false);
    await store.release('k');
    expect(await store.reserve('k', 1000)).toBe(true);
    await store.commit('k', 1000);
    expect(await store.has('k')).toBe(true);
    await store.release('k');
    expect(await store.has('k')).toBe(true);
    expect(await store.reserve('k', 1000)).toBe(false);
  });

  it('expires entries by TTL on the injected clock', async () => {
    const clock = new ManualClock();
    const store = new MemoryIdempotencyStore({ clock });
    await store.commit('done', 5000);
    expect(await store.reserve('held', 2000)).toBe(true);
    await clock.advance(1999);
    expect(await store.reserve('held', 2000)).toBe(false);
    await clock.advance(1);
    expect(await store.reserve('held', 2000)).toBe(true);
    await clock.advance(2999);
    expect(await store.has('done')).toBe(true);
    await clock.advance(1);
    expect(await store.has('done')).toBe(false);
  });

  it('evicts the least recently used key beyond maxEntries', async () => {
    const store = new MemoryIdempotencyStore({ maxEntries: 2, clock: new ManualClock() });
    await store.commit('a', 10_000);
    await store.commit('b', 10_000);
    expect(await store.has('a')).toBe(true); // a is now the most recent
    await store.commit('c', 10_000);
    expect(store.size).toBe(2);
    expect(await store.has('b')).toBe(false);
    expect(await store.has('a')).toBe(true);
    expect(await store.has('c')).toBe(true);
  });

  it('committing a reservation updates it in place and makes it the most recent', async () => {
    const store = new MemoryIdempotencyStore({ maxEntries: 2, clock: new ManualClock() });
    expect(await store.reserve('a', 1_000)).toBe(true);
    expect(await store.reserve('b', 1_000)).toBe(true);
    expect(await store.has('a')).toBe(false); // reserved, not committed
    await store.commit('a', 10_000);
    expect(store.size).toBe(2);
    expect(await store.reserve('c', 1_000)).toBe(true); // evicts b, now the least recently used
    expect(store.size).toBe(2);
    expect(await store.has('a')).toBe(true);
    expect(await store.reserve('b', 1_000)).toBe(true); // b was evicted, so it is free again
  });

  it('claimMany: a committed key wins, then a reserved one; otherwise all of a claim is reserved', async () => {
    const store = new MemoryIdempotencyStore({ clock: new ManualClock() });
    await store.commit('done', 10_000);
    expect(await store.reserve('held', 10_000)).toBe(true);
    const answers = await store.claimMany(
      [['held', 'done'], ['held', 'free-a'], ['free-b', 'free-c'], ['free-c']],
      1000,
    );
    expect(answers).toEqual([
      { status: 'committed', key: 'done' },
      { status: 'busy', key: 'held' },
      { status: 'reserved' },
      { status: 'busy', key: 'free-c' }, // reserved by the claim before it, in the same call
    ]);
    expect(await store.reserve('free-a', 1000)).toBe(true); // a busy claim reserved nothing
  });

  it('rejects a bad maxEntries naming the field', () => {
    expect(() => new MemoryIdempotencyStore({ maxEntries: 0 })).toThrow(
      /maxEntries must be an integer.*got 0/,
    );
  });
});
