import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MnsConfigError, MnsServiceError } from '@vodmns/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteIdempotencyStore } from '../src/index.js';

let dir: string;
let file: string;
const open: SqliteIdempotencyStore[] = [];
/** A store on its own connection to the shared file, as another consumer process would open it. */
const store = (options: { now?: () => number; busyTimeoutMs?: number; ttlMs?: number } = {}) => {
  const s = new SqliteIdempotencyStore({ path: file, ...options });
  open.push(s);
  return s;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vodmns-sqlite-'));
  file = join(dir, 'idempotency.db');
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteIdempotencyStore', () => {
  it('opens the file in WAL mode with the busy timeout', () => {
    store({ busyTimeoutMs: 1234 });
    const db = new Database(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('reserve is exclusive across connections; commit makes has() true; release frees a reservation only', async () => {
    const one = store();
    const two = store();
    expect(await one.reserve('k', 10_000)).toBe(true);
    expect(await two.reserve('k', 10_000)).toBe(false);
    expect(await two.has('k')).toBe(false);
    await two.release('k'); // not two's: ignored
    expect(await two.reserve('k', 10_000)).toBe(false);
    await one.release('k');
    expect(await two.reserve('k', 10_000)).toBe(true);
    await two.commit('k', 60_000);
    expect(await one.has('k')).toBe(true);
    await two.release('k');
    expect(await one.has('k')).toBe(true);
    expect(await one.reserve('k', 10_000)).toBe(false);
  });

  it('expires reservations and commits by TTL on the injected time', async () => {
    let now = 1_000_000;
    const one = store({ now: () => now });
    const two = store({ now: () => now });
    await one.commit('done', 5000);
    expect(await one.reserve('held', 2000)).toBe(true);
    now += 1999;
    expect(await two.reserve('held', 2000)).toBe(false);
    now += 1;
    expect(await two.reserve('held', 2000)).toBe(true); // one's reservation ended: taken over
    now += 2999;
    expect(await two.has('done')).toBe(true);
    now += 1;
    expect(await two.has('done')).toBe(false);
  });

  it('commit refuses a key another holder reserved after ours expired; release is owner-checked', async () => {
    let now = 1_000_000;
    const one = store({ now: () => now });
    const two = store({ now: () => now });
    expect(await one.reserve('evt:x', 1000)).toBe(true);
    now += 1000;
    expect(await two.reserve('evt:x', 60_000)).toBe(true);
    await one.commit('evt:x', 60_000);
    expect(one.stats.commitsRefused).toBe(1);
    expect(await two.has('evt:x')).toBe(false);
    await one.release('evt:x'); // one's token is gone: two's reservation stays
    expect(await one.reserve('evt:x', 60_000)).toBe(false);
    await two.commit('evt:x', 60_000);
    expect(await one.has('evt:x')).toBe(true);
  });

  it('claimMany: one transaction per batch; committed wins, then busy; all of a claim or none', async () => {
    const s = store();
    const other = store();
    await other.commit('done', 60_000);
    expect(await other.reserve('held', 60_000)).toBe(true);
    const before = s.stats.transactions;
    const answers = await s.claimMany(
      [['held', 'done'], ['held', 'free-a'], ['free-b', 'free-c'], ['free-c']],
      60_000,
    );
    expect(s.stats.transactions - before).toBe(1);
    expect(answers).toEqual([
      { status: 'committed', key: 'done' },
      { status: 'busy', key: 'held' },
      { status: 'reserved' },
      { status: 'busy', key: 'free-c' },
    ]);
    expect(await other.reserve('free-a', 60_000)).toBe(true);
  });

  it('the ttlMs option overrides the commit TTL the consumer asks for', async () => {
    let now = 0;
    const s = store({ now: () => now, ttlMs: 10_000 });
    await s.commit('k', 3_600_000);
    now += 9_999;
    expect(await s.has('k')).toBe(true);
    now += 1;
    expect(await s.has('k')).toBe(false);
  });

  it('rejects with a typed SQLITE_BUSY error after busyTimeoutMs while another process holds the write lock', async () => {
    const s = store({ busyTimeoutMs: 50 });
    const locker = new Database(file);
    try {
      locker.exec('BEGIN IMMEDIATE');
      const error = await s.claimMany([['k']], 1000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MnsServiceError);
      expect((error as MnsServiceError).code).toBe('SQLITE_BUSY');
      expect(s.stats.failures).toBe(1);
      locker.exec('COMMIT');
      expect(await s.reserve('k', 1000)).toBe(true);
    } finally {
      locker.close();
    }
  });

  it('sweeps expired rows as it writes', async () => {
    let now = 0;
    const s = store({ now: () => now });
    for (let i = 0; i < 300; i++) await s.commit(`old:${i}`, 1000);
    now += 1000;
    for (let i = 0; i < 300; i++) await s.commit(`new:${i}`, 1000);
    expect(s.stats.swept).toBe(300);
  });

  it('validates its options and keys, naming the field', async () => {
    expect(() => new SqliteIdempotencyStore({})).toThrow(MnsConfigError);
    expect(() => new SqliteIdempotencyStore({ path: file, tableName: 'x; DROP' })).toThrow(/tableName/);
    expect(() => new SqliteIdempotencyStore({ path: file, busyTimeoutMs: -1 })).toThrow(
      /busyTimeoutMs must be an integer in 0–60000, got -1/,
    );
    await expect(store().commit('', 1000)).rejects.toThrow(/key must be/);
  });
});
