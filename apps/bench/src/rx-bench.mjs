// @vodmns/rx end to end against mns-local with the real transport:
//  1. throughput: a backlog drained through consume() → trivial handler → coalesced batch deletes (events/s);
//  2. latency: a steady producer while the consumer runs; enqueue → handler start p50/p99;
//  3. memory: consumer RSS while draining a 100k backlog (must stay flat: bounded by maxInFlight).
import { performance } from 'node:perf_hooks';
import { MnsClient } from '@vodmns/mns-transport';
import { consume } from '@vodmns/rx';

const BACKLOG = Number(process.env.BENCH_RX_BACKLOG ?? 20_000);
const RSS_BACKLOG = Number(process.env.BENCH_RX_RSS_BACKLOG ?? 100_000);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Rejects if `promise` does not settle within `ms` (a benchmark must never hang). */
function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`rx bench: ${what} did not finish within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Unique events (the consumer dedupes by content fingerprint, so identical bodies would count as duplicates). */
function bodyFor(template, i) {
  const event = JSON.parse(template);
  event.VideoId = i.toString(16).padStart(32, '0');
  event.JobId = `job${i.toString(16).padStart(29, '0')}`;
  return JSON.stringify(event);
}

async function fill(client, queueName, template, count, from = 0) {
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

async function recreate(client, queueName) {
  await client.deleteQueue({ queueName }).catch(() => {});
  await client.createQueue({ queueName, attributes: { visibilityTimeoutSeconds: 60 } });
}

async function drainBacklog(client, queueName, count, onSample, extra = {}) {
  let handled = 0;
  let resolveAll;
  const all = new Promise((r) => {
    resolveAll = r;
  });
  const t0 = performance.now();
  const running = consume(
    client,
    async () => {
      handled++;
      if (handled === count) resolveAll();
    },
    { queueName, maxInFlight: 256, concurrency: 64, waitSeconds: 1, ...extra },
  );
  const timer = onSample ? setInterval(onSample, 50) : undefined;
  await within(all, 300_000, `draining ${count} events`);
  const ms = performance.now() - t0;
  clearInterval(timer);
  await running.drain({ timeoutMs: 10_000 });
  return { handled, ms };
}

export async function runRxBench({ endpoint, credentials, body, runs }) {
  const client = new MnsClient({
    endpoint,
    credentials: { accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret },
  });
  const queueName = 'bench-rx';
  const throughput = [];
  for (let run = 0; run < runs; run++) {
    await recreate(client, queueName);
    await fill(client, queueName, body, BACKLOG);
    const { handled, ms } = await drainBacklog(client, queueName, BACKLOG);
    throughput.push((handled / ms) * 1000);
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
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const samples = [];
    const run = await drainBacklog(
      client,
      queueName,
      RSS_BACKLOG,
      () => {
        const now = process.memoryUsage().rss;
        samples.push(now);
        if (now > peak) peak = now;
      },
      extra,
    );
    const q = Math.max(1, Math.floor(samples.length / 4));
    memory[label] = {
      baseline,
      peak,
      first: median(samples.slice(0, q)),
      last: median(samples.slice(-q)),
      eventsPerSec: Math.round((run.handled / run.ms) * 1000),
    };
  }
  await client.deleteQueue({ queueName });
  await client.close();

  const mib = (b) => Number((b / 2 ** 20).toFixed(1));
  const result = {
    eventsPerSec: median(throughput),
    runs: throughput.map(Math.round),
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
          eventsPerSec: m.eventsPerSec,
        },
      ]),
    ),
  };
  const memRows = Object.entries(result.memory)
    .map(
      ([k, m]) =>
        `| consumer RSS draining a ${RSS_BACKLOG.toLocaleString('en-US')} backlog (${k}): before / first quarter / last quarter / peak; events/s | ${m.baselineMiB} / ${m.firstQuarterMiB} / ${m.lastQuarterMiB} / ${m.peakMiB} MiB; ${m.eventsPerSec.toLocaleString('en-US')} |`,
    )
    .join('\n');
  result.markdown = `| measure | value |
|---|---:|
| events/s, ${BACKLOG.toLocaleString('en-US')}-event backlog → \`consume()\` → no-op handler → batched acks (median of ${runs}) | **${Math.round(result.eventsPerSec).toLocaleString('en-US')}** (runs: ${result.runs.join(', ')}) |
| enqueue → handler start, steady ${rate} events/s, p50 / p99 | ${result.latencyP50Ms} ms / ${result.latencyP99Ms} ms |
${memRows}

Settings: \`maxInFlight: 256\`, handler \`concurrency: 64\`, default ack batching. RSS is of the whole bench process
(which also holds the other contenders' modules). With the default idempotency store the consumer remembers up to
its \`maxEntries\` recent keys (MessageId + event fingerprint), so memory grows while that store fills and is bounded
by it; with dedupe off it is bounded by the flow-control limits alone.`;
  return result;
}
