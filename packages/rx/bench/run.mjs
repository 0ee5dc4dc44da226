// End-to-end benchmark of @vodmns/rx: events/s through consume (fromQueue → ackAfter(handler) → BatchDeleteMessage)
// against mns-local over loopback with the real transport (MnsClient), and the consumer's RSS while it works through
// a large backlog (must stay flat: bounded by maxInFlight / maxInFlightBytes, not by the backlog). The server runs in
// a child process (bench/mns-local-child.mjs) so that it does not share the consumer's core.
//
//   node packages/rx/bench/run.mjs [--events 20000] [--backlog 100000] [--runs 3] [--delete-keepalive]
//                                  [--receive-concurrency N]
//
// --receive-concurrency: the consumer's `receiveConcurrency` (most receives in flight under backlog, 1–16; the
// library default when omitted). 1 measures the single-receive-loop consumer.
// --delete-keepalive: give MnsClient an undici Pool that keeps the connection after a DELETE with a body (undici
// closes it by default: `reset` unless `reset: false`), to show what that costs.
// Needs the dist/ of rx, core, mns-local and mns-transport: `pnpm run build` first (the root `pnpm run bench` does).
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const dists = {
  rx: here('../dist/index.js'),
  coreTesting: here('../../core/dist/testing/index.js'),
  local: here('../../mns-local/dist/index.js'),
  transport: here('../../mns-transport/dist/index.js'),
};
for (const [name, path] of Object.entries(dists)) {
  if (!existsSync(path)) {
    console.error(`bench: ${path} is missing — build first (pnpm run build) [${name}]`);
    process.exit(1);
  }
}
const { consume } = await import(dists.rx);
const { InMemoryQueuePort } = await import(here('../dist/testing/index.js'));
const { createVodEvent } = await import(dists.coreTesting);
const { MnsClient } = await import(dists.transport);

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    backlog: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    'max-in-flight': { type: 'string', default: '256' },
    concurrency: { type: 'string', default: '64' },
    'delete-keepalive': { type: 'boolean', default: false },
    'no-dedupe': { type: 'boolean', default: false },
    'receive-concurrency': { type: 'string' },
  },
});
const EVENTS = Number(values.events);
const BACKLOG = Number(values.backlog);
const RUNS = Number(values.runs);
const MAX_IN_FLIGHT = Number(values['max-in-flight']);
const CONCURRENCY = Number(values.concurrency);
const RECEIVE =
  values['receive-concurrency'] === undefined
    ? {}
    : { receiveConcurrency: Number(values['receive-concurrency']) };

