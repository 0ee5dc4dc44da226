import { ManualClock } from '@vodmns/core/testing';
import { MnsConfigError, MnsDecodeError, MnsServiceError } from '@vodmns/core';
import { describe, expect, it } from 'vitest';
import { startTransportFixture } from './helpers/transport-fixture.js';

const TRICKY = [
  `<a href="x">Tom & 'Jerry'</a> ]]> &amp; &#13;`,
  '视频上传完成 🎬😀 한국어 עברית',
  'line\r\nends\rand\ttabs\n',
  '{"EventType":"FileUploadComplete","VideoId":"abc","Size":1}',
  '  leading and trailing spaces  ',
];

describe('MnsClient message operations against mns-local', () => {
  it('sendMessage → receiveMessage → deleteMessage, bodies round-trip exactly (raw and base64)', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    for (const bodyEncoding of ['raw', 'base64'] as const) {
      for (const body of TRICKY) {
        const sent = await f.client.sendMessage({ queueName: 'q', messageBody: body, bodyEncoding });
        expect(sent.messageId).toBeTruthy();
        expect(sent.messageBodyMd5).toMatch(/^[0-9A-F]{32}$/);
        const got = await f.client.receiveMessage({ queueName: 'q', waitSeconds: 0, bodyEncoding });
        expect(got).toMatchObject({
          messageId: sent.messageId,
          messageBody: body,
          dequeueCount: 1,
          priority: 8,
        });
        expect(got!.nextVisibleTime).toBeGreaterThan(got!.firstDequeueTime);
        expect(got!.enqueueTime).toBeLessThanOrEqual(got!.firstDequeueTime);
        await f.client.deleteMessage({ queueName: 'q', receiptHandle: got!.receiptHandle });
      }
    }
    expect(await f.client.receiveMessage({ queueName: 'q', waitSeconds: 0 })).toBeUndefined();
  });

  it('receive bodyEncoding auto decodes base64 text and leaves JSON and plain text alone', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    await f.client.sendMessage({
      queueName: 'q',
      messageBody: '{"a":"测试"}',
      bodyEncoding: 'base64',
      priority: 1,
    });
    await f.client.sendMessage({ queueName: 'q', messageBody: '{"b":1}', priority: 2 });
    await f.client.sendMessage({ queueName: 'q', messageBody: 'plain text!', priority: 3 });
    const got = await f.client.batchReceiveMessage({
      queueName: 'q',
      numOfMessages: 3,
      bodyEncoding: 'auto',
      waitSeconds: 0,
    });
    expect(got.map((m) => m.messageBody)).toEqual(['{"a":"测试"}', '{"b":1}', 'plain text!']);
  });

  it('a body that is not base64 (bodyEncoding base64) is carried by its message, not thrown: the batch succeeds', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    await f.client.sendMessage({ queueName: 'q', messageBody: 'first', bodyEncoding: 'base64', priority: 1 });
    await f.client.sendMessage({ queueName: 'q', messageBody: 'not base64!', priority: 2 });
    await f.client.sendMessage({ queueName: 'q', messageBody: 'third', bodyEncoding: 'base64', priority: 3 });
    const peeked = await f.client.batchPeekMessage({
      queueName: 'q',
      numOfMessages: 3,
      bodyEncoding: 'base64',
    });
    expect(peeked.map((m) => [m.messageBody, m.bodyError?.code])).toEqual([
      ['first', undefined],
      ['not base64!', 'ERR_MNS_BODY_ENCODING'],
      ['third', undefined],
    ]);
    const got = await f.client.batchReceiveMessage({
      queueName: 'q',
      numOfMessages: 16,
      waitSeconds: 0,
      bodyEncoding: 'base64',
    });
    expect(got.map((m) => m.messageBody)).toEqual(['first', 'not base64!', 'third']);
    expect(got[0]).not.toHaveProperty('bodyError');
    const bad = got[1]?.bodyError;
    expect(bad).toBeInstanceOf(MnsDecodeError);
    expect(bad).toMatchObject({
      code: 'ERR_MNS_BODY_ENCODING',
      retryable: false,
      attempts: 1,
      operation: 'GET /queues/q/messages',
      status: 200,
    });
    expect(bad?.message).toContain(`the body of message ${got[1]?.messageId} is not base64 of UTF-8 text`);
    // The single receive behaves the same: it resolves, and a retry-counting client made one attempt only.
    await f.client.createQueue({ queueName: 'single' });
    await f.client.sendMessage({ queueName: 'single', messageBody: 'not base64 either' });
    const one = await f.client.receiveMessage({
      queueName: 'single',
      waitSeconds: 0,
      bodyEncoding: 'base64',
    });
    expect(one?.messageBody).toBe('not base64 either');
    expect(one?.bodyError).toMatchObject({ code: 'ERR_MNS_BODY_ENCODING', attempts: 1 });
  });

  it('rejects characters XML 1.0 cannot carry unless base64 is chosen', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    const body = 'ok\u0001bad';
    const e = await f.client.sendMessage({ queueName: 'q', messageBody: body }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsConfigError);
    expect(e).toMatchObject({ code: 'ERR_MNS_INVALID_XML_CHARACTER' });
    expect((e as Error).message).toContain('U+0001 at index 2');
    const batch = await f.client
      .batchSendMessage({ queueName: 'q', entries: [{ messageBody: 'fine' }, { messageBody: '\uFFFF' }] })
      .catch((x: unknown) => x);
    expect((batch as Error).message).toContain('entries[1].messageBody contains U+FFFF at index 0');
    await f.client.sendMessage({ queueName: 'q', messageBody: body, bodyEncoding: 'base64' });
    const got = await f.client.receiveMessage({ queueName: 'q', waitSeconds: 0, bodyEncoding: 'base64' });
    expect(got?.messageBody).toBe(body);
  });

  it('batchSendMessage / batchReceiveMessage / batchDeleteMessage with 16 messages', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    const entries = Array.from({ length: 16 }, (_, i) => ({
      messageBody: `m${i} ${TRICKY[i % TRICKY.length]}`,
    }));
    const sent = await f.client.batchSendMessage({ queueName: 'q', entries });
    expect(sent.failed).toEqual([]);
    expect(sent.results).toHaveLength(16);
    expect(sent.results.every((r) => r.ok)).toBe(true);
    const got = await f.client.batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 0 });
    expect(got.map((m) => m.messageBody).sort()).toEqual(entries.map((e) => e.messageBody).sort());
    const deleted = await f.client.batchDeleteMessage({
      queueName: 'q',
      receiptHandles: got.map((m) => m.receiptHandle),
    });
    expect(deleted.failed).toEqual([]);
    expect(await f.client.batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 0 })).toEqual(
      [],
    );
  });

  it('batchSendMessage partial failure (HTTP 500) is reported per entry, typed', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    f.server.faults.inject({ match: { operation: 'BatchSendMessage' }, fault: { failEntries: [1, 3] } });
    const out = await f.client.batchSendMessage({
      queueName: 'q',
      entries: ['a', 'b', 'c', 'd'].map((messageBody) => ({ messageBody })),
    });
    expect(out.failed).toEqual([
      { index: 1, errorCode: 'InternalError', errorMessage: expect.any(String) },
      { index: 3, errorCode: 'InternalError', errorMessage: expect.any(String) },
    ]);
    expect(out.results[0]).toMatchObject({ ok: true });
    expect(out.results[1]).toMatchObject({ ok: false, errorCode: 'InternalError' });
    const got = await f.client.batchPeekMessage({ queueName: 'q', numOfMessages: 16 });
    expect(got.map((m) => m.messageBody).sort()).toEqual(['a', 'c']);
  });

  it('batchDeleteMessage partial failure (HTTP 404 <Errors>) lists the stale handles only', async () => {
    const clock = new ManualClock();
    await using f = await startTransportFixture({}, { clock });
    await f.client.createQueue({ queueName: 'q', attributes: { visibilityTimeoutSeconds: 10 } });
    await f.client.batchSendMessage({
      queueName: 'q',
      entries: [{ messageBody: 'a' }, { messageBody: 'b' }],
    });
    const first = await f.client.batchReceiveMessage({ queueName: 'q', numOfMessages: 2, waitSeconds: 0 });
    await clock.advance(11_000); // both handles expire; receive again to get fresh ones for one message
    const again = await f.client.receiveMessage({ queueName: 'q', waitSeconds: 0 });
    const stale = first.find((m) => m.messageId !== again!.messageId)!;
    const out = await f.client.batchDeleteMessage({
      queueName: 'q',
      receiptHandles: [again!.receiptHandle, stale.receiptHandle],
    });
    expect(out.failed).toEqual([
      { receiptHandle: stale.receiptHandle, errorCode: 'MessageNotExist', errorMessage: expect.any(String) },
    ]);
    const left = await f.client.batchPeekMessage({ queueName: 'q', numOfMessages: 16 });
    expect(left.map((m) => m.messageId)).toEqual([stale.messageId]);
  });

  it('MessageNotExist for a stale handle; changeMessageVisibility returns a new handle and supersedes the old (reject mode)', async () => {
    const clock = new ManualClock();
    await using f = await startTransportFixture({}, { clock, staleHandleAfterVisibilityChange: 'reject' });
    await f.client.createQueue({ queueName: 'q', attributes: { visibilityTimeoutSeconds: 30 } });
    await f.client.sendMessage({ queueName: 'q', messageBody: 'x' });
    const m = (await f.client.receiveMessage({ queueName: 'q', waitSeconds: 0 }))!;
    const changed = await f.client.changeMessageVisibility({
      queueName: 'q',
      receiptHandle: m.receiptHandle,
      visibilityTimeoutSeconds: 100,
    });
    expect(changed.receiptHandle).not.toBe(m.receiptHandle);
    expect(changed.nextVisibleTime).toBe(clock.now() + 100_000);
    const stale = await f.client
      .deleteMessage({ queueName: 'q', receiptHandle: m.receiptHandle })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(MnsServiceError);
    expect(stale).toMatchObject({
      code: 'MessageNotExist',
      status: 404,
      operation: 'DELETE /queues/q/messages',
    });
    expect((stale as Error).message).not.toContain(m.receiptHandle);
    await clock.advance(101_000);
    const expired = await f.client
      .changeMessageVisibility({
        queueName: 'q',
        receiptHandle: changed.receiptHandle,
        visibilityTimeoutSeconds: 5,
      })
      .catch((e: unknown) => e);
    expect(expired).toMatchObject({ code: 'MessageNotExist' });
    const redelivered = await f.client.receiveMessage({ queueName: 'q', waitSeconds: 0 });
    expect(redelivered).toMatchObject({ messageId: m.messageId, dequeueCount: 2 });
  });

  it('delayed send returns a handle; peek sees only active messages and changes nothing', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    const delayed = await f.client.sendMessage({ queueName: 'q', messageBody: 'later', delaySeconds: 60 });
    expect(delayed.receiptHandle).toBeTruthy();
    expect(await f.client.peekMessage({ queueName: 'q' })).toBeUndefined();
    expect(await f.client.batchPeekMessage({ queueName: 'q', numOfMessages: 4 })).toEqual([]);
    await f.client.sendMessage({ queueName: 'q', messageBody: 'now', priority: 3 });
    const peeked = await f.client.peekMessage({ queueName: 'q' });
    expect(peeked).toMatchObject({ messageBody: 'now', dequeueCount: 0, priority: 3 });
    expect(peeked!.firstDequeueTime).toBe(peeked!.enqueueTime);
    expect(await f.client.peekMessage({ queueName: 'q' })).toMatchObject({
      messageId: peeked!.messageId,
      dequeueCount: 0,
    });
  });

  it('a long poll wakes when a message arrives', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    const polling = f.client.batchReceiveMessage({ queueName: 'q', numOfMessages: 4, waitSeconds: 20 });
    const deadline = Date.now() + 10_000;
    while (f.server.admin.stats().waitingReceives === 0 && Date.now() < deadline) {
      await new Promise((r) => setImmediate(r));
    }
    expect(f.server.admin.stats().waitingReceives).toBe(1);
    const started = Date.now();
    await f.client.sendMessage({ queueName: 'q', messageBody: 'wake up' });
    const got = await polling;
    expect(got.map((m) => m.messageBody)).toEqual(['wake up']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('validates message inputs before any request, naming field and value', async () => {
    await using f = await startTransportFixture();
    const before = f.server.admin.stats().requests;
    const cases: Array<[() => Promise<unknown>, RegExp]> = [
      [() => f.client.sendMessage({ queueName: 'q', messageBody: '' }), /messageBody must be non-empty text/],
      [
        () => f.client.sendMessage({ queueName: 'q', messageBody: 'x'.repeat(65_537) }),
        /messageBody must be at most 65536 bytes once encoded; got 65537/,
      ],
      [
        () => f.client.sendMessage({ queueName: 'q', messageBody: 'x', delaySeconds: 604_801 }),
        /delaySeconds must be an integer from 0 to 604800; got 604801/,
      ],
      [
        () => f.client.sendMessage({ queueName: 'q', messageBody: 'x', priority: 0 }),
        /priority must be an integer from 1 to 16; got 0/,
      ],
      [
        () => f.client.batchSendMessage({ queueName: 'q', entries: [] }),
        /entries must be an array of 1 to 16 entries/,
      ],
      [
        () =>
          f.client.batchSendMessage({
            queueName: 'q',
            entries: Array.from({ length: 17 }, () => ({ messageBody: 'x' })),
          }),
        /entries must be an array of 1 to 16/,
      ],
      [
        () => f.client.batchSendMessage({ queueName: 'q', entries: [{ messageBody: 'x', priority: 17 }] }),
        /entries\[0\]\.priority must be/,
      ],
      [
        () =>
          f.client.batchSendMessage({
            queueName: 'q',
            entries: Array.from({ length: 2 }, () => ({ messageBody: 'x'.repeat(40_000) })),
          }),
        /sum of entries\[\]\.messageBody must be at most 65536 bytes/,
      ],
      [
        () => f.client.receiveMessage({ queueName: 'q', waitSeconds: 31 }),
        /waitSeconds must be an integer from 0 to 30; got 31/,
      ],
      [
        () => f.client.batchReceiveMessage({ queueName: 'q', numOfMessages: 17 }),
        /numOfMessages must be an integer from 1 to 16; got 17/,
      ],
      [
        () => f.client.batchPeekMessage({ queueName: 'q', numOfMessages: 0 }),
        /numOfMessages must be an integer from 1 to 16; got 0/,
      ],
      [
        () =>
          f.client.changeMessageVisibility({
            queueName: 'q',
            receiptHandle: 'h',
            visibilityTimeoutSeconds: 43_201,
          }),
        /visibilityTimeoutSeconds must be an integer from 1 to 43200; got 43201/,
      ],
      [
        () => f.client.deleteMessage({ queueName: 'q', receiptHandle: '' }),
        /receiptHandle must be a receipt handle/,
      ],
      [
        () =>
          f.client.batchDeleteMessage({
            queueName: 'q',
            receiptHandles: Array.from({ length: 17 }, () => 'h'),
          }),
        /receiptHandles must be an array of 1 to 16/,
      ],
      [
        () => f.client.receiveMessage({ queueName: 'bad name', waitSeconds: 0 }),
        /queueName must be 1–120 letters, digits or hyphens.*got 'bad name'/,
      ],
      [
        () => f.client.sendMessage({ queueName: 'q', messageBody: 'x', bodyEncoding: 'hex' as 'raw' }),
        /bodyEncoding must be 'raw' or 'base64'; got 'hex'/,
      ],
    ];
    for (const [call, message] of cases) {
      const e = await call().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(MnsConfigError);
      expect((e as Error).message).toMatch(message);
    }
    expect(f.server.admin.stats().requests).toBe(before);
  });
});
