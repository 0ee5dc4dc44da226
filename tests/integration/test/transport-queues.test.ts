import { MnsConfigError, MnsServiceError } from '@vodmns/core';
import { describe, expect, it } from 'vitest';
import { startTransportFixture } from './helpers/transport-fixture.js';

describe('MnsClient queue operations against mns-local', () => {
  it('createQueue: 201 creates, 204 for identical attributes, 409 QueueAlreadyExist otherwise', async () => {
    await using f = await startTransportFixture();
    const first = await f.client.createQueue({
      queueName: 'orders',
      attributes: { visibilityTimeoutSeconds: 60 },
    });
    expect(first).toEqual({ created: true, queueUrl: expect.stringMatching(/\/queues\/orders$/) });
    const again = await f.client.createQueue({
      queueName: 'orders',
      attributes: { visibilityTimeoutSeconds: 60 },
    });
    expect(again.created).toBe(false);
    const conflict = await f.client
      .createQueue({ queueName: 'orders', attributes: { visibilityTimeoutSeconds: 61 } })
      .catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(MnsServiceError);
    expect(conflict).toMatchObject({
      code: 'QueueAlreadyExist',
      status: 409,
      operation: 'PUT /queues/orders',
      attempts: 1,
      retryable: false,
    });
    expect((conflict as MnsServiceError).requestId).toMatch(/^[0-9A-F]{24}$/);
    expect((conflict as MnsServiceError).hostId).toBeTruthy();
  });

  it('getQueueAttributes / setQueueAttributes round-trip every attribute (times in ms)', async () => {
    await using f = await startTransportFixture();
    const before = Date.now();
    await f.client.createQueue({ queueName: 'attrs' });
    await f.client.setQueueAttributes({
      queueName: 'attrs',
      attributes: {
        delaySeconds: 5,
        maximumMessageSize: 2048,
        messageRetentionPeriodSeconds: 3600,
        visibilityTimeoutSeconds: 45,
        pollingWaitSeconds: 3,
        loggingEnabled: true,
      },
    });
    const a = await f.client.getQueueAttributes({ queueName: 'attrs' });
    expect(a).toMatchObject({
      queueName: 'attrs',
      delaySeconds: 5,
      maximumMessageSize: 2048,
      messageRetentionPeriodSeconds: 3600,
      visibilityTimeoutSeconds: 45,
      pollingWaitSeconds: 3,
      loggingEnabled: true,
      activeMessages: 0,
      inactiveMessages: 0,
      delayMessages: 0,
    });
    expect(a.createTime).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(a.createTime % 1000).toBe(0);
    expect(a.lastModifyTime).toBeGreaterThanOrEqual(a.createTime);
  });

  it('QueueNotExist on every queue-scoped operation of a missing queue', async () => {
    await using f = await startTransportFixture();
    const q = { queueName: 'missing' };
    const calls = [
      () => f.client.getQueueAttributes(q),
      () => f.client.setQueueAttributes({ ...q, attributes: { delaySeconds: 1 } }),
      () => f.client.sendMessage({ ...q, messageBody: 'x' }),
      () => f.client.batchSendMessage({ ...q, entries: [{ messageBody: 'x' }] }),
      () => f.client.receiveMessage({ ...q, waitSeconds: 0 }),
      () => f.client.batchReceiveMessage({ ...q, numOfMessages: 2, waitSeconds: 0 }),
      () => f.client.peekMessage(q),
      () => f.client.batchPeekMessage({ ...q, numOfMessages: 2 }),
      () => f.client.deleteMessage({ ...q, receiptHandle: 'abc' }),
      () => f.client.batchDeleteMessage({ ...q, receiptHandles: ['abc'] }),
      () => f.client.changeMessageVisibility({ ...q, receiptHandle: 'abc', visibilityTimeoutSeconds: 5 }),
    ];
    for (const call of calls) {
      const e = await call().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(MnsServiceError);
      expect(e).toMatchObject({ code: 'QueueNotExist', status: 404, fault: 'client' });
      expect((e as MnsServiceError).message).toMatch(
        /^\[(GET|PUT|POST|DELETE) \/queues\/missing(\/messages)?\] 404 QueueNotExist: /,
      );
    }
  });

  it('listQueues pages with prefix, marker and page size; iterateQueuePages walks them all', async () => {
    await using f = await startTransportFixture();
    const names = Array.from({ length: 7 }, (_, i) => `page-q${i}`);
    for (const queueName of [...names, 'other']) await f.client.createQueue({ queueName });
    const first = await f.client.listQueues({ prefix: 'page-', pageSize: 3 });
    expect(first.queues.map((q) => q.queueName)).toEqual(names.slice(0, 3));
    expect(first.nextMarker).toBeTruthy();
    expect(first.queues[0]!.queueUrl).toBe(`${f.server.endpoint}/queues/page-q0`);
    const second = await f.client.listQueues({ prefix: 'page-', pageSize: 3, marker: first.nextMarker! });
    expect(second.queues.map((q) => q.queueName)).toEqual(names.slice(3, 6));
    const pages: string[][] = [];
    for await (const page of f.client.iterateQueuePages({ prefix: 'page-', pageSize: 3 })) {
      pages.push(page.queues.map((q) => q.queueName));
    }
    expect(pages).toEqual([names.slice(0, 3), names.slice(3, 6), names.slice(6)]);
    const all = await f.client.listQueues();
    expect(all.queues).toHaveLength(8);
    expect(all.nextMarker).toBeUndefined();
  });

  it('listQueues withMeta carries every attribute', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'meta-q', attributes: { pollingWaitSeconds: 2 } });
    const page = await f.client.listQueues({ withMeta: true });
    expect(page.queues[0]).toMatchObject({
      queueName: 'meta-q',
      attributes: { queueName: 'meta-q', pollingWaitSeconds: 2, visibilityTimeoutSeconds: 30 },
    });
  });

  it('deleteQueue removes the queue', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'gone' });
    await f.client.deleteQueue({ queueName: 'gone' });
    await expect(f.client.getQueueAttributes({ queueName: 'gone' })).rejects.toMatchObject({
      code: 'QueueNotExist',
    });
  });

  it('rejects invalid input before any request', async () => {
    await using f = await startTransportFixture();
    const before = f.server.admin.stats().requests;
    const bad = [
      () => f.client.createQueue({ queueName: 'bad_name' }),
      () => f.client.createQueue({ queueName: 'x'.repeat(121) }),
      () => f.client.createQueue({ queueName: 'ok', attributes: { visibilityTimeoutSeconds: 0 } }),
      () => f.client.setQueueAttributes({ queueName: 'ok', attributes: { pollingWaitSeconds: 31 } }),
      () => f.client.listQueues({ pageSize: 1001 }),
      () => f.client.listQueues({ pageSize: 0 }),
    ];
    for (const call of bad) {
      const e = await call().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(MnsConfigError);
      expect(e).toMatchObject({ code: 'ERR_MNS_INVALID_ARGUMENT', retryable: false });
    }
    expect(f.server.admin.stats().requests).toBe(before);
  });
});
