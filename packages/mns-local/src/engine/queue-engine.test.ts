import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@vodmns/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { MnsServiceFailure } from '../protocol/mns-service-error.js';
import { QueueEngine } from './queue-engine.js';
import { openSqlitePersistence } from './sqlite-persistence.js';

// The engine without HTTP: each test kills mutants that the loopback tests in test/ let through.

const T0 = 1_700_000_000_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'vodmns-engine-'));
  dirs.push(d);
  return d;
}
const states = (engine: QueueEngine, q = 'q') => engine.snapshot(q).map((m) => [m.body, m.state]);

describe('QueueEngine delays', () => {
  it('keeps a message sent with DelaySeconds 10 hidden after 5 s and shows it at 10 s', async () => {
    const clock = new ManualClock(T0);
    const engine = new QueueEngine(clock);
    engine.createQueue('q', {});
    const [sent] = engine.send('q', [{ body: 'later', delaySeconds: 10 }]);
    expect(sent?.receiptHandle).toMatch(/^[0-9A-F]{32}-[0-9a-z]+-[0-9a-z]{8}$/);
    await clock.advance(5_000);
    expect(await engine.receive('q', 1, 0)).toEqual([]);
    expect(states(engine)).toEqual([['later', 'delayed']]);
    expect(engine.queueAttributes('q')).toMatchObject({
      activeMessages: 0,
      delayMessages: 1,
      inactiveMessages: 0,
    });
    expect(engine.snapshot('q')[0]?.visibleAt).toBe(T0 + 10_000);
    await clock.advance(4_999);
    expect(await engine.receive('q', 1, 0)).toEqual([]);
    await clock.advance(1);
    const got = await engine.receive('q', 1, 0);
    expect(got.map((r) => r.message.body)).toEqual(['later']);
    expect(got[0]?.receiptHandle).not.toBe(sent?.receiptHandle);
    expect(engine.queueAttributes('q')).toMatchObject({
      activeMessages: 0,
      delayMessages: 0,
      inactiveMessages: 1,
    });
  });

  it("uses the queue's DelaySeconds when the message has none", async () => {
    const clock = new ManualClock(T0);
    const engine = new QueueEngine(clock);
    engine.createQueue('q', { delaySeconds: 3 });
    engine.send('q', [{ body: 'a' }, { body: 'b', delaySeconds: 0 }]);
    expect(states(engine)).toEqual([
      ['b', 'active'],
      ['a', 'delayed'],
    ]);
    await clock.advance(3_000);
    expect(states(engine)).toEqual([
      ['b', 'active'],
      ['a', 'active'],
    ]);
  });
});

