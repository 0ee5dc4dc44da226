// Cost of OpenTelemetry per event in @vodmns/rx: the same consume() drain of an in-memory queue (no network, so the
// figure is the consumer's own CPU) with telemetry off, and on with the OpenTelemetry SDK (spans to a discarding
// exporter through a BatchSpanProcessor, metrics to a reader that is never collected). Runs alternate off/on in one
// process; the report is the median client CPU per event (process.cpuUsage), and the difference.
//
//   node packages/rx/bench/telemetry.mjs [--events 20000] [--runs 5]
// Needs the dist/ of rx and core: `pnpm run build` first.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  InMemoryMetricExporter,
  AggregationTemporality,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const { consume } = await import(here('../dist/index.js'));
const { InMemoryQueuePort } = await import(here('../dist/testing/index.js'));
const { createVodEvent } = await import(here('../../core/dist/testing/index.js'));

const { values } = parseArgs({
  options: { events: { type: 'string', default: '20000' }, runs: { type: 'string', default: '5' } },
});
const EVENTS = Number(values.events);
const RUNS = Number(values.runs);

const discard = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => {},
  forceFlush: async () => {},
};
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new BatchSpanProcessor(discard, { maxQueueSize: 65_536, maxExportBatchSize: 4096 })],
});
const meterProvider = new MeterProvider({
  readers: [
    new PeriodicExportingMetricReader({
      exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
      exportIntervalMillis: 3_600_000,
    }),
  ],
});
const telemetry = { tracer: tracerProvider.getTracer('bench'), meter: meterProvider.getMeter('bench') };

const bodies = Array.from({ length: EVENTS }, (_, i) =>
  JSON.stringify(
    createVodEvent('FileUploadComplete', { VideoId: i.toString(16).padStart(32, '0') }, { seed: i + 1 }),
  ),
);

async function drain(mode) {
  const port = new InMemoryQueuePort();
  port.createQueue('bench');
  for (const messageBody of bodies) await port.sendMessage({ queueName: 'bench', messageBody });
  let handled = 0;
  let resolveDone;
  const allHandled = new Promise((r) => {
    resolveDone = r;
  });
  const before = process.cpuUsage();
  const running = consume(
    port,
    () => {
      handled += 1;
      if (handled === EVENTS) resolveDone();
    },
    {
      queueName: 'bench',
      waitSeconds: 1,
      maxInFlight: 256,
      concurrency: 64,
      idempotency: false,
      ...(mode === 'on' ? { telemetry } : {}),
    },
  );
  await allHandled;
  await running.drain({ timeoutMs: 10_000 });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / EVENTS;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
await drain('off'); // warm-up, both paths
await drain('on');
const off = [];
const on = [];
for (let i = 0; i < RUNS; i++) {
  off.push(await drain('off'));
  on.push(await drain('on'));
}
const mOff = median(off);
const mOn = median(on);
console.log(
  `rx telemetry cost, ${EVENTS} events × ${RUNS} alternated runs (in-memory queue, client CPU per event)`,
);
console.log(`  off: ${mOff.toFixed(1)} µs/event   runs: ${off.map((x) => x.toFixed(1)).join(' ')}`);
console.log(`  on:  ${mOn.toFixed(1)} µs/event   runs: ${on.map((x) => x.toFixed(1)).join(' ')}`);
console.log(
  `  cost of telemetry on: ${(mOn - mOff).toFixed(1)} µs/event (${((mOn / mOff - 1) * 100).toFixed(0)} %)`,
);
await tracerProvider.shutdown();
await meterProvider.shutdown();
