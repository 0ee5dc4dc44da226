import {
  findMnsRegion,
  MNS_LIMITS,
  ok,
  parseMnsEndpoint,
  parseVodEvent,
  type ReceivedMessage,
} from '@vodmns/core';
import type { Consumer, Delivery } from '@vodmns/rx';
import type { CliIo } from '../cli-io.js';
import type { CommandSpec } from '../command.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.js';
import { booleanFlag, integerFlag, listFlag } from '../options/parse-command-args.js';
import { viewVodEvent } from '../output/describe-event.js';
import { withConnection } from './connect.js';
import { mnsIntegerFlag, rangeText } from './queue-attribute-options.js';

/** One tailed message as printed with `--json`. */
export interface TailRecord {
  readonly queue: string;
  /** MNS region of the queue (from an Alibaba Cloud endpoint, or a `…-<region>` queue name suffix), or `null`. */
  readonly region: string | null;
  readonly messageId: string;
  readonly dequeueCount: number;
  /** ISO time the message was sent. */
  readonly enqueueTime: string;
  /** `EventType`, or `null` when the body is not a VOD event. */
  readonly type: string | null;
  readonly mediaId: string | null;
  readonly status: 'success' | 'failure' | null;
  /** The parsed event (wire fields), or `null`. */
  readonly event: unknown;
  /** The body as received, when it is not a VOD event. */
  readonly body?: string;
  /** Whether tail deleted the message (`--ack`). */
  readonly acked: boolean;
}

function regionOf(endpoint: string, queueName: string): string | undefined {
  const parsed = parseMnsEndpoint(endpoint);
  if (parsed.ok && parsed.value.isAliyun) return parsed.value.region;
  // One custom endpoint can host several "regions": use a known region id at the end of the queue name.
  for (let i = queueName.indexOf('-'); i >= 0; i = queueName.indexOf('-', i + 1)) {
    const candidate = queueName.slice(i + 1);
    if (findMnsRegion(candidate) !== undefined) return candidate;
  }
  return undefined;
}

function toRecord(
  queue: string,
  region: string | undefined,
  message: ReceivedMessage,
  acked: boolean,
): TailRecord {
  const parsed = parseVodEvent(message.messageBody);
  const base = {
    queue,
    region: region ?? null,
    messageId: message.messageId,
    dequeueCount: message.dequeueCount,
    enqueueTime: new Date(message.enqueueTime).toISOString(),
    acked,
  };
  if (!parsed.ok) {
    return { ...base, type: null, mediaId: null, status: null, event: null, body: message.messageBody };
  }
  const v = viewVodEvent(parsed.value);
  return { ...base, type: v.type, mediaId: v.mediaId ?? null, status: v.status ?? null, event: parsed.value };
}

function prettyLine(r: TailRecord, details: string): string {
  const time = r.enqueueTime.slice(11, 19);
  const status = r.status === null ? '-' : r.status === 'success' ? 'ok  ' : 'FAIL';
  const type = (r.type ?? '(not a VOD event)').padEnd(28);
  const id = (r.mediaId ?? '-').padEnd(32);
  const region = (r.region ?? '-').padEnd(14);
  const extra = r.type === null ? JSON.stringify((r.body ?? '').slice(0, 60)) : details;
  return `${time}  ${type} ${id}  ${status}  ${region} deq=${r.dequeueCount}${r.acked ? ' acked' : ''}  ${extra}`.trimEnd();
}

