// Child process of rx-bench.mjs: drains a prepared backlog with consume() and reports its own RSS, so the figure is
// the consumer's memory alone (the bench process also holds every contender's modules).
//   node --expose-gc rx-rss-child.mjs   (configuration in RX_RSS_CONFIG as JSON; the secret in MNS_SECRET)
import { performance } from 'node:perf_hooks';
import { MnsClient } from '@vodmns/mns-transport';
import { consume } from '@vodmns/rx';

const config = JSON.parse(process.env.RX_RSS_CONFIG ?? '{}');
const client = new MnsClient({
  endpoint: config.endpoint,
  credentials: { accessKeyId: config.accessKeyId, accessKeySecret: process.env.MNS_SECRET ?? '' },
});
globalThis.gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const samples = [];
// Live heap after a full GC at every 10 % of the backlog: RSS alone also counts garbage not yet collected.
const heapAfterGc = [];
let nextMark = Math.ceil(config.count / 10);
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
    if (handled >= nextMark && globalThis.gc) {
      nextMark += Math.ceil(config.count / 10);
      globalThis.gc();
      heapAfterGc.push(process.memoryUsage().heapUsed);
    }
    if (handled === config.count) resolveAll();
  },
  { queueName: config.queueName, maxInFlight: 256, concurrency: 64, waitSeconds: 1, ...config.options },
);
const timer = setInterval(() => {
  const now = process.memoryUsage().rss;
  samples.push(now);
  if (now > peak) peak = now;
}, 50);
const deadline = setTimeout(() => {
  process.stderr.write(`rx-rss-child: ${handled}/${config.count} events after 300 s\n`);
  process.exit(1);
}, 300_000);
await all;
const ms = performance.now() - t0;
clearInterval(timer);
clearTimeout(deadline);
await running.drain({ timeoutMs: 10_000 });
await client.close();
process.stdout.write(`${JSON.stringify({ baseline, peak, samples, heapAfterGc, handled, ms })}\n`);
