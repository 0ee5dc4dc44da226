import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  MnsAbortError,
  MnsDecodeError,
  MnsNetworkError,
  MnsServiceError,
  MnsTimeoutError,
} from '@vodmns/core';
import { waitFor } from '@vodmns/core/testing';
import { startMnsLocal } from '@vodmns/mns-local';
import { MnsClient, refreshingCredentials } from '@vodmns/mns-transport';
import { afterEach, describe, expect, it } from 'vitest';
import { startTransportFixture } from './helpers/transport-fixture.js';

const events: Array<[string, unknown]> = [];
const listeners = ['vodmns:mns:request', 'vodmns:mns:response', 'vodmns:mns:retry'].map((name) => {
  const fn = (message: unknown) => events.push([name, message]);
  return [name, fn] as const;
});
function listen(): void {
  events.length = 0;
  for (const [name, fn] of listeners) subscribe(name, fn);
}
afterEach(() => {
  for (const [name, fn] of listeners) unsubscribe(name, fn);
});

describe('authentication', () => {
  it('a wrong secret fails with SignatureDoesNotMatch (403), not retried', async () => {
    await using f = await startTransportFixture();
    const bad = f.clientWith({
      credentials: { accessKeyId: f.server.accessKeyId, accessKeySecret: 'wrong-secret' },
    });
    const e = await bad.listQueues().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsServiceError);
    expect(e).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403, attempts: 1, retryable: false });
  });

  it('V4 signing (MNS4-HMAC-SHA256) is accepted', async () => {
    await using f = await startTransportFixture({ signatureVersion: 'v4' });
    await f.client.createQueue({ queueName: 'v4-q' });
    await f.client.sendMessage({ queueName: 'v4-q', messageBody: 'signed with v4' });
    const page = await f.client.listQueues({ prefix: 'v4', pageSize: 10, withMeta: true });
    expect(page.queues.map((q) => q.queueName)).toEqual(['v4-q']);
    const got = await f.client.receiveMessage({ queueName: 'v4-q', waitSeconds: 0 });
    await f.client.deleteMessage({ queueName: 'v4-q', receiptHandle: got!.receiptHandle });
  });

  it('STS credentials send the security-token header; a refreshing provider is asked once for concurrent calls', async () => {
    const sts = {
      accessKeyId: 'STS.NUabc.def',
      accessKeySecret: 'sts-secret',
      securityToken: 'sts-token-value',
    };
    await using server = await startMnsLocal({ port: 0, credentials: [sts] });
    let loads = 0;
    const provider = refreshingCredentials(async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 20));
      return { ...sts, expiration: Date.now() + 3_600_000 };
    });
    await using client = new MnsClient({ endpoint: server.endpoint, credentials: provider });
    await client.createQueue({ queueName: 'sts-q' });
    await Promise.all(Array.from({ length: 8 }, () => client.getQueueAttributes({ queueName: 'sts-q' })));
    expect(loads).toBe(1);
    await using noToken = new MnsClient({
      endpoint: server.endpoint,
      credentials: { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret },
      retry: { maxAttempts: 1 },
    });
    const e = await noToken.listQueues().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsServiceError);
    expect((e as MnsServiceError).status).toBeGreaterThanOrEqual(400);
  });
});

