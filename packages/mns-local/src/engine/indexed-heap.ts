/**
 * A binary min-heap whose items remember their position (through `slot`), so any item can be removed or
 * re-positioned in O(log n). One item may live in several heaps, each with its own slot.
 */
export class IndexedHeap<T> {
  readonly #items: T[] = [];
  readonly #less: (a: T, b: T) => boolean;
  readonly #getSlot: (item: T) => number;
  readonly #setSlot: (item: T, index: number) => void;

  /**
   * @param less - strict ordering; the smallest item is at the top
   * @param getSlot - reads the item's position in this heap (-1 when absent)
   * @param setSlot - stores the item's position in this heap (-1 when removed)
   */
  constructor(
    less: (a: T, b: T) => boolean,
    getSlot: (item: T) => number,
    setSlot: (item: T, index: number) => void,
  ) {
    this.#less = less;
    this.#getSlot = getSlot;
    this.#setSlot = setSlot;
  }

  get size(): number {
    return this.#items.length;
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  has(item: T): boolean {
    const i = this.#getSlot(item);
    return i >= 0 && this.#items[i] === item;
  }

  push(item: T): void {
    this.#items.push(item);
    this.#setSlot(item, this.#items.length - 1);
    this.#up(this.#items.length - 1);
  }

  pop(): T | undefined {
    const top = this.#items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes `item` if present. */
  remove(item: T): boolean {
    if (!this.has(item)) return false;
    const i = this.#getSlot(item);
    const last = this.#items.pop()!;
    this.#setSlot(item, -1);
    if (last !== item) {
      this.#items[i] = last;
      this.#setSlot(last, i);
      this.#down(i);
      this.#up(this.#getSlot(last));
    }
    return true;
  }

  /** Removes every item. */
  clear(): void {
    for (const item of this.#items) this.#setSlot(item, -1);
    this.#items.length = 0;
  }

  /** Items in heap (not sorted) order. */
  values(): readonly T[] {
    return this.#items;
  }

  #up(i: number): void {
    const items = this.#items;
    const item = items[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p]!;
      if (!this.#less(item, parent)) break;
      items[i] = parent;
      this.#setSlot(parent, i);
      i = p;
    }
    items[i] = item;
    this.#setSlot(item, i);
  }

  #down(i: number): void {
    const items = this.#items;
    const n = items.length;
    const item = items[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.#less(items[r]!, items[l]!)) c = r;
      const child = items[c]!;
      if (!this.#less(child, item)) break;
      items[i] = child;
      this.#setSlot(child, i);
      i = c;
    }
    items[i] = item;
    this.#setSlot(item, i);
  }
}
