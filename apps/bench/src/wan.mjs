// WAN section of the side-by-side benchmark (issue #18): the same 5,000-event backlog drained with a no-op handler
// by @vodmns/rx `consume()`, the official `@alicloud/mns` in a receive → delete loop and `ali-mns`, through a
// loopback TCP delay proxy (delay-proxy.mjs) at RTT 2 ms and 20 ms, in ONE run with rx's own loopback rate
// alternated in, so every ratio compares figures from the same minutes of a shared machine. Also the idle cost of
// a consumer (requests per idle hour with the default long poll) and how fast drain() returns while it holds one.
//
//   node --expose-gc apps/bench/src/compare.mjs --only wan        (or: node apps/bench/src/wan.mjs)
//   BENCH_WAN_RUNS=3 BENCH_WAN_BACKLOG=5000 BENCH_WAN_RTTS=2,20 node apps/bench/src/wan.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MnsClient } from '@vodmns/mns-transport';
import { consume } from '@vodmns/rx';
import { aliMnsContender, alicloudContender } from './contenders.mjs';
import { startDelayProxyProcess } from './delay-proxy.mjs';
import { drainBacklog, within } from './drain-backlog.mjs';
import { bodyFor, fill, recreate } from './rx-bench.mjs';
import { startMnsLocalProcess } from './servers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const RUNS = Number(process.env.BENCH_WAN_RUNS ?? 3);
const BACKLOG = Number(process.env.BENCH_WAN_BACKLOG ?? 5000);
const RTTS = (process.env.BENCH_WAN_RTTS ?? '2,20').split(',').map(Number);
/** rx's settings, the same on loopback and across the proxy (the ones rx-bench.mjs uses). */
/** Enqueue → handler latency is measured at this steady rate, at the largest RTT. */
const LIVE_RATE = Number(process.env.BENCH_WAN_LIVE_RATE ?? 100);
const RX_OPTIONS = { maxInFlight: 256, concurrency: 64, waitSeconds: 1 };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A receive → delete loop as a user of a plain SDK writes it: one loop, batches of 16, until `count` are done. */
async function sdkLoop(contender, queueName, count) {
  let handled = 0;
  const t0 = performance.now();
  while (handled < count) {
    const n = await contender.batchReceiveDelete(queueName);
    if (n === 0) throw new Error(`${contender.name}: the queue ran dry after ${handled} of ${count}`);
    handled += n;
  }
  return { handled, ms: performance.now() - t0 };
}

/**
 * Enqueue → handler start at a steady `rate` over RTT `rtt`: the producer sends straight to mns-local, the consumer
 * reads through the proxy; latency = handler start − EnqueueTime (one machine, one clock).
 */
async function steadyLatency({ admin, client, body, rate, seconds }) {
  const queueName = 'bench-wan-live';
  await recreate(admin, queueName);
  const total = rate * seconds;
  const latencies = [];
  let resolveAll;
  const all = new Promise((r) => {
    resolveAll = r;
  });
  const running = consume(
    client,
    async (_event, { delivery }) => {
      latencies.push(Date.now() - delivery.message.enqueueTime);
      if (latencies.length === total) resolveAll();
    },
    { queueName, ...RX_OPTIONS },
  );
  const start = performance.now();
  for (let sent = 0; sent < total; sent++) {
    const wait = start + (sent / rate) * 1000 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await admin.sendMessage({ queueName, messageBody: bodyFor(body, 5e7 + sent) });
  }
  await within(all, 120_000, 'the steady-latency phase');
  await running.drain({ timeoutMs: 10_000 });
  await admin.deleteQueue({ queueName });
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { p50Ms: pct(50), p99Ms: pct(99), events: total };
}

/**
 * Runs the WAN section against a running mns-local (`mns`: endpoint, accountId, keys). Resolves with figures and
 * a markdown section.
 */
