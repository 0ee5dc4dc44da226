import { ManualClock } from '@vodmns/core/testing';
import { describe, expect, it } from 'vitest';
import { MnsServiceFailure } from '../protocol/mns-service-error.js';
import { QueueEngine } from './queue-engine.js';

// Queue operations of the engine without HTTP, asserted exactly (see queue-engine.test.ts for delays, retention,
// close and persistence failures).

const T0 = 1_700_000_000_000;
function setup(attributes = {}, options: ConstructorParameters<typeof QueueEngine>[2] = {}) {
  const clock = new ManualClock(T0);
  const engine = new QueueEngine(clock, undefined, options);
  engine.createQueue('q', attributes);
  return { clock, engine };
}
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof MnsServiceFailure) return error.code;
    throw error;
  }
  return 'no error';
};

describe('QueueEngine queues', () => {
  it('createQueue: created, exists for identical attributes, QueueAlreadyExist otherwise', () => {
    const { engine } = setup({ visibilityTimeout: 40 });
    expect(engine.createQueue('q', { visibilityTimeout: 40 })).toBe('exists');
    expect(code(() => engine.createQueue('q', { visibilityTimeout: 41 }))).toBe('QueueAlreadyExist');
    expect(engine.createQueue('a', {})).toBe('created');
    expect(engine.queueNames()).toEqual(['a', 'q']);
    expect(engine.hasQueue('a')).toBe(true);
    expect(engine.hasQueue('zz')).toBe(false);
  });

  it('stamps create and modify times in seconds; setQueueAttributes changes only what it is given', async () => {
    const { clock, engine } = setup({ visibilityTimeout: 40 });
    expect(engine.queueAttributes('q')).toMatchObject({
      name: 'q',
      createTime: T0 / 1000,
      lastModifyTime: T0 / 1000,
      visibilityTimeout: 40,
      delaySeconds: 0,
    });
    await clock.advance(7_500);
    engine.setQueueAttributes('q', { delaySeconds: 5 });
    expect(engine.queueAttributes('q')).toMatchObject({
      createTime: T0 / 1000,
      lastModifyTime: T0 / 1000 + 7,
      visibilityTimeout: 40,
      delaySeconds: 5,
    });
    expect(engine.attributesOf('q')).toMatchObject({ visibilityTimeout: 40, delaySeconds: 5 });
  });

  it('unknown queues are QueueNotExist for every operation but deleteQueue', () => {
    const { engine } = setup();
    expect(code(() => engine.send('nope', [{ body: 'x' }]))).toBe('QueueNotExist');
    expect(code(() => engine.receive('nope', 1, 0))).toBe('QueueNotExist');
    expect(code(() => engine.peek('nope', 1))).toBe('QueueNotExist');
    expect(code(() => engine.queueAttributes('nope'))).toBe('QueueNotExist');
    expect(code(() => engine.setQueueAttributes('nope', {}))).toBe('QueueNotExist');
    expect(code(() => engine.purge('nope'))).toBe('QueueNotExist');
    expect(code(() => engine.snapshot('nope'))).toBe('QueueNotExist');
    expect(() => engine.deleteQueue('nope')).not.toThrow();
  });

  it('deleteQueue ends held receives with QueueNotExist and drops the messages', async () => {
    const { engine } = setup();
    engine.createQueue('other', {});
    engine.send('other', [{ body: 'x' }]);
    const held = engine.receive('q', 1, 20);
    engine.deleteQueue('q');
    await expect(held).rejects.toMatchObject({ code: 'QueueNotExist' });
    expect(engine.hasQueue('q')).toBe(false);
    expect(engine.waiterCount).toBe(0);
    expect(engine.messageCount).toBe(1);
  });
});

