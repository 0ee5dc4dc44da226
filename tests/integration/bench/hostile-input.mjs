// Measures how mns-local and MnsClient cope with hostile input and hostile servers (issue #17), on the built
// packages: `pnpm run build && node tests/integration/bench/hostile-input.mjs`. Every case is bounded in time
// (small sizes for the super-linear ones, which are extrapolated; an abort after a few seconds for the ones that
// would never end), so the script finishes within about a minute both before and after the fixes.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMnsLocal } from '@vodmns/mns-local';
import { MnsClient } from '@vodmns/mns-transport';

const results = [];
function report(name, value) {
  results.push({ case: name, ...value });
  console.log(name.padEnd(44), JSON.stringify(value));
}
function cpuMs(fn) {
  const start = process.cpuUsage();
  return Promise.resolve(fn()).then((out) => {
    const d = process.cpuUsage(start);
    return { ms: Math.round((d.user + d.system) / 100) / 10, out };
  });
}

const server = await startMnsLocal({ auth: false, headersTimeoutMs: 1000, requestTimeoutMs: 2000 });
server.admin.createQueue('q');
const post = (body) =>
  server.handle({ method: 'POST', url: '/queues/q/messages', headers: { host: 'x' }, body });

// 1. ReDoS of the root-element regex: doubling per extra `<!---->`.
for (const k of [20, 22, 24]) {
  const { ms, out } = await cpuMs(() => post(`${'<!---->'.repeat(k)}!`));
  report(`1 root regex, <!---->x${k}+!`, { cpuMs: ms, status: out.status, code: out.errorCode });
}
// 2. comment stripping: `<Message>` + `<!--` × n.
for (const n of [4096, 8192, 16384]) {
  const { ms, out } = await cpuMs(() => post(`<Message>${'<!--'.repeat(n)}`));
  report(`2 <Message> + <!-- x${n} (${n * 4} B)`, { cpuMs: ms, status: out.status, code: out.errorCode });
}
for (const n of [4096, 16384, 65536]) {
  const { ms, out } = await cpuMs(() => post(`<Message><MessageBody>${'<![CDATA['.repeat(n)}`));
  report(`2 CDATA-open flood x${n} (${n * 9} B)`, { cpuMs: ms, status: out.status, code: out.errorCode });
}
// 5. character references to non-characters.
for (const ref of ['&#xD800;', '&#x110000;', '&#99999999999999999999;', '&#0;', '&#xFFFE;']) {
  const out = await post(`<Message><MessageBody>a${ref}b</MessageBody></Message>`);
  report(`5 char ref ${ref}`, { status: out.status, code: out.errorCode });
}

// 3. silent connections: 50 sockets that send nothing; how many are open after 3 s (headersTimeoutMs 1000)?
{
  const sockets = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const s = connect(server.port, '127.0.0.1');
      await once(s, 'connect');
      s.on('error', () => {});
      return s;
    }),
  );
  await new Promise((r) => setTimeout(r, 3000));
  const open = sockets.filter((s) => !s.destroyed && s.readyState === 'open' && !s.readableEnded).length;
  report('3 silent connections open after 3 s', { open, of: sockets.length });
  for (const s of sockets) s.destroy();
}

// 6. 2,500 small headers, Authorization last.
{
  await server.close();
  const authed = await startMnsLocal({});
  const s = connect(authed.port, '127.0.0.1');
  await once(s, 'connect');
  let head = 'GET /queues/q HTTP/1.1\r\nHost: x\r\nDate: ' + new Date().toUTCString() + '\r\n';
  for (let i = 0; i < 2500; i++) head += 'a:b\r\n';
  head += 'Authorization: MNS LTAI-mns-local:AAAA\r\nConnection: close\r\n\r\n';
  s.write(head);
  let text = '';
  s.on('data', (d) => {
    text += d;
  });
  await Promise.race([once(s, 'close'), new Promise((r) => setTimeout(r, 3000))]);
  s.destroy();
  report('6 2500 headers + Authorization', {
    status: Number(text.slice(9, 12)) || 0,
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1],
  });
  await authed.close();
}

// 4. two servers on one data dir.
{
  const dir = mkdtempSync(join(tmpdir(), 'mns-local-lock-'));
  const a = await startMnsLocal({ dataDir: dir });
  const b = await startMnsLocal({ dataDir: dir }).then(
    (s) => s,
    (e) => e,
  );
  report('4 second server on the same --data-dir', {
    started: !(b instanceof Error),
    error: b instanceof Error ? b.message.slice(0, 120) : undefined,
  });
  if (!(b instanceof Error)) await b.close();
  await a.close();
  rmSync(dir, { recursive: true, force: true });
}