describe('QueueEngine retention', () => {
  it('expires messages in expiry order, not send order', async () => {
    const clock = new ManualClock(T0);
    const engine = new QueueEngine(clock);
    engine.createQueue('q', { messageRetentionPeriod: 600 });
    engine.send('q', [{ body: 'long-1' }, { body: 'long-2' }]);
    engine.setQueueAttributes('q', { messageRetentionPeriod: 60 });
    engine.send('q', [{ body: 'short-1' }, { body: 'short-2' }]);
    await clock.advance(59_999);
    expect(engine.messageCount).toBe(4);
    await clock.advance(1);
    expect(engine.snapshot('q').map((m) => m.body)).toEqual(['long-1', 'long-2']);
    expect(engine.messageCount).toBe(2);
    await clock.advance(540_000);
    expect(engine.snapshot('q')).toEqual([]);
    expect(engine.messageCount).toBe(0);
  });

  it('expires equal-expiry messages together, in send order', async () => {
    const clock = new ManualClock(T0);
    const engine = new QueueEngine(clock);
    engine.createQueue('q', { messageRetentionPeriod: 60 });
    engine.send('q', [{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
    await clock.advance(30_000);
    engine.send('q', [{ body: 'd' }]);
    await clock.advance(30_000);
    expect(engine.snapshot('q').map((m) => m.body)).toEqual(['d']);
  });
});

describe('QueueEngine close and releaseWaiters', () => {
  it('close() resolves every held receive with [] and cancels its timers', async () => {
    const clock = new ManualClock(T0);
    const engine = new QueueEngine(clock);
    engine.createQueue('a', {});
    engine.createQueue('b', {});
    const held = [engine.receive('a', 1, 20), engine.receive('b', 1, 20)];
    expect(engine.waiterCount).toBe(2);
    expect(clock.pendingTimers).toBeGreaterThan(0);
    engine.close();
    await expect(Promise.all(held)).resolves.toEqual([[], []]);
    expect(engine.waiterCount).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    // Once closed, a receive is not held.
    await expect(engine.receive('a', 1, 20)).resolves.toEqual([]);
    expect(engine.waiterCount).toBe(0);
    engine.close();
  });

  it('close() closes the persistence', () => {
    const clock = new ManualClock(T0);
    const persistence = openSqlitePersistence(dataDir());
    const engine = new QueueEngine(clock, persistence);
    engine.createQueue('q', {});
    engine.close();
    expect(() => persistence.loadQueues()).toThrow(/not open/);
  });

  it('releaseWaiters() resolves held receives with [], stops holding new ones, and keeps storage open', async () => {
    const clock = new ManualClock(T0);
    const persistence = openSqlitePersistence(dataDir());
    const engine = new QueueEngine(clock, persistence);
    engine.createQueue('q', {});
    const held = engine.receive('q', 1, 20);
    engine.releaseWaiters();
    await expect(held).resolves.toEqual([]);
    expect(engine.waiterCount).toBe(0);
    await expect(engine.receive('q', 1, 20)).resolves.toEqual([]);
    expect(engine.waiterCount).toBe(0);
    engine.send('q', [{ body: 'still stored' }]);
    expect(persistence.loadMessages('q').map((m) => m.body)).toEqual(['still stored']);
    expect((await engine.receive('q', 1, 20)).map((r) => r.message.body)).toEqual(['still stored']);
    engine.close();
  });
});

describe('QueueEngine persistence failures roll back the in-memory change', () => {
  /** An engine on real SQLite whose database is then closed, so every later write throws. */
  async function broken() {
    const clock = new ManualClock(T0);
    const persistence = openSqlitePersistence(dataDir());
    const engine = new QueueEngine(clock, persistence);
    engine.createQueue('q', { visibilityTimeout: 30 });
    engine.send('q', [{ body: 'held' }, { body: 'ready' }]);
    const [held] = await engine.receive('q', 1, 0);
    persistence.close();
    return { clock, engine, held: held! };
  }

  it('createQueue: the queue does not exist afterwards', async () => {
    const { engine } = await broken();
    expect(() => engine.createQueue('q2', {})).toThrow(/not open/);
    expect(engine.hasQueue('q2')).toBe(false);
    expect(engine.queueNames()).toEqual(['q']);
  });

  it('setQueueAttributes: the attributes and LastModifyTime are unchanged', async () => {
    const { clock, engine } = await broken();
    const before = engine.queueAttributes('q');
    await clock.advance(5_000);
    expect(() => engine.setQueueAttributes('q', { visibilityTimeout: 99 })).toThrow(/not open/);
    expect(engine.attributesOf('q').visibilityTimeout).toBe(30);
    expect(engine.queueAttributes('q').lastModifyTime).toBe(before.lastModifyTime);
  });

  it('receive: the message stays Active with its dequeue count', async () => {
    const { engine } = await broken();
    await expect(async () => engine.receive('q', 1, 0)).rejects.toThrow(/not open/);
    const ready = engine.snapshot('q').find((m) => m.body === 'ready');
    expect(ready).toMatchObject({ state: 'active', dequeueCount: 0 });
    expect(engine.peek('q', 1).map((m) => m.body)).toEqual(['ready']);
  });

  it('changeVisibility: the old deadline and handle stay', async () => {
    const { clock, engine, held } = await broken();
    expect(() => engine.changeVisibility('q', held.receiptHandle, 600)).toThrow(/not open/);
    const m = engine.snapshot('q').find((s) => s.body === 'held');
    expect(m).toMatchObject({ state: 'inactive', visibleAt: held.nextVisibleTime });
    await clock.advance(30_000);
    expect(engine.snapshot('q').find((s) => s.body === 'held')?.state).toBe('active');
  });

  it('a held receive served by a visibility expiry fails with InternalError, and the message stays', async () => {
    const clock = new ManualClock(T0);
    const persistence = openSqlitePersistence(dataDir());
    const engine = new QueueEngine(clock, persistence);
    engine.createQueue('q', { visibilityTimeout: 10 });
    engine.send('q', [{ body: 'only' }]);
    await engine.receive('q', 1, 0);
    const waiting = engine.receive('q', 1, 30);
    const outcome = waiting.then(
      () => undefined,
      (error: unknown) => error,
    );
    persistence.close();
    await clock.advance(10_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(MnsServiceFailure);
    expect(error).toMatchObject({ code: 'InternalError', status: 500 });
    expect(engine.waiterCount).toBe(0);
    expect(engine.snapshot('q')).toMatchObject([{ body: 'only', state: 'active', dequeueCount: 1 }]);
  });
});

describe('QueueEngine reload from persistence', () => {
  it('restores queues and messages, and numbers new messages after the loaded ones', async () => {
    const clock = new ManualClock(T0);
    const dir = dataDir();
    const first = new QueueEngine(clock, openSqlitePersistence(dir));
    first.createQueue('q', { delaySeconds: 0 });
    first.send('q', [{ body: 'a' }, { body: 'b', delaySeconds: 60 }]);
    first.close();
    const second = new QueueEngine(clock, openSqlitePersistence(dir));
    expect(states(second)).toEqual([
      ['a', 'active'],
      ['b', 'delayed'],
    ]);
    expect(second.queueAttributes('q')).toMatchObject({ activeMessages: 1, delayMessages: 1 });
    second.send('q', [{ body: 'c' }]);
    expect(states(second)).toEqual([
      ['a', 'active'],
      ['c', 'active'],
      ['b', 'delayed'],
    ]);
    second.close();
  });
});
