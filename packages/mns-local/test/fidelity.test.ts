// The live-service limits mns-local can switch on (docs/mns-protocol.md §13):
// the long-poll cap per queue, TPS limits (429 after a hold), stale handles after ChangeMessageVisibility,
// the response Content-Type.
import { describe, expect, it } from 'vitest';
import { resolveMnsLocalOptions } from '../src/index.js';
import { openFixture } from './helpers/fixture.js';
import { errorCode, MODES, text, xml } from './helpers/test-client.js';

const waiting = (t: { server: { admin: { stats(): { waitingReceives: number } } } }, n: number) =>
  expect.poll(() => t.server.admin.stats().waitingReceives, { timeout: 10_000, interval: 5 }).toBe(n);

describe.each(MODES)('fidelity switches (%s)', (mode) => {
  it('maxLongPollsPerQueue: a long poll beyond the cap is answered at once with MessageNotExist', async () => {
    await using t = await openFixture(mode, { maxLongPollsPerQueue: 2 });
    await t.createQueue('q', '<Queue><VisibilityTimeout>60</VisibilityTimeout></Queue>');
    await t.createQueue('other');
    const held = [t.receive('q', '?waitseconds=30'), t.receive('q', '?waitseconds=30')];
    await waiting(t, 2);
    // The third is not held: answered without the clock moving.
    const over = await t.receive('q', '?waitseconds=30');
    expect([over.status, errorCode(over.body)]).toEqual([404, 'MessageNotExist']);
    expect(t.server.admin.stats()).toMatchObject({ waitingReceives: 2, cappedReceives: 1 });
    // The cap is per queue: another queue still holds a poll; a receive without wait is not a long poll.
    const elsewhere = t.receive('other', '?waitseconds=30');
    await waiting(t, 3);
    const noWait = await t.receive('q', '?waitseconds=0');
    expect(errorCode(noWait.body)).toBe('MessageNotExist');
    expect(t.server.admin.stats().cappedReceives).toBe(1);
    // A message goes to the oldest held poll; then a slot is free again.
    await t.send('q', 'one');
    expect(text(xml((await held[0]!).body).node, 'MessageBody')).toBe('one');
    await waiting(t, 2);
    const again = t.receive('q', '?waitseconds=30');
    await waiting(t, 3);
    await t.clock.advance(30_000);
    for (const r of [held[1]!, again, elsewhere]) {
      const done = await r;
      expect([done.status, done.body]).toEqual([404, expect.stringContaining('MessageNotExist')]);
    }
  });

  it('tpsLimit per queue: over the limit a request is held throttleHoldMs, then 429 TooManyRequests', async () => {
    await using t = await openFixture(mode, { tpsLimit: 3, throttleHoldMs: 500 });
    await t.createQueue('q');
    // CreateQueue took one token of q's bucket (3 per second, full at start).
    for (let i = 0; i < 2; i++) expect((await t.send('q', `m${i}`)).status).toBe(201);
    let settled = false;
    const throttled = t.send('q', 'over').then((r) => {
      settled = true;
      return r;
    });
    await expect.poll(() => t.server.admin.stats().throttled, { timeout: 10_000, interval: 5 }).toBe(1);
    await t.clock.advance(499);
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    await t.clock.advance(1);
    const r = await throttled;
    expect([r.status, errorCode(r.body)]).toEqual([429, 'TooManyRequests']);
    expect(text(xml(r.body).node, 'Message')).toBe(
      'The request is denied by cluster flow limiter for too many requests.',
    );
    // Nothing was stored by the throttled request; other queues have their own bucket.
    expect(t.server.admin.peek('q').map((m) => m.body)).toEqual(['m0', 'm1']);
    await t.createQueue('p');
    expect((await t.send('p', 'x')).status).toBe(201);
    // The bucket refills continuously: 1/3 s later one more request fits.
    await t.clock.advance(334);
    expect((await t.send('q', 'later')).status).toBe(201);
  });

  it('close() answers requests held by the throttle at once (no wait for the clock)', async () => {
    const t = await openFixture(mode, { throttleHoldMs: 60_000 });
    await t.createQueue('q');
    t.server.faults.inject({ fault: { throttle: true } });
    const held = t.send('q', 'x').catch((error: unknown) => error);
    await expect.poll(() => t.server.admin.stats().throttled, { timeout: 10_000, interval: 5 }).toBe(1);
    await t[Symbol.asyncDispose]();
    const r = await held;
    // In-process the 429 arrives; over a socket the draining server may close the connection instead.
    if (mode === 'in-process') expect(errorCode((r as { body: string }).body)).toBe('TooManyRequests');
    expect(t.server.admin.stats().throttled).toBe(1);
  });

  it('tpsLimit per account covers every queue', async () => {
    await using t = await openFixture(mode, { tpsLimit: { perAccount: 2 }, throttleHoldMs: 0 });
    await t.createQueue('a');
    await t.createQueue('b');
    const r = await t.send('a', 'x');
    expect([r.status, errorCode(r.body)]).toEqual([429, 'TooManyRequests']);
    await t.clock.advance(1000);
    expect((await t.send('b', 'y')).status).toBe(201);
  });

  it('the throttle fault rule holds and answers 429 for matching requests only', async () => {
    await using t = await openFixture(mode, { throttleHoldMs: 200 });
    await t.createQueue('q');
    const rule = t.server.faults.inject({ match: { operation: 'SendMessage' }, fault: { throttle: true } });
    const pending = t.send('q', 'x');
    await expect.poll(() => t.server.admin.stats().throttled, { timeout: 10_000, interval: 5 }).toBe(1);
    await t.clock.advance(200);
    expect(errorCode((await pending).body)).toBe('TooManyRequests');
    expect(rule.applied).toBe(1);
    expect(t.server.faults.appliedByKind).toMatchObject({ throttle: 1 });
    expect((await t.send('q', 'y')).status).toBe(201);
  });

  it.each([
    ['accept', 204, undefined],
    ['reject', 404, 'MessageNotExist'],
  ] as const)(
    'staleHandleAfterVisibilityChange %s: delete with the pre-change handle',
    async (setting, status, code) => {
      await using t = await openFixture(mode, { staleHandleAfterVisibilityChange: setting });
      await t.createQueue('q', '<Queue><VisibilityTimeout>30</VisibilityTimeout></Queue>');
      await t.send('q', 'x');
      const old = await t.receiveHandle('q');
      const changed = await t.put(
        `/queues/q/messages?receiptHandle=${encodeURIComponent(old)}&visibilityTimeout=60`,
      );
      expect(changed.status).toBe(200);
      const del = await t.del(`/queues/q/messages?ReceiptHandle=${encodeURIComponent(old)}`);
      expect([del.status, del.body === '' ? undefined : errorCode(del.body)]).toEqual([status, code]);
      expect(t.server.admin.peek('q')).toHaveLength(setting === 'accept' ? 0 : 1);
    },
  );

  it('accept mode: a superseded handle dies when the message becomes visible again or is received again', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q', '<Queue><VisibilityTimeout>30</VisibilityTimeout></Queue>');
    await t.send('q', 'x');
    const old = await t.receiveHandle('q');
    await t.put(`/queues/q/messages?receiptHandle=${encodeURIComponent(old)}&visibilityTimeout=10`);
    await t.clock.advance(10_000);
    const fresh = await t.receiveHandle('q');
    const del = await t.del(`/queues/q/messages?ReceiptHandle=${encodeURIComponent(old)}`);
    expect(errorCode(del.body)).toBe('MessageNotExist');
    expect((await t.del(`/queues/q/messages?ReceiptHandle=${encodeURIComponent(fresh)}`)).status).toBe(204);
  });

  it.each(['text/xml', 'application/xml'] as const)('responseContentType %s', async (type) => {
    await using t = await openFixture(mode, { responseContentType: type });
    const created = await t.createQueue('q');
    expect(created.status).toBe(201);
    const r = await t.get('/queues/q');
    expect(r.headers['content-type']).toBe(`${type};charset=utf-8`);
    const missing = await t.get('/queues/nope');
    expect(missing.headers['content-type']).toBe(`${type};charset=utf-8`);
  });
});

