// @vodmns/rx and the transport against mns-local with the live service's limits switched on: the long-poll cap
// per queue, a TPS limit (429 after a hold), both stale-handle modes, application/xml responses.
import { classifyMnsError, type VodEvent } from '@vodmns/core';
import { type AccessLogEntry, type MnsLocalOptions, startMnsLocal } from '@vodmns/mns-local';
import { MnsClient } from '@vodmns/mns-transport';
import { consume } from '@vodmns/rx';
import { describe, expect, it } from 'vitest';
import { waitFor } from '@vodmns/core/testing';
import { vodBody } from './rx-helpers/rx-fixture.js';

const RECEIVES = new Set(['ReceiveMessage', 'BatchReceiveMessage']);

/** mns-local with `options`, its access log kept, and clients with the default (production) retry policy. */
async function open(options: MnsLocalOptions) {
  const log: { at: number; entry: AccessLogEntry }[] = [];
  const server = await startMnsLocal({
    ...options,
    accessLog: (entry) => log.push({ at: performance.now(), entry }),
  });
  const clients: MnsClient[] = [];
  const client = (): MnsClient => {
    const c = new MnsClient({
      endpoint: server.endpoint,
      region: server.region,
      credentials: { accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret },
    });
    clients.push(c);
    return c;
  };
  const producer = client();
  return {
    server,
    log,
    client,
    async send(queueName: string, bodies: readonly string[]) {
      for (let i = 0; i < bodies.length; i += 16) {
        const entries = bodies.slice(i, i + 16).map((messageBody) => ({ messageBody }));
        const out = await producer.batchSendMessage({ queueName, entries });
        if (out.failed.length > 0) throw new Error(`batchSendMessage failed: ${JSON.stringify(out.failed)}`);
      }
    },
    total(queueName: string): number {
      const q = server.admin.queues().find((x) => x.name === queueName)!;
      return q.activeMessages + q.inactiveMessages + q.delayMessages;
    },
    async [Symbol.asyncDispose]() {
      for (const c of clients) await c.close();
      await server.close();
    },
  };
}

const videoIdOf = (event: VodEvent): string => (event as { VideoId: string }).VideoId;

