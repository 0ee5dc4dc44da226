#!/usr/bin/env node
// Before/after of the transport's HTTP path (issue #7): the same POST (678-byte body, 217-byte answer) against the
// do-nothing limit server, through undici's `request()` + `body.text()` (the transport before) and through
// `dispatch()` with a buffering handler (the transport now). Client CPU per round trip, alternated, medians.
//   node apps/bench/src/undici-paths.mjs [roundTrips=20000] [runs=5]
import { Pool } from 'undici';
import { dispatchBuffered } from './dispatch-buffered.mjs';
import { startLimitServerProcess } from './servers.mjs';

const N = Number(process.argv[2] ?? 20_000);
const RUNS = Number(process.argv[3] ?? 5);
const body = 'x'.repeat(678);
const server = await startLimitServerProcess();
const pool = new Pool(server.origin, { connections: 16, pipelining: 1 });
const options = { method: 'POST', path: '/q?size=217', headers: { 'content-type': 'text/xml' }, body };

async function viaRequest() {
  const res = await pool.request(options);
  return res.body.text();
}

async function viaDispatch() {
  return (await dispatchBuffered(pool, options)).toString('utf8');
}

async function measure(fn) {
  let left = N;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (left-- > 0) await fn();
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { perSec: (N / (performance.now() - t0)) * 1000, cpuUs: (cpu.user + cpu.system) / N };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const results = { request: [], dispatch: [] };
await measure(viaRequest); // warm-up
await measure(viaDispatch);
for (let run = 0; run < RUNS; run++) {
  const order = run % 2 === 0 ? ['request', 'dispatch'] : ['dispatch', 'request'];
  for (const name of order) results[name].push(await measure(name === 'request' ? viaRequest : viaDispatch));
}
for (const [name, rs] of Object.entries(results)) {
  console.log(
    `${name.padEnd(9)} ${Math.round(median(rs.map((r) => r.perSec)))
      .toLocaleString('en-US')
      .padStart(
        7,
      )} round trips/s  client CPU ${median(rs.map((r) => r.cpuUs)).toFixed(1)} µs each (median of ${RUNS})`,
  );
}
await pool.close();
await server.stop();
