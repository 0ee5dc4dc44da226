import { inspect } from 'node:util';
import { MAX_ERROR_DETAIL_CHARS, MnsDecodeError, MnsServiceError, MnsTimeoutError } from '@vodmns/core';
import { MnsClient, type MnsClientOptions } from '@vodmns/mns-transport';
import { describe, expect, it } from 'vitest';
import {
  dribble,
  RECEIVED_MESSAGE_XML,
  startHostileServer,
  streamForever,
} from '../helpers/hostile-server.js';

// Issue #17: a broken or hostile MNS endpoint (real node:http servers on loopback) must not make the client
// buffer without bound, wait forever, carry megabytes of service text in an error, or accept more messages
// than it asked for. Each case: a typed error, the connection closed, bounded work.

const credentials = { accessKeyId: 'LTAI-hostile-test', accessKeySecret: 'hostile-test-secret' };
function clientFor(endpoint: string, options: Partial<MnsClientOptions> = {}): MnsClient {
  return new MnsClient({ endpoint, credentials, retry: { maxAttempts: 1 }, ...options });
}
const XML = { 'content-type': 'text/xml;charset=utf-8', 'x-mns-request-id': 'HOSTILE0000000000000000' };

describe('endless and oversized response bodies → ERR_MNS_RESPONSE_TOO_LARGE', () => {
  it('a chunked body that never ends: the call fails at the operation cap and the connection is closed', async () => {
    await using server = await startHostileServer((_req, res) => {
      res.writeHead(200, XML);
      streamForever(res, Buffer.alloc(64 * 1024, 'a'));
    });
    await using client = clientFor(server.endpoint);
    const before = process.memoryUsage().rss;
    const e = await client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsDecodeError);
    expect(e).toMatchObject({
      code: 'ERR_MNS_RESPONSE_TOO_LARGE',
      status: 200,
      requestId: 'HOSTILE0000000000000000',
      fault: 'server',
      operation: 'GET /queues/q',
    });
    expect((e as Error).message).toMatch(/exceeds \d+ bytes; this operation accepts at most 65536/);
    await server.abandonedAtLeast(1);
    // Before the cap, the same server took the client past 400 MiB in 1.5 s.
    expect(process.memoryUsage().rss - before).toBeLessThan(128 * 1024 * 1024);
  });

  it('a receive of 16 is capped at 16 messages of 64 KiB (escaped) plus envelope; a declared huge body fails at the head', async () => {
    let declare = false;
    await using server = await startHostileServer((_req, res) => {
      if (declare) {
        res.writeHead(200, { ...XML, 'content-length': String(2 ** 31) });
        res.write('<Messages>');
        return;
      }
      res.writeHead(200, XML);
      streamForever(res, Buffer.from(RECEIVED_MESSAGE_XML.repeat(64)));
    });
    await using client = clientFor(server.endpoint);
    const streamed = await client
      .batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 0 })
      .catch((x: unknown) => x);
    expect(streamed).toMatchObject({ code: 'ERR_MNS_RESPONSE_TOO_LARGE' });
    expect((streamed as Error).message).toContain(`accepts at most ${4096 + 16 * (6 * 65536 + 4096)}`);
    declare = true;
    const declared = await client.receiveMessage({ queueName: 'q', waitSeconds: 0 }).catch((x: unknown) => x);
    expect(declared).toMatchObject({ code: 'ERR_MNS_RESPONSE_TOO_LARGE' });
    expect((declared as Error).message).toContain(`declares ${2 ** 31} bytes`);
    await server.abandonedAtLeast(2);
  });
});

