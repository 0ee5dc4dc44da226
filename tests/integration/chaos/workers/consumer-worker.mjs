// A consumer process for the crash suite: consumes the queue with @vodmns/rx (built packages) and a shared,
// parent-held idempotency store; reports every handler run to the parent over IPC. The parent SIGKILLs it at
// seeded points. Configuration comes from the environment (never argv: argv is visible to every local user).
//
//   CHAOS_ENDPOINT, CHAOS_QUEUE, CHAOS_AK_ID, CHAOS_AK_SECRET, CHAOS_WORKER, CHAOS_HANDLER_MS, CHAOS_VISIBILITY_S,
//   CHAOS_MAX_EXTENSION_MS, CHAOS_MAX_DELIVERIES ('Infinity' allowed), CHAOS_DEFER_S (unset = rx defaults)
//
// IPC out: { kind: 'ready' } · { kind: 'handled', id, worker } · { kind: 'notice', type, action, reason }
//          · { kind: 'metrics', metrics } · { kind: 'fatal', text }
// IPC in:  { kind: 'drain' } → drains, sends metrics, exits 0.
import { MnsClient } from '@vodmns/mns-transport';
import { consume } from '@vodmns/rx';
import { IpcIdempotencyStore } from './ipc-idempotency-store.mjs';

const env = process.env;
const worker = env.CHAOS_WORKER ?? '?';
const handlerMs = Number(env.CHAOS_HANDLER_MS ?? '2');
const visibility = Number(env.CHAOS_VISIBILITY_S ?? '3');
const optional = (name) => (env[name] === undefined || env[name] === '' ? undefined : Number(env[name]));
const tuning = {};
if (optional('CHAOS_MAX_EXTENSION_MS') !== undefined)
  tuning.maxExtensionMs = optional('CHAOS_MAX_EXTENSION_MS');
if (optional('CHAOS_MAX_DELIVERIES') !== undefined) tuning.maxDeliveries = optional('CHAOS_MAX_DELIVERIES');
const idempotency = { store: new IpcIdempotencyStore() };
if (optional('CHAOS_DEFER_S') !== undefined) idempotency.deferSeconds = optional('CHAOS_DEFER_S');

function fatal(text) {
  process.stderr.write(`consumer-worker ${worker}: ${text}\n`);
  process.send?.({ kind: 'fatal', text }, () => process.exit(3));
}
process.on('unhandledRejection', (reason) => fatal(`unhandled rejection: ${String(reason)}`));
process.on('uncaughtException', (error) => fatal(`uncaught exception: ${String(error)}`));

const client = new MnsClient({
  endpoint: env.CHAOS_ENDPOINT,
  credentials: { accessKeyId: env.CHAOS_AK_ID, accessKeySecret: env.CHAOS_AK_SECRET },
  retry: { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 500 },
});

const running = consume(
  client,
  async (event) => {
    // the side effect happens, and is reported, before the ack: a kill after this line and before the commit
    // makes the only kind of duplicate this suite allows (a reservation that expired with its holder)
    await new Promise((r) => setTimeout(r, handlerMs));
    process.send({ kind: 'handled', id: String(event.VideoId), worker });
  },
  {
    queueName: env.CHAOS_QUEUE,
    waitSeconds: 1,
    visibilityTimeoutSeconds: visibility,
    maxInFlight: 32,
    concurrency: 8,
    ackBatchDelayMs: 5,
    idempotency,
    ...tuning,
  },
);

running.consumer.notices$.subscribe((n) => {
  if (n.type === 'idempotency-error') fatal(`idempotency store failed: ${String(n.error)}`);
  if (n.type === 'poison' || n.type === 'duplicate' || n.type === 'lease-lost')
    process.send({
      kind: 'notice',
      type: n.type,
      action: n.action,
      reason: n.reason,
      messageId: n.messageId,
    });
});

process.on('message', (m) => {
  if (m === null || typeof m !== 'object' || m.kind !== 'drain') return;
  running
    .drain({ timeoutMs: 20_000 })
    .then(async (result) => {
      await client.close();
      process.send({ kind: 'metrics', metrics: running.consumer.metrics(), timedOut: result.timedOut }, () =>
        process.exit(0),
      );
    })
    .catch((error) => fatal(`drain failed: ${String(error)}`));
});

process.send({ kind: 'ready', worker });
