// mns-local benchmark: end-to-end throughput (batch send + batch receive + batch delete, 16 per batch),
// long-poll wake latency, memory per stored message. Usage: node --expose-gc bench/run.mjs [--seconds 5]
// The server runs in a child process (its own core); the client is a minimal signed node:http client.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { authorizationV1 } from '@vodmns/mns-transport/signing';
import { startMnsLocal } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8' },
    wakes: { type: 'string', default: '300' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const WAKES = Number(values.wakes);

async function startChild() {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_PROF
        ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_SERVER_PROF]
        : []),
      fileURLToPath(new URL('./server-child.mjs', import.meta.url)),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  child.unref();
  const info = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const serverCpuMicros = () =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve(m.cpuMicros));
      child.send('cpu');
    });
  return { child, serverCpuMicros, ...info };
}

function client(info) {
  const url = new URL(info.endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return (method, path, body, extraHeaders = {}) =>
    new Promise((resolve, reject) => {
      const headers = { date: new Date().toUTCString(), 'x-mns-version': '2015-06-06', ...extraHeaders };
      if (body !== undefined) {
        headers['content-type'] = 'text/xml;charset=UTF-8';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      headers.authorization = authorizationV1({ method, resource: path, headers }, info);
      const req = request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function throughput(call, serverCpuMicros) {
  await call('PUT', '/queues/bench', '<Queue><VisibilityTimeout>60</VisibilityTimeout></Queue>');
  const batchBody = `<?xml version="1.0" encoding="UTF-8"?><Messages xmlns="http://mns.aliyuncs.com/doc/v1/">${Array.from(
    { length: 16 },
    (_, i) =>
      `<Message><MessageBody>{"EventType":"FileUploadComplete","VideoId":"v-${i}","Status":"success"}</MessageBody></Message>`,
  ).join('')}</Messages>`;
  let done = 0;
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const sent = await call('POST', '/queues/bench/messages', batchBody);
      if (sent.status !== 201) errors++;
      const got = await call('GET', '/queues/bench/messages?numOfMessages=16&waitseconds=1');
      if (got.status !== 200) {
        errors++;
        continue;
      }
      const handles = [...got.body.matchAll(/<ReceiptHandle>([^<]+)<\/ReceiptHandle>/g)].map((m) => m[1]);
      const del = await call(
        'DELETE',
        '/queues/bench/messages',
        `<ReceiptHandles xmlns="http://mns.aliyuncs.com/doc/v1/">${handles.map((h) => `<ReceiptHandle>${h}</ReceiptHandle>`).join('')}</ReceiptHandles>`,
      );
      if (del.status !== 204) errors++;
      done += handles.length;
    }
  };
  const serverCpuBefore = await serverCpuMicros();
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = (await serverCpuMicros()) - serverCpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  return {
    messagesPerSecond: Math.round(done / seconds),
    messages: done,
    seconds: Number(seconds.toFixed(2)),
    errors,
    // CPU per message (3 requests per 16 messages): less sensitive to other load on the machine.
    serverCpuMicrosPerMessage: Number((serverCpu / done).toFixed(1)),
    clientCpuMicrosPerMessage: Number(((clientCpu.user + clientCpu.system) / done).toFixed(1)),
  };
}

async function wakeLatency(call) {
  await call('PUT', '/queues/wake', '<Queue/>');
  const fromSendStart = [];
  const fromSendAck = [];
  for (let i = 0; i < WAKES; i++) {
    let gotAt = 0;
    const waiting = call('GET', '/queues/wake/messages?waitseconds=5').then((r) => {
      gotAt = performance.now();
      if (r.status !== 200) throw new Error(`wake receive failed: ${r.status}`);
      return r;
    });
    // Let the receive reach the server and park (it is held; nothing polls).
    await new Promise((resolve) => setTimeout(resolve, 3));
    const sendStart = performance.now();
    await call('POST', '/queues/wake/messages', '<Message><MessageBody>wake</MessageBody></Message>');
    const sendAck = performance.now();
    const r = await waiting;
    fromSendStart.push(gotAt - sendStart);
    fromSendAck.push(Math.max(0, gotAt - sendAck));
    const handle = /<ReceiptHandle>([^<]+)</.exec(r.body)[1];
    await call('DELETE', `/queues/wake/messages?ReceiptHandle=${handle}`);
  }
  fromSendStart.sort((a, b) => a - b);
  fromSendAck.sort((a, b) => a - b);
  const f = (x) => Number(x.toFixed(3));
  return {
    samples: WAKES,
    sendStartToReceiverMs: { p50: f(percentile(fromSendStart, 50)), p99: f(percentile(fromSendStart, 99)) },
    sendAckToReceiverMs: { p50: f(percentile(fromSendAck, 50)), p99: f(percentile(fromSendAck, 99)) },
  };
}

async function memoryPerMessage() {
  if (typeof globalThis.gc !== 'function') return { skipped: 'run with node --expose-gc' };
  const server = await startMnsLocal({ auth: false });
  server.admin.createQueue('mem');
  const N = 100_000;
  const body = '{"EventType":"FileUploadComplete","VideoId":"0123456789abcdef0123456789abcdef"}';
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < N; i += 16) {
    for (let j = 0; j < 16 && i + j < N; j++) server.admin.sendMessage('mem', `${body}${i + j}`);
  }
  globalThis.gc();
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  const stored = server.admin.stats().messages;
  // Receive a batch from 100k stored messages: O(log n).
  const t = performance.now();
  const handles = [];
  for (let k = 0; k < 1000; k++) {
    const r = await server.handle({
      method: 'GET',
      url: '/queues/mem/messages?numOfMessages=16',
      headers: {},
    });
    handles.push(r.status);
  }
  const receiveMs = (performance.now() - t) / 1000;
  await server.close();
  return {
    messages: stored,
    bodyBytes: body.length + 5,
    heapBytesPerMessage: Math.round((after - before) / stored),
    batchReceiveOf16At100kMs: Number(receiveMs.toFixed(3)),
  };
}

const info = await startChild();
try {
  const call = client(info);
  // Warm-up.
  await call('PUT', '/queues/warm', '<Queue/>');
  for (let i = 0; i < 200; i++) await call('GET', '/queues/warm');
  const tp = await throughput(call, info.serverCpuMicros);
  const wake = await wakeLatency(call);
  const mem = await memoryPerMessage();
  const os = await import('node:os');
  const result = {
    node: process.version,
    cpus: os.cpus().length,
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
    concurrency: CONCURRENCY,
    throughput: tp,
    wake,
    memory: mem,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  info.child.kill('SIGTERM');
}