describe('fidelity options are validated', () => {
  it.each([
    [{ maxLongPollsPerQueue: 0 }, /maxLongPollsPerQueue must be an integer from 1 to 100000; got 0/],
    [{ tpsLimit: 1.5 }, /tpsLimit must be an integer from 1 to 1000000; got 1.5/],
    [{ tpsLimit: { perAccount: -1 } }, /tpsLimit.perAccount must be an integer/],
    [{ tpsLimit: 'fast' as unknown as number }, /tpsLimit must be a number or \{ perQueue, perAccount \}/],
    [{ throttleHoldMs: 60_001 }, /throttleHoldMs must be an integer from 0 to 60000/],
    [
      { staleHandleAfterVisibilityChange: 'maybe' as 'accept' },
      /staleHandleAfterVisibilityChange must be 'accept' or 'reject'; got 'maybe'/,
    ],
    [{ responseContentType: 'text/html' as 'text/xml' }, /responseContentType must be 'text\/xml' or/],
  ])('%o', (options, message) => {
    expect(() => resolveMnsLocalOptions(options)).toThrow(message);
  });

  it('defaults: no cap, no limit, 500 ms hold, accept, text/xml', () => {
    expect(resolveMnsLocalOptions({})).toMatchObject({
      maxLongPollsPerQueue: undefined,
      tpsLimit: { perQueue: undefined, perAccount: undefined },
      throttleHoldMs: 500,
      staleHandleAfterVisibilityChange: 'accept',
      responseContentType: 'text/xml;charset=utf-8',
    });
  });
});
