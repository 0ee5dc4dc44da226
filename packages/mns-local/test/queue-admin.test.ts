import { describe, expect, it } from 'vitest';
import { openFixture, T0 } from './helpers/fixture.js';
import { childNames, children, errorCode, MODES, text, xml } from './helpers/test-client.js';

const NS = 'http://mns.aliyuncs.com/doc/v1';

describe.each(MODES)('queue administration (%s)', (mode) => {
  it('every response carries the MNS headers; errors carry all four children in the no-slash namespace', async () => {
    await using t = await openFixture(mode);
    const r = await t.get('/queues/missing');
    expect(r.status).toBe(404);
    expect(r.headers['x-mns-request-id']).toMatch(/^[0-9A-F]{24}$/);
    expect(r.headers['x-mns-version']).toBe('2015-06-06');
    expect(r.headers.server).toBe('AliyunMQS');
    expect(r.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(r.body).toContain(`<Error xmlns="${NS}">`);
    const doc = xml(r.body);
    expect(doc.root).toBe('Error');
    expect(childNames(doc.node)).toEqual(['Code', 'HostId', 'Message', 'RequestId']);
    expect(text(doc.node, 'Code')).toBe('QueueNotExist');
    expect(text(doc.node, 'Message')).toBe('The queue name you provided is not exist.');
    expect(text(doc.node, 'RequestId')).toBe(r.headers['x-mns-request-id']);
    expect(text(doc.node, 'HostId')).toMatch(/^http:\/\//);
  });

  it('CreateQueue: 201 new, 204 identical (Location on both), 409 different', async () => {
    await using t = await openFixture(mode);
    const a = await t.createQueue('q1');
    expect(a.status).toBe(201);
    expect(a.body).toBe('');
    expect(a.headers.location).toBe(`${t.server.endpoint}/queues/q1`);
    const b = await t.createQueue('q1', '<Queue><VisibilityTimeout>30</VisibilityTimeout></Queue>');
    expect(b.status).toBe(204);
    expect(b.headers.location).toBe(`${t.server.endpoint}/queues/q1`);
    const c = await t.createQueue('q1', '<Queue><VisibilityTimeout>31</VisibilityTimeout></Queue>');
    expect(c.status).toBe(409);
    expect(errorCode(c.body)).toBe('QueueAlreadyExist');
  });

  it('QueueURL / Location follow the Host header (host-agnostic)', async () => {
    await using t = await openFixture(mode);
    const host = '1234567890123456.mns.cn-shanghai.aliyuncs.com';
    const r = await t.client.request({
      method: 'PUT',
      path: '/queues/hq',
      headers: { host },
      body: '<Queue/>',
    });
    expect(r.status).toBe(201);
    expect(r.headers.location).toBe(`http://${host}/queues/hq`);
    const list = await t.client.request({ method: 'GET', path: '/queues', headers: { host } });
    expect(text(children(xml(list.body).node, 'Queue')[0], 'QueueURL')).toBe(`http://${host}/queues/hq`);
  });

  it.each([
    ['bad_name', 'InvalidQueueName'],
    ['-leading', 'InvalidQueueName'],
    ['x'.repeat(121), 'QueueNameLengthError'],
  ])('rejects queue name %s with %s', async (name, code) => {
    await using t = await openFixture(mode);
    const r = await t.createQueue(name);
    expect(r.status).toBe(400);
    expect(errorCode(r.body)).toBe(code);
  });

  it.each([
    ['<Queue><VisibilityTimeout>0</VisibilityTimeout></Queue>', 'InvalidArgument'],
    ['<Queue><DelaySeconds>604801</DelaySeconds></Queue>', 'InvalidArgument'],
    ['<Queue><MaximumMessageSize>1023</MaximumMessageSize></Queue>', 'InvalidArgument'],
    ['<Queue><PollingWaitSeconds>31</PollingWaitSeconds></Queue>', 'InvalidArgument'],
    ['<Queue><MessageRetentionPeriod>abc</MessageRetentionPeriod></Queue>', 'InvalidArgument'],
    ['<Queue><LoggingEnabled>maybe</LoggingEnabled></Queue>', 'InvalidArgument'],
    ['<Queue><VisibilityTimeout>30</Queue>', 'MalformedXML'],
    ['not xml at all', 'MalformedXML'],
    ['<Topic/>', 'InvalidArgument'],
  ])('CreateQueue body %s → %s', async (body, code) => {
    await using t = await openFixture(mode);
    const r = await t.createQueue('q', body);
    expect(r.status).toBe(400);
    expect(errorCode(r.body)).toBe(code);
    expect((await t.get('/queues/q')).status).toBe(404);
  });

  it('accepts request bodies in either namespace, none, and prefixed/comment forms', async () => {
    await using t = await openFixture(mode);
    const bodies = [
      '<Queue xmlns="http://mns.aliyuncs.com/doc/v1"><DelaySeconds>1</DelaySeconds></Queue>',
      '<Queue><DelaySeconds xmlns="">1</DelaySeconds></Queue>',
      '<?xml version="1.0"?>\n<!-- c --><Queue>\n  <DelaySeconds>1</DelaySeconds>\n</Queue>',
      '<m:Queue xmlns:m="http://mns.aliyuncs.com/doc/v1/"><m:DelaySeconds>1</m:DelaySeconds></m:Queue>',
    ];
    for (const [i, body] of bodies.entries()) {
      const r = await t.createQueue(`ns${i}`, body);
      expect(r.status, body).toBe(201);
      expect(t.server.admin.queues().find((q) => q.name === `ns${i}`)?.delaySeconds).toBe(1);
    }
  });

  it('GetQueueAttributes: all twelve elements with live counters', async () => {
    await using t = await openFixture(mode);
    await t.createQueue(
      'q',
      '<Queue><VisibilityTimeout>50</VisibilityTimeout><LoggingEnabled>true</LoggingEnabled></Queue>',
    );
    await t.send('q', 'a');
    await t.send('q', 'b');
    await t.send('q', 'c', '<DelaySeconds>10</DelaySeconds>');
    await t.receiveHandle('q');
    const r = await t.get('/queues/q');
    expect(r.status).toBe(200);
    const doc = xml(r.body);
    expect(doc.root).toBe('Queue');
    expect(childNames(doc.node)).toEqual(
      [
        'ActiveMessages',
        'CreateTime',
        'DelayMessages',
        'DelaySeconds',
        'InactiveMessages',
        'LastModifyTime',
        'LoggingEnabled',
        'MaximumMessageSize',
        'MessageRetentionPeriod',
        'PollingWaitSeconds',
        'QueueName',
        'VisibilityTimeout',
      ].sort(),
    );
    expect(text(doc.node, 'QueueName')).toBe('q');
    expect(text(doc.node, 'CreateTime')).toBe(String(T0 / 1000));
    expect(text(doc.node, 'VisibilityTimeout')).toBe('50');
    expect(text(doc.node, 'LoggingEnabled')).toBe('True');
    expect(text(doc.node, 'ActiveMessages')).toBe('1');
    expect(text(doc.node, 'InactiveMessages')).toBe('1');
    expect(text(doc.node, 'DelayMessages')).toBe('1');
    await t.clock.advance(50_000);
    const after = xml((await t.get('/queues/q')).body).node;
    expect([
      text(after, 'ActiveMessages'),
      text(after, 'InactiveMessages'),
      text(after, 'DelayMessages'),
    ]).toEqual(['3', '0', '0']);
  });

  it('SetQueueAttributes changes only the given elements and LastModifyTime; 404 for a missing queue', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q', '<Queue><DelaySeconds>3</DelaySeconds></Queue>');
    await t.clock.advance(5000);
    const r = await t.put(
      '/queues/q?metaOverride=true',
      '<Queue><VisibilityTimeout>99</VisibilityTimeout></Queue>',
    );
    expect(r.status).toBe(204);
    const node = xml((await t.get('/queues/q')).body).node;
    expect(text(node, 'VisibilityTimeout')).toBe('99');
    expect(text(node, 'DelaySeconds')).toBe('3');
    expect(text(node, 'LastModifyTime')).toBe(String(T0 / 1000 + 5));
    const missing = await t.put(
      '/queues/nope?metaoverride=true',
      '<Queue><VisibilityTimeout>9</VisibilityTimeout></Queue>',
    );
    expect(missing.status).toBe(404);
    expect(errorCode(missing.body)).toBe('QueueNotExist');
    const bad = await t.put(
      '/queues/q?metaoverride=true',
      '<Queue><VisibilityTimeout>0</VisibilityTimeout></Queue>',
    );
    expect(errorCode(bad.body)).toBe('InvalidArgument');
  });

  it('DeleteQueue removes queue and messages; deleting a missing queue is 204', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    await t.send('q', 'x');
    expect((await t.del('/queues/q')).status).toBe(204);
    expect((await t.get('/queues/q')).status).toBe(404);
    expect(errorCode((await t.send('q', 'x')).body)).toBe('QueueNotExist');
    expect((await t.del('/queues/q')).status).toBe(204);
  });

  it('ListQueue pages with prefix, ret-number and marker; NextMarker only when more; with-meta', async () => {
    await using t = await openFixture(mode);
    for (const n of ['b-2', 'a-1', 'b-1', 'b-3', 'c-1']) await t.createQueue(n);
    const urls = (body: string) => children(xml(body).node, 'Queue').map((q) => text(q, 'QueueURL'));
    const all = await t.get('/queues');
    expect(xml(all.body).root).toBe('Queues');
    expect(urls(all.body)).toEqual(
      ['a-1', 'b-1', 'b-2', 'b-3', 'c-1'].map((n) => `${t.server.endpoint}/queues/${n}`),
    );
    expect(all.body).not.toContain('NextMarker');
    const p1 = await t.get('/queues', { 'x-mns-prefix': 'b-', 'x-mns-ret-number': '2' });
    expect(urls(p1.body)).toEqual([`${t.server.endpoint}/queues/b-1`, `${t.server.endpoint}/queues/b-2`]);
    const marker = text(xml(p1.body).node, 'NextMarker');
    expect(marker).toMatch(/^[A-Za-z0-9_-]+$/);
    const p2 = await t.get('/queues', {
      'x-mns-prefix': 'b-',
      'x-mns-ret-number': '2',
      'x-mns-marker': marker!,
    });
    expect(urls(p2.body)).toEqual([`${t.server.endpoint}/queues/b-3`]);
    expect(p2.body).not.toContain('NextMarker');
    const meta = await t.get('/queues', { 'x-mns-with-meta': 'true', 'x-mns-prefix': 'c' });
    const q = children(xml(meta.body).node, 'Queue')[0];
    expect(childNames(q!)).toHaveLength(13);
    expect(text(q, 'QueueName')).toBe('c-1');
    const bad = await t.get('/queues', { 'x-mns-ret-number': '1001' });
    expect(errorCode(bad.body)).toBe('InvalidArgument');
    const empty = await t.get('/queues', { 'x-mns-prefix': 'zzz' });
    expect(empty.status).toBe(200);
    expect(children(xml(empty.body).node, 'Queue')).toHaveLength(0);
  });

  it.each([
    ['GET', '/'],
    ['GET', '/topics/t1'],
    ['POST', '/queues'],
    ['GET', '/queues/q/subscriptions'],
    ['GET', '/queues/q/messages/extra'],
    ['PATCH', '/queues/q'],
    ['GET', '/?accountmeta=true'],
  ])('%s %s → InvalidRequestURL', async (method, path) => {
    await using t = await openFixture(mode);
    const r = await t.client.request({ method, path });
    expect(r.status).toBe(400);
    expect(errorCode(r.body)).toBe('InvalidRequestURL');
    expect(r.headers['content-type']).toBe('text/xml;charset=utf-8');
  });
});

describe.each(MODES)('read-only admin documents (%s)', (mode) => {
  it('GET /__mns-local/stats and /__mns-local/queues return JSON outside the MNS path space', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    await t.send('q', 'x');
    const stats = await t.client.request({ method: 'GET', path: '/__mns-local/stats', sign: false });
    expect(stats.status).toBe(200);
    expect(stats.headers['content-type']).toBe('application/json');
    expect(JSON.parse(stats.body)).toMatchObject({ queues: 1, messages: 1, waitingReceives: 0 });
    const queues = JSON.parse(
      (await t.client.request({ method: 'GET', path: '/__mns-local/queues', sign: false })).body,
    );
    expect(queues).toMatchObject([{ name: 'q', activeMessages: 1 }]);
    const missing = await t.client.request({ method: 'GET', path: '/__mns-local/secrets', sign: false });
    expect(missing.status).toBe(404);
    expect(missing.body).not.toContain(t.server.accessKeySecret);
  });
});
