import { setTimeout as sleep } from 'node:timers/promises';
import {
  findMnsRegion,
  KNOWN_VOD_EVENT_TYPES,
  MNS_LIMITS,
  ok,
  parseMnsEndpoint,
  type ReceivedMessage,
} from '@vodmns/core';
import type { MnsClient } from '@vodmns/mns-transport';
import type { Consumer, Delivery } from '@vodmns/rx';
import type { CliIo } from '../cli-io.js';
import type { CommandSpec, OptionValues } from '../command.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.js';
import { toCliError } from '../errors/to-cli-error.js';
import { booleanFlag, integerFlag, listFlag } from '../options/parse-command-args.js';
import { didYouMean } from '../options/suggest.js';
import { padToWidth, truncateToWidth } from '../output/text-width.js';
import {
  type DeadLetterParser,
  type DeadLetterView,
  describeDeadLetter,
  type MessageView,
  type NotVodEventView,
  viewMessageBody,
  whyNotVodEvent,
} from '../output/view-message.js';
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
  /** Why the body is not a VOD event (core's parse error), when it is not. */
  readonly notVodEvent?: NotVodEventView;
  /** The decoded vodmns dead-letter envelope, when the body is one (type, mediaId… describe its original body). */
  readonly deadLetter?: DeadLetterView;
  /** Whether tail deleted the message (`--ack`). */
  readonly acked: boolean;
}

/** Ids of messages already shown while peeking: at most this many are remembered (oldest forgotten first). */
const SEEN_LIMIT = 100_000;
/** BatchPeekMessage returns at most 16 messages. */
const PEEK_BATCH = 16;

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
  message: Pick<ReceivedMessage, 'messageId' | 'dequeueCount' | 'enqueueTime' | 'messageBody'>,
  view: MessageView,
  acked: boolean,
): TailRecord {
  return {
    queue,
    region: region ?? null,
    messageId: message.messageId,
    dequeueCount: message.dequeueCount,
    enqueueTime: new Date(message.enqueueTime).toISOString(),
    type: view.type,
    mediaId: view.mediaId,
    status: view.status,
    event: view.event,
    ...(view.type === null && view.deadLetter === undefined ? { body: message.messageBody } : {}),
    ...(view.notVodEvent === undefined ? {} : { notVodEvent: view.notVodEvent }),
    ...(view.deadLetter === undefined ? {} : { deadLetter: view.deadLetter }),
    acked,
  };
}

const COLUMNS: readonly [string, number][] = [
  ['TIME', 8],
  ['TYPE', 28],
  ['MEDIA ID', 32],
  ['STATUS', 6],
  ['REGION', 14],
  ['DEQ', 4],
];

/** The column header of the pretty output. */
function prettyHeader(): string {
  return `${COLUMNS.map(([h, w]) => padToWidth(h, w)).join('  ')}  DETAILS`;
}

function prettyLine(r: TailRecord, details: string): string {
  const status = r.status === null ? '-' : r.status === 'success' ? 'ok' : 'FAIL';
  const type = r.type ?? '(not a VOD event)';
  const cells = [
    r.enqueueTime.slice(11, 19),
    type,
    r.mediaId ?? '-',
    status,
    r.region ?? '-',
    String(r.dequeueCount),
  ];
  const extra: string[] = [];
  if (r.deadLetter !== undefined) extra.push(describeDeadLetter(r.deadLetter));
  if (r.notVodEvent !== undefined) {
    extra.push(`why: ${whyNotVodEvent(r.notVodEvent)}`);
    if (r.body !== undefined) extra.push(`body: ${JSON.stringify(r.body.slice(0, 60))}`);
  } else if (details !== '') extra.push(details);
  if (r.acked) extra.push('(deleted)');
  return `${cells.map((c, i) => padToWidth(truncateToWidth(c, COLUMNS[i]?.[1] ?? 8), COLUMNS[i]?.[1] ?? 8)).join('  ')}  ${extra.join('  ')}`.trimEnd();
}

/** The `--type` filter, checked against the known event types (a typo would otherwise show nothing, silently). */
function typeFilter(values: OptionValues): Set<string> {
  const types = listFlag(values, 'type');
  const known = new Set<string>(KNOWN_VOD_EVENT_TYPES);
  for (const t of types) {
    if (known.has(t)) continue;
    throw new CliError(
      ExitCode.usage,
      `--type: unknown event type "${t}"`,
      didYouMean(t, known) ?? `known types: ${KNOWN_VOD_EVENT_TYPES.join(', ')}`,
    );
  }
  return new Set(types);
}