async function startServer() {
  const child = fork(here('./mns-local-child.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies = [];
  let waiting;
  child.on('message', (m) => {
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w(m);
    } else replies.push(m);
  });
  const next = () =>
    replies.length > 0 ? Promise.resolve(replies.shift()) : new Promise((r) => (waiting = r));
  const { ready } = await next();
  return {
    ...ready,
    async fill(queue, count) {
      child.send({ fill: { queue, count } });
      await next();
    },
    async total(queue) {
      child.send({ total: queue });
      return (await next()).total;
    },
    async close() {
      child.send({ close: true });
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function makeClient(server) {
  let dispatcher;
  if (values['delete-keepalive']) {
    const { Pool } = await import(here('../../mns-transport/node_modules/undici/index.js'));
    dispatcher = new Pool(server.endpoint, { connections: 16, pipelining: 1 }).compose(
      (dispatch) => (opts, handler) =>
        dispatch(opts.method === 'DELETE' ? { ...opts, reset: false } : opts, handler),
    );
  }
  const client = new MnsClient({
    endpoint: server.endpoint,
    region: server.region,
    credentials: { accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret },
    ...(dispatcher ? { dispatcher } : {}),
  });
  return {
    client,
    close: async () => {
      await client.close();
      await dispatcher?.close();
    },
  };
}

async function consumeAll(server, queueName, n, onTick) {
  const { client, close } = await makeClient(server);
  let handled = 0;
  const t0 = performance.now();
  const running = consume(
    client,
    async () => {
      handled += 1;
    },
    {
      queueName,
      waitSeconds: 1,
      maxInFlight: MAX_IN_FLIGHT,
      concurrency: CONCURRENCY,
      ackBatchDelayMs: 5,
      ...RECEIVE,
      ...(values['no-dedupe'] ? { idempotency: false } : {}),
    },
  );
  let failed;
  running.done.catch((e) => {
    failed = e;
  });
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    if (failed) throw failed;
    onTick?.(handled);
    if (handled >= n && (await server.total(queueName)) === 0) break;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage();
  await running.drain({ timeoutMs: 5000 });
  await close();
  return { ms, cpu, metrics: running.consumer.metrics() };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const mb = (b) => Math.round(b / 1048576);
console.log(
  `rx bench: node ${process.version}, ${EVENTS} events × ${RUNS} runs, maxInFlight ${MAX_IN_FLIGHT}, concurrency ${CONCURRENCY}, receiveConcurrency ${RECEIVE.receiveConcurrency ?? 'default'}${values['delete-keepalive'] ? ', delete-keepalive' : ''}`,
);

// 1. Throughput.
const rates = [];
for (let run = 1; run <= RUNS; run += 1) {
  const server = await startServer();
  await server.fill('bench', EVENTS);
  const cpu0 = process.cpuUsage();
  const { ms, metrics } = await consumeAll(server, 'bench', EVENTS);
  const cpu = process.cpuUsage(cpu0);
  const rate = Math.round((EVENTS / ms) * 1000);
  rates.push(rate);
  console.log(
    `  run ${run}: ${EVENTS} events in ${Math.round(ms)} ms = ${rate} events/s; consumer CPU ${Math.round((cpu.user + cpu.system) / EVENTS)} µs/event (polls ${metrics.polls}, acked ${metrics.acked})`,
  );
  await server.close();
}
console.log(
  `throughput (consume → handler → ack, mns-local in a child process, loopback): median ${median(rates)} events/s`,
);

// 1b. The runtime alone: same pipeline over the in-memory port (no HTTP, no XML): rx's own ceiling.
{
  const port = new InMemoryQueuePort({ queues: ['mem'] });
  for (let i = 0; i < EVENTS; i += 1) {
    const VideoId = i.toString(16).padStart(32, '0');
    const event = createVodEvent(
      'FileUploadComplete',
      { VideoId },
      { seed: (i % 1000) + 1, now: new Date(1_735_689_600_000 + i * 1000) },
    );
    await port.sendMessage({ queueName: 'mem', messageBody: JSON.stringify(event) });
  }
  let handled = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const running = consume(
    port,
    async () => {
      handled += 1;
    },
    {
      queueName: 'mem',
      waitSeconds: 1,
      maxInFlight: MAX_IN_FLIGHT,
      concurrency: CONCURRENCY,
      ackBatchDelayMs: 5,
      ...RECEIVE,
    },
  );
  while (handled < EVENTS || port.stats('mem').total > 0) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await running.drain({ timeoutMs: 5000 });
  console.log(
    `runtime only (in-memory port, parseVodEvent + dedupe + leases + ack batching): ${EVENTS} events in ${Math.round(ms)} ms = ${Math.round((EVENTS / ms) * 1000)} events/s, ${Math.round((cpu.user + cpu.system) / EVENTS)} µs CPU/event`,
  );
}

// 2. Memory with a large backlog: the consumer's RSS must not grow with the backlog.
if (BACKLOG > 0) {
  const server = await startServer();
  await server.fill('backlog', BACKLOG);
  const before = process.memoryUsage().rss;
  const samples = [];
  const heaps = [];
  let next = 0;
  const sample = () => {
    samples.push(process.memoryUsage().rss);
    if (globalThis.gc) {
      globalThis.gc();
      heaps.push(process.memoryUsage().heapUsed);
    }
  };
  const { ms } = await consumeAll(server, 'backlog', BACKLOG, (handled) => {
    if (handled >= next) {
      sample();
      next += BACKLOG / 10;
    }
  });
  sample();
  await server.close();
  console.log(
    `backlog ${BACKLOG}: consumed in ${Math.round(ms)} ms (${Math.round((BACKLOG / ms) * 1000)} events/s); consumer RSS before ${mb(before)} MiB, every 10 %: ${samples
      .map((s) => mb(s))
      .join(' → ')} MiB (max ${mb(Math.max(...samples))})`,
  );
  if (heaps.length > 0) {
    console.log(`  heap after GC, every 10 %: ${heaps.map((h) => mb(h)).join(' → ')} MiB`);
  } else {
    console.log('  (run with node --expose-gc to also see the heap after GC)');
  }
}
