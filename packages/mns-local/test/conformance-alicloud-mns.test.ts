import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { startMnsLocal } from '../src/index.js';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: the official SDK ships without types
const MNSClient = require('@alicloud/mns') as any;

// The official Node SDK (@alicloud/mns 1.2.0), unchanged, against the local server.
describe('@alicloud/mns 1.2.0 conformance', () => {
  const client = (server: {
    accountId: string;
    accessKeyId: string;
    accessKeySecret: string;
    endpoint: string;
  }) =>
    new MNSClient(server.accountId, {
      accessKeyId: server.accessKeyId,
      accessKeySecret: server.accessKeySecret,
      endpoint: server.endpoint,
    });

  it('queue admin: create (201/204/409), get attributes, set attributes, list with paging, delete', async () => {
    await using server = await startMnsLocal();
    const mns = client(server);
    const created = await mns.createQueue('conf-a', { VisibilityTimeout: 40 });
    expect(created.code).toBe(201);
    expect(created.headers.location).toBe(`${server.endpoint}/queues/conf-a`);
    const again = await mns.createQueue('conf-a', { VisibilityTimeout: 40 });
    expect(again.code).toBe(204);
    expect(again.headers.location).toBe(`${server.endpoint}/queues/conf-a`);
    await expect(mns.createQueue('conf-a', { VisibilityTimeout: 41 })).rejects.toMatchObject({
      name: 'MNSQueueAlreadyExistError',
    });
    const attrs = await mns.getQueueAttributes('conf-a');
    expect(attrs.code).toBe(200);
    expect(attrs.body).toMatchObject({
      QueueName: 'conf-a',
      VisibilityTimeout: '40',
      DelaySeconds: '0',
      MaximumMessageSize: '65536',
      MessageRetentionPeriod: '345600',
      PollingWaitSeconds: '0',
      ActiveMessages: '0',
      InactiveMessages: '0',
      DelayMessages: '0',
      LoggingEnabled: 'False',
    });
    const set = await mns.setQueueAttributes('conf-a', { DelaySeconds: 5 });
    expect(set.code).toBe(204);
    expect((await mns.getQueueAttributes('conf-a')).body.DelaySeconds).toBe('5');
    await mns.createQueue('conf-b');
    await mns.createQueue('conf-c');
    const page1 = await mns.listQueue(undefined, 2, 'conf-');
    expect(page1.code).toBe(200);
    expect(page1.body.map((q: { QueueURL: string }) => q.QueueURL)).toEqual([
      `${server.endpoint}/queues/conf-a`,
      `${server.endpoint}/queues/conf-b`,
    ]);
    const all = await mns.listQueue();
    expect(all.body).toHaveLength(3);
    const del = await mns.deleteQueue('conf-b');
    expect(del.code).toBe(204);
    await expect(mns.getQueueAttributes('conf-b')).rejects.toMatchObject({ name: 'MNSQueueNotExistError' });
  });

  it('send / receive / change visibility / delete / peek (stale handles rejected)', async () => {
    await using server = await startMnsLocal({ staleHandleAfterVisibilityChange: 'reject' });
    const mns = client(server);
    await mns.createQueue('conf-msg');
    const sent = await mns.sendMessage('conf-msg', { MessageBody: 'hello world', Priority: 3 });
    expect(sent.code).toBe(201);
    expect(sent.body.MessageBodyMD5).toBe('5EB63BBBE01EEED093CB22BB8F5ACDC3');
    const peeked = await mns.peekMessage('conf-msg');
    expect(peeked.body).toMatchObject({ MessageId: sent.body.MessageId, DequeueCount: '0', Priority: '3' });
    const received = await mns.receiveMessage('conf-msg', 1);
    expect(received.code).toBe(200);
    expect(received.body).toMatchObject({
      MessageId: sent.body.MessageId,
      MessageBody: 'hello world',
      DequeueCount: '1',
      Priority: '3',
    });
    const changed = await mns.changeMessageVisibility('conf-msg', received.body.ReceiptHandle, 60);
    expect(changed.code).toBe(200);
    expect(changed.body.ReceiptHandle).not.toBe(received.body.ReceiptHandle);
    await expect(mns.deleteMessage('conf-msg', received.body.ReceiptHandle)).rejects.toMatchObject({
      name: 'MNSMessageNotExistError',
    });
    const deleted = await mns.deleteMessage('conf-msg', changed.body.ReceiptHandle);
    expect(deleted.code).toBe(204);
    await expect(mns.receiveMessage('conf-msg')).rejects.toMatchObject({ name: 'MNSMessageNotExistError' });
    await expect(mns.peekMessage('conf-msg')).rejects.toMatchObject({ name: 'MNSMessageNotExistError' });
  });

  it('batch send / batch peek / batch receive / batch delete incl. partial failure', async () => {
    await using server = await startMnsLocal();
    const mns = client(server);
    await mns.createQueue('conf-batch');
    const bodies = Array.from({ length: 16 }, (_, i) => ({ MessageBody: `m-${i}` }));
    const sent = await mns.batchSendMessage('conf-batch', bodies);
    expect(sent.code).toBe(201);
    expect(sent.body).toHaveLength(16);
    const peeked = await mns.batchPeekMessage('conf-batch', 4);
    expect(peeked.body).toHaveLength(4);
    const got = await mns.batchReceiveMessage('conf-batch', 16, 1);
    expect(got.code).toBe(200);
    expect(got.body.map((m: { MessageBody: string }) => m.MessageBody)).toEqual(
      bodies.map((b) => b.MessageBody),
    );
    const handles = got.body.map((m: { ReceiptHandle: string }) => m.ReceiptHandle);
    const ok = await mns.batchDeleteMessage('conf-batch', handles.slice(0, 8));
    expect(ok.code).toBe(204);
    // Partial failure: 2 stale handles + 8 valid ones → 404 <Errors> listing only the stale ones.
    const partial = await mns.batchDeleteMessage('conf-batch', [...handles.slice(0, 2), ...handles.slice(8)]);
    expect(partial.code).toBe(404);
    expect(partial.body.map((e: { ReceiptHandle: string }) => e.ReceiptHandle)).toEqual(handles.slice(0, 2));
    expect(partial.body[0].ErrorCode).toBe('MessageNotExist');
    expect(server.admin.stats().messages).toBe(0);
  });

  it('long polling: a waiting receive gets a message sent later', async () => {
    await using server = await startMnsLocal();
    const mns = client(server);
    await mns.createQueue('conf-poll');
    const pending = mns.receiveMessage('conf-poll', 10);
    await expect.poll(() => server.admin.stats().waitingReceives, { timeout: 10_000 }).toBe(1);
    await mns.sendMessage('conf-poll', { MessageBody: 'late' });
    const got = await pending;
    expect(got.body.MessageBody).toBe('late');
  });

  it('wrong secret → MNSSignatureDoesNotMatchError; unknown key → MNSInvalidAccessKeyIdError', async () => {
    await using server = await startMnsLocal();
    const bad = new MNSClient(server.accountId, {
      accessKeyId: server.accessKeyId,
      accessKeySecret: 'wrong',
      endpoint: server.endpoint,
    });
    await expect(bad.listQueue()).rejects.toMatchObject({ name: 'MNSSignatureDoesNotMatchError' });
    const unknown = new MNSClient(server.accountId, {
      accessKeyId: 'nobody',
      accessKeySecret: 'x',
      endpoint: server.endpoint,
    });
    await expect(unknown.listQueue()).rejects.toMatchObject({ name: 'MNSInvalidAccessKeyIdError' });
  });

  it('STS: the security-token header must match for STS. ids', async () => {
    await using server = await startMnsLocal({
      credentials: [{ accessKeyId: 'STS.tmp-key', accessKeySecret: 'tmp-secret', securityToken: 'tok-1' }],
    });
    const good = new MNSClient(server.accountId, {
      accessKeyId: 'STS.tmp-key',
      accessKeySecret: 'tmp-secret',
      securityToken: 'tok-1',
      endpoint: server.endpoint,
    });
    expect((await good.createQueue('sts-q')).code).toBe(201);
    const wrong = new MNSClient(server.accountId, {
      accessKeyId: 'STS.tmp-key',
      accessKeySecret: 'tmp-secret',
      securityToken: 'tok-2',
      endpoint: server.endpoint,
    });
    await expect(wrong.getQueueAttributes('sts-q')).rejects.toMatchObject({ name: 'MNSAccessDeniedError' });
  });

  // The live-service limits mns-local can switch on, as the official SDK sees them.
  it('long-poll cap per queue: the receive beyond it fails at once with MNSMessageNotExistError', async () => {
    await using server = await startMnsLocal({ maxLongPollsPerQueue: 1 });
    const mns = client(server);
    await mns.createQueue('conf-cap');
    const held = mns.receiveMessage('conf-cap', 30);
    await expect.poll(() => server.admin.stats().waitingReceives, { timeout: 10_000, interval: 5 }).toBe(1);
    await expect(mns.receiveMessage('conf-cap', 30)).rejects.toMatchObject({
      name: 'MNSMessageNotExistError',
    });
    expect(server.admin.stats().cappedReceives).toBe(1);
    await mns.sendMessage('conf-cap', { MessageBody: 'after' });
    expect((await held).body).toMatchObject({ MessageBody: 'after' });
  });

  it('TPS limit and the throttle fault: MNSTooManyRequestsError (429) with the flow-limiter message', async () => {
    await using server = await startMnsLocal({ tpsLimit: 1, throttleHoldMs: 20 });
    const mns = client(server);
    await mns.createQueue('conf-tps');
    // CreateQueue took the queue's only token of this second.
    await expect(mns.sendMessage('conf-tps', { MessageBody: 'x' })).rejects.toMatchObject({
      name: 'MNSTooManyRequestsError',
      message: expect.stringMatching(
        /failed with 429\..*message: The request is denied by cluster flow limiter for too many requests\./,
      ),
    });
    await using other = await startMnsLocal({ throttleHoldMs: 0 });
    const sdk = client(other);
    other.faults.inject({ match: { operation: 'ListQueue' }, fault: { throttle: true } });
    await expect(sdk.listQueue()).rejects.toMatchObject({ name: 'MNSTooManyRequestsError' });
    expect((await sdk.listQueue()).code).toBe(200);
  });

  it('default (accept): delete with the handle from before ChangeMessageVisibility succeeds', async () => {
    await using server = await startMnsLocal();
    const mns = client(server);
    await mns.createQueue('conf-stale');
    await mns.sendMessage('conf-stale', { MessageBody: 'x' });
    const received = await mns.receiveMessage('conf-stale');
    const changed = await mns.changeMessageVisibility('conf-stale', received.body.ReceiptHandle, 18);
    expect(changed.body.ReceiptHandle).not.toBe(received.body.ReceiptHandle);
    expect((await mns.deleteMessage('conf-stale', received.body.ReceiptHandle)).code).toBe(204);
    await expect(mns.deleteMessage('conf-stale', changed.body.ReceiptHandle)).rejects.toMatchObject({
      name: 'MNSMessageNotExistError',
    });
  });

  it('application/xml responses: bodies and errors parse the same', async () => {
    await using server = await startMnsLocal({ responseContentType: 'application/xml' });
    const mns = client(server);
    await mns.createQueue('conf-ct');
    const attrs = await mns.getQueueAttributes('conf-ct');
    // (The SDK does not expose the header; fidelity.test.ts asserts it. The SDK parses only text/xml and
    // application/xml bodies, so these results prove the type was accepted.)
    expect(attrs.body).toMatchObject({ QueueName: 'conf-ct', ActiveMessages: '0' });
    await mns.sendMessage('conf-ct', { MessageBody: 'hi' });
    expect((await mns.receiveMessage('conf-ct')).body).toMatchObject({ MessageBody: 'hi' });
    await expect(mns.getQueueAttributes('conf-none')).rejects.toMatchObject({
      name: 'MNSQueueNotExistError',
    });
  });
});
