// One consumer of the fleet suite: @vodmns/rx (built packages) on the shared durable mns-local queue, with a
// shared idempotency store — Redis (@vodmns/redis over node-redis) or SQLite (@vodmns/sqlite) — and
// `failOpen: false` (an unreachable store holds deliveries instead of running them). The parent SIGKILLs it at
// random and starts another. Configuration comes from the environment (never argv: argv is visible to every
// local user).
//
//   FLEET_ENDPOINT, FLEET_QUEUE, FLEET_AK_ID, FLEET_AK_SECRET, FLEET_WORKER, FLEET_HANDLER_MS ('min-max'),
//   FLEET_VISIBILITY_S,
//   FLEET_MAX_EXTENSION_MS, FLEET_STORE ('redis' | 'sqlite'), FLEET_REDIS_URL, FLEET_SQLITE_PATH
//
// IPC out: { kind: 'ready' } · { kind: 'start', id } (the handler begins) · { kind: 'handled', id } (its side
//          effect is done) · { kind: 'acked' | 'not-acked', id } (committed in the store and deleted, or
//          not: the lease was lost) · { kind: 'notice', type,
//          action } · { kind: 'metrics', metrics, store } · { kind: 'fatal', text }
// IPC in:  { kind: 'drain' } → drains, sends metrics, exits 0.
import { MnsClient } from '@vodmns/mns-transport';
import { createConsumer } from '@vodmns/rx';
import { mergeMap } from 'rxjs';

const env = process.env;
const worker = env.FLEET_WORKER ?? '?';
const [handlerMin, handlerMax] = (env.FLEET_HANDLER_MS ?? '1-4').split('-').map(Number);

function fatal(text) {
  process.stderr.write(`fleet-worker ${worker}: ${text}\n`);
  process.send?.({ kind: 'fatal', text }, () => process.exit(3));
}
process.on('unhandledRejection', (reason) => fatal(`unhandled rejection: ${String(reason)}`));
process.on('uncaughtException', (error) => fatal(`uncaught exception: ${String(error)}`));

let store;
let redis;
let redisErrors = 0;
// only the store in use is loaded: a start costs seconds on a loaded 2-core machine
if (env.FLEET_STORE === 'redis') {
  const { RedisIdempotencyStore } = await import('@vodmns/redis');
  const { createClient } = await import('redis');
  // a dropped connection is retried every 50 ms; commands wait in the client's offline queue meanwhile (up to the
  // store's commandTimeoutMs)
  redis = createClient({
    url: env.FLEET_REDIS_URL,
    socket: { reconnectStrategy: () => 50, connectTimeout: 2000 },
  });
  redis.on('error', () => {
    redisErrors++;
  });
  await redis.connect();
  store = new RedisIdempotencyStore({
    client: redis,
    keyPrefix: 'fleet',
    commandTimeoutMs: 1000,
    commitRetryMs: 60_000,
  });
} else if (env.FLEET_STORE === 'sqlite') {
  const { SqliteIdempotencyStore } = await import('@vodmns/sqlite');
  store = new SqliteIdempotencyStore({ path: env.FLEET_SQLITE_PATH, busyTimeoutMs: 5000 });
} else {
  fatal(`FLEET_STORE must be redis or sqlite, got ${env.FLEET_STORE}`);
}

const client = new MnsClient({
  endpoint: env.FLEET_ENDPOINT,
  credentials: { accessKeyId: env.FLEET_AK_ID, accessKeySecret: env.FLEET_AK_SECRET },
  retry: { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 500 },
});

const consumer = createConsumer(client, {
  queueName: env.FLEET_QUEUE,
  waitSeconds: 1,
  visibilityTimeoutSeconds: Number(env.FLEET_VISIBILITY_S ?? '3'),
  maxExtensionMs: Number(env.FLEET_MAX_EXTENSION_MS ?? '8000'),
  maxDeliveries: Number.POSITIVE_INFINITY,
  maxInFlight: 32,
  ackBatchDelayMs: 5,
  idempotency: { store, failOpen: false, deferSeconds: 1 },
});

consumer.notices$.subscribe((n) => {
  if (n.type === 'poison') fatal(`poison: ${n.reason} ${String(n.error)}`);
  if (n.type === 'idempotency-error') fatal(`idempotency store failed to commit/release: ${String(n.error)}`);
  if (n.type === 'duplicate' || n.type === 'lease-lost' || n.type === 'idempotency-store-unavailable')
    process.send({ kind: 'notice', type: n.type, action: n.action ?? n.reason });
});

const subscription = consumer.events$
  .pipe(
    mergeMap(async (d) => {
      const id = String(d.event.VideoId);
      process.send({ kind: 'start', id });
      await new Promise((r) => setTimeout(r, handlerMin + Math.random() * (handlerMax - handlerMin)));
      // the side effect happens, and is reported, before the ack: a kill between here and the commit is the one
      // way an event may run twice
      process.send({ kind: 'handled', id });
      // false: the lease was lost meanwhile (a starved timer), so the keys were released and a copy may run again
      process.send({ kind: (await d.ack()) ? 'acked' : 'not-acked', id });
    }, 8),
  )
  .subscribe({ error: (e) => fatal(`stream failed: ${String(e)}`) });

process.on('message', (m) => {
  if (m === null || typeof m !== 'object' || m.kind !== 'drain') return;
  consumer
    .drain({ timeoutMs: 20_000 })
    .then(async () => {
      subscription.unsubscribe();
      await client.close();
      const stats = store.stats;
      if (redis) redis.destroy();
      else store.close();
      process.send({ kind: 'metrics', metrics: consumer.metrics(), store: { ...stats, redisErrors } }, () =>
        process.exit(0),
      );
    })
    .catch((error) => fatal(`drain failed: ${String(error)}`));
});

process.send({ kind: 'ready', worker });
