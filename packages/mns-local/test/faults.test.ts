import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { openFixture } from './helpers/fixture.js';
import {
  batchDeleteBody,
  batchSendBody,
  childNames,
  children,
  errorCode,
  MODES,
  text,
  xml,
} from './helpers/test-client.js';

describe.each(MODES)('fault injection (%s)', (mode) => {
  it('status faults answer the next N matching requests with an MNS error and do not execute them', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    const rule = t.server.faults.inject({
      match: { operation: 'SendMessage', queueName: 'q' },
      times: 2,
      fault: { status: 503, code: 'ServiceUnavailable', message: 'try later' },
    });
    const a = await t.send('q', 'a');
    expect([a.status, errorCode(a.body)]).toEqual([503, 'ServiceUnavailable']);
    expect(text(xml(a.body).node, 'Message')).toBe('try later');
    expect(a.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect((await t.get('/queues/q')).status).toBe(200);
    expect((await t.send('q', 'b')).status).toBe(503);
    expect((await t.send('q', 'c')).status).toBe(201);
    expect(rule).toMatchObject({ applied: 2, remaining: 0 });
    expect(t.server.admin.peek('q').map((m) => m.body)).toEqual(['c']);
    expect(t.server.faults.appliedCount).toBe(2);
    expect(t.server.faults.appliedByKind).toEqual({ status: 2 });
  });

  it('match by method; clear() removes rules; cancel() stops one', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    t.server.faults.inject({
      match: { method: 'get' },
      times: Number.POSITIVE_INFINITY,
      fault: { status: 500, code: 'InternalError' },
    });
    expect((await t.get('/queues/q')).status).toBe(500);
    expect((await t.get('/queues')).status).toBe(500);
    expect((await t.send('q', 'x')).status).toBe(201);
    expect(t.server.faults.pendingRules).toBe(1);
    t.server.faults.clear();
    expect((await t.get('/queues/q')).status).toBe(200);
    const r = t.server.faults.inject({ fault: { status: 500, code: 'InternalError' } });
    r.cancel();
    expect((await t.get('/queues/q')).status).toBe(200);
  });

  it('failEntries: BatchSendMessage partial failure (500) and BatchDeleteMessage partial failure (404)', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    t.server.faults.inject({ match: { operation: 'BatchSendMessage' }, fault: { failEntries: [1] } });
    const sent = await t.client.request({
      method: 'POST',
      path: '/queues/q/messages',
      body: batchSendBody(['a', 'b', 'c']),
    });
    expect(sent.status).toBe(500);
    const entries = children(xml(sent.body).node, 'Message');
    expect(entries.map(childNames)).toEqual([
      ['MessageBodyMD5', 'MessageId'],
      ['ErrorCode', 'ErrorMessage'],
      ['MessageBodyMD5', 'MessageId'],
    ]);
    expect(text(entries[1], 'ErrorCode')).toBe('InternalError');
    expect(t.server.admin.peek('q').map((m) => m.body)).toEqual(['a', 'c']);
    const got = await t.receive('q', '?numOfMessages=2');
    const handles = children(xml(got.body).node, 'Message').map((m) => text(m, 'ReceiptHandle')!);
    t.server.faults.inject({
      match: { operation: 'BatchDeleteMessage' },
      fault: { failEntries: [0], code: 'MessageNotExist' },
    });
    const del = await t.del('/queues/q/messages', batchDeleteBody(handles));
    expect(del.status).toBe(404);
    const errors = children(xml(del.body).node, 'Error');
    expect(errors.map((e) => [text(e, 'ErrorCode'), text(e, 'ReceiptHandle')])).toEqual([
      ['MessageNotExist', handles[0]],
    ]);
    expect(t.server.admin.peek('q').map((m) => m.body)).toEqual(['a']);
  });

  it('malformedBody executes the request but returns XML that is not well-formed', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    t.server.faults.inject({ match: { operation: 'SendMessage' }, fault: { malformedBody: true } });
    const r = await t.send('q', 'x');
    expect(r.status).toBe(201);
    expect(() => xml(r.body)).toThrow();
    expect(t.server.admin.stats().messages).toBe(1);
  });

  it('delayMs delays the response (real time) and then executes normally', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    t.server.faults.inject({ match: { operation: 'GetQueueAttributes' }, fault: { delayMs: 50 } });
    const started = performance.now();
    const r = await t.get('/queues/q');
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('rejects invalid rules with a clear error', async () => {
    await using t = await openFixture(mode);
    expect(() => t.server.faults.inject({ fault: { status: 42, code: 'X' } })).toThrow(/status/);
    expect(() => t.server.faults.inject({ times: 0, fault: { reset: true } })).toThrow(/times/);
    expect(() => t.server.faults.inject({ fault: { failEntries: [16] } })).toThrow(/failEntries/);
  });
});

function rawRequest(
  endpoint: string,
  path: string,
): Promise<{ status?: number; error?: string; body?: string }> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'PUT' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
      res.on('error', (e: NodeJS.ErrnoException) =>
        resolve({ status: res.statusCode!, error: e.code ?? e.message }),
      );
      res.on('aborted', () => resolve({ status: res.statusCode!, error: 'aborted' }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end();
  });
}

describe('transport faults (socket)', () => {
  it('reset destroys the connection without executing; truncateBody cuts the response short', async () => {
    await using t = await openFixture('socket', { auth: false });
    t.server.faults.inject({ match: { operation: 'CreateQueue' }, fault: { reset: true } });
    const reset = await rawRequest(t.server.endpoint, '/queues/r1');
    expect(reset.error).toMatch(/ECONNRESET|socket hang up/);
    expect(t.server.admin.queues()).toHaveLength(0);
    t.server.faults.inject({ match: { operation: 'GetQueueAttributes' }, fault: { truncateBody: true } });
    await rawRequest(t.server.endpoint, '/queues/r2');
    const url = new URL(t.server.endpoint);
    const truncated = await new Promise<{ error?: string }>((resolve) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: '/queues/r2' }, (res) => {
        res.resume();
        res.on('end', () => resolve({}));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
        res.on('aborted', () => resolve({ error: 'aborted' }));
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
      req.end();
    });
    expect(truncated.error).toBeDefined();
    // The server is still healthy.
    expect((await rawRequest(t.server.endpoint, '/queues/r3')).status).toBe(201);
  });
});

describe('close()', () => {
  it('lets in-flight responses finish', async () => {
    await using t = await openFixture('socket');
    await t.createQueue('q');
    t.server.faults.inject({ match: { operation: 'GetQueueAttributes' }, fault: { delayMs: 300 } });
    const inFlight = t.get('/queues/q');
    await expect.poll(() => t.server.faults.appliedCount, { timeout: 10_000 }).toBe(1);
    await t.server.close();
    expect((await inFlight).status).toBe(200);
  });
});