/** `vodmns tail <queue>` — follow a queue live through `@vodmns/rx`. */
export const tailCommand: CommandSpec = {
  name: 'tail',
  summary: 'follow a queue live: typed VOD events, pretty-printed or NDJSON',
  usage: 'tail <queue> [--type TYPE,…] [--ack] [--json] [--max N] [--idle SECONDS]',
  description: [
    'Receives through an @vodmns/rx consumer and prints each message: time, event type, video/media id, status,',
    'region, dequeue count and key fields. Bodies that are not VOD events are shown raw.',
    '',
    'Without --ack tail only watches: a received message is not deleted and not kept leased, so it becomes visible',
    'again after the queue\'s visibility timeout (like "receive" in the console; its dequeue count grows). With',
    '--ack every printed message is deleted. Messages filtered out by --type are never deleted.',
    '',
    'Ctrl-C stops cleanly: receiving stops, every message tail holds and did not delete is released back to the',
    'queue (visible again within 1 s), pending deletes are flushed, and tail exits 130. It exits 0 when --max or --idle',
    'ends it. A second Ctrl-C exits at once.',
  ].join('\n'),
  positionals: { min: 1, max: 1 },
  options: {
    type: {
      type: 'string',
      multiple: true,
      description: 'only these event types (comma-separated or repeated)',
      valueName: 'TYPE',
    },
    ack: { type: 'boolean', description: 'delete each printed message (consume instead of watch)' },
    json: { type: 'boolean', description: 'one JSON object per message (NDJSON)' },
    max: { type: 'string', description: 'exit 0 after printing N messages', valueName: 'N' },
    idle: {
      type: 'string',
      description: 'exit 0 after SECONDS without a new message, 1–86400',
      valueName: 'SECONDS',
    },
    wait: {
      type: 'string',
      description: `long-poll wait per receive, ${rangeText(MNS_LIMITS.pollingWaitSeconds)} s (default 5)`,
      valueName: 'SECONDS',
    },
  },
  connection: true,
  examples: [
    'vodmns tail vod-events-cn-shanghai',
    'vodmns tail vod-events-cn-shanghai --type FileUploadComplete,TranscodeComplete --ack',
    'vodmns tail vod-events-cn-shanghai --json --max 10 | jq .mediaId',
  ],
  async run({ io, values, positionals }) {
    const queueName = positionals[0] as string;
    const types = new Set(listFlag(values, 'type'));
    const ack = booleanFlag(values, 'ack');
    const json = booleanFlag(values, 'json');
    const max = integerFlag(values, 'max', 1, Number.MAX_SAFE_INTEGER);
    const idleSeconds = integerFlag(values, 'idle', 1, 86_400);
    const waitSeconds = mnsIntegerFlag(values, 'wait', MNS_LIMITS.pollingWaitSeconds) ?? 5;
    return withConnection(io, values, async ({ client, config }) => {
      // Fails fast (QueueNotExist, credentials, unreachable) and gives the lease length to use.
      const attributes = await client.getQueueAttributes({ queueName });
      const region = regionOf(config.endpoint, queueName);
      // Loaded on demand: only tail needs the consumer runtime (and rxjs).
      const { createConsumer } = await import('@vodmns/rx');
      return tailQueue(io, {
        consumer: createConsumer<ReceivedMessage>(client, {
          queueName,
          waitSeconds,
          visibilityTimeoutSeconds: attributes.visibilityTimeoutSeconds,
          // A watcher never extends leases: what it does not delete goes back to the queue on its own.
          maxExtensionMs: 0,
          // Show everything: no poison handling (any body is displayable), no duplicate suppression.
          decode: (message) => ok(message),
          maxDeliveries: 1000,
          idempotency: false,
          maxInFlight: 64,
        }),
        print: (delivery) => {
          const parsedType = parseVodEvent(delivery.message.messageBody);
          const type = parsedType.ok ? parsedType.value.EventType : undefined;
          if (types.size > 0 && (type === undefined || !types.has(type))) return false;
          const record = toRecord(queueName, region, delivery.message, ack);
          const details = parsedType.ok ? viewVodEvent(parsedType.value).details : '';
          io.stdout.write(json ? `${JSON.stringify(record)}\n` : `${prettyLine(record, details)}\n`);
          return true;
        },
        ack,
        max,
        idleSeconds,
        queueName,
      });
    });
  },
};

/** Delivery states in which tail still holds the message (it can be released). */
const LIVE_STATES: ReadonlySet<string> = new Set(['received', 'queued', 'started']);

