import { describe, expect, it } from 'vitest';
import { IndexedHeap } from './indexed-heap.js';

interface Item {
  key: number;
  slot: number;
}

const heap = () =>
  new IndexedHeap<Item>(
    (a, b) => a.key < b.key,
    (i) => i.slot,
    (i, s) => {
      i.slot = s;
    },
  );

describe('IndexedHeap', () => {
  it('pops in order and removes arbitrary items (randomised against a sorted array)', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 50; round++) {
      const h = heap();
      const items: Item[] = Array.from({ length: 200 }, () => ({ key: Math.floor(rand() * 100), slot: -1 }));
      for (const i of items) h.push(i);
      const removed = new Set(items.filter(() => rand() < 0.3));
      for (const i of removed) expect(h.remove(i)).toBe(true);
      for (const i of removed) expect(h.remove(i)).toBe(false);
      const expected = items
        .filter((i) => !removed.has(i))
        .map((i) => i.key)
        .sort((a, b) => a - b);
      const out: number[] = [];
      for (let i = h.pop(); i !== undefined; i = h.pop()) out.push(i.key);
      expect(out).toEqual(expected);
    }
  });

  it('tracks membership and clears', () => {
    const h = heap();
    const a = { key: 1, slot: -1 };
    h.push(a);
    expect(h.has(a)).toBe(true);
    expect(h.peek()).toBe(a);
    h.clear();
    expect(h.has(a)).toBe(false);
    expect(h.size).toBe(0);
    expect(h.pop()).toBeUndefined();
  });
});
