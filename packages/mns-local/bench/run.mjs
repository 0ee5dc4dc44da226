// mns-local benchmark: end-to-end throughput (batch send + batch receive + batch delete, 16 per batch),
// long-poll wake latency, memory per stored message. Usage: node --expose-gc bench/run.mjs [--seconds 5]
// The server runs in a child process (its own core); the client is a minimal signed client on raw keep-alive
// sockets (no node:http client overhead), so the figures measure the server.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
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

async function startChild(args = []) {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_PROF
        ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_SERVER_PROF]
        : []),
      fileURLToPath(new URL('./server-child.mjs', import.meta.url)),
      ...args,
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

/**
 * A minimal signed MNS client on raw keep-alive sockets (HTTP/1.1, one request in flight per connection):
 * measures the server rather than node:http's client machinery. `pool` connections are shared round-robin
 * by callers; each call takes a free connection or waits for one.
 */
function client(info, pool = 16) {
  const url = new URL(info.endpoint);
  const host = url.host;
  const idle = [];
  const waiting = [];
  let opened = 0;
  const open = () =>
    new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.setNoDelay(true);
        resolve(conn);
      });
      socket.on('error', reject);
      const conn = { socket, buffer: Buffer.alloc(0), pending: undefined };
      socket.on('data', (chunk) => {
        conn.buffer = conn.buffer.length === 0 ? chunk : Buffer.concat([conn.buffer, chunk]);
        const end = conn.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = conn.buffer.subarray(0, end).toString('latin1');
        const m = /\r\ncontent-length: *(\d+)/i.exec(head);
        const length = m ? Number(m[1]) : 0;
        if (conn.buffer.length < end + 4 + length) return;
        const body = conn.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
        conn.buffer = conn.buffer.subarray(end + 4 + length);
        const done = conn.pending;
        conn.pending = undefined;
        release(conn);
        done({ status: Number(head.slice(9, 12)), body });
      });
    });
  const release = (conn) => {
    const next = waiting.shift();
    if (next) next(conn);
    else idle.push(conn);
  };
  const acquire = async () => {
    const conn = idle.pop();
    if (conn) return conn;
    if (opened < pool) {
      opened++;
      return open();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const call = async (method, path, body, extraHeaders = {}) => {
    const headers = { date: new Date().toUTCString(), 'x-mns-version': '2015-06-06', ...extraHeaders };
    const bytes = body === undefined ? undefined : Buffer.from(body, 'utf8');
    if (bytes !== undefined) headers['content-type'] = 'text/xml;charset=UTF-8';
    headers.authorization = authorizationV1({ method, resource: path, headers }, info);
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    head += `content-length: ${bytes === undefined ? 0 : bytes.length}\r\n\r\n`;
    const conn = await acquire();
    return new Promise((resolve) => {
      conn.pending = resolve;
      conn.socket.write(bytes === undefined ? head : Buffer.concat([Buffer.from(head, 'latin1'), bytes]));
    });
  };
  call.close = () => {
    for (const c of idle) c.socket.destroy();
  };
  return call;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function throughput(call, serverCpuMicros, createQueue) {
  if (createQueue)
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

/** Wake path without sockets: time from a send (admin) to the held in-process receive resolving. */
async function inProcessWake() {
  const server = await startMnsLocal({ auth: false });
  server.admin.createQueue('wake');
  const samples = [];
  for (let i = 0; i < WAKES; i++) {
    let sentAt = 0;
    const held = server.handle({ method: 'GET', url: '/queues/wake/messages?waitseconds=5', headers: {} });
    await new Promise((resolve) => setImmediate(resolve));
    if (server.admin.stats().waitingReceives !== 1) throw new Error('receive did not park');
    sentAt = performance.now();
    server.admin.sendMessage('wake', 'x');
    const r = await held;
    samples.push(performance.now() - sentAt);
    if (r.status !== 200) throw new Error(`in-process wake failed: ${r.status}`);
    server.admin.purge('wake');
  }
  await server.close();
  samples.sort((a, b) => a - b);
  const f = (x) => Number(x.toFixed(4));
  return {
    samples: WAKES,
    sendToReceiverMs: { p50: f(percentile(samples, 50)), p99: f(percentile(samples, 99)) },
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

// Baseline first: the same client loop against a trivial fixed-response node:http server, same moment, same
// machine load — the ceiling for any Node HTTP server here, so the mns-local figure can be read against it.
const trivial = await startChild(['--trivial']);
let baseline;
try {
  const call = client(trivial, CONCURRENCY + 2);
  baseline = await throughput(call, trivial.serverCpuMicros, false);
  call.close();
} finally {
  trivial.child.kill('SIGTERM');
}
const info = await startChild();
try {
  const call = client(info, CONCURRENCY + 2);
  // Warm-up.
  await call('PUT', '/queues/warm', '<Queue/>');
  for (let i = 0; i < 200; i++) await call('GET', '/queues/warm');
  const tp = await throughput(call, info.serverCpuMicros, true);
  const wake = { overLoopback: await wakeLatency(call), inProcess: await inProcessWake() };
  const mem = await memoryPerMessage();
  const os = await import('node:os');
  const result = {
    node: process.version,
    cpus: os.cpus().length,
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
    concurrency: CONCURRENCY,
    throughput: {
      ...tp,
      relativeToTrivialServer: Number((tp.messagesPerSecond / baseline.messagesPerSecond).toFixed(2)),
    },
    trivialServerBaseline: baseline,
    wake,
    memory: mem,
  };
  console.log(JSON.stringify(result, null, 2));
  call.close();
} finally {
  info.child.kill('SIGTERM');
}
