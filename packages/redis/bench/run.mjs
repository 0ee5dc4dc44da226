// Cost per event of each idempotency store, beside the in-process memory store: what the consumer asks of the
// store for one event (its two keys claimed with the rest of its received batch, then committed on ack), in CPU
// µs of this process, round trips, and — for Redis — CPU µs of the redis-server process and bytes per key.
// Real servers only: redis-server is started on 127.0.0.1 on a free port (@vodmns/redis/testing).
//
//   node packages/redis/bench/run.mjs [--events 20000] [--batch 16] [--runs 3]
//
// Needs the dist/ of rx, redis and sqlite: `pnpm run build` first (the root `pnpm run bench` does).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '16' },
    runs: { type: 'string', default: '3' },
  },
});
const EVENTS = Number(values.events);
const BATCH = Number(values.batch);
const RUNS = Number(values.runs);
const TTL = 86_400_000;
const RESERVE_TTL = 3_630_000;

let rx;
let redisPkg;
let testing;
let sqlitePkg;
try {
  rx = await import('@vodmns/rx');
  redisPkg = await import('@vodmns/redis');
  testing = await import('@vodmns/redis/testing');
  sqlitePkg = await import('@vodmns/sqlite');
} catch (error) {
  console.error(`bench: a dist/ is missing — build first (pnpm run build): ${error.message}`);
  process.exit(1);
}
const { createClient } = await import('redis');
const { Redis } = await import('ioredis');

/** One run: EVENTS events in batches of BATCH, each with a msg: and an evt: key, claimed then committed. */
async function run(store, tag) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i += BATCH) {
    const claims = [];
    for (let j = i; j < Math.min(EVENTS, i + BATCH); j++) claims.push([`msg:${tag}-${j}`, `evt:${tag}-${j}`]);
    const answers = await store.claimMany(claims, RESERVE_TTL);
    // the consumer commits each delivery's two keys (one tick: one round trip) when that delivery is acked, and
    // acks come one by one: the worst case, one commit call per delivery
    for (const [k, keys] of claims.entries()) {
      if (answers[k].status === 'reserved') await Promise.all(keys.map((key) => store.commit(key, TTL)));
    }
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { cpuUsPerEvent: (cpu.user + cpu.system) / EVENTS, eventsPerSecond: EVENTS / (wallMs / 1000) };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function info(command, section) {
  const text = String(await command('INFO', section));
  return Object.fromEntries(
    text
      .split(/\r?\n/)
      .filter((l) => l.includes(':'))
      .map((l) => l.split(':')),
  );
}

async function measure(name, makeStore, serverCommand) {
  const results = [];
  let roundTrips = 0;
  let serverCpuUs = 0;
  let bytesPerKey;
  for (let r = 0; r < RUNS; r++) {
    const store = await makeStore();
    const before = serverCommand ? await info(serverCommand, 'cpu') : undefined;
    const mem0 = serverCommand ? Number((await info(serverCommand, 'memory')).used_memory) : 0;
    const rt0 = store.stats?.roundTrips ?? store.stats?.transactions ?? 0;
    results.push(await run(store, `${name}-${r}`));
    roundTrips = ((store.stats?.roundTrips ?? store.stats?.transactions ?? 0) - rt0) / EVENTS;
    if (serverCommand) {
      const after = await info(serverCommand, 'cpu');
      const used = (x) => Number(x.used_cpu_sys) + Number(x.used_cpu_user);
      serverCpuUs = ((used(after) - used(before)) * 1e6) / EVENTS;
      bytesPerKey = (Number((await info(serverCommand, 'memory')).used_memory) - mem0) / (2 * EVENTS);
      await serverCommand('FLUSHALL');
    }
    store.close?.();
  }
  return {
    store: name,
    cpuUsPerEvent: median(results.map((x) => x.cpuUsPerEvent)),
    eventsPerSecond: median(results.map((x) => x.eventsPerSecond)),
    roundTripsPerEvent: roundTrips,
    serverCpuUsPerEvent: serverCommand ? serverCpuUs : undefined,
    bytesPerKey,
  };
}

const rows = [];
rows.push(await measure('memory', () => new rx.MemoryIdempotencyStore({ maxEntries: 10_000_000 })));

const server = await testing.startRedisServer();
try {
  const nodeRedis = await createClient({ url: server.url })
    .on('error', () => undefined)
    .connect();
  const command = (...args) => nodeRedis.sendCommand(args.map(String));
  rows.push(
    await measure(
      'redis (node-redis 6.3.1)',
      () => new redisPkg.RedisIdempotencyStore({ client: nodeRedis }),
      command,
    ),
  );
  const io = new Redis(server.url, { lazyConnect: true });
  io.on('error', () => undefined);
  await io.connect();
  rows.push(
    await measure(
      'redis (ioredis 6.0.0)',
      () => new redisPkg.RedisIdempotencyStore({ client: redisPkg.fromIoredis(io) }),
      command,
    ),
  );
  io.disconnect();
  nodeRedis.destroy();
} finally {
  await server.stop();
}

const dir = mkdtempSync(join(tmpdir(), 'vodmns-bench-sqlite-'));
let n = 0;
try {
  rows.push(
    await measure(
      'sqlite (better-sqlite3 12.11.1, WAL)',
      () => new sqlitePkg.SqliteIdempotencyStore({ path: join(dir, `b${n++}.db`) }),
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `idempotency stores: ${EVENTS} events, batches of ${BATCH}, 2 keys per event, median of ${RUNS} runs`,
);
console.log(
  '| store | client CPU µs/event | events/s | round trips/event | redis-server CPU µs/event | bytes/key in Redis |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.store} | ${r.cpuUsPerEvent.toFixed(1)} | ${Math.round(r.eventsPerSecond)} | ${r.roundTripsPerEvent.toFixed(3)} | ${r.serverCpuUsPerEvent === undefined ? '—' : r.serverCpuUsPerEvent.toFixed(1)} | ${r.bytesPerKey === undefined ? '—' : Math.round(r.bytesPerKey)} |`,
  );
}
