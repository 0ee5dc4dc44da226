import { request as httpRequest } from 'node:http';
import { authorizationV1 } from '@vodmns/mns-transport/signing';
import { describe, expect, it } from 'vitest';
import { openFixture } from './helpers/fixture.js';
import { children, errorCode, MODES, text, xml } from './helpers/test-client.js';

const waiting = (t: { server: { admin: { stats(): { waitingReceives: number } } } }, n: number) =>
  expect.poll(() => t.server.admin.stats().waitingReceives, { timeout: 10_000, interval: 5 }).toBe(n);

describe.each(MODES)('long polling (%s)', (mode) => {
  it('a held receive is answered as soon as a message is sent', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    const pending = t.receive('q', '?waitseconds=30');
    await waiting(t, 1);
    await t.send('q', 'wake');
    const r = await pending;
    expect(r.status).toBe(200);
    expect(text(xml(r.body).node, 'MessageBody')).toBe('wake');
    expect(t.server.admin.stats().waitingReceives).toBe(0);
  });

  it('the wait ends with MessageNotExist exactly at the deadline (manual clock), capped at 30 s', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q', '<Queue><PollingWaitSeconds>30</PollingWaitSeconds></Queue>');
    let settled = false;
    const pending = t.receive('q', '?waitseconds=5').then((r) => {
      settled = true;
      return r;
    });
    await waiting(t, 1);
    await t.clock.advance(4999);
    await Promise.resolve();
    expect(settled).toBe(false);
    await t.clock.advance(1);
    const r = await pending;
    expect([r.status, errorCode(r.body)]).toEqual([404, 'MessageNotExist']);
    // Without waitseconds the queue's PollingWaitSeconds applies.
    const byQueue = t.receive('q');
    await waiting(t, 1);
    await t.clock.advance(30_000);
    expect(errorCode((await byQueue).body)).toBe('MessageNotExist');
  });

  it('visibility expiry wakes a waiter (event-driven, no polling)', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q', '<Queue><VisibilityTimeout>10</VisibilityTimeout></Queue>');
    await t.send('q', 'again');
    await t.receiveHandle('q');
    const pending = t.receive('q', '?waitseconds=30');
    await waiting(t, 1);
    await t.clock.advance(10_000);
    const r = await pending;
    expect(text(xml(r.body).node, 'DequeueCount')).toBe('2');
  });

  it('delay expiry and a visibility change to an earlier time wake waiters', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q', '<Queue><VisibilityTimeout>1000</VisibilityTimeout></Queue>');
    await t.send('q', 'delayed', '<DelaySeconds>7</DelaySeconds>');
    const first = t.receive('q', '?waitseconds=30');
    await waiting(t, 1);
    await t.clock.advance(7000);
    const h = text(xml((await first).body).node, 'ReceiptHandle')!;
    const second = t.receive('q', '?waitseconds=30');
    await waiting(t, 1);
    await t.put(`/queues/q/messages?ReceiptHandle=${h}&VisibilityTimeout=2`);
    await t.clock.advance(2000);
    expect(text(xml((await second).body).node, 'MessageBody')).toBe('delayed');
  });

  it('many waiters are served FIFO, one batch each', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    const a = t.receive('q', '?waitseconds=30&numOfMessages=2');
    await waiting(t, 1);
    const b = t.receive('q', '?waitseconds=30');
    await waiting(t, 2);
    const c = t.receive('q', '?waitseconds=30');
    await waiting(t, 3);
    await t.client.request({
      method: 'POST',
      path: '/queues/q/messages',
      body: '<Messages><Message><MessageBody>1</MessageBody></Message><Message><MessageBody>2</MessageBody></Message><Message><MessageBody>3</MessageBody></Message></Messages>',
    });
    const ra = await a;
    expect(children(xml(ra.body).node, 'Message').map((m) => text(m, 'MessageBody'))).toEqual(['1', '2']);
    expect(text(xml((await b).body).node, 'MessageBody')).toBe('3');
    expect(t.server.admin.stats().waitingReceives).toBe(1);
    await t.send('q', '4');
    expect(text(xml((await c).body).node, 'MessageBody')).toBe('4');
  });

  it('deleting the queue ends held receives with QueueNotExist; closing the server with MessageNotExist', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    await t.createQueue('r');
    const pending = t.receive('q', '?waitseconds=30');
    await waiting(t, 1);
    await t.del('/queues/q');
    expect(errorCode((await pending).body)).toBe('QueueNotExist');
    const held = t.receive('r', '?waitseconds=30');
    await waiting(t, 1);
    await t.server.close();
    expect(errorCode((await held).body)).toBe('MessageNotExist');
  });
});

describe('long polling: disconnects', () => {
  it('in-process: an aborted receive is released and consumes nothing', async () => {
    await using t = await openFixture('in-process');
    await t.createQueue('q');
    const controller = new AbortController();
    const headers: Record<string, string> = {
      date: new Date(t.clock.now()).toUTCString(),
      'x-mns-version': '2015-06-06',
    };
    headers.authorization = authorizationV1(
      { method: 'GET', resource: '/queues/q/messages?waitseconds=30', headers },
      t.server,
    );
    const pending = t.server.handle({
      method: 'GET',
      url: '/queues/q/messages?waitseconds=30',
      headers,
      signal: controller.signal,
    });
    await waiting(t, 1);
    controller.abort();
    expect((await pending).status).toBe(404);
    expect(t.server.admin.stats().waitingReceives).toBe(0);
    await t.send('q', 'kept');
    expect(t.server.admin.peek('q')[0]).toMatchObject({ state: 'active', dequeueCount: 0 });
  });

  it('socket: a client that disconnects while held is released and consumes nothing', async () => {
    await using t = await openFixture('socket');
    await t.createQueue('q');
    const url = new URL(t.server.endpoint);
    const headers: Record<string, string> = {
      date: new Date(t.clock.now()).toUTCString(),
      'x-mns-version': '2015-06-06',
    };
    headers.authorization = authorizationV1(
      { method: 'GET', resource: '/queues/q/messages?waitseconds=30', headers },
      t.server,
    );
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path: '/queues/q/messages?waitseconds=30',
      headers,
    });
    const closed = new Promise<void>((resolve) => {
      req.on('error', () => resolve());
      req.on('close', () => resolve());
    });
    req.end();
    await waiting(t, 1);
    req.destroy();
    await closed;
    await waiting(t, 0);
    await t.send('q', 'kept');
    expect(t.server.admin.peek('q')[0]).toMatchObject({ state: 'active', dequeueCount: 0 });
    // A live waiter after the dead one still gets messages.
    const live = t.receive('q', '?waitseconds=30');
    expect(text(xml((await live).body).node, 'MessageBody')).toBe('kept');
  });
});
