// @vodmns/rx over the real transport against mns-local: failures are visible by default, acks outlast an outage,
// and the debug output of the consumer and the client holds no secret.
import { startMnsLocal } from '@vodmns/mns-local';
import { MnsClient } from '@vodmns/mns-transport';
import { type ConsumerNotice, consume } from '@vodmns/rx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '@vodmns/core/testing';
import { startRxFixture, vodBody } from './rx-helpers/rx-fixture.js';

/** What is written to the real process.stderr, where the default reporter and the debug output go. */
function captureStderr(): () => string {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return () => written.join('');
}

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.DEBUG;
});

describe('rx against mns-local: failures you can see', { timeout: 30_000 }, () => {
  it('consume() of a queue that does not exist: one QueueNotExist line on stderr, done rejects', async () => {
    await using f = await startRxFixture();
    const stderr = captureStderr();
    const running = consume(f.client, { default: () => {} }, { queueName: 'no-such-queue', waitSeconds: 1 });
    await expect(running.done).rejects.toMatchObject({ code: 'QueueNotExist' });
    const lines = stderr()
      .split('\n')
      .filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^vodmns: error: queue "no-such-queue": consumer stopped: MnsServiceError: \[GET \/queues\/no-such-queue\/messages\] 404 QueueNotExist: .*requestId=/,
    );
  });

  it('a delete that fails on the network 12 times in a row still lands; the handler runs once', async () => {
    await using f = await startRxFixture();
    f.server.admin.createQueue('q', { visibilityTimeout: 5 });
    // Each reset is one failed attempt; MnsClient retries 3 times itself, so this outlasts the old 4 × 3.
    const fault = f.server.faults.inject({
      match: { operation: 'BatchDeleteMessage' },
      times: 12,
      fault: { reset: true },
    });
    await f.sendBodies('q', [vodBody(7)]);
    let runs = 0;
    const notices: ConsumerNotice[] = [];
    const running = consume(
      f.client,
      () => {
        runs += 1;
      },
      { queueName: 'q', waitSeconds: 1, visibilityTimeoutSeconds: 5, onError: false },
    );
    running.consumer.notices$.subscribe((n) => notices.push(n));
    await waitFor('the ack to land', () => running.consumer.metrics().acked === 1, 25_000);
    await running.drain({ timeoutMs: 5000 });
    expect(fault.applied).toBe(12);
    expect(runs).toBe(1);
    expect(f.queueTotal('q')).toBe(0);
    expect(notices.filter((n) => n.type === 'ack-failed')).toEqual([]);
    expect(running.consumer.metrics()).toMatchObject({ received: 1, acked: 1, ackFailures: 0 });
  });

  it('DEBUG=vodmns:* prints a line per request and per consumer call, never a secret', async () => {
    const secret = 'S3cr3t-for-debug-test-0123456789ab';
    await using server = await startMnsLocal({
      port: 0,
      host: '127.0.0.1',
      accessKeyId: 'LTAI-debug-test',
      accessKeySecret: secret,
    });
    server.admin.createQueue('q');
    process.env.DEBUG = 'vodmns:*';
    const stderr = captureStderr();
    const client = new MnsClient({
      endpoint: server.endpoint,
      region: server.region,
      credentials: { accessKeyId: 'LTAI-debug-test', accessKeySecret: secret },
      retry: { baseDelayMs: 1, maxDelayMs: 5, throttlingBaseDelayMs: 1 },
    });
    try {
      server.faults.inject({ match: { operation: 'GetQueueAttributes' }, times: 1, fault: { reset: true } });
      await client.getQueueAttributes({ queueName: 'q' });
      await client.sendMessage({ queueName: 'q', messageBody: vodBody(1) });
      const running = consume(client, () => {}, { queueName: 'q', waitSeconds: 1, onError: false });
      await waitFor('acked', () => running.consumer.metrics().acked === 1);
      await running.drain({ timeoutMs: 5000 });
      await expect(client.getQueueAttributes({ queueName: 'missing' })).rejects.toMatchObject({
        code: 'QueueNotExist',
      });
    } finally {
      await client.close();
    }
    const text = stderr();
    expect(text).toMatch(
      /vodmns:mns GET \/queues\/q no-response ERR_MNS_NETWORK requestId=- \d+\.\dms \(getQueueAttributes, attempt 1\)/,
    );
    expect(text).toMatch(
      /vodmns:mns retry GET \/queues\/q in \d+ms after ERR_MNS_NETWORK \(getQueueAttributes, attempt 1\)/,
    );
    expect(text).toMatch(
      /vodmns:mns GET \/queues\/q 200 requestId=\S+ \d+\.\dms \(getQueueAttributes, attempt 2\)/,
    );
    expect(text).toMatch(/vodmns:mns POST \/queues\/q\/messages 201 requestId=\S+ /);
    expect(text).toMatch(/vodmns:mns GET \/queues\/q\/messages 200 requestId=\S+ .*\(batchReceiveMessage/);
    expect(text).toMatch(/vodmns:mns GET \/queues\/missing 404 QueueNotExist requestId=\S+/);
    expect(text).toMatch(/vodmns:rx receive q max=16 wait=1s -> 1 message/);
    expect(text).toMatch(/vodmns:rx delete q handles=1 -> ok/);
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/authorization|signature|receipthandle|security-token/i);
    // Receipt handles live in query strings, which the debug lines leave out.
    expect(text).not.toContain('?');
  });
});
