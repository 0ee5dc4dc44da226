// @vodmns/rx end to end against mns-local with the real transport:
//  1. throughput: a backlog drained through consume() → trivial handler → coalesced batch deletes (events/s);
//  2. latency: a steady producer while the consumer runs; enqueue → handler start p50/p99;
//  3. memory: consumer RSS while draining a 100k backlog (must stay flat: bounded by maxInFlight).
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MnsClient } from '@vodmns/mns-transport';
import { consume } from '@vodmns/rx';
import { drainBacklog, within } from './drain-backlog.mjs';

const BACKLOG = Number(process.env.BENCH_RX_BACKLOG ?? 20_000);
const RSS_BACKLOG = Number(process.env.BENCH_RX_RSS_BACKLOG ?? 100_000);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const here = dirname(fileURLToPath(import.meta.url));

/** Runs rx-rss-child.mjs (a consumer in its own process) and resolves with its RSS samples. */
function rssChild({ secret, ...config }) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', join(here, 'rx-rss-child.mjs')],
      {
        env: { ...process.env, RX_RSS_CONFIG: JSON.stringify(config), MNS_SECRET: secret },
        timeout: 330_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`rx RSS child failed: ${error.message} ${stderr}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

/** Unique events (the consumer dedupes by content fingerprint, so identical bodies would count as duplicates). */
export function bodyFor(template, i) {
  const event = JSON.parse(template);
  event.VideoId = i.toString(16).padStart(32, '0');
  event.JobId = `job${i.toString(16).padStart(29, '0')}`;
  return JSON.stringify(event);
}

export async function fill(client, queueName, template, count, from = 0) {
  let next = from;
  const end = from + count;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < end) {
        const start = next;
        const n = Math.min(16, end - start);
        next += n;
        const entries = Array.from({ length: n }, (_, k) => ({ messageBody: bodyFor(template, start + k) }));
        await client.batchSendMessage({ queueName, entries });
      }
    }),
  );
}

export async function recreate(client, queueName) {
  await client.deleteQueue({ queueName }).catch(() => {});
  await client.createQueue({ queueName, attributes: { visibilityTimeoutSeconds: 60 } });
}

export async function runRxBench({ endpoint, credentials, body, runs, serverCpuUs = () => undefined }) {
  const client = new MnsClient({
    endpoint,
    credentials: { accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret },
  });
  const queueName = 'bench-rx';
  const throughput = [];
  const clientCpu = [];
  const serverCpu = [];
  // warm-up (not measured): JIT, connections
  await recreate(client, queueName);
  await fill(client, queueName, body, BACKLOG);
  await drainBacklog({ client, queueName, count: BACKLOG });
  for (let run = 0; run < runs; run++) {
    await recreate(client, queueName);
    await fill(client, queueName, body, BACKLOG);
    const server0 = serverCpuUs();
    const cpu0 = process.cpuUsage();
    const { handled, ms } = await drainBacklog({ client, queueName, count: BACKLOG });
    const cpu = process.cpuUsage(cpu0);
    const server1 = serverCpuUs();
    throughput.push((handled / ms) * 1000);
    clientCpu.push((cpu.user + cpu.system) / handled);
    serverCpu.push(
      server0 === undefined || server1 === undefined ? Number.NaN : (server1 - server0) / handled,
    );
    process.stderr.write(`rx run ${run + 1}/${runs}: ${Math.round((handled / ms) * 1000)} events/s\n`);
  }

  // latency under a steady load (1,000 events/s for ~5 s), handler start − EnqueueTime (same machine clock)
  await recreate(client, queueName);
  const latencies = [];
  const rate = Number(process.env.BENCH_RX_RATE ?? 1000);
  const total = rate * 5;
  let seen = 0;
  let resolveLive;
  const live = new Promise((r) => {
    resolveLive = r;
  });
  const running = consume(
    client,
    async (_event, { delivery }) => {
      latencies.push(Date.now() - delivery.message.enqueueTime);
      if (++seen === total) resolveLive();
    },
    { queueName, maxInFlight: 256, concurrency: 64, waitSeconds: 5 },
  );
  const start = performance.now();
  for (let sent = 0; sent < total; sent += 16) {
    const due = start + (sent / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const n = Math.min(16, total - sent);
    await client.batchSendMessage({
      queueName,
      entries: Array.from({ length: n }, (_, k) => ({ messageBody: bodyFor(body, 1e7 + sent + k) })),
    });
  }
  await within(live, 120_000, 'the steady-load phase');
  await running.drain({ timeoutMs: 10_000 });
  latencies.sort((a, b) => a - b);

  // memory with a large backlog: default dedupe store (bounded by its maxEntries), then dedupe off (bounded by
  // the flow-control limits alone)
  const memory = {};
  for (const [label, extra] of [
    ['default', {}],
    ['dedupe off', { idempotency: false }],
  ]) {
    await recreate(client, queueName);
    await fill(client, queueName, body, RSS_BACKLOG);
    const run = await rssChild({
      endpoint,
      accessKeyId: credentials.accessKeyId,
      secret: credentials.accessKeySecret,
      queueName,
      count: RSS_BACKLOG,
      options: extra,
    });
    const q = Math.max(1, Math.floor(run.samples.length / 4));
    memory[label] = {
      baseline: run.baseline,
      peak: run.peak,
      first: median(run.samples.slice(0, q)),
      last: median(run.samples.slice(-q)),
      heapAfterGc: run.heapAfterGc,
      eventsPerSec: Math.round((run.handled / run.ms) * 1000),
    };
  }
  await client.deleteQueue({ queueName });
  await client.close();

  const mib = (b) => Number((b / 2 ** 20).toFixed(1));
  const result = {
    eventsPerSec: median(throughput),
    runs: throughput.map(Math.round),
    clientCpuUsPerEvent: median(clientCpu),
    serverCpuUsPerEvent: median(serverCpu),
    latencyP50Ms: pct(latencies, 50),
    latencyP99Ms: pct(latencies, 99),
    liveRate: rate,
    rssBacklog: RSS_BACKLOG,
    memory: Object.fromEntries(
      Object.entries(memory).map(([k, m]) => [
        k,
        {
          baselineMiB: mib(m.baseline),
          firstQuarterMiB: mib(m.first),
          lastQuarterMiB: mib(m.last),
          peakMiB: mib(m.peak),
          heapAfterGcMiB: m.heapAfterGc.map(mib),
          eventsPerSec: m.eventsPerSec,
        },
      ]),
    ),
  };
  const memRows = Object.entries(result.memory)
    .map(
      ([k, m]) =>
        `| consumer RSS draining a ${RSS_BACKLOG.toLocaleString('en-US')} backlog (${k}): before / first quarter / last quarter / peak; events/s | ${m.baselineMiB} / ${m.firstQuarterMiB} / ${m.lastQuarterMiB} / ${m.peakMiB} MiB; ${m.eventsPerSec.toLocaleString('en-US')} |\n` +
        `| live heap after a full GC at every 10 % of that backlog (${k}) | ${m.heapAfterGcMiB.join(' → ')} MiB |`,
    )
    .join('\n');
  result.markdown = `| measure | value |
|---|---:|
| events/s, ${BACKLOG.toLocaleString('en-US')}-event backlog → \`consume()\` → no-op handler → batched acks (median of ${runs}, after a warm-up drain) | **${Math.round(result.eventsPerSec).toLocaleString('en-US')}** (runs: ${result.runs.join(', ')}) |
| CPU per event while draining: consumer (client) / mns-local (server) | ${result.clientCpuUsPerEvent.toFixed(1)} µs / ${Number.isFinite(result.serverCpuUsPerEvent) ? `${result.serverCpuUsPerEvent.toFixed(1)} µs` : 'n/a'} |
| enqueue → handler start, steady ${rate} events/s, p50 / p99 | ${result.latencyP50Ms} ms / ${result.latencyP99Ms} ms |
${memRows}

Settings: \`maxInFlight: 256\`, handler \`concurrency: 64\`, otherwise defaults (adaptive concurrent receives, ack
batching). RSS is of a consumer in its own process (\`rx-rss-child.mjs\`: transport + rx, nothing else). With the default idempotency store the consumer remembers up to
its \`maxEntries\` recent keys (MessageId + event fingerprint), so memory grows while that store fills and is bounded
by it; with dedupe off it is bounded by the flow-control limits alone.`;
  return result;
}
