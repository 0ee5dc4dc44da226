import { MnsDecodeError, MnsServiceError } from '@vodmns/core';
import { describe, expect, it } from 'vitest';
import { startTamperingProxy } from './helpers/tampering-proxy.js';
import { startTransportFixture } from './helpers/transport-fixture.js';

describe('MessageBodyMD5 verification (real server behind a corrupting hop)', () => {
  it('a mismatch on send, batch send, receive and peek is MnsDecodeError ERR_MNS_BODY_MD5_MISMATCH', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    await using proxy = await startTamperingProxy(f.server.endpoint);
    const client = f.clientWith({ endpoint: proxy.endpoint, retry: { maxAttempts: 1 } });
    const calls: Array<() => Promise<unknown>> = [
      () => client.sendMessage({ queueName: 'q', messageBody: 'hello' }),
      () =>
        client.batchSendMessage({ queueName: 'q', entries: [{ messageBody: 'a' }, { messageBody: 'b' }] }),
      () => client.peekMessage({ queueName: 'q' }),
      () => client.batchPeekMessage({ queueName: 'q', numOfMessages: 3 }),
      () => client.receiveMessage({ queueName: 'q', waitSeconds: 0 }),
      () => client.batchReceiveMessage({ queueName: 'q', numOfMessages: 2, waitSeconds: 0 }),
    ];
    for (const call of calls) {
      const e = await call().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(MnsDecodeError);
      expect(e).toMatchObject({ code: 'ERR_MNS_BODY_MD5_MISMATCH', requestId: expect.any(String) });
      expect((e as Error).message).toMatch(/MessageBodyMD5 [0-9A-F]{32} does not match/);
    }
    // The sends did reach the server (the mismatch is detected on the response): 3 messages are stored.
    expect(f.server.admin.peek('q')).toHaveLength(3);
    const unchecked = f.clientWith({ endpoint: proxy.endpoint, verifyMessageBodyMd5: false });
    await unchecked.sendMessage({ queueName: 'q', messageBody: 'unchecked' });
    expect((await unchecked.peekMessage({ queueName: 'q' }))?.messageBody).toBe('unchecked');
    proxy.corrupt = false;
    expect((await client.sendMessage({ queueName: 'q', messageBody: 'fine' })).messageId).toBeTruthy();
  });

  it('a gateway page instead of an MNS document: ERR_MNS_UNEXPECTED_STATUS (retried on 502) or ERR_MNS_DECODE', async () => {
    await using f = await startTransportFixture();
    await f.client.createQueue({ queueName: 'q' });
    await using proxy = await startTamperingProxy(f.server.endpoint);
    proxy.corrupt = false;
    const client = f.clientWith({ endpoint: proxy.endpoint, retry: { maxAttempts: 1 } });
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    proxy.replaceNext = { status: 502, body: html, times: 1 };
    const e = await client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsServiceError);
    expect(e).toMatchObject({
      code: 'ERR_MNS_UNEXPECTED_STATUS',
      status: 502,
      retryable: true,
      fault: 'server',
    });
    proxy.replaceNext = { status: 502, body: html, times: 2 };
    const retrying = f.clientWith({ endpoint: proxy.endpoint });
    expect((await retrying.getQueueAttributes({ queueName: 'q' })).queueName).toBe('q');
    proxy.replaceNext = { status: 200, body: 'OK', times: 1 };
    const d = await client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(d).toBeInstanceOf(MnsDecodeError);
    expect(d).toMatchObject({ code: 'ERR_MNS_DECODE', status: 200 });
  });
});
