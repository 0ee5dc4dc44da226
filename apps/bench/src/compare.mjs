#!/usr/bin/env node
// Side-by-side benchmark (issue #7): @vodmns/mns-transport vs @alicloud/mns vs ali-mns vs the loopback HTTP limit,
// all against ONE mns-local process on 127.0.0.1, in ONE run, contenders alternated (A B C D, D C B A, …), medians
// of >= 5 runs. Then @vodmns/rx end to end. Writes docs/benchmarks.md, docs/benchmarks.json, docs/benchmarks.svg.
//
//   pnpm run bench:compare                    (builds first)
//   BENCH_RUNS=7 BENCH_MESSAGES=4000 node --expose-gc apps/bench/src/compare.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MnsClient } from '@vodmns/mns-transport';
import { aliMnsContender, alicloudContender, limitContender, vodmnsContender } from './contenders.mjs';
import { renderChart } from './render-chart.mjs';
import { runRxBench } from './rx-bench.mjs';
import { startLimitServerProcess, startMnsLocalProcess } from './servers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const BATCH_MESSAGES = Number(process.env.BENCH_BATCH_MESSAGES ?? 8000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const gc = globalThis.gc ?? (() => {});

// A realistic VOD event body (StreamTranscodeComplete from the shared fixtures).
const fixture = join(root, '..', 'shared', 'fixtures', 'vod-events', 'StreamTranscodeComplete.success.json');
const BODY = JSON.stringify(JSON.parse(readFileSync(fixture, 'utf8')));

const SCENARIOS = [
  { id: 'send', title: 'single send', messages: MESSAGES, preload: false, op: 'send' },
  { id: 'batchSend', title: 'batch send (16)', messages: BATCH_MESSAGES, preload: false, op: 'batchSend' },
  { id: 'receiveDelete', title: 'receive + delete', messages: MESSAGES, preload: true, op: 'receiveDelete' },
  {
    id: 'batchReceiveDelete',
    title: 'batch receive + batch delete (16)',
    messages: BATCH_MESSAGES,
    preload: true,
    op: 'batchReceiveDelete',
  },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function preload(admin, queueName, count) {
  await admin.createQueue({ queueName, attributes: { visibilityTimeoutSeconds: 300 } }).catch((e) => {
    if (e.code !== 'QueueAlreadyExist') throw e;
  });
  const batches = [];
  for (let i = 0; i < count; i += 16) batches.push(Math.min(16, count - i));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const n = batches[next++];
        await admin.batchSendMessage({
          queueName,
          entries: Array.from({ length: n }, () => ({ messageBody: BODY })),
        });
      }
    }),
  );
}