/** `vodmns tail <queue>` — follow a queue live: watch by peeking (changes nothing), or consume with --ack. */
export const tailCommand: CommandSpec = {
  name: 'tail',
  summary: 'follow a queue live: typed VOD events, pretty-printed or NDJSON (watching changes nothing)',
  usage: 'tail <queue> [--type TYPE,…] [--ack] [--json] [--max N] [--idle SECONDS] [--interval SECONDS]',
  description: [
    'Prints each message: time, event type, video/media id, status, region, dequeue count and key fields. A body',
    'that is not a VOD event is shown with the reason (core\'s parse issues, also in --json as "notVodEvent"); a',
    'vodmns dead-letter envelope (a DLQ written by @vodmns/rx) is decoded: where from, why, and the original event.',
    '',
    'Without --ack tail only WATCHES, by peeking: it never receives, so no message changes — its visibility and',
    'DequeueCount stay as they are, and no consumer will later treat it as poison because you watched. A peek shows',
    'what is visible now: at most the 16 messages at the head of the queue, each shown once (tail remembers the',
    'ids it showed). Messages a consumer holds, and messages behind 16 that nobody takes, are not seen.',
    '',
    'With --ack tail CONSUMES: it receives through an @vodmns/rx consumer (no poison handling: every body is shown)',
    'and deletes each message once it was printed. A receive raises the DequeueCount of every message it gets,',
    'also of messages --type filters out (those are released, not deleted).',
    '',
    'Ctrl-C (exit 130), SIGTERM (exit 143) or a closed output (`| head -1`, exit 0) stop cleanly: every message tail',
    'holds and did not delete is released back to the queue, pending deletes are flushed. --max and --idle end it',
    'with exit 0. A second Ctrl-C exits at once.',
  ].join('\n'),
  positionals: { min: 1, max: 1 },
  options: {
    type: {
      type: 'string',
      multiple: true,
      description: 'only these event types (comma-separated or repeated; checked against the known types)',
      valueName: 'TYPE',
    },
    ack: {
      type: 'boolean',
      description: 'consume: receive (raises DequeueCount) and delete each printed message',
    },
    json: { type: 'boolean', description: 'one JSON object per message (NDJSON)' },
    max: { type: 'string', description: 'exit 0 after printing N messages', valueName: 'N' },
    idle: {
      type: 'string',
      description: 'exit 0 after SECONDS without a new message, 1–86400',
      valueName: 'SECONDS',
    },
    interval: {
      type: 'string',
      description: 'watching: seconds between peeks, 1–60 (default 1)',
      valueName: 'SECONDS',
    },
    wait: {
      type: 'string',
      description: `with --ack: long-poll wait per receive, ${rangeText(MNS_LIMITS.pollingWaitSeconds)} s (default 5)`,
      valueName: 'SECONDS',
    },
  },
  connection: true,
  examples: [
    'vodmns tail vod-events-cn-shanghai',
    'vodmns tail vod-events-cn-shanghai --type FileUploadComplete,TranscodeComplete --ack',
    'vodmns tail vod-events-cn-shanghai --json --max 10 | jq .mediaId',
    'vodmns tail vod-events-dlq            # decodes dead-letter envelopes: why, when, from which queue',
  ],
  async run({ io, values, positionals }) {
    const queueName = positionals[0] as string;
    const types = typeFilter(values);
    const ack = booleanFlag(values, 'ack');
    const json = booleanFlag(values, 'json');
    const max = integerFlag(values, 'max', 1, Number.MAX_SAFE_INTEGER);
    const idleSeconds = integerFlag(values, 'idle', 1, 86_400);
    const intervalSeconds = integerFlag(values, 'interval', 1, 60) ?? 1;
    const waitSeconds = mnsIntegerFlag(values, 'wait', MNS_LIMITS.pollingWaitSeconds) ?? 5;
    return withConnection(io, values, async ({ client, config }) => {
      // Fails fast (QueueNotExist, credentials, unreachable) and gives the lease length to use.
      const attributes = await client.getQueueAttributes({ queueName });
      const region = regionOf(config.endpoint, queueName);
      // Loaded on demand: only tail and dlq need the consumer runtime (and rxjs).
      const rx = await import('@vodmns/rx');
      const parseDeadLetter: DeadLetterParser = rx.parseDeadLetterEnvelope;
      const show = (
        message: Pick<ReceivedMessage, 'messageId' | 'dequeueCount' | 'enqueueTime' | 'messageBody'>,
        onWritten?: (error?: Error | null) => void,
      ): boolean => {
        const view = viewMessageBody(message.messageBody, parseDeadLetter);
        if (types.size > 0 && (view.type === null || !types.has(view.type))) return false;
        const record = toRecord(queueName, region, message, view, ack);
        const line = json ? JSON.stringify(record) : prettyLine(record, view.details);
        const width = io.stdout.columns;
        io.stdout.write(`${json || width === undefined ? line : truncateToWidth(line, width)}\n`, onWritten);
        return true;
      };
      const loop = { show, json, max, idleSeconds, queueName };
      if (!ack) return watchQueue(io, client, { ...loop, intervalSeconds });
      return consumeQueue(io, {
        ...loop,
        consumer: rx.createConsumer<ReceivedMessage>(client, {
          queueName,
          waitSeconds,
          visibilityTimeoutSeconds: attributes.visibilityTimeoutSeconds,
          // Never extends leases: what it does not delete goes back to the queue on its own.
          maxExtensionMs: 0,
          // Show everything: no poison handling (any body is displayable), no duplicate suppression.
          decode: (message) => ok(message),
          maxDeliveries: Number.POSITIVE_INFINITY,
          idempotency: false,
          maxInFlight: 64,
        }),
      });
    });
  },
};