describe('retries', () => {
  it('an idempotent call is retried after an injected 503 and succeeds; events are published', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    f.server.faults.inject({
      match: { operation: 'GetQueueAttributes' },
      times: 2,
      fault: { status: 503, code: 'ServiceUnavailable' },
    });
    listen();
    const a = await f.client.getQueueAttributes({ queueName: 'q' });
    expect(a.queueName).toBe('q');
    const retries = events.filter(([n]) => n === 'vodmns:mns:retry').map(([, m]) => m);
    expect(retries).toEqual([
      expect.objectContaining({
        action: 'getQueueAttributes',
        operation: 'GET /queues/q',
        attempt: 1,
        errorCode: 'ServiceUnavailable',
        status: 503,
      }),
      expect.objectContaining({ attempt: 2 }),
    ]);
    expect(events.filter(([n]) => n === 'vodmns:mns:request')).toHaveLength(3);
    const responses = events
      .filter(([n]) => n === 'vodmns:mns:response')
      .map(([, m]) => m as { status: number });
    expect(responses.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('gives up after maxAttempts with the attempt count on the error', async () => {
    await using f = await startTransportFixture({
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, throttlingBaseDelayMs: 1 },
    });
    await f.client.createQueue({ queueName: 'q' });
    f.server.faults.inject({
      match: { operation: 'GetQueueAttributes' },
      times: 5,
      fault: { status: 500, code: 'InternalError' },
    });
    const e = await f.client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'InternalError', status: 500, attempts: 2, fault: 'server' });
  });

  it('a send is NOT retried after an ambiguous 503 (duplicate risk), but is after throttling', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    f.server.faults.inject({
      match: { operation: 'SendMessage' },
      fault: { status: 503, code: 'ServiceUnavailable' },
    });
    const e = await f.client.sendMessage({ queueName: 'q', messageBody: 'x' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ServiceUnavailable', attempts: 1 });
    f.server.faults.inject({
      match: { operation: 'SendMessage' },
      fault: { status: 400, code: 'QpsLimitExceeded' },
    });
    const sent = await f.client.sendMessage({ queueName: 'q', messageBody: 'y' });
    expect(sent.messageId).toBeTruthy();
    expect(f.server.admin.peek('q').map((m) => m.body)).toEqual(['y']);
  });

  it('a connection reset is retried for idempotent calls, not for sends', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    f.server.faults.inject({ match: { operation: 'ListQueue' }, fault: { reset: true } });
    expect((await f.client.listQueues()).queues).toHaveLength(1);
    f.server.faults.inject({ match: { operation: 'BatchSendMessage' }, fault: { reset: true } });
    const e = await f.client
      .batchSendMessage({ queueName: 'q', entries: [{ messageBody: 'x' }] })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsNetworkError);
    expect(e).toMatchObject({
      code: 'ERR_MNS_NETWORK',
      fault: 'transport',
      attempts: 1,
      operation: 'POST /queues/q/messages',
    });
  });

  it('connection refused is never-sent and so retried even for sends', async () => {
    const server = await startMnsLocal({ port: 0 });
    const endpoint = server.endpoint;
    await server.close();
    await using client = new MnsClient({
      endpoint,
      credentials: { accessKeyId: 'id', accessKeySecret: 'secret' },
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, throttlingBaseDelayMs: 1 },
    });
    const e = await client.sendMessage({ queueName: 'q', messageBody: 'x' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsNetworkError);
    expect(e).toMatchObject({ code: 'ERR_MNS_NETWORK', neverSent: true, attempts: 3 });
  });
});

describe('broken responses', () => {
  it('a truncated body is a typed error and is retried for idempotent calls', async () => {
    await using f = await startTransportFixture({ retry: { maxAttempts: 1 } });
    await f.client.createQueue({ queueName: 'q' });
    f.server.faults.inject({ match: { operation: 'GetQueueAttributes' }, fault: { truncateBody: true } });
    const e = await f.client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(e instanceof MnsNetworkError || e instanceof MnsDecodeError).toBe(true);
    f.server.faults.inject({ match: { operation: 'GetQueueAttributes' }, fault: { truncateBody: true } });
    const retrying = f.clientWith({});
    expect((await retrying.getQueueAttributes({ queueName: 'q' })).queueName).toBe('q');
  });

  it('a malformed body is MnsDecodeError with status and requestId', async () => {
    await using f = await startTransportFixture({ retry: { maxAttempts: 1 } });
    await f.client.createQueue({ queueName: 'q' });
    f.server.faults.inject({ match: { operation: 'GetQueueAttributes' }, fault: { malformedBody: true } });
    const e = await f.client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsDecodeError);
    expect(e).toMatchObject({ code: 'ERR_MNS_DECODE', status: 200, operation: 'GET /queues/q' });
    expect((e as MnsDecodeError).requestId).toBeTruthy();
  });
});