/** One measured run of one contender on one scenario. */
async function runOnce(contender, scenario, queueName) {
  const perOp = scenario.op.startsWith('batch') ? 16 : 1;
  const totalOps = Math.ceil(scenario.messages / perOp);
  const bodies = Array.from({ length: 16 }, () => BODY);
  const latencies = [];
  let issued = 0;
  let messages = 0;
  gc();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (issued < totalOps) {
        issued++;
        const s = performance.now();
        const n =
          scenario.op === 'batchSend'
            ? await contender.batchSend(queueName, bodies)
            : await contender[scenario.op](queueName, BODY);
        latencies.push(performance.now() - s);
        messages += n;
        if (n === 0) break; // queue drained
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  return {
    messages,
    wallMs,
    msgsPerSec: (messages / wallMs) * 1000,
    cpuUsPerMsg: (cpu.user + cpu.system) / Math.max(1, messages),
    p50Ms: pct(latencies, 50),
    p99Ms: pct(latencies, 99),
  };
}

async function main() {
  const mns = await startMnsLocalProcess();
  const limitServer = await startLimitServerProcess();
  const admin = new MnsClient({
    endpoint: mns.endpoint,
    credentials: { accessKeyId: mns.accessKeyId, accessKeySecret: mns.accessKeySecret },
  });
  const sizes = measureSizes();
  const contenders = [
    vodmnsContender(mns),
    alicloudContender(mns),
    aliMnsContender(mns),
    limitContender(limitServer.origin, sizes),
  ];
  const results = {}; // scenario -> contender -> runs[]
  const started = Date.now();
  try {
    for (const scenario of SCENARIOS) {
      results[scenario.id] = {};
      for (const c of contenders) results[scenario.id][c.name] = [];
      // warm-up: JIT, connections
      for (const c of contenders) {
        const q = `bench-warm-${scenario.id}-${contenders.indexOf(c)}`;
        if (scenario.preload && c.name !== 'loopback HTTP limit') await preload(admin, q, 64);
        else await admin.createQueue({ queueName: q }).catch(() => {});
        await runOnce(c, { ...scenario, messages: 64 }, q);
        await admin.deleteQueue({ queueName: q });
      }
      for (let run = 0; run < RUNS; run++) {
        const order = run % 2 === 0 ? contenders : [...contenders].reverse();
        for (const c of order) {
          const q = `bench-${scenario.id}-${contenders.indexOf(c)}-${run}`;
          if (scenario.preload && c.name !== 'loopback HTTP limit')
            await preload(admin, q, scenario.messages);
          else await admin.createQueue({ queueName: q }).catch(() => {});
          const r = await runOnce(c, scenario, q);
          results[scenario.id][c.name].push(r);
          await admin.deleteQueue({ queueName: q });
          process.stderr.write(
            `${scenario.id.padEnd(20)} run ${run + 1}/${RUNS} ${c.name.padEnd(24)} ${r.msgsPerSec.toFixed(0).padStart(7)} msg/s ` +
              `${r.cpuUsPerMsg.toFixed(1).padStart(7)} µs CPU/msg p99 ${r.p99Ms.toFixed(2)} ms\n`,
          );
        }
      }
    }
  } finally {
    for (const c of contenders) await c.close();
  }
  process.stderr.write('rx end to end…\n');
  const rx = await runRxBench({ endpoint: mns.endpoint, credentials: mns, body: BODY, runs: RUNS });
  await admin.close();
  await mns.stop();
  await limitServer.stop();

  const summary = summarize(results);
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    command: 'pnpm run bench:compare',
    runs: RUNS,
    messages: MESSAGES,
    batchMessages: BATCH_MESSAGES,
    concurrency: CONCURRENCY,
    bodyBytes: Buffer.byteLength(BODY),
    durationS: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(
    join(root, 'docs', 'benchmarks.json'),
    `${JSON.stringify({ meta, summary, rx, sizes }, null, 2)}\n`,
  );
  writeFileSync(join(root, 'docs', 'benchmarks.svg'), renderChart(summary, SCENARIOS));
  writeFileSync(join(root, 'docs', 'benchmarks.md'), renderMarkdown(meta, summary, rx, sizes));
  process.stdout.write(renderMarkdown(meta, summary, rx, sizes));
}

/** Request/response body sizes of the MNS operations with BODY, for the limit contender. */
function measureSizes() {
  const msgXml = (withHandle) =>
    `<Message><MessageId>${'A'.repeat(32)}</MessageId>${withHandle ? `<ReceiptHandle>${'h'.repeat(36)}</ReceiptHandle>` : ''}` +
    `<MessageBodyMD5>${'B'.repeat(32)}</MessageBodyMD5><MessageBody>${BODY.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</MessageBody>` +
    '<EnqueueTime>1716809414944</EnqueueTime><FirstDequeueTime>1716809420986</FirstDequeueTime>' +
    '<NextVisibleTime>1716809470986</NextVisibleTime><DequeueCount>1</DequeueCount><Priority>8</Priority></Message>';
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  const ns = ' xmlns="http://mns.aliyuncs.com/doc/v1/"';
  const sendOne = `<Message${ns}><MessageBody>${BODY}</MessageBody></Message>`;
  const sendRes = `${head}<Message${ns}><MessageId>${'A'.repeat(32)}</MessageId><MessageBodyMD5>${'B'.repeat(32)}</MessageBodyMD5></Message>`;
  return {
    sendReq: Buffer.byteLength(head + sendOne),
    sendRes: Buffer.byteLength(sendRes),
    recvRes: Buffer.byteLength(head + msgXml(true)),
    batchSendReq: Buffer.byteLength(`${head}<Messages${ns}>${sendOne.replace(ns, '').repeat(16)}</Messages>`),
    batchSendRes: Buffer.byteLength(
      `${head}<Messages${ns}>${sendRes.replace(head, '').repeat(16)}</Messages>`,
    ),
    batchRecvRes: Buffer.byteLength(`${head}<Messages${ns}>${msgXml(true).repeat(16)}</Messages>`),
    batchDeleteReq: Buffer.byteLength(
      `${head}<ReceiptHandles${ns}>${`<ReceiptHandle>${'h'.repeat(36)}</ReceiptHandle>`.repeat(16)}</ReceiptHandles>`,
    ),
  };
}

function summarize(results) {
  const out = {};
  for (const [scenario, byContender] of Object.entries(results)) {
    out[scenario] = {};
    const limit = median(byContender['loopback HTTP limit'].map((r) => r.msgsPerSec));
    const official = median(byContender['@alicloud/mns'].map((r) => r.msgsPerSec));
    for (const [name, runs] of Object.entries(byContender)) {
      const msgsPerSec = median(runs.map((r) => r.msgsPerSec));
      out[scenario][name] = {
        msgsPerSec,
        cpuUsPerMsg: median(runs.map((r) => r.cpuUsPerMsg)),
        p50Ms: median(runs.map((r) => r.p50Ms)),
        p99Ms: median(runs.map((r) => r.p99Ms)),
        ofLimit: msgsPerSec / limit,
        vsOfficial: msgsPerSec / official,
        runs: runs.map((r) => Math.round(r.msgsPerSec)),
      };
    }
  }
  return out;
}

function renderMarkdown(meta, summary, rx, sizes) {
  const f0 = (x) => Math.round(x).toLocaleString('en-US');
  let md = `# Benchmarks

Generated by \`${meta.command}\` (\`apps/bench/src/compare.mjs\`) on ${meta.date.slice(0, 10)}:
${meta.cpu}, ${meta.memory}, Node ${meta.node}. One \`mns-local\` process (in-memory, auth on) on 127.0.0.1; the
clients run in the bench process, so the CPU column is client CPU only. Contenders alternate (A B C D, D C B A, …);
every figure is the median of ${meta.runs} runs; ${meta.concurrency} requests in flight; message body: a
${meta.bodyBytes}-byte StreamTranscodeComplete event; ${meta.messages} messages per single-op run,
${meta.batchMessages} per batch run. Whole run: ${meta.durationS} s. Runs vary ±15–25 % on this machine kind: compare
within this table, not across runs.

The **loopback HTTP limit** does the same number of HTTP round trips with the same request and response body sizes
against a server that does nothing (undici keep-alive pool, no signing, no XML): the most any client could reach here.

![ratios](benchmarks.svg)

`;
  for (const [scenario, byContender] of Object.entries(summary)) {
    md += `## ${scenario}\n\n| client | messages/s | client CPU µs/msg | p50 ms | p99 ms | × @alicloud/mns | of limit | runs (msg/s) |\n|---|---:|---:|---:|---:|---:|---:|---|\n`;
    for (const [name, r] of Object.entries(byContender)) {
      md += `| ${name} | ${f0(r.msgsPerSec)} | ${r.cpuUsPerMsg.toFixed(1)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.vsOfficial.toFixed(2)}× | ${(r.ofLimit * 100).toFixed(0)} % | ${r.runs.join(', ')} |\n`;
    }
    md += '\n';
  }
  const us = '@vodmns/mns-transport';
  const lim = 'loopback HTTP limit';
  const rxOfLimit = rx.eventsPerSec / summary.batchReceiveDelete[lim].msgsPerSec;
  const row = (what, target, value, ok, note) =>
    `| ${what} | ${target} | ${value} | ${ok ? 'met' : '**not met**'} | ${note} |\n`;
  md +=
    '## Targets (issue #7), computed from this run\n\n| target | wanted | measured | | note |\n|---|---|---|---|---|\n';
  for (const [id, title] of [
    ['send', 'single send'],
    ['receiveDelete', 'receive + delete'],
  ]) {
    const r = summary[id][us];
    const limitRatio = summary[id][lim].vsOfficial;
    md += row(
      `${title}: messages/s vs @alicloud/mns`,
      '≥ 3×',
      `${r.vsOfficial.toFixed(2)}×`,
      r.vsOfficial >= 3,
      `the loopback limit itself is ${limitRatio.toFixed(2)}× @alicloud/mns here; we reach ${(r.ofLimit * 100).toFixed(0)} % of it with ${(summary[id]['@alicloud/mns'].cpuUsPerMsg / r.cpuUsPerMsg).toFixed(1)}× less client CPU per message`,
    );
  }
  md += row(
    'rx end to end',
    '≥ 10,000 events/s',
    `${Math.round(rx.eventsPerSec).toLocaleString('en-US')} events/s`,
    rx.eventsPerSec >= 10_000,
    'median of the runs below',
  );
  md += row(
    'rx end to end vs the loopback batch limit',
    '≥ 50 %',
    `${(rxOfLimit * 100).toFixed(0)} %`,
    rxOfLimit >= 0.5,
    'the limit does batch receive + batch delete round trips against a server that does nothing; rx also pays the real server (signature checks, queue state) on the other core, parsing, validation, dedupe and lease bookkeeping',
  );
  md += '\n';
  md += `## @vodmns/rx end to end\n\n${rx.markdown}\n\n## Body sizes used for the limit (bytes)\n\n\`\`\`json\n${JSON.stringify(sizes, null, 2)}\n\`\`\`\n`;
  return md;
}

await main();