describe('rx against mns-local: live-service limits', { timeout: 60_000 }, () => {
  it('long-poll cap per queue: 3 consumers × receiveConcurrency 4 over a cap of 1 lose nothing and do not spin', async () => {
    await using f = await open({ maxLongPollsPerQueue: 1 });
    f.server.admin.createQueue('q', { visibilityTimeout: 30 });
    const n = 300;
    await f.send(
      'q',
      Array.from({ length: n }, (_, i) => vodBody(i)),
    );
    const handled = new Map<string, number>();
    const running = [1, 2, 3].map(() =>
      consume(
        f.client(),
        async (event) => {
          const id = videoIdOf(event);
          handled.set(id, (handled.get(id) ?? 0) + 1);
        },
        {
          queueName: 'q',
          waitSeconds: 5,
          receiveConcurrency: 4,
          batchSize: 16,
          pollBackoff: { baseMs: 50, capMs: 1000 },
        },
      ),
    );
    await waitFor(
      'every message handled and deleted',
      () => handled.size === n && f.total('q') === 0,
      30_000,
    );
    // Idle now: one consumer holds the only long poll; the others' receives come back at once. Watch until 12
    // more receives were refused by the cap, then compare the receive rate with a spinning loop's.
    const capped0 = f.server.admin.stats().cappedReceives;
    const from = performance.now();
    const logFrom = f.log.length;
    await waitFor(
      'receives refused by the cap',
      () => f.server.admin.stats().cappedReceives >= capped0 + 12,
      30_000,
    );
    const seconds = (performance.now() - from) / 1000;
    const receives = f.log.slice(logFrom).filter((l) => RECEIVES.has(l.entry.operation ?? '')).length;
    for (const r of running) await r.drain({ timeoutMs: 5000 });
    const metrics = running.map((r) => r.consumer.metrics());
    console.info(
      `long-poll cap: ${receives} receives in ${seconds.toFixed(2)} s idle (${(receives / seconds).toFixed(1)}/s), ` +
        `capped total ${f.server.admin.stats().cappedReceives}`,
    );
    expect([...handled.values()].every((c) => c === 1)).toBe(true);
    expect(metrics.reduce((s, m) => s + m.acked, 0)).toBe(n);
    // Two consumers backing off (50 ms doubling up to 1 s, full jitter) ask a few times a second; a loop that
    // took the instant empties for "queue empty, ask again" asks hundreds of times a second.
    expect(receives / seconds).toBeLessThan(30);
  });

  it('TPS limit: a consumer loses nothing and settles near the limit, without a retry storm', async () => {
    const limit = 10;
    const n = 100;
    await using g = await open({ tpsLimit: limit, throttleHoldMs: 500 });
    g.server.admin.createQueue('q', { visibilityTimeout: 60 });
    // Produced through the admin API, which the limit does not count.
    for (let i = 0; i < n; i++) g.server.admin.sendMessage('q', vodBody(i));
    const handled = new Map<string, number>();
    const started = performance.now();
    const logFrom = g.log.length;
    const running = consume(
      g.client(),
      async (event) => {
        const id = videoIdOf(event);
        handled.set(id, (handled.get(id) ?? 0) + 1);
      },
      // Small receives, so the work takes many requests (and so several seconds at 10 requests/s).
      { queueName: 'q', waitSeconds: 1, receiveConcurrency: 4, batchSize: 2, ackBatchSize: 2 },
    );
    await waitFor(
      'every message handled and deleted',
      () => handled.size === n && g.total('q') === 0,
      45_000,
    );
    const seconds = (performance.now() - started) / 1000;
    await running.drain({ timeoutMs: 5000 });
    const entries = g.log.slice(logFrom).filter((l) => l.at - started <= seconds * 1000);
    const accepted = entries.filter((l) => l.entry.status !== 429).length;
    const throttled = entries.length - accepted;
    console.info(
      `tps limit ${limit}: ${entries.length} requests in ${seconds.toFixed(2)} s (${(entries.length / seconds).toFixed(1)}/s), ` +
        `${accepted} accepted (${(accepted / seconds).toFixed(1)}/s), ${throttled} throttled`,
    );
    expect([...handled.values()].every((c) => c === 1)).toBe(true);
    expect(running.consumer.metrics()).toMatchObject({ acked: n, leaseLost: 0 });
    // Converges to the limit: the accepted rate is at the limit (a 1 s burst on top), and was reached.
    expect(accepted / seconds).toBeLessThanOrEqual(limit + limit / seconds + 1);
    expect(accepted / seconds).toBeGreaterThan(limit / 3);
    // No retry storm: every refused attempt was held 500 ms and the client waits a jittered throttling backoff
    // before the next, so the attempt rate is bounded by the consumer's few concurrent requests (not growing
    // with the backlog): well within 3× the limit.
    expect(entries.length / seconds).toBeLessThan(3 * limit);
    expect(throttled / seconds).toBeLessThan(2 * limit);
  });

  it('the client classifies 429 TooManyRequests as throttling and retries even a send, once stored', async () => {
    await using f = await open({ throttleHoldMs: 50 });
    const c = f.client();
    await c.createQueue({ queueName: 'q' });
    const rule = f.server.faults.inject({
      match: { operation: 'SendMessage' },
      times: 2,
      fault: { throttle: true },
    });
    await c.sendMessage({ queueName: 'q', messageBody: 'once' });
    expect(rule.applied).toBe(2);
    expect(f.server.admin.peek('q').map((m) => m.body)).toEqual(['once']);
    // Out of attempts, the error says what happened and is classified as throttling (retryable).
    const single = new MnsClient({
      endpoint: f.server.endpoint,
      region: f.server.region,
      credentials: { accessKeyId: f.server.accessKeyId, accessKeySecret: f.server.accessKeySecret },
      retry: { maxAttempts: 1 },
    });
    f.server.faults.inject({ match: { operation: 'SendMessage' }, fault: { throttle: true } });
    const error = await single.sendMessage({ queueName: 'q', messageBody: 'x' }).catch((e: unknown) => e);
    await single.close();
    expect(error).toMatchObject({ code: 'TooManyRequests', status: 429, retryable: true });
    expect(classifyMnsError(error as { code: string; status: number })).toMatchObject({
      category: 'throttling',
      safeForNonIdempotent: true,
    });
  });

  it.each(['accept', 'reject'] as const)(
    'staleHandleAfterVisibilityChange %s: a slow handler keeps its lease and runs once',
    async (mode) => {
      await using f = await open({ staleHandleAfterVisibilityChange: mode });
      f.server.admin.createQueue('q', { visibilityTimeout: 2 });
      await f.send('q', [vodBody(7)]);
      let runs = 0;
      const running = consume(
        f.client(),
        async (_e, { signal }) => {
          runs += 1;
          await new Promise((r) => setTimeout(r, 3500));
          expect(signal.aborted).toBe(false);
        },
        { queueName: 'q', waitSeconds: 1, visibilityTimeoutSeconds: 2 },
      );
      await waitFor('handled and deleted', () => f.total('q') === 0, 15_000);
      await running.drain({ timeoutMs: 5000 });
      expect(runs).toBe(1);
      expect(running.consumer.metrics()).toMatchObject({
        received: 1,
        acked: 1,
        leaseLost: 0,
        ackFailures: 0,
      });
      expect(running.consumer.metrics().extended).toBeGreaterThanOrEqual(2);
    },
  );

  it('application/xml responses: the client reads every operation the same', async () => {
    await using f = await open({ responseContentType: 'application/xml' });
    const c = f.client();
    await c.createQueue({ queueName: 'q' });
    await c.sendMessage({ queueName: 'q', messageBody: 'hello' });
    const attributes = await c.getQueueAttributes({ queueName: 'q' });
    expect(attributes.activeMessages).toBe(1);
    const [m] = await c.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: 0 });
    expect(m?.messageBody).toBe('hello');
    await c.deleteMessage({ queueName: 'q', receiptHandle: m!.receiptHandle });
    // The 404 MessageNotExist document is read as "no message".
    expect(await c.receiveMessage({ queueName: 'q', waitSeconds: 0 })).toBeUndefined();
    expect(f.log.every((l) => l.entry.status < 500)).toBe(true);
  });
});
