import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openFixture } from './helpers/fixture.js';
import { errorCode } from './helpers/test-client.js';

/** Writes raw bytes to the server and collects everything until the server closes (or `untilMs`). */
function raw(endpoint: string, chunks: readonly (string | Buffer)[], untilMs = 8000): Promise<string> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const got: Buffer[] = [];
    const done = (): void => {
      clearTimeout(timer);
      resolve(Buffer.concat(got).toString('latin1'));
    };
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, untilMs);
    socket.on('data', (c: Buffer) => got.push(c));
    socket.on('close', done);
    socket.on('error', () => {});
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
    });
  });
}

const statusOf = (response: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
const bodyOf = (response: string): string => response.slice(response.indexOf('\r\n\r\n') + 4);

describe('robustness (socket)', () => {
  it('oversize bodies → 413 RequestBodyTooLarge (declared or streamed); the server keeps serving', async () => {
    await using t = await openFixture('socket', { auth: false, maxBodyBytes: 4096 });
    await t.createQueue('q');
    await t.send('q', 'kept');
    const declared = await raw(t.server.endpoint, [
      'POST /queues/q/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n',
      'a'.repeat(1000),
    ]);
    expect(statusOf(declared)).toBe(413);
    expect(errorCode(bodyOf(declared))).toBe('RequestBodyTooLarge');
    const chunked = await raw(t.server.endpoint, [
      'POST /queues/q/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n',
      `2000\r\n${'a'.repeat(0x2000)}\r\n`,
    ]);
    expect(statusOf(chunked)).toBe(413);
    expect(t.server.admin.peek('q').map((m) => m.body)).toEqual(['kept']);
    expect((await t.get('/queues/q')).status).toBe(200);
  });

  it('huge headers → 431 with an MNS error body', async () => {
    await using t = await openFixture('socket', { auth: false, maxHeaderBytes: 2048 });
    const r = await raw(t.server.endpoint, [
      `GET /queues HTTP/1.1\r\nHost: x\r\nx-mns-junk: ${'j'.repeat(5000)}\r\n\r\n`,
    ]);
    expect(statusOf(r)).toBe(431);
    expect(errorCode(bodyOf(r))).toBe('RequestHeaderTooLarge');
    expect((await t.get('/queues')).status).toBe(200);
  });

  it('garbage request lines → 400 and the connection closes', async () => {
    await using t = await openFixture('socket', { auth: false });
    const r = await raw(t.server.endpoint, ['NOT HTTP AT ALL\r\n\r\n']);
    expect(statusOf(r)).toBe(400);
    expect(r).toContain('Content-Type: text/xml;charset=utf-8');
    expect((await t.get('/queues')).status).toBe(200);
  });

  it('slow-loris clients are cut off after headersTimeoutMs with 408', async () => {
    await using t = await openFixture('socket', {
      auth: false,
      headersTimeoutMs: 1000,
      requestTimeoutMs: 1000,
    });
    const started = Date.now();
    const r = await raw(t.server.endpoint, ['GET /queues HTTP/1.1\r\nHost: x\r\n'], 9000);
    expect(statusOf(r)).toBe(408);
    expect(errorCode(bodyOf(r))).toBe('RequestTimeout');
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('a long poll outlives requestTimeoutMs (the timeout covers receiving the request only)', async () => {
    await using t = await openFixture('socket', {
      auth: false,
      headersTimeoutMs: 1000,
      requestTimeoutMs: 1000,
    });
    await t.createQueue('q');
    const pending = t.receive('q', '?waitseconds=30');
    await expect.poll(() => t.server.admin.stats().waitingReceives, { timeout: 10_000 }).toBe(1);
    // Hold across at least two timeout checks (real time: this is what the test is about).
    await new Promise((resolve) => setTimeout(resolve, 2200));
    await t.send('q', 'still here');
    const r = await pending;
    expect(r.status).toBe(200);
  });

  it('a request with an unparsable percent-escape in the path or query is an MNS error, not a crash', async () => {
    await using t = await openFixture('socket', { auth: false });
    await t.createQueue('q');
    expect(errorCode((await t.get('/queues/q%ZZ')).body)).toBe('InvalidQueueName');
    expect(errorCode((await t.get('/queues/q/messages?waitseconds=%E0%A4%A')).body)).toBe(
      'InvalidQueryString',
    );
  });
});

describe('odd Host headers', () => {
  it('a Host that is not a host name falls back to the configured account host', async () => {
    await using t = await openFixture('socket', { auth: false });
    const r = await raw(
      t.server.endpoint,
      ['PUT /queues/hq HTTP/1.1\r\nHost: a\xffb<c>\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'].map(
        (s) => Buffer.from(s, 'latin1'),
      ),
      3000,
    );
    expect(statusOf(r)).toBe(201);
    expect(r).toContain('Location: http://1234567890123456.mns.cn-hangzhou.aliyuncs.com/queues/hq');
  });
});

describe('framing', () => {
  it('responses carry Content-Length (never chunked), 204 has no body', async () => {
    await using t = await openFixture('socket', { auth: false });
    const created = await raw(t.server.endpoint, [
      'PUT /queues/f HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    ]);
    expect(statusOf(created)).toBe(201);
    expect(created).toMatch(/\r\nContent-Length: 0\r\n/);
    expect(created).not.toMatch(/Transfer-Encoding/i);
    const deleted = await raw(t.server.endpoint, [
      'DELETE /queues/f HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    ]);
    expect(statusOf(deleted)).toBe(204);
    expect(bodyOf(deleted)).toBe('');
    expect(deleted).not.toMatch(/Transfer-Encoding/i);
  });
});