interface TailLoop {
  /** Prints a message if it passes the filters (`onWritten` runs once the line was written); returns whether. */
  readonly show: (
    message: Pick<ReceivedMessage, 'messageId' | 'dequeueCount' | 'enqueueTime' | 'messageBody'>,
    onWritten?: (error?: Error | null) => void,
  ) => boolean;
  readonly json: boolean;
  readonly max: number | undefined;
  readonly idleSeconds: number | undefined;
  readonly queueName: string;
}

/** Stop handling shared by both modes: --max, --idle, and the CLI's stop signal (Ctrl-C, SIGTERM, closed stdout). */
function stopControl(io: CliIo, loop: TailLoop) {
  const controller = new AbortController();
  let reason: 'interrupted' | 'max' | 'idle' | 'failed' | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const stop = (r: NonNullable<typeof reason>): void => {
    if (reason === undefined) reason = r;
    controller.abort();
  };
  const onAbort = (): void => stop('interrupted');
  if (io.signal?.aborted === true) stop('interrupted');
  io.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    stop,
    get reason() {
      return reason;
    },
    armIdle(): void {
      if (loop.idleSeconds === undefined || reason !== undefined) return;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => stop('idle'), loop.idleSeconds * 1000);
    },
    dispose(): void {
      clearTimeout(idleTimer);
      io.signal?.removeEventListener('abort', onAbort);
    },
    exitCode(): ExitCodeValue {
      return reason === 'interrupted' ? ExitCode.interrupted : ExitCode.ok;
    },
  };
}

