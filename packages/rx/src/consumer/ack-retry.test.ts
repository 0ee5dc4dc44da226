import { MnsNetworkError } from '@vodmns/core';
import { createVodEvent, ManualClock } from '@vodmns/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryQueuePort } from '../testing/in-memory-queue-port.js';
import { consume } from './consume.js';
import type { ConsumerNotice } from './consumer-notice.js';

const body = (seed: number): string =>
  JSON.stringify(
    createVodEvent('TranscodeComplete', undefined, { seed, now: new Date(1_700_000_000_000 + seed * 1000) }),
  );
const networkError = (): MnsNetworkError =>
  new MnsNetworkError({ code: 'ERR_MNS_NETWORK', message: 'socket hang up', fault: 'transport' });

function setup(visibilityTimeoutSeconds: number) {
  const clock = new ManualClock();
  const port = new InMemoryQueuePort({ clock });
  port.createQueue('q', { visibilityTimeoutSeconds });
  let runs = 0;
  const running = consume(
    port,
    () => {
      runs += 1;
    },
    { queueName: 'q', clock, random: () => 0.5, visibilityTimeoutSeconds, onError: false },
  );
  const notices: ConsumerNotice[] = [];
  running.consumer.notices$.subscribe((n) => notices.push(n));
  return { clock, port, running, notices, runs: () => runs };
}

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.DEBUG;
});

describe('acks survive an outage for as long as the lease can be kept', () => {
  it('the first 40 deletes fail on the network: the ack still lands (lease extended meanwhile), handler ran once', async () => {
    const t = setup(10);
    t.port.failWith('batchDeleteMessage', networkError(), 40);
    await t.port.sendMessage({ queueName: 'q', messageBody: body(1) });
    await t.clock.advanceUntil(() => t.running.consumer.metrics().acked === 1, { stepMs: 100 });
    const m = t.running.consumer.metrics();
    expect(t.runs()).toBe(1);
    expect(m).toMatchObject({ received: 1, acked: 1, ackFailures: 0, leaseLost: 0 });
    // 40 attempts with backoff up to 2 s outlast a 10 s lease: it was extended so the delete could go on.
    expect(m.extended).toBeGreaterThanOrEqual(1);
    expect(t.port.callsOf('batchDeleteMessage')).toHaveLength(41);
    expect(t.notices.filter((n) => n.type === 'ack-failed')).toEqual([]);
    expect(t.port.messages('q')).toHaveLength(0);
    // Nothing comes back: no redelivery, no second run.
    await t.clock.advance(60_000);
    expect(t.runs()).toBe(1);
    t.running.stop();
  });

  it('when the lease cannot be kept (extensions fail too) the ack gives up at the lease end and says so', async () => {
    const t = setup(10);
    t.port.failWith('batchDeleteMessage', () => networkError());
    t.port.failWith('changeMessageVisibility', () => networkError());
    await t.port.sendMessage({ queueName: 'q', messageBody: body(2) });
    const started = t.clock.now();
    await t.clock.advanceUntil(() => t.notices.some((n) => n.type === 'ack-failed'), { stepMs: 100 });
    expect(t.clock.now() - started).toBeGreaterThan(5_000);
    expect(t.clock.now() - started).toBeLessThanOrEqual(10_000);
    expect(t.notices.find((n) => n.type === 'ack-failed')).toMatchObject({
      operation: 'delete',
      code: 'ERR_MNS_NETWORK',
    });
    expect(t.running.consumer.metrics()).toMatchObject({ acked: 0, ackFailures: 1 });
    t.running.stop();
  });
});

describe('DEBUG=vodmns:rx', () => {
  it('writes a line per queue call and notice, without receipt handles or bodies', async () => {
    process.env.DEBUG = 'vodmns:*';
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const t = setup(30);
    t.port.failWith('batchDeleteMessage', networkError(), 1);
    const messageBody = body(3);
    await t.port.sendMessage({ queueName: 'q', messageBody });
    await t.clock.advanceUntil(() => t.running.consumer.metrics().acked === 1, { stepMs: 100 });
    t.running.stop();
    const text = written.join('');
    const lines = text.split('\n').filter((l) => l !== '');
    expect(lines.every((l) => l.startsWith('vodmns:rx '))).toBe(true);
    expect(text).toMatch(/vodmns:rx status q running/);
    expect(text).toMatch(/vodmns:rx receive q max=16 wait=30s -> 1 message\(s\) \[[0-9A-F]+#1\] \d+\.\dms/);
    expect(text).toMatch(
      /vodmns:rx delete q handles=1 -> failed "MnsNetworkError: ERR_MNS_NETWORK: socket hang up"/,
    );
    expect(text).toMatch(/vodmns:rx delete q handles=1 -> ok/);
    const handles = t.port
      .callsOf('batchDeleteMessage')
      .flatMap((c) => c.input.receiptHandles as readonly string[]);
    expect(handles.length).toBeGreaterThan(0);
    for (const h of handles) expect(text).not.toContain(h);
    expect(text).not.toContain(messageBody.slice(0, 40));
  });
});