export async function runWanBench({ mns, body }) {
  const url = new URL(mns.endpoint);
  const target = { host: url.hostname, port: Number(url.port) };
  const creds = { accessKeyId: mns.accessKeyId, accessKeySecret: mns.accessKeySecret };
  const admin = new MnsClient({ endpoint: mns.endpoint, credentials: creds });
  const proxies = new Map();
  for (const rtt of RTTS) proxies.set(rtt, await startDelayProxyProcess({ target, oneWayMs: rtt / 2 }));
  const endpointAt = (rtt) => (rtt === 0 ? mns.endpoint : proxies.get(rtt).origin);

  // The contenders: rx at RTT 0 (its own loopback rate, the reference) and at every RTT; the SDK loops at every RTT.
  const rows = [];
  const rxClients = [];
  for (const rtt of [0, ...RTTS]) {
    const client = new MnsClient({ endpoint: endpointAt(rtt), credentials: creds });
    rxClients.push(client);
    rows.push({
      name: '@vodmns/rx consume()',
      rtt,
      run: (q) => drainBacklog({ client, queueName: q, count: BACKLOG, options: RX_OPTIONS }),
    });
  }
  for (const rtt of RTTS) {
    const t = { ...mns, endpoint: endpointAt(rtt) };
    const official = alicloudContender(t);
    const aliMns = aliMnsContender(t);
    rows.push({ name: '@alicloud/mns receive→delete loop', rtt, run: (q) => sdkLoop(official, q, BACKLOG) });
    rows.push({ name: 'ali-mns receive→delete loop', rtt, run: (q) => sdkLoop(aliMns, q, BACKLOG) });
  }
  for (const r of rows) r.rates = [];

  // The idle consumer: default options (its default long poll), on an empty queue, for the whole section.
  const idleQueue = 'bench-wan-idle';
  await recreate(admin, idleQueue);
  const idleClient = new MnsClient({ endpoint: mns.endpoint, credentials: creds });
  const idle = consume(idleClient, async () => {}, { queueName: idleQueue });
  const idleStart = performance.now();
  const idleStartWall = Date.now();
  let idleLastPollAt = idleStartWall;
  let idleMs = 0;
  let idlePolls = 0;
  let idleDrainMs = 0;
  let live;
  try {
    const queue = 'bench-wan';
    // warm-up (not measured): each contender once
    for (const r of rows) {
      await recreate(admin, queue);
      await fill(admin, queue, body, BACKLOG);
      await within(r.run(queue), 600_000, `${r.name} warm-up`);
    }
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 === 0 ? rows : [...rows].reverse();
      for (const r of order) {
        await recreate(admin, queue);
        await fill(admin, queue, body, BACKLOG, 1e6 * (run + 1));
        const { handled, ms } = await within(r.run(queue), 600_000, `${r.name} at RTT ${r.rtt} ms`);
        const rate = (handled / ms) * 1000;
        r.rates.push(rate);
        process.stderr.write(
          `wan run ${run + 1}/${RUNS} RTT ${String(r.rtt).padStart(2)} ms ${r.name.padEnd(36)} ${rate.toFixed(0).padStart(7)} events/s\n`,
        );
      }
    }
    await admin.deleteQueue({ queueName: queue });
    const far = RTTS[RTTS.length - 1];
    live = await steadyLatency({
      admin,
      client: rxClients[rxClients.length - 1],
      body,
      rate: LIVE_RATE,
      seconds: 5,
    });
    live.rttMs = far;
    process.stderr.write(
      `wan live ${LIVE_RATE}/s at RTT ${far} ms: p50 ${live.p50Ms} ms p99 ${live.p99Ms} ms\n`,
    );
  } finally {
    // idle figures: receives made over the section, and how long drain() takes while a long poll is waiting
    idleMs = performance.now() - idleStart;
    idlePolls = idle.consumer.metrics().polls;
    idleLastPollAt = idle.consumer.metrics().lastPollAt ?? idleStartWall;
    const d0 = performance.now();
    await idle.drain({ timeoutMs: 10_000 });
    idleDrainMs = performance.now() - d0;
    await idleClient.close();
    await admin.deleteQueue({ queueName: idleQueue }).catch(() => {});
    for (const c of rxClients) await c.close();
    for (const p of proxies.values()) await p.close();
    await admin.close();
  }

  const loopback = median(rows[0].rates);
  const result = {
    backlog: BACKLOG,
    runs: RUNS,
    rxLoopbackEventsPerSec: loopback,
    rows: rows.map((r) => ({
      name: r.name,
      rttMs: r.rtt,
      eventsPerSec: median(r.rates),
      ofRxLoopback: median(r.rates) / loopback,
      runs: r.rates.map(Math.round),
    })),
    live,
    idle: {
      seconds: idleMs / 1000,
      receives: idlePolls,
      // receives started after the first, over the time from the first start to the last: one per long poll
      requestsPerHour:
        idlePolls > 1
          ? ((idlePolls - 1) / Math.max(1, idleLastPollAt - idleStartWall)) * 3_600_000
          : Number.NaN,
      drainMs: idleDrainMs,
    },
  };
  const f0 = (x) => Math.round(x).toLocaleString('en-US');
  const rxAt = (rtt) => result.rows.find((r) => r.name.startsWith('@vodmns/rx') && r.rttMs === rtt);
  let md = `| client | RTT ms | events/s | of rx loopback | × @alicloud/mns loop | runs (events/s) |\n|---|---:|---:|---:|---:|---|\n`;
  for (const r of result.rows) {
    const off = result.rows.find((o) => o.name.startsWith('@alicloud') && o.rttMs === r.rttMs);
    md += `| ${r.name} | ${r.rttMs} | ${f0(r.eventsPerSec)} | ${(r.ofRxLoopback * 100).toFixed(0)} % | ${off ? `${(r.eventsPerSec / off.eventsPerSec).toFixed(1)}×` : '—'} | ${r.runs.map(f0).join(', ')} |\n`;
  }
  const i = result.idle;
  md += `\n${BACKLOG.toLocaleString('en-US')}-event backlog, no-op handler, median of ${RUNS} alternated runs after one warm-up each; rx with \`${JSON.stringify(RX_OPTIONS)}\` at every RTT; the SDK loops are one receive(16) → delete(16) loop each. RTT through \`delay-proxy.mjs\` (one-way delay per direction on 127.0.0.1). At RTT 20 ms rx reaches **${((rxAt(20)?.ofRxLoopback ?? Number.NaN) * 100).toFixed(0)} %** of its loopback rate.\n\nIdle consumer (default options) on an empty queue for ${i.seconds.toFixed(0)} s of this section: ${i.receives} receives, one every ${(3600 / i.requestsPerHour).toFixed(1)} s = **${f0(i.requestsPerHour)} requests per idle hour**; \`drain()\` while it held a long poll returned in ${i.drainMs.toFixed(0)} ms.\n`;
  md += `\nEnqueue → handler start at a steady ${LIVE_RATE} events/s across RTT ${live.rttMs} ms (producer on loopback, consumer through the proxy; ${live.events} events): p50 ${live.p50Ms} ms / p99 **${live.p99Ms} ms**, i.e. ${live.p99Ms - live.rttMs / 2} ms above the ${live.rttMs / 2} ms one-way delay.\n`;
  result.markdown = md;
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fixture = join(
    root,
    'packages',
    'core',
    'test',
    'fixtures',
    'vod-events',
    'StreamTranscodeComplete.success.json',
  );
  const body = JSON.stringify(JSON.parse(readFileSync(fixture, 'utf8')));
  const mns = await startMnsLocalProcess();
  try {
    const r = await runWanBench({ mns, body });
    process.stdout.write(`${r.markdown}\n`);
    process.stdout.write(`${JSON.stringify({ ...r, markdown: undefined })}\n`);
  } finally {
    await mns.stop();
  }
}