/** Watching: BatchPeekMessage in a loop, each message id shown once. Changes nothing in the queue. */
async function watchQueue(
  io: CliIo,
  client: MnsClient,
  loop: TailLoop & { readonly intervalSeconds: number },
): Promise<ExitCodeValue> {
  const control = stopControl(io, loop);
  const seen = new Set<string>();
  let printed = 0;
  let failures = 0;
  io.stderr.write(
    `watching ${loop.queueName} by peeking — changes nothing (no receive: DequeueCount and visibility stay as they are); ` +
      `shows what is visible now, up to ${PEEK_BATCH} messages at the head of the queue, each once; --ack consumes instead. Ctrl-C to stop\n`,
  );
  if (!loop.json) io.stdout.write(`${prettyHeader()}\n`);
  control.armIdle();
  try {
    while (!control.signal.aborted) {
      let messages: readonly ReceivedMessageLike[] = [];
      try {
        messages = await client.batchPeekMessage({
          queueName: loop.queueName,
          numOfMessages: PEEK_BATCH,
          signal: control.signal,
        });
        failures = 0;
      } catch (error) {
        if (control.signal.aborted) break;
        const e = toCliError(error);
        // Only an unreachable endpoint is worth waiting out; anything else (queue deleted, credentials) ends it.
        if (e.exitCode !== ExitCode.unreachable) throw error;
        failures += 1;
        if (failures === 3 || failures % 30 === 0)
          io.stderr.write(`vodmns: peek failing (attempt ${failures}): ${e.message}\n`);
      }
      for (const m of messages) {
        if (control.signal.aborted) break;
        if (seen.has(m.messageId)) continue;
        seen.add(m.messageId);
        if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
        if (!loop.show(m)) continue;
        printed += 1;
        control.armIdle();
        if (loop.max !== undefined && printed >= loop.max) control.stop('max');
      }
      if (control.signal.aborted) break;
      await sleep(loop.intervalSeconds * 1000, undefined, { signal: control.signal }).catch(() => {});
    }
  } finally {
    control.dispose();
  }
  io.stderr.write(`${printed} message(s) shown; nothing received, deleted or changed\n`);
  return control.exitCode();
}

type ReceivedMessageLike = Pick<
  ReceivedMessage,
  'messageId' | 'dequeueCount' | 'enqueueTime' | 'messageBody'
>;

/** Delivery states in which tail still holds the message (it can be released). */
const LIVE_STATES: ReadonlySet<string> = new Set(['received', 'queued', 'started']);

/** Consuming (--ack): receive through rx, delete each message once its line was written. */
async function consumeQueue(
  io: CliIo,
  loop: TailLoop & { readonly consumer: Consumer<ReceivedMessage> },
): Promise<ExitCodeValue> {
  const { consumer } = loop;
  const control = stopControl(io, loop);
  let printed = 0;
  let fatal: unknown;
  const notices = consumer.notices$.subscribe((n) => {
    if (n.type === 'poll-error' && n.attempt >= 3) {
      io.stderr.write(
        `vodmns: receive failing (attempt ${n.attempt}): ${(n.error as Error).message ?? n.error}\n`,
      );
    } else if (n.type === 'ack-failed') {
      io.stderr.write(`vodmns: delete of ${n.messageId} failed: ${n.code}\n`);
    }
  });
  io.stderr.write(
    `consuming ${loop.queueName}: receiving (raises each message's DequeueCount), deleting every printed message — Ctrl-C to stop\n`,
  );
  if (!loop.json) io.stdout.write(`${prettyHeader()}\n`);
  control.armIdle();
  // Deliveries handed to us and not deleted: released explicitly at the end (drain only releases what it still
  // buffers; what it handed downstream is ours to settle).
  const unsettled = new Set<Delivery<ReceivedMessage>>();
  const releases: Promise<boolean>[] = [];
  const stopped = new Promise<void>((resolve) => {
    if (control.signal.aborted) resolve();
    else control.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const subscription = consumer.events$.subscribe({
    next: (delivery) => {
      if (control.reason !== undefined) {
        // Arrived after the stop (a receive that was in flight): hand it straight back.
        releases.push(delivery.nack({ delaySeconds: 0 }));
        return;
      }
      control.armIdle();
      if (unsettled.size > 256) for (const d of unsettled) if (!LIVE_STATES.has(d.state)) unsettled.delete(d);
      unsettled.add(delivery);
      // Deleted only once its line reached the output: a message is never deleted unseen (closed pipe).
      const shown = loop.show(delivery.message, (error) => {
        if (error) {
          control.stop('interrupted');
          return;
        }
        unsettled.delete(delivery);
        void delivery.ack();
      });
      if (!shown) return;
      printed += 1;
      if (loop.max !== undefined && printed >= loop.max) control.stop('max');
    },
    error: (error: unknown) => {
      fatal = error;
      control.stop('failed');
    },
    complete: () => control.stop(control.reason ?? 'failed'),
  });
  await stopped;
  control.dispose();
  // Graceful: stop receiving first (so nothing released is received again), release what we hold (visible
  // again at once), and let the drain flush pending deletes once everything is settled.
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
  if (control.reason === 'failed') {
    throw fatal instanceof Error ? fatal : new CliError(ExitCode.failed, `tail stopped: ${String(fatal)}`);
  }
  return control.exitCode();
}
