// Child process of rx-bench.mjs: drains a prepared backlog with consume() and reports its own RSS, so the figure is
// the consumer's memory alone (the bench process also holds every contender's modules).
//   node --expose-gc rx-rss-child.mjs   (configuration in RX_RSS_CONFIG as JSON; the secret in MNS_SECRET)
import { MnsClient } from '@vodmns/mns-transport';
import { drainBacklog } from './drain-backlog.mjs';

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
const timer = setInterval(() => {
  const now = process.memoryUsage().rss;
  samples.push(now);
  if (now > peak) peak = now;
}, 50);
const { handled, ms } = await drainBacklog({
  client,
  queueName: config.queueName,
  count: config.count,
  options: config.options,
  onEvent(handled) {
    if (handled >= nextMark && globalThis.gc) {
      nextMark += Math.ceil(config.count / 10);
      globalThis.gc();
      heapAfterGc.push(process.memoryUsage().heapUsed);
    }
  },
}).catch((error) => {
  process.stderr.write(`rx-rss-child: ${error.message}\n`);
  process.exit(1);
});
clearInterval(timer);
await client.close();
process.stdout.write(`${JSON.stringify({ baseline, peak, samples, heapAfterGc, handled, ms })}\n`);