// Hostile servers for the client.
async function hostile(handler) {
  const s = createServer(handler);
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return { s, endpoint: `http://127.0.0.1:${s.address().port}` };
}
function client(endpoint, extra = {}) {
  return new MnsClient({
    endpoint,
    credentials: { accessKeyId: 'k', accessKeySecret: 's' },
    retry: { maxAttempts: 1 },
    ...extra,
  });
}
async function settleWithin(promise, ms) {
  const signal = AbortSignal.timeout(ms);
  return Promise.race([
    promise.then(
      (v) => ({ settled: 'resolved', value: v }),
      (e) => ({
        settled: 'rejected',
        code: e.code,
        message: String(e.message).slice(0, 160),
        length: e.message.length,
      }),
    ),
    once(signal, 'abort').then(() => ({ settled: false })),
  ]);
}

// 7. endless chunked body: bytes taken in 1.5 s, settled?
{
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const h = await hostile((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    const pump = () => {
      while (!res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) break;
      }
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  const c = client(h.endpoint, { timeoutMs: 10_000 });
  const heapBefore = process.memoryUsage().rss;
  const controller = new AbortController();
  const out = await settleWithin(c.getQueueAttributes({ queueName: 'q', signal: controller.signal }), 1500);
  const rssGrowthMiB = Math.round((process.memoryUsage().rss - heapBefore) / 2 ** 20);
  controller.abort();
  report('7 endless body, 1.5 s', { ...out, bytesSentMiB: Math.round(sent / 2 ** 20), rssGrowthMiB });
  await c.close().catch(() => {});
  h.s.closeAllConnections();
  h.s.close();
}
// 8. dribbled body: 1 byte every 200 ms, timeoutMs 1000 — settled within 4 s?
for (const op of ['getQueueAttributes', 'receiveMessage']) {
  const h = await hostile((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 200);
    res.on('close', () => clearInterval(t));
  });
  const c = client(h.endpoint, { timeoutMs: 1000, longPollSlackMs: 5000 });
  const controller = new AbortController();
  const call =
    op === 'receiveMessage'
      ? c.receiveMessage({ queueName: 'q', waitSeconds: 0, signal: controller.signal })
      : c.getQueueAttributes({ queueName: 'q', signal: controller.signal });
  const out = await settleWithin(call, op === 'receiveMessage' ? 8000 : 4000);
  controller.abort();
  report(`8 dribbled body, ${op}`, out);
  await c.close().catch(() => {});
  h.s.closeAllConnections();
  h.s.close();
}
// 9. a 5 MB <Message> in an error document.
{
  const big = 'x'.repeat(5 * 2 ** 20);
  const body = `<?xml version="1.0"?><Error><Code>QueueNotExist</Code><Message>${big}</Message><RequestId>R</RequestId></Error>`;
  const h = await hostile((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  const c = client(h.endpoint);
  const out = await settleWithin(c.getQueueAttributes({ queueName: 'q' }), 5000);
  report('9 5 MiB error <Message>', { settled: out.settled, code: out.code, messageLength: out.length });
  await c.close();
  h.s.closeAllConnections();
  h.s.close();
}
// 10. receive 16, get 16,000 messages.
{
  const one =
    '<Message><MessageId>M</MessageId><ReceiptHandle>H</ReceiptHandle><MessageBodyMD5>0CC175B9C0F1B6A831C399E269772661</MessageBodyMD5>' +
    '<MessageBody>a</MessageBody><EnqueueTime>1</EnqueueTime><NextVisibleTime>2</NextVisibleTime><FirstDequeueTime>1</FirstDequeueTime><DequeueCount>1</DequeueCount><Priority>8</Priority></Message>';
  const body = `<?xml version="1.0"?><Messages>${one.repeat(16_000)}</Messages>`;
  const h = await hostile((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  const c = client(h.endpoint);
  const out = await settleWithin(
    c.batchReceiveMessage({ queueName: 'q', numOfMessages: 16, waitSeconds: 0 }),
    5000,
  );
  report('10 receive 16, server sends 16000', {
    settled: out.settled,
    received: out.value?.length,
    code: out.code,
    bodyMiB: Math.round((body.length / 2 ** 20) * 10) / 10,
  });
  await c.close();
  h.s.closeAllConnections();
  h.s.close();
}
