import { describe, expect, it } from 'vitest';
import { openFixture, T0 } from './helpers/fixture.js';
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

const RECEIVE_FIELDS = [
  'DequeueCount',
  'EnqueueTime',
  'FirstDequeueTime',
  'MessageBody',
  'MessageBodyMD5',
  'MessageId',
  'NextVisibleTime',
  'Priority',
  'ReceiptHandle',
];
const PEEK_FIELDS = [
  'DequeueCount',
  'EnqueueTime',
  'FirstDequeueTime',
  'MessageBody',
  'MessageBodyMD5',
  'MessageId',
  'Priority',
];

describe.each(MODES)('messages (%s)', (mode) => {
  it('send → 201 {MessageId, MessageBodyMD5}; receive → all nine elements; peek → seven; times in ms', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q', '<Queue><VisibilityTimeout>50</VisibilityTimeout></Queue>');
    const sent = await t.send('q', 'hello world');
    expect(sent.status).toBe(201);
    const s = xml(sent.body);
    expect(s.root).toBe('Message');
    expect(childNames(s.node)).toEqual(['MessageBodyMD5', 'MessageId']);
    expect(text(s.node, 'MessageId')).toMatch(/^[0-9A-F]{32}$/);
    expect(text(s.node, 'MessageBodyMD5')).toBe('5EB63BBBE01EEED093CB22BB8F5ACDC3');

    const peek = xml((await t.receive('q', '?peekonly=true')).body);
    expect(childNames(peek.node)).toEqual(PEEK_FIELDS);
    expect(text(peek.node, 'FirstDequeueTime')).toBe(String(T0));
    expect(text(peek.node, 'DequeueCount')).toBe('0');

    await t.clock.advance(1234);
    const r = await t.receive('q');
    expect(r.status).toBe(200);
    const m = xml(r.body);
    expect(m.root).toBe('Message');
    expect(childNames(m.node)).toEqual(RECEIVE_FIELDS);
    expect(text(m.node, 'MessageId')).toBe(text(s.node, 'MessageId'));
    expect(text(m.node, 'MessageBody')).toBe('hello world');
    expect(text(m.node, 'EnqueueTime')).toBe(String(T0));
    expect(text(m.node, 'FirstDequeueTime')).toBe(String(T0 + 1234));
    expect(text(m.node, 'NextVisibleTime')).toBe(String(T0 + 1234 + 50_000));
    expect(text(m.node, 'DequeueCount')).toBe('1');
    expect(text(m.node, 'Priority')).toBe('8');
    expect(text(m.node, 'ReceiptHandle')).toMatch(/^[A-Za-z0-9_-]+$/);
    // Not visible while inactive.
    expect(errorCode((await t.receive('q')).body)).toBe('MessageNotExist');
    expect(errorCode((await t.receive('q', '?peekonly=true')).body)).toBe('MessageNotExist');
  });

  it('bodies round-trip exactly: escaped markup, unicode, entities; MD5 over the unescaped text', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    const raw = `a<b>&"c"'d' 测试 😀 &#169;`;
    const escaped = 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos; 测试 😀 &amp;#169;';
    const sent = xml((await t.send('q', escaped)).body);
    const { createHash } = await import('node:crypto');
    expect(text(sent.node, 'MessageBodyMD5')).toBe(
      createHash('md5').update(raw, 'utf8').digest('hex').toUpperCase(),
    );
    expect(text(xml((await t.receive('q')).body).node, 'MessageBody')).toBe(raw);
  });

  it('a new receipt handle on every receive and visibility change; old ones → MessageNotExist (reject mode)', async () => {
    await using t = await openFixture(mode, { staleHandleAfterVisibilityChange: 'reject' });
    await t.createQueue('q', '<Queue><VisibilityTimeout>10</VisibilityTimeout></Queue>');
    await t.send('q', 'x');
    const h1 = await t.receiveHandle('q');
    await t.clock.advance(10_000);
    const r2 = xml((await t.receive('q')).body).node;
    const h2 = text(r2, 'ReceiptHandle')!;
    expect(h2).not.toBe(h1);
    expect(text(r2, 'DequeueCount')).toBe('2');
    expect(text(r2, 'FirstDequeueTime')).toBe(String(T0));
    expect(errorCode((await t.del(`/queues/q/messages?ReceiptHandle=${h1}`)).body)).toBe('MessageNotExist');
    // Lower-case parameter names (Node SDK) and the new timeout counting from the call.
    await t.clock.advance(3000);
    const cv = await t.put(`/queues/q/messages?receiptHandle=${h2}&visibilityTimeout=100`);
    expect(cv.status).toBe(200);
    const c = xml(cv.body);
    expect(c.root).toBe('ChangeVisibility');
    expect(childNames(c.node)).toEqual(['NextVisibleTime', 'ReceiptHandle']);
    expect(text(c.node, 'NextVisibleTime')).toBe(String(T0 + 13_000 + 100_000));
    const h3 = text(c.node, 'ReceiptHandle')!;
    expect(h3).not.toBe(h2);
    expect(errorCode((await t.put(`/queues/q/messages?ReceiptHandle=${h2}&VisibilityTimeout=5`)).body)).toBe(
      'MessageNotExist',
    );
    expect(errorCode((await t.del(`/queues/q/messages?ReceiptHandle=${h2}`)).body)).toBe('MessageNotExist');
    expect((await t.del(`/queues/q/messages?ReceiptHandle=${h3}`)).status).toBe(204);
    expect(t.server.admin.stats().messages).toBe(0);
  });

  it('a handle is valid only until NextVisibleTime even if nobody received the message again (docs/mns-protocol.md §7.3 #12)', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q', '<Queue><VisibilityTimeout>5</VisibilityTimeout></Queue>');
    await t.send('q', 'x');
    const h = await t.receiveHandle('q');
    await t.clock.advance(4999);
    const cv = xml((await t.put(`/queues/q/messages?ReceiptHandle=${h}&VisibilityTimeout=1`)).body).node;
    const h2 = text(cv, 'ReceiptHandle')!;
    await t.clock.advance(1000);
    expect(errorCode((await t.del(`/queues/q/messages?ReceiptHandle=${h2}`)).body)).toBe('MessageNotExist');
    expect(errorCode((await t.put(`/queues/q/messages?ReceiptHandle=${h2}&VisibilityTimeout=9`)).body)).toBe(
      'MessageNotExist',
    );
    expect(t.server.admin.peek('q')[0]?.state).toBe('active');
  });

  it('receipt-handle and visibility parameter errors', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    await t.send('q', 'x');
    const h = await t.receiveHandle('q');
    expect(errorCode((await t.del('/queues/q/messages?ReceiptHandle=not%20a%20handle')).body)).toBe(
      'ReceiptHandleError',
    );
    expect(errorCode((await t.del('/queues/q/messages?ReceiptHandle=')).body)).toBe('MissingReceiptHandle');
    expect(errorCode((await t.del('/queues/q/messages')).body)).toBe('MissingReceiptHandle');
    expect(errorCode((await t.put('/queues/q/messages?VisibilityTimeout=5')).body)).toBe(
      'MissingReceiptHandle',
    );
    expect(errorCode((await t.put(`/queues/q/messages?ReceiptHandle=${h}`)).body)).toBe(
      'MissingVisibilityTimeout',
    );
    expect(errorCode((await t.put(`/queues/q/messages?ReceiptHandle=${h}&VisibilityTimeout=0`)).body)).toBe(
      'InvalidArgument',
    );
    expect(
      errorCode((await t.put(`/queues/q/messages?ReceiptHandle=${h}&VisibilityTimeout=43201`)).body),
    ).toBe('InvalidArgument');
    expect(errorCode((await t.put(`/queues/q/messages?ReceiptHandle=${h}&VisibilityTimeout=x`)).body)).toBe(
      'InvalidArgument',
    );
    // Percent-decoding only; a percent-encoded valid handle still works.
    const encoded = h.replace(/-/g, '%2D');
    expect((await t.del(`/queues/q/messages?receipthandle=${encoded}`)).status).toBe(204);
    expect(errorCode((await t.del('/queues/q/messages?ReceiptHandle=%zz')).body)).toBe('InvalidQueryString');
    expect(errorCode((await t.del('/queues/nope/messages?ReceiptHandle=abc')).body)).toBe('QueueNotExist');
  });

  it('DelaySeconds: queue default and per message; counted as DelayMessages; send returns a handle', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q', '<Queue><DelaySeconds>20</DelaySeconds></Queue>');
    const a = xml((await t.send('q', 'queue-default')).body).node;
    expect(text(a, 'ReceiptHandle')).toMatch(/^[A-Za-z0-9_-]+$/);
    await t.send('q', 'own', '<DelaySeconds>5</DelaySeconds>');
    const now = xml((await t.send('q', 'now', '<DelaySeconds>0</DelaySeconds>')).body).node;
    expect(text(now, 'ReceiptHandle')).toBeUndefined();
    expect(t.server.admin.queues()[0]).toMatchObject({ activeMessages: 1, delayMessages: 2 });
    expect(text(xml((await t.receive('q')).body).node, 'MessageBody')).toBe('now');
    expect(errorCode((await t.receive('q')).body)).toBe('MessageNotExist');
    await t.clock.advance(5000);
    expect(text(xml((await t.receive('q')).body).node, 'MessageBody')).toBe('own');
    await t.clock.advance(15_000);
    const last = xml((await t.receive('q')).body).node;
    expect(text(last, 'MessageBody')).toBe('queue-default');
    expect(text(last, 'EnqueueTime')).toBe(String(T0));
    expect(errorCode((await t.send('q', 'x', '<DelaySeconds>604801</DelaySeconds>')).body)).toBe(
      'InvalidArgument',
    );
  });

  it('the send-time handle of a delayed message can release it early (ChangeMessageVisibility) or delete it', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    const h = text(
      xml((await t.send('q', 'tx', '<DelaySeconds>600</DelaySeconds>')).body).node,
      'ReceiptHandle',
    )!;
    expect((await t.put(`/queues/q/messages?ReceiptHandle=${h}&VisibilityTimeout=1`)).status).toBe(200);
    await t.clock.advance(1000);
    expect(text(xml((await t.receive('q')).body).node, 'MessageBody')).toBe('tx');
    const h2 = text(
      xml((await t.send('q', 'rollback', '<DelaySeconds>600</DelaySeconds>')).body).node,
      'ReceiptHandle',
    )!;
    expect((await t.del(`/queues/q/messages?ReceiptHandle=${h2}`)).status).toBe(204);
  });

  it('priority ordering: priority asc, then visible-since asc; absent Priority means 8, Priority 0 is rejected', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    await t.send('q', 'p8-first');
    await t.clock.advance(1);
    await t.send('q', 'p16', '<Priority>16</Priority>');
    await t.send('q', 'p1', '<Priority>1</Priority>');
    await t.clock.advance(1);
    await t.send('q', 'p8-second');
    await t.send('q', 'p2', '<Priority>2</Priority>');
    const r = await t.receive('q', '?numOfMessages=16');
    const bodies = children(xml(r.body).node, 'Message').map((m) => text(m, 'MessageBody'));
    expect(bodies).toEqual(['p1', 'p2', 'p8-first', 'p8-second', 'p16']);
    for (const p of ['0', '17']) {
      const rejected = await t.send('q', 'x', `<Priority>${p}</Priority>`);
      expect(errorCode(rejected.body)).toBe('InvalidArgument');
      expect(rejected.body).toContain('The value of Priority should between 1 and 16.');
    }
  });

  it('retention: messages disappear MessageRetentionPeriod after enqueue, whatever their state', async () => {
    await using t = await openFixture(mode);
    await t.createQueue(
      'q',
      '<Queue><MessageRetentionPeriod>60</MessageRetentionPeriod><VisibilityTimeout>100</VisibilityTimeout></Queue>',
    );
    await t.send('q', 'a');
    await t.send('q', 'b');
    const h = await t.receiveHandle('q');
    await t.clock.advance(59_999);
    expect(t.server.admin.stats().messages).toBe(2);
    await t.clock.advance(1);
    expect(errorCode((await t.receive('q')).body)).toBe('MessageNotExist');
    expect(errorCode((await t.del(`/queues/q/messages?ReceiptHandle=${h}`)).body)).toBe('MessageNotExist');
    expect(t.server.admin.queues()[0]).toMatchObject({ activeMessages: 0, inactiveMessages: 0 });
  });

  it('MaximumMessageSize is measured on the unescaped UTF-8 body', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q', '<Queue><MaximumMessageSize>1024</MaximumMessageSize></Queue>');
    expect((await t.send('q', `${'a'.repeat(1020)}${'&amp;'.repeat(4)}`)).status).toBe(201);
    expect((await t.send('q', 'é'.repeat(512))).status).toBe(201);
    const big = await t.send('q', 'é'.repeat(513));
    expect(big.status).toBe(400);
    expect(errorCode(big.body)).toBe('InvalidArgument');
    expect(errorCode((await t.send('q', '')).body)).toBe('InvalidArgument');
    const noBody = await t.client.request({
      method: 'POST',
      path: '/queues/q/messages',
      body: '<Message><Priority>1</Priority></Message>',
    });
    expect(errorCode(noBody.body)).toBe('InvalidArgument');
  });

  it('peek does not change state; batch peek returns up to N in delivery order', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    for (let i = 0; i < 5; i++) await t.send('q', `m${i}`);
    const before = t.server.admin.peek('q');
    const p = await t.receive('q', '?peekonly=true&numOfMessages=3');
    const list = children(xml(p.body).node, 'Message');
    expect(list.map((m) => text(m, 'MessageBody'))).toEqual(['m0', 'm1', 'm2']);
    for (const m of list) expect(childNames(m)).toEqual(PEEK_FIELDS);
    expect(t.server.admin.peek('q')).toEqual(before);
    const r = await t.receive('q', '?numOfMessages=16');
    expect(children(xml(r.body).node, 'Message')).toHaveLength(5);
  });

  it('receive parameter validation', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    for (const query of [
      '?numOfMessages=0',
      '?numOfMessages=17',
      '?numOfMessages=abc',
      '?waitseconds=31',
      '?waitseconds=-1',
    ]) {
      const r = await t.receive('q', query);
      expect([query, r.status, errorCode(r.body)]).toEqual([query, 400, 'InvalidArgument']);
    }
    expect(errorCode((await t.receive('nope')).body)).toBe('QueueNotExist');
  });

  it('BatchSendMessage: entries in order; partial failure → 500 with exactly {ErrorCode, ErrorMessage} entries', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q', '<Queue><MaximumMessageSize>1024</MaximumMessageSize></Queue>');
    const ok = await t.client.request({
      method: 'POST',
      path: '/queues/q/messages',
      body: batchSendBody(['a', 'b', 'c']),
    });
    expect(ok.status).toBe(201);
    const okDoc = xml(ok.body);
    expect(okDoc.root).toBe('Messages');
    for (const m of children(okDoc.node, 'Message'))
      expect(childNames(m)).toEqual(['MessageBodyMD5', 'MessageId']);
    const partial = await t.client.request({
      method: 'POST',
      path: '/queues/q/messages',
      body: batchSendBody(['d', 'x'.repeat(1025), 'f']),
    });
    expect(partial.status).toBe(500);
    expect(partial.headers['x-mns-request-id']).toMatch(/^[0-9A-F]{24}$/);
    const entries = children(xml(partial.body).node, 'Message');
    expect(entries.map(childNames)).toEqual([
      ['MessageBodyMD5', 'MessageId'],
      ['ErrorCode', 'ErrorMessage'],
      ['MessageBodyMD5', 'MessageId'],
    ]);
    expect(text(entries[1], 'ErrorCode')).toBe('InvalidArgument');
    expect(t.server.admin.peek('q').map((m) => m.body)).toEqual(['a', 'b', 'c', 'd', 'f']);
    const tooMany = await t.client.request({
      method: 'POST',
      path: '/queues/q/messages',
      body: batchSendBody(Array.from({ length: 17 }, () => 'z')),
    });
    expect([tooMany.status, errorCode(tooMany.body)]).toEqual([400, 'InvalidArgument']);
    const empty = await t.client.request({
      method: 'POST',
      path: '/queues/q/messages',
      body: '<Messages></Messages>',
    });
    expect(errorCode(empty.body)).toBe('InvalidArgument');
  });

  it('BatchDeleteMessage: 204 when all deleted; 404 <Errors> listing only failed handles, others deleted', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    await t.client.request({
      method: 'POST',
      path: '/queues/q/messages',
      body: batchSendBody(['a', 'b', 'c', 'd']),
    });
    const r = await t.receive('q', '?numOfMessages=4');
    const handles = children(xml(r.body).node, 'Message').map((m) => text(m, 'ReceiptHandle')!);
    expect((await t.del('/queues/q/messages', batchDeleteBody([handles[0]!]))).status).toBe(204);
    const partial = await t.del(
      '/queues/q/messages',
      batchDeleteBody([handles[0]!, handles[1]!, 'garbage!', handles[2]!]),
    );
    expect(partial.status).toBe(404);
    const doc = xml(partial.body);
    expect(doc.root).toBe('Errors');
    const errors = children(doc.node, 'Error');
    expect(errors.map(childNames)).toEqual([
      ['ErrorCode', 'ErrorMessage', 'ReceiptHandle'],
      ['ErrorCode', 'ErrorMessage', 'ReceiptHandle'],
    ]);
    expect(errors.map((e) => [text(e, 'ReceiptHandle'), text(e, 'ErrorCode')])).toEqual([
      [handles[0], 'MessageNotExist'],
      ['garbage!', 'ReceiptHandleError'],
    ]);
    expect(t.server.admin.peek('q').map((m) => m.body)).toEqual(['d']);
    expect(errorCode((await t.del('/queues/q/messages', '<ReceiptHandles></ReceiptHandles>')).body)).toBe(
      'InvalidArgument',
    );
    expect(
      errorCode(
        (await t.del('/queues/q/messages', '<ReceiptHandles><ReceiptHandle>x</ReceiptHandles>')).body,
      ),
    ).toBe('MalformedXML');
  });

  it('malformed request XML and invalid UTF-8 → MalformedXML; nothing stored', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    const bad = [
      '<Message><MessageBody>a & b</MessageBody></Message>',
      '<Message><MessageBody>a</MessageBody>',
      '<Message><MessageBody>a</Body></Message>',
      '<Message><MessageBody>\u0001</MessageBody></Message>',
      '<Message><MessageBody>&#0;</MessageBody></Message>',
      '<Message><MessageBody>ok</MessageBody></Message><Message/>',
    ];
    for (const body of bad) {
      const r = await t.client.request({ method: 'POST', path: '/queues/q/messages', body });
      expect([body, r.status, errorCode(r.body)]).toEqual([body, 400, 'MalformedXML']);
    }
    const invalidUtf8 = Buffer.concat([
      Buffer.from('<Message><MessageBody>'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('</MessageBody></Message>'),
    ]);
    const r = await t.client.request({ method: 'POST', path: '/queues/q/messages', body: invalidUtf8 });
    expect([r.status, errorCode(r.body)]).toEqual([400, 'MalformedXML']);
    expect(t.server.admin.stats().messages).toBe(0);
  });
});

describe.each(MODES)('message bodies with CR (%s)', (mode) => {
  it('a CR sent as &#13; comes back as a CR (escaped as &#13; on the wire)', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    await t.send('q', 'line1&#13;\nline2 "json"');
    const r = await t.receive('q');
    expect(r.body).toContain('<MessageBody>line1&#13;\nline2 "json"</MessageBody>');
    expect(text(xml(r.body).node, 'MessageBody')).toBe('line1\r\nline2 "json"');
  });
});
