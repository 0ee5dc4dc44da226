import { MnsConfigError, MnsError } from '@vodmns/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisIdempotencyStore } from '../src/index.js';
import { type RedisServerProcess, startRedisServer } from '../src/testing/index.js';
import { connect, type TestClient } from './redis-clients.js';

let server: RedisServerProcess;
beforeAll(async () => {
  server = await startRedisServer({ persistent: true });
});
afterAll(async () => {
  await server?.stop();
});

describe.each(['node-redis', 'ioredis'] as const)('RedisIdempotencyStore over %s', (kind) => {
  let a: TestClient;
  let b: TestClient;
  let n = 0;
  /** A fresh prefix per test: tests share one server. */
  const prefix = () => `t-${kind}-${++n}`;
  beforeAll(async () => {
    a = await connect(kind, server.url);
    b = await connect(kind, server.url);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('reserve is exclusive across holders; commit makes has() true; release frees a reservation only', async () => {
    const keyPrefix = prefix();
    const one = new RedisIdempotencyStore({ client: a.script, keyPrefix });
    const two = new RedisIdempotencyStore({ client: b.script, keyPrefix });
    expect(await one.reserve('k', 10_000)).toBe(true);
    expect(await two.reserve('k', 10_000)).toBe(false);
    expect(await one.has('k')).toBe(false);
    await one.release('k');
    expect(await two.reserve('k', 10_000)).toBe(true);
    await two.commit('k', 60_000);
    expect(await one.has('k')).toBe(true);
    await two.release('k'); // committed: untouched
    expect(await one.has('k')).toBe(true);
    expect(await one.reserve('k', 10_000)).toBe(false);
  });

  it('stores keys as {prefix}:key (one Redis Cluster hash slot per prefix) with the TTLs asked for', async () => {
    const keyPrefix = prefix();
    const store = new RedisIdempotencyStore({ client: a.script, keyPrefix });
    expect(store.redisKey('msg:1')).toBe(`{${keyPrefix}}:msg:1`);
    expect(await store.reserve('msg:1', 5000)).toBe(true);
    const reservedTtl = Number(await a.command('PTTL', `{${keyPrefix}}:msg:1`));
    expect(reservedTtl).toBeGreaterThan(0);
    expect(reservedTtl).toBeLessThanOrEqual(5000);
    await store.commit('msg:1', 3_600_000);
    const committedTtl = Number(await a.command('PTTL', `{${keyPrefix}}:msg:1`));
    expect(committedTtl).toBeGreaterThan(5000);
    expect(committedTtl).toBeLessThanOrEqual(3_600_000);
    // the ttlMs option overrides what the consumer asks for on commit
    const fixed = new RedisIdempotencyStore({ client: a.script, keyPrefix, ttlMs: 120_000 });
    await fixed.commit('msg:2', 3_600_000);
    const fixedTtl = Number(await a.command('PTTL', `{${keyPrefix}}:msg:2`));
    expect(fixedTtl).toBeGreaterThan(60_000);
    expect(fixedTtl).toBeLessThanOrEqual(120_000);
  });

  it('commit refuses a key reserved by someone else (ours expired and another holder took it)', async () => {
    const keyPrefix = prefix();
    const one = new RedisIdempotencyStore({ client: a.script, keyPrefix });
    const two = new RedisIdempotencyStore({ client: b.script, keyPrefix });
    expect(await one.reserve('evt:x', 60_000)).toBe(true);
    await a.command('DEL', one.redisKey('evt:x')); // one's reservation expires (no waiting: the key goes now)
    expect(await two.reserve('evt:x', 60_000)).toBe(true);
    const held = await b.command('GET', two.redisKey('evt:x'));
    await one.commit('evt:x', 60_000);
    expect(one.stats.commitsRefused).toBe(1);
    expect(await one.has('evt:x')).toBe(false);
    expect(await b.command('GET', two.redisKey('evt:x'))).toBe(held); // two's reservation is intact
    await two.commit('evt:x', 60_000);
    expect(await one.has('evt:x')).toBe(true);
  });

  it('commit of a reservation that expired unclaimed still records the event as handled', async () => {
    const keyPrefix = prefix();
    const store = new RedisIdempotencyStore({ client: a.script, keyPrefix });
    expect(await store.reserve('k', 60_000)).toBe(true);
    await a.command('DEL', store.redisKey('k'));
    await store.commit('k', 60_000);
    expect(await store.has('k')).toBe(true);
    expect(store.stats.commitsRefused).toBe(0);
  });

  it('release drops only the holder’s own reservation (compare-and-delete)', async () => {
    const keyPrefix = prefix();
    const one = new RedisIdempotencyStore({ client: a.script, keyPrefix });
    const two = new RedisIdempotencyStore({ client: b.script, keyPrefix });
    expect(await one.reserve('k', 60_000)).toBe(true);
    await two.release('k'); // two holds nothing
    expect(await two.reserve('k', 60_000)).toBe(false);
    await a.command('DEL', one.redisKey('k')); // one's reservation lapses; two takes the key
    expect(await two.reserve('k', 60_000)).toBe(true);
    await one.release('k'); // one's late release must not drop two's reservation
    expect(await one.reserve('k', 60_000)).toBe(false);
    await two.release('k');
    expect(await one.reserve('k', 60_000)).toBe(true);
  });

  it('claimMany answers a whole batch in one round trip: reserved, committed (wins) or busy, all-or-none', async () => {
    const keyPrefix = prefix();
    const store = new RedisIdempotencyStore({ client: a.script, keyPrefix });
    const other = new RedisIdempotencyStore({ client: b.script, keyPrefix });
    await other.commit('done', 60_000);
    expect(await other.reserve('held', 60_000)).toBe(true);
    await store.has('warm-up');
    const before = store.stats.roundTrips;
    const claims = [
      ['held', 'done'],
      ['held', 'free-a'],
      ['free-b', 'free-c'],
      ['free-c'],
      ...Array.from({ length: 12 }, (_, i) => [`msg:${i}`, `evt:${i}`]),
    ];
    const answers = await store.claimMany(claims, 60_000);
    expect(answers.slice(0, 4)).toEqual([
      { status: 'committed', key: 'done' },
      { status: 'busy', key: 'held' },
      { status: 'reserved' },
      { status: 'busy', key: 'free-c' },
    ]);
    expect(answers.slice(4).every((x) => x.status === 'reserved')).toBe(true);
    // one EVALSHA (plus one EVAL the first time the server meets the script)
    expect(store.stats.roundTrips - before).toBeLessThanOrEqual(2);
    const again = store.stats.roundTrips;
    await store.claimMany([['x1'], ['x2']], 60_000);
    expect(store.stats.roundTrips - again).toBe(1);
    expect(await other.reserve('free-a', 60_000)).toBe(true); // the busy claim reserved nothing
    // the commits and releases of one tick go out as one script call
    const beforeCommit = store.stats.roundTrips;
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => store.commit(`msg:${i}`, 60_000)),
      ...Array.from({ length: 12 }, (_, i) => store.commit(`evt:${i}`, 60_000)),
    ]);
    expect(store.stats.roundTrips - beforeCommit).toBe(1);
    expect(await other.has('evt:11')).toBe(true);
  });

  it('keeps working after the server forgets its scripts (SCRIPT FLUSH → EVAL fallback)', async () => {
    const keyPrefix = prefix();
    const store = new RedisIdempotencyStore({ client: a.script, keyPrefix });
    expect(await store.reserve('k1', 60_000)).toBe(true);
    await a.command('SCRIPT', 'FLUSH');
    expect(await store.reserve('k2', 60_000)).toBe(true);
    await store.commit('k1', 60_000);
    expect(await store.has('k1')).toBe(true);
    expect(store.stats.failures).toBe(0);
  });

  it('validates its options and keys, naming the field', async () => {
    expect(() => new RedisIdempotencyStore({ client: {} as never })).toThrow(MnsConfigError);
    expect(() => new RedisIdempotencyStore({ client: a.script, keyPrefix: 'a{b}' })).toThrow(/keyPrefix/);
    expect(() => new RedisIdempotencyStore({ client: a.script, commandTimeoutMs: 0 })).toThrow(
      /commandTimeoutMs must be an integer in 10–60000, got 0/,
    );
    const store = new RedisIdempotencyStore({ client: a.script });
    await expect(store.commit('', 1000)).rejects.toThrow(/key must be/);
    await expect(store.claimMany([[]], 1000)).rejects.toThrow(/claim must be/);
  });
});

describe.each(['node-redis', 'ioredis'] as const)('RedisIdempotencyStore over %s, Redis down', (kind) => {
  it('rejects with a typed retryable error within commandTimeoutMs; a commit waits for the restart; data survives', async () => {
    await using down = await startRedisServer({ persistent: true });
    const client = await connect(kind, down.url);
    try {
      const store = new RedisIdempotencyStore({
        client: client.script,
        keyPrefix: 'down',
        commandTimeoutMs: 300,
        commitRetryMs: 60_000,
      });
      expect(await store.reserve('before', 60_000)).toBe(true);
      await store.commit('before', 60_000);
      await down.kill(true);
      const failed = await store.claimMany([['k']], 60_000).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(MnsError);
      expect((failed as MnsError).retryable).toBe(true);
      expect(await store.has('x').catch((e: unknown) => (e as MnsError).code)).toMatch(
        /^ERR_MNS_(TIMEOUT|NETWORK)$/,
      );
      // a commit made while Redis is down is retried until it is back
      const committing = store.commit('during', 60_000);
      await down.start();
      await committing;
      expect(await store.has('during')).toBe(true);
      expect(await store.has('before')).toBe(true); // appendfsync always: nothing lost with the SIGKILL
      expect(store.stats.failures).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