describe('timeouts and cancellation', () => {
  it('a response slower than timeoutMs fails with MnsTimeoutError', async () => {
    await using f = await startTransportFixture({ timeoutMs: 200, retry: { maxAttempts: 1 } });
    await f.client.createQueue({ queueName: 'q' });
    f.server.faults.inject({ match: { operation: 'GetQueueAttributes' }, fault: { delayMs: 2_000 } });
    const started = Date.now();
    const e = await f.client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsTimeoutError);
    expect(e).toMatchObject({ code: 'ERR_MNS_TIMEOUT', fault: 'transport', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_900);
  });

  it('a long poll is not cut by timeoutMs (wait + slack) and abort cancels it promptly', async () => {
    await using f = await startTransportFixture({ timeoutMs: 200 });
    await f.client.createQueue({ queueName: 'q' });
    const controller = new AbortController();
    let settled = false;
    const polling = f.client
      .batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 30, signal: controller.signal })
      .catch((x: unknown) => x)
      .finally(() => {
        settled = true;
      });
    await waitFor('the long poll held', () => f.server.admin.stats().waitingReceives === 1);
    // Outlive timeoutMs on the client's own deadline, not a guessed sleep: a request with the same timeoutMs that
    // the server answers late times out, and only after that is the poll known to be older than timeoutMs.
    f.server.faults.inject({
      match: { operation: 'GetQueueAttributes' },
      times: 1,
      fault: { delayMs: 30_000 },
    });
    const late = await f
      .clientWith({ timeoutMs: 200, retry: { maxAttempts: 1 } })
      .getQueueAttributes({ queueName: 'q' })
      .catch((x: unknown) => x);
    expect(late).toBeInstanceOf(MnsTimeoutError);
    expect(settled).toBe(false);
    expect(f.server.admin.stats().waitingReceives).toBe(1);
    const aborted = Date.now();
    controller.abort();
    const e = await polling;
    expect(e).toBeInstanceOf(MnsAbortError);
    expect(e).toMatchObject({
      code: 'ERR_MNS_ABORTED',
      retryable: false,
      operation: 'GET /queues/q/messages',
    });
    expect(Date.now() - aborted).toBeLessThan(1_000);
  });

  it('abort cancels a request still queued for a connection, and it is never sent', async () => {
    await using f = await startTransportFixture({ connections: 1 });
    await f.client.createQueue({ queueName: 'q' });
    const poll = new AbortController();
    const polling = f.client
      .batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 30, signal: poll.signal })
      .catch((x: unknown) => x);
    await waitFor('the long poll held', () => f.server.admin.stats().waitingReceives === 1);
    const queued = new AbortController();
    const sending = f.client
      .sendMessage({ queueName: 'q', messageBody: 'never', signal: queued.signal })
      .catch((x: unknown) => x);
    queued.abort();
    expect(await sending).toMatchObject({ code: 'ERR_MNS_ABORTED' });
    poll.abort();
    expect(await polling).toBeInstanceOf(MnsAbortError);
    // the one connection is free again: a new request goes through, and the aborted send never reached the queue
    await f.client.sendMessage({ queueName: 'q', messageBody: 'sent' });
    const messages = await f.client.batchPeekMessage({ queueName: 'q', numOfMessages: 16 });
    expect(messages.map((m) => m.messageBody)).toEqual(['sent']);
  });

  it('abort also cancels a backoff sleep', async () => {
    await using f = await startTransportFixture({
      retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    await f.client.createQueue({ queueName: 'q' });
    f.server.faults.inject({
      match: { operation: 'GetQueueAttributes' },
      times: 5,
      fault: { status: 503, code: 'ServiceUnavailable' },
    });
    listen();
    const controller = new AbortController();
    const call = f.client
      .getQueueAttributes({ queueName: 'q', signal: controller.signal })
      .catch((x: unknown) => x);
    await waitFor('a retry scheduled', () => events.some(([n]) => n === 'vodmns:mns:retry'));
    const started = Date.now();
    controller.abort();
    const e = await call;
    expect(e).toBeInstanceOf(MnsAbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('an already-aborted signal sends nothing', async () => {
    await using f = await startTransportFixture();
    const before = f.server.admin.stats().requests;
    const e = await f.client.listQueues({ signal: AbortSignal.abort() }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_MNS_ABORTED', attempts: 0 });
    expect(f.server.admin.stats().requests).toBe(before);
  });
});