describe('dribbled bodies → ERR_MNS_TIMEOUT at the whole-response deadline, naming it', () => {
  it('1 byte every 100 ms never lets a GET end: it fails at timeoutMs', async () => {
    await using server = await startHostileServer((_req, res) => {
      res.writeHead(200, XML);
      dribble(res, 100);
    });
    await using client = clientFor(server.endpoint, { timeoutMs: 1000 });
    const started = performance.now();
    const e = await client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsTimeoutError);
    expect((e as Error).message).toContain(
      "no complete response within the attempt's deadline of 1000 ms (timeoutMs)",
    );
    // Generous: the bound is that it ends at all (before the fix it never did).
    expect(performance.now() - started).toBeLessThan(30_000);
    await server.abandonedAtLeast(1);
  });

  it('a long-poll receive gets its wait + longPollSlackMs, and the error says so', async () => {
    await using server = await startHostileServer((_req, res) => {
      res.writeHead(200, XML);
      dribble(res, 100);
    });
    await using client = clientFor(server.endpoint, { timeoutMs: 1000, longPollSlackMs: 5000 });
    const e = await client.receiveMessage({ queueName: 'q', waitSeconds: 1 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_MNS_TIMEOUT' });
    expect((e as Error).message).toContain(
      "no complete response within the attempt's deadline of 6000 ms (long-poll wait 1 s + longPollSlackMs 5000)",
    );
  });

  it('a body that stops: the body-idle limit (timeoutMs) fires first and is named', async () => {
    await using server = await startHostileServer((_req, res) => {
      res.writeHead(200, XML);
      res.write('<Message>');
    });
    await using client = clientFor(server.endpoint, { timeoutMs: 1000, longPollSlackMs: 5000 });
    const e = await client.receiveMessage({ queueName: 'q', waitSeconds: 1 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_MNS_TIMEOUT' });
    expect((e as Error).message).toContain('the response body stalled for timeoutMs 1000 ms');
  });
});

describe('service text in errors is capped', () => {
  const errorDocument = (message: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?><Error xmlns="http://mns.aliyuncs.com/doc/v1"><Code>QueueNotExist</Code><Message>${message}</Message><RequestId>R1</RequestId><HostId>h</HostId></Error>`;

  it('a 60 KB <Message> is cut to MAX_ERROR_DETAIL_CHARS in message, detail, JSON and inspect', async () => {
    const body = errorDocument('m'.repeat(60_000));
    await using server = await startHostileServer((_req, res) => {
      res.writeHead(404, { ...XML, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await using client = clientFor(server.endpoint);
    const e = await client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsServiceError);
    expect(e).toMatchObject({ code: 'QueueNotExist', status: 404, requestId: 'R1' });
    const error = e as MnsServiceError;
    expect(error.detail).toMatch(/^m+… \(\d+ more characters cut\)$/);
    expect(error.detail.length).toBeLessThan(MAX_ERROR_DETAIL_CHARS + 64);
    expect(error.message.length).toBeLessThan(MAX_ERROR_DETAIL_CHARS + 160);
    expect(JSON.stringify(error).length).toBeLessThan(4 * MAX_ERROR_DETAIL_CHARS);
    expect(inspect(error).length).toBeLessThan(8 * MAX_ERROR_DETAIL_CHARS);
  });

  it('a 30 MB error document is not read: ERR_MNS_RESPONSE_TOO_LARGE', async () => {
    const body = errorDocument('m'.repeat(30 * 1024 * 1024));
    await using server = await startHostileServer((_req, res) => {
      res.writeHead(404, { ...XML, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await using client = clientFor(server.endpoint);
    const e = await client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_MNS_RESPONSE_TOO_LARGE', status: 404 });
    expect((e as Error).message.length).toBeLessThan(MAX_ERROR_DETAIL_CHARS);
  });
});

describe('more messages than asked for → ERR_MNS_DECODE, none used', () => {
  it.each([
    ['batchReceiveMessage', 16, 8_000],
    ['batchReceiveMessage', 16, 17],
    ['batchPeekMessage', 3, 4],
  ] as const)('%s for %i that gets %i back', async (operation, asked, sent) => {
    const body = `<?xml version="1.0" encoding="UTF-8"?><Messages xmlns="http://mns.aliyuncs.com/doc/v1/">${RECEIVED_MESSAGE_XML.repeat(sent)}</Messages>`;
    await using server = await startHostileServer((_req, res) => {
      res.writeHead(200, { ...XML, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await using client = clientFor(server.endpoint);
    const e = await (operation === 'batchReceiveMessage'
      ? client.batchReceiveMessage({ queueName: 'q', numOfMessages: asked, waitSeconds: 0 })
      : client.batchPeekMessage({ queueName: 'q', numOfMessages: asked })
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsDecodeError);
    expect(e).toMatchObject({ code: 'ERR_MNS_DECODE', fault: 'server', status: 200 });
    expect((e as Error).message).toContain(
      `the response holds ${sent} messages, but numOfMessages was ${asked}; none of them is used`,
    );
  });

  it('16,000 messages for 16 exceed the size cap first: ERR_MNS_RESPONSE_TOO_LARGE', async () => {
    const body = `<Messages>${RECEIVED_MESSAGE_XML.repeat(16_000)}</Messages>`;
    await using server = await startHostileServer((_req, res) => {
      res.writeHead(200, { ...XML, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await using client = clientFor(server.endpoint);
    const e = await client
      .batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 0 })
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ERR_MNS_RESPONSE_TOO_LARGE', status: 200 });
  });

  it('exactly as many as asked for is fine', async () => {
    const body = `<Messages>${RECEIVED_MESSAGE_XML.repeat(16)}</Messages>`;
    await using server = await startHostileServer((_req, res) => {
      res.writeHead(200, { ...XML, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await using client = clientFor(server.endpoint);
    const got = await client.batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 0 });
    expect(got).toHaveLength(16);
  });
});
