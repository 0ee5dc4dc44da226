import { MnsNetworkError } from '@vodmns/core';
import { createVodEvent, ManualClock } from '@vodmns/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryQueuePort } from '../testing/in-memory-queue-port.js';
import { consume } from './consume.js';
import { type ConsumerErrorReport, createStderrReporter } from './consumer-error-report.js';
import type { ConsumerNotice } from './consumer-notice.js';

const body = (seed: number): string =>
  JSON.stringify(
    createVodEvent('TranscodeComplete', undefined, { seed, now: new Date(1_700_000_000_000 + seed * 1000) }),
  );

/** Captures what is written to the real process.stderr (the default reporter's destination). */
function captureStderr(): { lines: () => string[] } {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return {
    lines: () =>
      written
        .join('')
        .split('\n')
        .filter((l) => l !== ''),
  };
}

function setup(queues: readonly string[] = ['q']) {
  const clock = new ManualClock();
  const port = new InMemoryQueuePort({ clock });
  for (const q of queues) port.createQueue(q);
  const send = (n: number, from = 1) =>
    Promise.all(
      Array.from({ length: n }, (_, i) => port.sendMessage({ queueName: 'q', messageBody: body(from + i) })),
    );
  return { clock, port, send };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('failures are visible by default', () => {
  it('consume() of a queue that does not exist: QueueNotExist once on stderr, and done rejects', async () => {
    const stderr = captureStderr();
    const { clock, port } = setup([]);
    const running = consume(port, () => {}, { queueName: 'missing', clock, random: () => 0.5 });
    await clock.advance(0);
    await expect(running.done).rejects.toMatchObject({ code: 'QueueNotExist' });
    const lines = stderr.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^vodmns: error: queue "missing": consumer stopped: .*QueueNotExist/);
    expect(running.consumer.metrics().pollingErrors).toBe(0);
  });

  it('a throwing handler: a handler-error notice each time, one stderr line per minute with the count', async () => {
    const stderr = captureStderr();
    const { clock, port, send } = setup();
    await send(3);
    const running = consume(
      port,
      () => {
        throw new Error('boom');
      },
      { queueName: 'q', clock, random: () => 0.5, idempotency: false },
    );
    const notices: ConsumerNotice[] = [];
    running.consumer.notices$.subscribe((n) => notices.push(n));
    await clock.advanceUntil(() => notices.filter((n) => n.type === 'handler-error').length === 3);
    const errors = notices.filter((n) => n.type === 'handler-error');
    expect(errors[0]).toMatchObject({
      type: 'handler-error',
      eventType: 'TranscodeComplete',
      dequeueCount: 1,
      result: 'nacked',
      error: expect.objectContaining({ message: 'boom' }),
    });
    let lines = stderr.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^vodmns: error: queue "q": handler failed for message [0-9A-F]+ \(TranscodeComplete, delivery 1; nacked, redelivered after the retry delay\): Error: boom \[handler-error: further ones at most once per 60 s/,
    );
    // Redeliveries after the nack delay fail again; a minute after the first line one more line says how many
    // were left out.
    const started = clock.now();
    const handlerLines = () => stderr.lines().filter((l) => l.includes('handler failed'));
    await clock.advanceUntil(() => handlerLines().length >= 2, { stepMs: 1000 });
    expect(clock.now() - started).toBeGreaterThanOrEqual(59_000);
    lines = handlerLines();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/handler failed .*\(\+\d+ more handler-error since the last line\)$/);
    running.stop();
  });

  it('a custom onError replaces the default: every report goes there, nothing to stderr', async () => {
    const stderr = captureStderr();
    const { clock, port, send } = setup();
    await send(1);
    const reports: ConsumerErrorReport[] = [];
    const running = consume(
      port,
      async () => {
        throw new Error('nope');
      },
      { queueName: 'q', clock, random: () => 0.5, onError: (r) => reports.push(r) },
    );
    await clock.advanceUntil(() => reports.length > 0);
    expect(reports[0]).toMatchObject({ kind: 'handler-error', severity: 'error', queueName: 'q' });
    expect(reports[0]?.notice?.type).toBe('handler-error');
    running.stop();
    port.deleteQueue('q');
    const failing = consume(port, () => {}, { queueName: 'q', clock, onError: (r) => reports.push(r) });
    await expect(failing.done).rejects.toMatchObject({ code: 'QueueNotExist' });
    expect(reports.at(-1)).toMatchObject({
      kind: 'fatal',
      error: expect.objectContaining({ code: 'QueueNotExist' }),
    });
    expect(stderr.lines()).toEqual([]);
  });

  it('onError: false reports nothing (notices$ and done still carry everything)', async () => {
    const stderr = captureStderr();
    const { clock, port } = setup([]);
    const running = consume(port, () => {}, { queueName: 'missing', clock, onError: false });
    await expect(running.done).rejects.toMatchObject({ code: 'QueueNotExist' });
    expect(stderr.lines()).toEqual([]);
  });

  it('a throwing onError is itself reported on stderr and never breaks the consumer', async () => {
    const stderr = captureStderr();
    const { clock, port, send } = setup();
    await send(1);
    const running = consume(
      port,
      () => {
        throw new Error('handler');
      },
      {
        queueName: 'q',
        clock,
        onError: () => {
          throw new Error('logger down');
        },
      },
    );
    await clock.advanceUntil(() => stderr.lines().length > 0);
    expect(stderr.lines()[0]).toBe('vodmns: error: the onError option threw: Error: logger down');
    expect(running.consumer.metrics().nacked).toBe(1);
    running.stop();
  });

  it('no dead-letter queue: one warning at the first poison, counted in metrics.poisonNoDeadLetter', async () => {
    const stderr = captureStderr();
    const { clock, port } = setup();
    await port.sendMessage({ queueName: 'q', messageBody: 'not json' });
    await port.sendMessage({ queueName: 'q', messageBody: '{"also": "not an event"}' });
    const running = consume(port, () => {}, { queueName: 'q', clock, random: () => 0.5 });
    const states: number[] = [];
    running.consumer.state$.subscribe((s) => states.push(s.metrics.poisonNoDeadLetter));
    // Both are kept and come back after their visibility timeout (30 s), again and again.
    await clock.advanceUntil(() => running.consumer.metrics().poisonNoDeadLetter >= 6, { stepMs: 1000 });
    const lines = stderr.lines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^vodmns: warning: queue "q": poison message [0-9A-F]+ \(invalid-body\) kept in the queue because neither deadLetter nor onPoison is configured: it will be received again after every visibility timeout, forever/,
    );
    expect(running.consumer.metrics()).toMatchObject({ deadLettered: 0 });
    expect(running.consumer.metrics().poisonKept).toBe(running.consumer.metrics().poisonNoDeadLetter);
    expect(Math.max(...states)).toBeGreaterThanOrEqual(2);
    running.stop();
  });

  it('createStderrReporter: first of a kind at once, then one per interval with the count; kinds apart', async () => {
    const clock = new ManualClock();
    const lines: string[] = [];
    const report = createStderrReporter({ clock, intervalMs: 10_000, write: (l) => lines.push(l) });
    const r = (kind: ConsumerErrorReport['kind']): ConsumerErrorReport => ({
      kind,
      severity: 'warning',
      queueName: 'q',
      message: `m-${kind}`,
    });
    for (let i = 0; i < 50; i += 1) report(r('poll-error'));
    report(r('ack-failed'));
    expect(lines).toHaveLength(2);
    await clock.advance(10_000);
    report(r('poll-error'));
    expect(lines[2]).toBe('vodmns: warning: m-poll-error (+49 more poll-error since the last line)\n');
    report(r('poll-error'));
    expect(lines).toHaveLength(3);
  });

  it('error text is one capped line and never serialises a plain object whole (no receipt handles)', async () => {
    const { describeError } = await import('./consumer-error-report.js');
    expect(
      describeError(new MnsNetworkError({ code: 'ERR_MNS_NETWORK', message: 'a\nb', fault: 'transport' })),
    ).toBe('MnsNetworkError: ERR_MNS_NETWORK: a b');
    expect(
      describeError({ receiptHandle: 'secret-handle', errorCode: 'MessageNotExist', errorMessage: 'x' }),
    ).toBe('MessageNotExist: x');
    expect(describeError({ receiptHandle: 'h' })).toBe('[object Object]');
    expect(describeError('x'.repeat(1000))).toHaveLength(301);
  });
});