describe('QueueEngine send and receive', () => {
  it('delivers by priority, then by time, then by send order; no priority is 8', async () => {
    const { engine } = setup();
    engine.send('q', [
      { body: 'p8-a' },
      { body: 'p9', priority: 9 },
      { body: 'p1', priority: 1 },
      { body: 'p8-b' },
      { body: 'p8-c', priority: 8 },
    ]);
    expect(engine.snapshot('q').map((m) => [m.body, m.priority])).toEqual([
      ['p1', 1],
      ['p8-a', 8],
      ['p8-b', 8],
      ['p8-c', 8],
      ['p9', 9],
    ]);
    const got = await engine.receive('q', 16, 0);
    expect(got.map((r) => r.message.body)).toEqual(['p1', 'p8-a', 'p8-b', 'p8-c', 'p9']);
  });

  it('receive takes at most n, sets dequeue counts, times and a fresh handle', async () => {
    const { clock, engine } = setup({ visibilityTimeout: 30 });
    const [sent] = engine.send('q', [{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
    expect(sent?.receiptHandle).toBeUndefined();
    expect(sent?.bodyMd5).toBe('0CC175B9C0F1B6A831C399E269772661');
    await clock.advance(1_000);
    const got = await engine.receive('q', 2, 0);
    expect(got.map((r) => r.message.body)).toEqual(['a', 'b']);
    expect(got[0]).toMatchObject({
      nextVisibleTime: T0 + 31_000,
      message: { dequeueCount: 1, firstDequeueTime: T0 + 1_000, enqueueTime: T0 },
    });
    expect(got[0]?.receiptHandle).not.toBe(got[1]?.receiptHandle);
    expect(engine.queueAttributes('q')).toMatchObject({
      activeMessages: 1,
      inactiveMessages: 2,
      delayMessages: 0,
    });
    await clock.advance(30_000);
    const again = await engine.receive('q', 3, 0);
    // c has been Active since T0, a and b only since T0 + 31 s: c comes first.
    expect(again.map((r) => r.message.body)).toEqual(['c', 'a', 'b']);
    expect(again[0]?.message).toMatchObject({ dequeueCount: 1, firstDequeueTime: T0 + 31_000 });
    expect(again[1]?.message).toMatchObject({ dequeueCount: 2, firstDequeueTime: T0 + 1_000 });
  });

  it('a held receive is served by a send, in arrival order, and times out with []', async () => {
    const { clock, engine } = setup();
    const first = engine.receive('q', 1, 10);
    const second = engine.receive('q', 1, 10);
    expect(engine.waiterCount).toBe(2);
    engine.send('q', [{ body: 'x' }]);
    await expect(first).resolves.toMatchObject([{ message: { body: 'x' } }]);
    expect(engine.waiterCount).toBe(1);
    await clock.advance(9_999);
    expect(engine.waiterCount).toBe(1);
    await clock.advance(1);
    await expect(second).resolves.toEqual([]);
    expect(engine.waiterCount).toBe(0);
  });

  it('holds a receive at most 30 s whatever it asks for', async () => {
    const { clock, engine } = setup();
    const held = engine.receive('q', 1, 120);
    await clock.advance(29_999);
    expect(engine.waiterCount).toBe(1);
    await clock.advance(1);
    await expect(held).resolves.toEqual([]);
  });

  it('a held receive is served when a received message becomes visible again', async () => {
    const { clock, engine } = setup({ visibilityTimeout: 5 });
    engine.send('q', [{ body: 'x' }]);
    await engine.receive('q', 1, 0);
    const held = engine.receive('q', 1, 20);
    await clock.advance(4_999);
    expect(engine.waiterCount).toBe(1);
    await clock.advance(1);
    await expect(held).resolves.toMatchObject([{ message: { body: 'x', dequeueCount: 2 } }]);
  });

  it('an aborted receive resolves [] and consumes nothing; an already aborted one is not held', async () => {
    const { engine } = setup();
    const controller = new AbortController();
    const held = engine.receive('q', 1, 20, controller.signal);
    controller.abort();
    await expect(held).resolves.toEqual([]);
    expect(engine.waiterCount).toBe(0);
    await expect(engine.receive('q', 1, 20, controller.signal)).resolves.toEqual([]);
    expect(engine.waiterCount).toBe(0);
    engine.send('q', [{ body: 'kept' }]);
    expect(engine.snapshot('q')).toMatchObject([{ body: 'kept', state: 'active', dequeueCount: 0 }]);
  });
});

describe('QueueEngine handles', () => {
  it('deleteMessage by the current handle; an old or malformed handle is refused', async () => {
    const { clock, engine } = setup({ visibilityTimeout: 5 });
    engine.send('q', [{ body: 'x' }]);
    const [first] = await engine.receive('q', 1, 0);
    await clock.advance(5_000);
    const [second] = await engine.receive('q', 1, 0);
    expect(code(() => engine.deleteMessage('q', first!.receiptHandle))).toBe('MessageNotExist');
    expect(code(() => engine.deleteMessage('q', 'not-a-handle'))).toBe('ReceiptHandleError');
    engine.deleteMessage('q', second!.receiptHandle);
    expect(engine.snapshot('q')).toEqual([]);
    expect(code(() => engine.deleteMessage('q', second!.receiptHandle))).toBe('MessageNotExist');
  });

  it('a handle stops working the moment the message is visible again', async () => {
    const { clock, engine } = setup({ visibilityTimeout: 5 });
    engine.send('q', [{ body: 'x' }]);
    const [r] = await engine.receive('q', 1, 0);
    await clock.advance(5_000);
    expect(code(() => engine.deleteMessage('q', r!.receiptHandle))).toBe('MessageNotExist');
  });

  it('deleteMessages deletes the valid handles and reports each bad one, duplicates included', async () => {
    const { engine } = setup();
    engine.send('q', [{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
    const got = await engine.receive('q', 2, 0);
    const [a, b] = got.map((r) => r.receiptHandle);
    const failures = engine.deleteMessages('q', [a!, 'bad', a!, b!]);
    expect(failures.map((f) => [f.receiptHandle, f.error.code])).toEqual([
      ['bad', 'ReceiptHandleError'],
      [a, 'MessageNotExist'],
    ]);
    expect(engine.snapshot('q').map((m) => m.body)).toEqual(['c']);
  });

  it('changeVisibility sets a new deadline and handle; the old handle is refused (reject mode)', async () => {
    const { clock, engine } = setup(
      { visibilityTimeout: 30 },
      { staleHandleAfterVisibilityChange: 'reject' },
    );
    engine.send('q', [{ body: 'x' }]);
    const [r] = await engine.receive('q', 1, 0);
    await clock.advance(1_000);
    const changed = engine.changeVisibility('q', r!.receiptHandle, 10);
    expect(changed.nextVisibleTime).toBe(T0 + 11_000);
    expect(changed.receiptHandle).not.toBe(r!.receiptHandle);
    expect(code(() => engine.changeVisibility('q', r!.receiptHandle, 10))).toBe('MessageNotExist');
    await clock.advance(9_999);
    expect(engine.snapshot('q')[0]?.state).toBe('inactive');
    await clock.advance(1);
    expect(engine.snapshot('q')[0]?.state).toBe('active');
  });

  it('changeVisibility of a delayed message (by its send handle) makes it inactive, not delayed', async () => {
    const { clock, engine } = setup();
    const [sent] = engine.send('q', [{ body: 'x', delaySeconds: 60 }]);
    expect(engine.queueAttributes('q')).toMatchObject({ delayMessages: 1, inactiveMessages: 0 });
    const changed = engine.changeVisibility('q', sent!.receiptHandle!, 5);
    expect(changed.nextVisibleTime).toBe(T0 + 5_000);
    expect(engine.queueAttributes('q')).toMatchObject({ delayMessages: 0, inactiveMessages: 1 });
    expect(engine.snapshot('q')[0]?.state).toBe('inactive');
    const held = engine.receive('q', 1, 20);
    await clock.advance(5_000);
    await expect(held).resolves.toMatchObject([{ message: { body: 'x' } }]);
  });
});

describe('QueueEngine peek, snapshot, purge', () => {
  it('peek returns up to n Active messages in delivery order and changes nothing', async () => {
    const { engine } = setup();
    expect(engine.peek('q', 1)).toEqual([]);
    expect(engine.peek('q', 5)).toEqual([]);
    engine.send('q', [{ body: 'c', priority: 9 }, { body: 'a', priority: 1 }, { body: 'b' }]);
    expect(engine.peek('q', 1).map((m) => m.body)).toEqual(['a']);
    expect(engine.peek('q', 2).map((m) => m.body)).toEqual(['a', 'b']);
    expect(engine.peek('q', 3).map((m) => m.body)).toEqual(['a', 'b', 'c']);
    expect(engine.peek('q', 16).map((m) => m.body)).toEqual(['a', 'b', 'c']);
    expect(engine.queueAttributes('q').activeMessages).toBe(3);
    const got = await engine.receive('q', 16, 0);
    expect(got.map((r) => r.message.body)).toEqual(['a', 'b', 'c']);
    expect(got.every((r) => r.message.dequeueCount === 1)).toBe(true);
  });

  it('snapshot lists Active first (delivery order), then the others, with their states', async () => {
    const { engine } = setup();
    engine.send('q', [{ body: 'late', delaySeconds: 30 }, { body: 'held' }, { body: 'ready', priority: 9 }]);
    await engine.receive('q', 1, 0);
    // Both others become visible at T0 + 30 s; then send order decides.
    expect(engine.snapshot('q').map((m) => [m.body, m.state])).toEqual([
      ['ready', 'active'],
      ['late', 'delayed'],
      ['held', 'inactive'],
    ]);
    expect(engine.snapshot('q')[0]).toMatchObject({ visibleAt: T0, expiresAt: T0 + 345_600_000 });
  });

  it('purge deletes every message and returns how many', async () => {
    const { engine } = setup();
    engine.send('q', [{ body: 'a' }, { body: 'b', delaySeconds: 10 }, { body: 'c' }]);
    await engine.receive('q', 1, 0);
    expect(engine.purge('q')).toBe(3);
    expect(engine.snapshot('q')).toEqual([]);
    expect(engine.queueAttributes('q')).toMatchObject({
      activeMessages: 0,
      inactiveMessages: 0,
      delayMessages: 0,
    });
    expect(engine.purge('q')).toBe(0);
  });
});
