#!/usr/bin/env node
// Parse + validate throughput of parseVodEvent on a mixed VOD event stream (one core, one thread).
// Run:  cd packages/core && npx tsc -b tsconfig.build.json && node bench/run.mjs
// Stream: every fixture in test/fixtures/vod-events + factory events of all 22 types,
// as raw JSON text, with every 5th payload base64-encoded (MNS bodies). Reports the median of several timed runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { KNOWN_VOD_EVENT_TYPES, parseVodEvent } from '../dist/index.js';
import { createVodEvent } from '../dist/testing/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 600);

function loadStream() {
  const texts = [];
  const fixtures = fileURLToPath(new URL('../test/fixtures/vod-events/', import.meta.url));
  let fixtureCount = 0;
  if (existsSync(fixtures)) {
    for (const file of readdirSync(fixtures).sort()) {
      if (!file.endsWith('.json')) continue;
      texts.push(readFileSync(fixtures + file, 'utf8'));
      fixtureCount += 1;
    }
  }
  for (let seed = 1; seed <= 4; seed++) {
    for (const type of KNOWN_VOD_EVENT_TYPES) {
      texts.push(
        JSON.stringify(
          createVodEvent(type, undefined, { seed, outcome: seed % 4 === 0 ? 'failure' : 'success' }),
        ),
      );
    }
  }
  const payloads = texts.map((text, i) => (i % 5 === 4 ? Buffer.from(text).toString('base64') : text));
  return { payloads, fixtureCount, factoryCount: texts.length - fixtureCount };
}

function measure(label, payloads, fn) {
  // warm-up (300 ms of CPU): zod schema compilation on first use, then V8 tiering up to optimised code
  const warmStart = process.cpuUsage();
  for (
    let used = 0;
    used < 300_000;
    used = process.cpuUsage(warmStart).user + process.cpuUsage(warmStart).system
  ) {
    for (const p of payloads) fn(p);
  }
  const cpuRates = [];
  const wallRates = [];
  for (let run = 0; run < RUNS; run++) {
    let count = 0;
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    // Each run lasts RUN_MS of this process's CPU time, so a busy machine stretches runs instead of skewing them.
    let cpuMs = 0;
    while (cpuMs < RUN_MS) {
      for (const p of payloads) {
        if (fn(p) === false) throw new Error(`${label}: payload failed`);
      }
      count += payloads.length;
      const used = process.cpuUsage(cpuStart);
      cpuMs = (used.user + used.system) / 1000;
    }
    const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    cpuRates.push(count / (cpuMs / 1000));
    wallRates.push(count / wallSeconds);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    label,
    median: median(cpuRates),
    min: Math.min(...cpuRates),
    max: Math.max(...cpuRates),
    wall: median(wallRates),
    avgBytes: avgBytes(payloads),
  };
}

function avgBytes(payloads) {
  return Math.round(payloads.reduce((n, p) => n + p.length, 0) / payloads.length);
}

const { payloads, fixtureCount, factoryCount } = loadStream();
const jsonOnly = payloads.filter((_, i) => i % 5 !== 4);
const base64Only = payloads.filter((_, i) => i % 5 === 4);
for (const p of payloads) {
  const r = parseVodEvent(p);
  if (!r.ok) throw new Error(`bench payload does not parse: ${r.error.message}`);
}

const parseOk = (p) => parseVodEvent(p).ok;
const results = [
  measure('parseVodEvent, mixed stream (80% JSON, 20% base64)', payloads, parseOk),
  measure('parseVodEvent, raw JSON only', jsonOnly, parseOk),
  measure('parseVodEvent, base64 only', base64Only, parseOk),
  measure('baseline: JSON.parse only (no validation)', jsonOnly, (p) => typeof JSON.parse(p) === 'object'),
];

const TARGET = 100_000;
console.log(
  `parseVodEvent throughput — node ${process.version}, ${payloads.length} payloads (${fixtureCount} fixtures + ${factoryCount} factory events), median of ${RUNS} runs of ${RUN_MS} ms CPU time each; events/CPU-s = one core fully busy\n`,
);
const rows = [['case', 'events/CPU-s (median)', 'min', 'max', 'µs CPU/event', 'events/wall-s', 'avg bytes']];
for (const r of results) {
  rows.push([
    r.label,
    Math.round(r.median).toLocaleString('en-US'),
    Math.round(r.min).toLocaleString('en-US'),
    Math.round(r.max).toLocaleString('en-US'),
    (1e6 / r.median).toFixed(2),
    Math.round(r.wall).toLocaleString('en-US'),
    String(r.avgBytes),
  ]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
const mixed = results[0].median;
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' ',
    )} on ${os.availableParallelism()} cores (wall-clock rates suffer under load; CPU-time rates much less)`,
);
console.log(
  `target ≥ ${TARGET.toLocaleString('en-US')} events/s on the mixed stream: ${mixed >= TARGET ? 'met' : 'NOT met'}`,
);
