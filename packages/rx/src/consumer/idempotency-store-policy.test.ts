import { MnsErrorCodes, MnsNetworkError, type VodEvent } from '@vodmns/core';
import { createVodEvent, ManualClock } from '@vodmns/core/testing';
import { describe, expect, it } from 'vitest';
import type { IdempotencyClaim, IdempotencyStore } from '../idempotency/idempotency-store.js';
import { MemoryIdempotencyStore } from '../idempotency/memory-idempotency-store.js';
import { InMemoryQueuePort } from '../testing/in-memory-queue-port.js';
import type { ConsumerNotice } from './consumer-notice.js';
import type { IdempotencyOptions } from './consumer-options.js';
import { createConsumer } from './create-consumer.js';
import type { Delivery } from './delivery.js';

const body = (seed: number): string =>
  JSON.stringify(
    createVodEvent('TranscodeComplete', undefined, { seed, now: new Date(1_700_000_000_000 + seed * 1000) }),
  );

/**
 * A memory store that counts its calls and can be switched "down" (every call rejects with a retryable network
 * error, as an unreachable Redis does). `batch: false` hides `claimMany`, as a per-key-only store would.
 */
class SwitchableStore implements IdempotencyStore {
  readonly inner: MemoryIdempotencyStore;
  down = false;
  readonly calls = { has: 0, reserve: 0, commit: 0, release: 0, claimMany: 0, claims: 0 };
  claimMany?: (claims: readonly (readonly string[])[], ttlMs: number) => Promise<readonly IdempotencyClaim[]>;
  constructor(clock: ManualClock, batch = true) {
    this.inner = new MemoryIdempotencyStore({ clock });
    if (batch) {
      this.claimMany = async (claims, ttlMs) => {
        this.#gate('claimMany');
        this.calls.claims += claims.length;
        return this.inner.claimMany(claims, ttlMs);
      };
    }
  }
  #gate(op: keyof SwitchableStore['calls']): void {
    this.calls[op] += 1;
    if (this.down)
      throw new MnsNetworkError({
        code: MnsErrorCodes.network,
        fault: 'transport',
        message: `store down (${op})`,
      });
  }
  async has(key: string): Promise<boolean> {
    this.#gate('has');
    return this.inner.has(key);
  }
  async reserve(key: string, ttlMs: number): Promise<boolean> {
    this.#gate('reserve');
    return this.inner.reserve(key, ttlMs);
  }
  async commit(key: string, ttlMs: number): Promise<void> {
    this.#gate('commit');
    return this.inner.commit(key, ttlMs);
  }
  async release(key: string): Promise<void> {
    this.#gate('release');
    return this.inner.release(key);
  }
}

function setup(idempotency: (clock: ManualClock) => IdempotencyOptions & { store: SwitchableStore }) {
  const clock = new ManualClock();
  const port = new InMemoryQueuePort({ clock });
  port.createQueue('q', { visibilityTimeoutSeconds: 30 });
  const io = idempotency(clock);
  const consumer = createConsumer(port, { queueName: 'q', clock, random: () => 0.5, idempotency: io });
  const notices: ConsumerNotice[] = [];
  consumer.notices$.subscribe((n) => notices.push(n));
  const deliveries: Delivery<VodEvent>[] = [];
  const sub = consumer.events$.subscribe((d) => deliveries.push(d));
  const send = (seeds: readonly number[]) =>
    Promise.all(seeds.map((s) => port.sendMessage({ queueName: 'q', messageBody: body(s) })));
  return { clock, port, consumer, notices, deliveries, sub, send, store: io.store };
}

describe('consumer × idempotency store', () => {
  it('asks a store with claimMany once per received batch, not once per key', async () => {
    const t = setup((clock) => ({ store: new SwitchableStore(clock) }));
    await t.send(Array.from({ length: 16 }, (_, i) => i + 1));
    await t.clock.advance(0);
    expect(t.deliveries).toHaveLength(16);
    expect(t.store.calls).toMatchObject({ claimMany: 1, claims: 16, has: 0, reserve: 0 });
    t.sub.unsubscribe();
  });

  it('falls back to has + reserve per key when the store has no claimMany', async () => {
    const t = setup((clock) => ({ store: new SwitchableStore(clock, false) }));
    await t.send([1, 1]);
    await t.clock.advance(0);
    expect(t.deliveries).toHaveLength(1); // the twin is held while the first copy is reserved
    expect(t.store.calls.has).toBeGreaterThanOrEqual(2);
    expect(t.store.calls.reserve).toBeGreaterThanOrEqual(2);
    void t.deliveries[0]?.ack();
    await t.clock.advance(1000);
    expect(t.notices).toContainEqual(expect.objectContaining({ type: 'duplicate', action: 'acked' }));
    t.sub.unsubscribe();
  });

  it('failOpen (default): an unreachable store is reported and the delivery runs anyway', async () => {
    const t = setup((clock) => ({ store: new SwitchableStore(clock) }));
    t.store.down = true;
    await t.send([1, 1]);
    await t.clock.advance(0);
    expect(t.deliveries).toHaveLength(2); // both copies run: at-least-once wins while the store is down
    const unavailable = t.notices.filter((n) => n.type === 'idempotency-store-unavailable');
    expect(unavailable).toHaveLength(2);
    expect(unavailable[0]).toMatchObject({ action: 'handled', error: expect.any(MnsNetworkError) });
    t.sub.unsubscribe();
  });

  it('failOpen: false holds deliveries while the store is down, re-asks every deferSeconds, then runs each event once', async () => {
    const t = setup((clock) => ({ store: new SwitchableStore(clock), failOpen: false, deferSeconds: 2 }));
    t.store.down = true;
    await t.send([1, 1, 2]);
    await t.clock.advance(0);
    expect(t.deliveries).toHaveLength(0);
    const held = () => t.notices.filter((n) => n.type === 'idempotency-store-unavailable').length;
    expect(held()).toBe(3);
    expect(t.notices.every((n) => n.type !== 'idempotency-store-unavailable' || n.action === 'held')).toBe(
      true,
    );
    await t.clock.advance(2000);
    expect(held()).toBe(6); // asked again, still down, still held (never put back)
    expect(
      t.port.callsOf('changeMessageVisibility').filter((c) => c.input.visibilityTimeoutSeconds === 1),
    ).toEqual([]);
    t.store.down = false;
    await t.clock.advance(2000);
    // event 1 runs once (its twin sees the reservation and stays held), event 2 runs
    expect(t.deliveries).toHaveLength(2);
    for (const d of t.deliveries) void d.ack();
    await t.clock.advance(2000);
    expect(t.notices).toContainEqual(expect.objectContaining({ type: 'duplicate', action: 'acked' }));
    await t.clock.advance(100);
    expect(t.deliveries).toHaveLength(2);
    expect(t.port.stats('q').total).toBe(0);
    t.sub.unsubscribe();
  });

  it('rejects a non-boolean failOpen, naming the field', () => {
    const port = new InMemoryQueuePort();
    expect(() =>
      createConsumer(port, { queueName: 'q', idempotency: { failOpen: 'yes' as unknown as boolean } }),
    ).toThrow(/idempotency\.failOpen/);
  });
});
