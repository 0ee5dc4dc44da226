import type { BatchDeleteMessageInput, BatchDeleteMessageOutput, QueueAcknowledger } from '@vodmns/core';
import { MnsNetworkError, MnsServiceError } from '@vodmns/core';
import { flushPromises, ManualClock } from '@vodmns/core/testing';
import { describe, expect, it } from 'vitest';
import { AckBatcher, type AckBatcherOptions, type DeleteOutcome } from './ack-batcher.js';

type Reply = BatchDeleteMessageOutput | Error;

/** A QueueAcknowledger port that records each call and answers from a script (one reply per call). */
class ScriptedAcknowledger implements QueueAcknowledger {
  readonly calls: { at: number; input: BatchDeleteMessageInput }[] = [];
  readonly #replies: Reply[];
  readonly #clock: ManualClock;
  constructor(clock: ManualClock, replies: Reply[] = []) {
    this.#clock = clock;
    this.#replies = replies;
  }
  async batchDeleteMessage(input: BatchDeleteMessageInput): Promise<BatchDeleteMessageOutput> {
    this.calls.push({ at: this.#clock.now(), input });
    const reply = this.#replies.shift() ?? { failed: [] };
    if (reply instanceof Error) throw reply;
    return reply;
  }
  async changeMessageVisibility(): Promise<never> {
    throw new Error('not used by AckBatcher');
  }
}

const OPTIONS: AckBatcherOptions = {
  queueName: 'q',
  delayMs: 50,
  size: 3,
  backoff: { baseMs: 100, capMs: 1000 },
  random: () => 0.5,
};

function setup(replies: Reply[] = [], options: Partial<AckBatcherOptions> = {}) {
  const clock = new ManualClock(1_000_000);
  const port = new ScriptedAcknowledger(clock, replies);
  const batcher = new AckBatcher(port, clock, { ...OPTIONS, ...options });
  return { clock, port, batcher };
}

const handles = (port: ScriptedAcknowledger) => port.calls.map((c) => c.input.receiptHandles);
const throttled = () =>
  new MnsServiceError({ code: 'Throttling', message: 'slow down', fault: 'server', status: 503 });

describe('AckBatcher', () => {
  it('sends a partial batch delayMs after its first delete, not before', async () => {
    const { clock, port, batcher } = setup();
    const a = batcher.delete('h1');
    await clock.advance(10);
    const b = batcher.delete('h2');
    expect(batcher.size).toBe(2);
    await clock.advance(39);
    expect(port.calls).toHaveLength(0);
    await clock.advance(1);
    expect(handles(port)).toEqual([['h1', 'h2']]);
    expect(port.calls[0]?.input.queueName).toBe('q');
    expect(port.calls[0]?.at).toBe(1_000_050);
    expect(batcher.size).toBe(0);
    await expect(a).resolves.toEqual({ ok: true });
    await expect(b).resolves.toEqual({ ok: true });
    expect(clock.pendingTimers).toBe(0);
  });

  it('sends at once when a batch is full, and splits what is queued into batches of size', async () => {
    const { clock, port, batcher } = setup();
    const outcomes = ['h1', 'h2', 'h3'].map((h) => batcher.delete(h));
    await flushPromises();
    expect(handles(port)).toEqual([['h1', 'h2', 'h3']]);
    expect(clock.pendingTimers).toBe(0);
    await expect(Promise.all(outcomes)).resolves.toEqual([{ ok: true }, { ok: true }, { ok: true }]);
  });

  it('sends each delete at once when delayMs is 0', async () => {
    const { port, batcher } = setup([], { delayMs: 0 });
    await batcher.delete('h1');
    await batcher.delete('h2');
    expect(handles(port)).toEqual([['h1'], ['h2']]);
  });

  it('flush() sends what is queued now and waits for every outcome', async () => {
    const { clock, port, batcher } = setup();
    const outcomes: DeleteOutcome[] = [];
    for (const h of ['h1', 'h2', 'h3', 'h4']) void batcher.delete(h).then((o) => outcomes.push(o));
    await batcher.flush();
    expect(handles(port)).toEqual([['h1', 'h2', 'h3'], ['h4']]);
    expect(outcomes).toHaveLength(4);
    expect(clock.pendingTimers).toBe(0);
    await batcher.flush();
    expect(port.calls).toHaveLength(2);
  });

  it('flush() waits for a batch that is being retried', async () => {
    const { clock, port, batcher } = setup([throttled()]);
    const outcome = batcher.delete('h1');
    let flushed = false;
    const flushing = batcher.flush().then(() => {
      flushed = true;
    });
    await flushPromises();
    expect(port.calls).toHaveLength(1);
    expect(flushed).toBe(false);
    await clock.advance(50);
    await flushing;
    expect(port.calls).toHaveLength(2);
    await expect(outcome).resolves.toEqual({ ok: true });
  });

  it('close() flushes the queue and then sends each later delete at once', async () => {
    const { clock, port, batcher } = setup();
    const first = batcher.delete('h1');
    await batcher.close();
    expect(handles(port)).toEqual([['h1']]);
    await expect(first).resolves.toEqual({ ok: true });
    const later = batcher.delete('h2');
    await flushPromises();
    expect(handles(port)).toEqual([['h1'], ['h2']]);
    expect(clock.pendingTimers).toBe(0);
    await expect(later).resolves.toEqual({ ok: true });
  });

  it('resolves a handle the service could not delete with its error code, the others ok', async () => {
    const failure = { receiptHandle: 'h2', errorCode: 'MessageNotExist', errorMessage: 'gone' };
    const { batcher } = setup([{ failed: [failure] }]);
    const outcomes = Promise.all(['h1', 'h2'].map((h) => batcher.delete(h)));
    await batcher.flush();
    await expect(outcomes).resolves.toEqual([
      { ok: true },
      { ok: false, code: 'MessageNotExist', error: failure, retryable: false },
    ]);
  });

  it('retries a retryable failure after a jittered backoff', async () => {
    const { clock, port, batcher } = setup([throttled(), throttled()]);
    const outcome = batcher.delete('h1');
    await clock.advance(50); // the batch is due: attempt 1 fails
    expect(port.calls.map((c) => c.at)).toEqual([1_000_050]);
    // backoff of retry 1: floor(0.5 * min(1000, 100 * 2^0)) = 50 ms
    await clock.advance(49);
    expect(port.calls).toHaveLength(1);
    await clock.advance(1);
    expect(port.calls.map((c) => c.at)).toEqual([1_000_050, 1_000_100]);
    // backoff of retry 2: floor(0.5 * 200) = 100 ms
    await clock.advance(99);
    expect(port.calls).toHaveLength(2);
    await clock.advance(1);
    expect(port.calls.map((c) => c.at)).toEqual([1_000_050, 1_000_100, 1_000_200]);
    await expect(outcome).resolves.toEqual({ ok: true });
  });

  it('retries only while the handle is valid, then gives up retryably with the last error code', async () => {
    const last = throttled();
    const { clock, port, batcher } = setup([throttled(), last, throttled()]);
    // Valid until just after the second attempt (first at +50 ms, second 100 ms later).
    const outcome = batcher.delete('h1', 1_000_160);
    await clock.advance(50);
    await clock.advance(100);
    await clock.advance(1000);
    await expect(outcome).resolves.toMatchObject({
      ok: false,
      code: 'Throttling',
      error: last,
      retryable: true,
    });
    expect(port.calls).toHaveLength(2);
  });

  it('does not retry a non-retryable MNS error', async () => {
    const error = new MnsServiceError({
      code: 'QueueNotExist',
      message: 'no queue',
      fault: 'client',
      status: 404,
    });
    const { port, batcher } = setup([error]);
    const outcome = batcher.delete('h1');
    await batcher.flush();
    await expect(outcome).resolves.toEqual({ ok: false, code: 'QueueNotExist', error, retryable: false });
    expect(port.calls).toHaveLength(1);
  });

  it('does not retry, and reports ERR_VODMNS_DELETE_FAILED for, an error that is not an MnsError', async () => {
    const error = new TypeError('port bug');
    const { port, batcher } = setup([error, error]);
    const outcomes = Promise.all(['h1', 'h2'].map((h) => batcher.delete(h)));
    await batcher.flush();
    await expect(outcomes).resolves.toEqual([
      { ok: false, code: 'ERR_VODMNS_DELETE_FAILED', error, retryable: false },
      { ok: false, code: 'ERR_VODMNS_DELETE_FAILED', error, retryable: false },
    ]);
    expect(port.calls).toHaveLength(1);
  });

  it('retries a transport failure (retryable) for deletes', async () => {
    const reset = new MnsNetworkError({ code: 'ERR_MNS_NETWORK', message: 'reset', fault: 'transport' });
    const { clock, port, batcher } = setup([reset]);
    const outcome = batcher.delete('h1');
    await clock.advance(50);
    await clock.advance(50);
    await expect(outcome).resolves.toEqual({ ok: true });
    expect(port.calls).toHaveLength(2);
  });
});