interface TailLoop {
  readonly consumer: Consumer<ReceivedMessage>;
  /** Prints a delivery if it passes the filters; returns whether it was printed. */
  readonly print: (delivery: Delivery<ReceivedMessage>) => boolean;
  readonly ack: boolean;
  readonly max: number | undefined;
  readonly idleSeconds: number | undefined;
  readonly queueName: string;
}

async function tailQueue(io: CliIo, loop: TailLoop): Promise<ExitCodeValue> {
  const { consumer } = loop;
  let printed = 0;
  let fatal: unknown;
  let stopReason: 'interrupted' | 'max' | 'idle' | 'failed' | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const stop = (reason: typeof stopReason): void => {
    if (stopReason === undefined) stopReason = reason;
    wake?.();
  };
  const armIdle = (): void => {
    if (loop.idleSeconds === undefined) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => stop('idle'), loop.idleSeconds * 1000);
  };
  const onAbort = (): void => stop('interrupted');
  if (io.signal?.aborted === true) return ExitCode.interrupted;
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const notices = consumer.notices$.subscribe((n) => {
    if (n.type === 'poll-error' && n.attempt >= 3) {
      io.stderr.write(
        `vodmns: receive failing (attempt ${n.attempt}): ${(n.error as Error).message ?? n.error}\n`,
      );
    } else if (n.type === 'ack-failed') {
      io.stderr.write(`vodmns: delete of ${n.messageId} failed: ${n.code}\n`);
    }
  });
  if (!loop.ack)
    io.stderr.write(`watching ${loop.queueName} (not deleting; add --ack to consume) — Ctrl-C to stop\n`);
  else io.stderr.write(`consuming ${loop.queueName} (deleting printed messages) — Ctrl-C to stop\n`);
  armIdle();
  // Deliveries handed to us and not deleted: released explicitly at the end (drain only releases what it still
  // buffers; what it handed downstream is ours to settle).
  const unsettled = new Set<Delivery<ReceivedMessage>>();
  const releases: Promise<boolean>[] = [];
  const subscription = consumer.events$.subscribe({
    next: (delivery) => {
      if (stopReason !== undefined) {
        // Arrived after the stop (a receive that was in flight): hand it straight back.
        releases.push(delivery.nack({ delaySeconds: 0 }));
        return;
      }
      armIdle();
      if (unsettled.size > 256) for (const d of unsettled) if (!LIVE_STATES.has(d.state)) unsettled.delete(d);
      const shown = loop.print(delivery);
      if (shown) printed += 1;
      if (shown && loop.ack) void delivery.ack();
      else unsettled.add(delivery);
      if (!shown) return;
      if (loop.max !== undefined && printed >= loop.max) stop('max');
    },
    error: (error: unknown) => {
      fatal = error;
      stop('failed');
    },
    complete: () => stop(stopReason ?? 'failed'),
  });
  await stopped;
  clearTimeout(idleTimer);
  io.signal?.removeEventListener('abort', onAbort);
  // Graceful: stop receiving first (so nothing released is received again), release what we hold (visible
  // again within 1 s), and let the drain flush pending deletes once everything is settled.
  const draining = consumer.drain({ timeoutMs: 5000 });
  for (const d of unsettled) if (LIVE_STATES.has(d.state)) releases.push(d.nack({ delaySeconds: 0 }));
  const drained = await draining;
  const released = (await Promise.all(releases)).filter(Boolean).length;
  subscription.unsubscribe();
  notices.unsubscribe();
  const m = consumer.metrics();
  io.stderr.write(
    `${printed} message(s) shown, ${m.acked} deleted, ${released + drained.released} released back to the queue\n`,
  );
  if (stopReason === 'failed') {
    throw fatal instanceof Error ? fatal : new CliError(ExitCode.failed, `tail stopped: ${String(fatal)}`);
  }
  return stopReason === 'interrupted' ? ExitCode.interrupted : ExitCode.ok;
}
