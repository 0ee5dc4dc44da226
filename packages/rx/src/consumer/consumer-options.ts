import {
  type BackoffOptions,
  type Clock,
  integerRangeText,
  invalidArgument,
  isMnsQueueName,
  MNS_LIMITS,
  MNS_QUEUE_NAME_RULE,
  MnsConfigError,
  type QueueSender,
  type ReceivedMessage,
  type RedeliveryPolicyInput,
  type Result,
  systemClock,
  type VodEvent,
} from '@vodmns/core';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import { MemoryIdempotencyStore } from '../idempotency/memory-idempotency-store.js';
import { type ConsumerErrorReporter, createStderrReporter } from './consumer-error-report.js';
import type { PoisonReason } from './consumer-notice.js';
import {
  createRedeliveryDecider,
  decodeVodMessage,
  type RedeliveryDecider,
  vodFingerprint,
} from './vod-defaults.js';

/** A message that cannot be handled: its body is not a valid event, or it was delivered too often. */
export interface PoisonMessage {
  readonly queueName: string;
  readonly message: ReceivedMessage;
  readonly reason: PoisonReason;
  /** The decode error (`invalid-body`), or a description of why delivery was given up (`max-deliveries`). */
  readonly error: unknown;
}

/** Where poison messages go. */
export interface DeadLetterOptions {
  /** The dead-letter queue's name. */
  readonly queueName: string;
  /** Sends to the dead-letter queue. @defaultValue the consumer's port */
  readonly sender?: QueueSender;
}

/** Duplicate suppression. */
export interface IdempotencyOptions {
  /**
   * Where handled keys are remembered. Use a shared store (Redis, a database) when several processes consume the
   * same queue. @defaultValue a new {@link MemoryIdempotencyStore} per consumer (100,000 keys)
   */
  readonly store?: IdempotencyStore;
  /** How long a handled key is remembered, ms (1 s – 30 days). @defaultValue 86400000 (24 h) */
  readonly ttlMs?: number;
  /** Key deliveries by MNS MessageId (catches redeliveries of a message whose delete was lost). @defaultValue true */
  readonly byMessageId?: boolean;
  /**
   * Key deliveries by the event's fingerprint (`vodEventFingerprint`: catches the same VOD event sent twice, as
   * two messages). @defaultValue true
   */
  readonly byFingerprint?: boolean;
  /**
   * A copy whose twin is being handled at that moment (its key is reserved, here or in another process) is held —
   * kept leased, not put back, so its DequeueCount does not grow — and the store is asked again every
   * `deferSeconds`: committed → the copy is acked; released → the copy runs. 1–43200. @defaultValue 1
   */
  readonly deferSeconds?: number;
  /**
   * What to do with a delivery when the store cannot be asked whether its event was handled (an unreachable
   * Redis, a locked database — the store rejected). `true`: run the handler anyway (at-least-once wins; a duplicate
   * may run twice while the store is down). `false`: hold the delivery (leased, not put back) and ask the store
   * again every `deferSeconds` until it answers. Either way each failure is reported on `notices$` as
   * `idempotency-store-unavailable`. @defaultValue true
   */
  readonly failOpen?: boolean;
}

/**
 * Options of `createConsumer` / `fromQueue`. Only `queueName` is required. `T` is the event type: `VodEvent` with
 * the default `decode`, or whatever a custom `decode` returns.
 */
export interface ConsumerOptions<T = VodEvent> {
  /** The queue to consume. */
  readonly queueName: string;
  /**
   * Most messages received and not yet settled. Bounds memory and concurrency. An acked message gives its slot back
   * when its delete is handed to the ack batcher, not after the delete's round trip; at most another `maxInFlight`
   * deletes may be on their way. 1–100000. @defaultValue 128
   */
  readonly maxInFlight?: number;
  /**
   * Most body bytes (UTF-8) received and not yet settled. No new receive starts at this level; since a message's
   * size is only known once it arrives, the receives already in flight may overshoot it — by at most
   * `receiveConcurrency` batches (`receiveConcurrency × batchSize` messages). 1024 – 2^32.
   * @defaultValue 33554432 (32 MiB)
   */
  readonly maxInFlightBytes?: number;
  /**
   * Most messages per receive (MNS allows 16); each receive asks for `min(batchSize, free slots)`, where free slots
   * are `maxInFlight` minus the unsettled messages minus the slots reserved by receives in flight. 1–16.
   * @defaultValue 16
   */
  readonly batchSize?: number;
  /**
   * Most receives (BatchReceiveMessage calls) one subscription keeps in flight at once, 1–64: the ceiling of an
   * adaptive receive window. A subscription starts with one receive loop; each receive that comes back full (as
   * many messages as it asked for: a backlog) starts one more loop while there are free slots, up to this number;
   * a loop whose receive comes back short (fewer, or none) or fails retryably (throttling, an outage) stops unless
   * it is the last. So the window settles where the receives in flight carry rate × round-trip time messages
   * (Little's law) — about 1 on loopback, more across a network — bounded by `maxInFlight`, and an idle queue
   * costs exactly one long poll at a time. A receive for less than `batchSize` (slots freeing up a few at a time)
   * starts only while no other receive is in flight, so freed slots go to one receive, not to several tiny ones.
   * Concurrent receives may hand over their batches interleaved — MNS gives no ordering guarantee anyway; use
   * `ackAfter`'s `orderBy` for per-key order. `1` gives a single receive loop. @defaultValue 16
   */
  readonly receiveConcurrency?: number;
  /**
   * Long-poll wait per receive, seconds, 0–30. An idle subscription makes one receive per `waitSeconds` (MNS bills
   * per request: 30 s is 120 requests per idle hour). Unsubscribing aborts a waiting receive at once; `drain()`
   * aborts it after a short grace (under a second). @defaultValue 30
   */
  readonly waitSeconds?: number;
  /**
   * The queue's visibility timeout and the step of each automatic extension, seconds, 1–43200 (MNS's range).
   * Set it to the queue's `VisibilityTimeout` (shorter is safe: the lease is then extended earlier).
   * @defaultValue 30
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Longest time a delivery is kept leased by automatic extension, counted from its receive, ms (0 – 12 h).
   * When it runs out the lease ends, the signal aborts and the message is redelivered. 0 disables extension.
   * @defaultValue 3600000 (1 h)
   */
  readonly maxExtensionMs?: number;
  /** Longest wait before queued acks are sent as one BatchDeleteMessage, ms, 0–10000. @defaultValue 50 */
  readonly ackBatchDelayMs?: number;
  /** Acks per BatchDeleteMessage, 1–16. @defaultValue 16 */
  readonly ackBatchSize?: number;
  /**
   * A message delivered more often than this (`DequeueCount > maxDeliveries`) is poison: it is dead-lettered
   * without being handled; a handler failure on delivery number `maxDeliveries` dead-letters it too. 1–1000 or
   * `Infinity`. Shortcut for `redelivery.maxDeliveries`. @defaultValue 5 (the redelivery policy's `maxDeliveries`)
   */
  readonly maxDeliveries?: number;
  /** Delays between redeliveries of failed messages (see `RedeliveryPolicy` in `@vodmns/core`). @defaultValue DEFAULT_REDELIVERY_POLICY */
  readonly redelivery?: RedeliveryPolicyInput;
  /**
   * Dead-letter queue for poison messages: the original body and metadata are sent there (see
   * `parseDeadLetterEnvelope`), then the message is deleted. If the send fails, the message is not deleted.
   * @defaultValue none: poison messages are kept in the queue (and counted in `poisonKept`)
   */
  readonly deadLetter?: DeadLetterOptions;
  /**
   * Called for a poison message instead of the dead-letter queue. Resolve to have the message deleted; reject to
   * keep it in the queue (it is redelivered after its visibility timeout).
   */
  readonly onPoison?: (poison: PoisonMessage) => Promise<void> | void;
  /** Duplicate suppression, or `false` to turn it off. @defaultValue `{}` (on, in-memory store) */
  readonly idempotency?: IdempotencyOptions | false;
  /** Decodes a message into an event; a failure makes the message poison. @defaultValue `parseVodEvent` of the body */
  readonly decode?: (message: ReceivedMessage) => Result<T, unknown>;
  /** The content key of an event for duplicate suppression, or `undefined`. @defaultValue `vodEventFingerprint` */
  readonly fingerprint?: (event: T) => string | undefined;
  /**
   * Where failures a human should see go: handler errors, poison kept without a dead-letter queue, retried
   * receive failures, acks that failed for good, lost leases, idempotency-store failures — and, with `consume`,
   * the fatal error that ends the stream. Replace it with your logger (every report is passed, unthrottled, with
   * its `kind`, `severity`, a one-line `message` and the `error`), or `false` to report nothing (then watch
   * `notices$` and `done`/`events$` errors yourself).
   * @defaultValue {@link createStderrReporter}`()`: one `vodmns: …` line on stderr per kind, then at most one per
   * kind a minute with the count of those left out
   */
  readonly onError?: ConsumerErrorReporter | false;
  /** Backoff between failed receives (full jitter). @defaultValue `{ baseMs: 200, capMs: 20000 }` */
  readonly pollBackoff?: BackoffOptions;
  /** How often `state$` emits while running, ms, 10–3600000. @defaultValue 1000 */
  readonly metricsIntervalMs?: number;
  /** Time source. @defaultValue systemClock */
  readonly clock?: Clock;
  /** Randomness for jitter, returning [0, 1). @defaultValue Math.random */
  readonly random?: () => number;
}

/** {@link ConsumerOptions} after validation, with defaults filled in. */
export interface ResolvedConsumerOptions<T> {
  readonly queueName: string;
  readonly maxInFlight: number;
  readonly maxInFlightBytes: number;
  readonly batchSize: number;
  readonly receiveConcurrency: number;
  readonly waitSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  readonly maxExtensionMs: number;
  readonly ackBatchDelayMs: number;
  readonly ackBatchSize: number;
  readonly maxDeliveries: number;
  readonly decideRedelivery: RedeliveryDecider;
  readonly deadLetter: DeadLetterOptions | undefined;
  readonly onPoison: ((poison: PoisonMessage) => Promise<void> | void) | undefined;
  readonly idempotency:
    | {
        readonly store: IdempotencyStore;
        readonly ttlMs: number;
        readonly byMessageId: boolean;
        readonly byFingerprint: boolean;
        readonly deferSeconds: number;
        readonly failOpen: boolean;
      }
    | undefined;
  readonly decode: (message: ReceivedMessage) => Result<T, unknown>;
  readonly fingerprint: (event: T) => string | undefined;
  /** The reporter, or `undefined` when `onError: false`. */
  readonly onError: ConsumerErrorReporter | undefined;
  readonly pollBackoff: BackoffOptions;
  readonly metricsIntervalMs: number;
  readonly clock: Clock;
  readonly random: () => number;
}

/** Defaults of {@link ConsumerOptions} (the ones that are plain values). */
export const DEFAULT_CONSUMER_OPTIONS = Object.freeze({
  maxInFlight: 128,
  maxInFlightBytes: 32 * 1024 * 1024,
  batchSize: MNS_LIMITS.batchSize.max,
  receiveConcurrency: 16,
  waitSeconds: MNS_LIMITS.pollingWaitSeconds.max,
  visibilityTimeoutSeconds: 30,
  maxExtensionMs: 3_600_000,
  ackBatchDelayMs: 50,
  ackBatchSize: MNS_LIMITS.batchSize.max,
  idempotencyTtlMs: 86_400_000,
  deferSeconds: 1,
  pollBackoff: Object.freeze({ baseMs: 200, capMs: 20_000 }),
  metricsIntervalMs: 1000,
});

function int(field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(`options.${field}`, value, integerRangeText({ min, max }));
  }
  return value;
}

function fn<F>(field: string, value: unknown): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw invalidArgument(`options.${field}`, value, 'a function');
  return value as F;
}

/**
 * Validates options eagerly and fills defaults.
 * @throws {@link MnsConfigError} (`ERR_MNS_INVALID_ARGUMENT`) naming the bad field and value.
 */
export function resolveConsumerOptions<T = VodEvent>(
  options: ConsumerOptions<T>,
): ResolvedConsumerOptions<T> {
  if (typeof options !== 'object' || options === null) throw invalidArgument('options', options, 'an object');
  const d = DEFAULT_CONSUMER_OPTIONS;
  const L = MNS_LIMITS;
  if (!isMnsQueueName(options.queueName)) {
    throw invalidArgument('options.queueName', options.queueName, `a queue name (${MNS_QUEUE_NAME_RULE})`);
  }
  if (options.maxDeliveries !== undefined && options.maxDeliveries !== Number.POSITIVE_INFINITY) {
    int('maxDeliveries', options.maxDeliveries, 0, 1, 1000);
  }
  const redelivery = createRedeliveryDecider(options.redelivery, options.maxDeliveries);
  const maxDeliveries = redelivery.maxDeliveries;
  if (options.deadLetter !== undefined) {
    const dl = options.deadLetter;
    if (typeof dl !== 'object' || dl === null || !isMnsQueueName(dl.queueName)) {
      throw invalidArgument(
        'options.deadLetter.queueName',
        (dl as { queueName?: unknown } | null)?.queueName,
        `a queue name (${MNS_QUEUE_NAME_RULE})`,
      );
    }
    if (dl.queueName === options.queueName)
      throw invalidArgument('options.deadLetter.queueName', dl.queueName, 'another queue than queueName');
    if (dl.sender !== undefined && typeof dl.sender?.sendMessage !== 'function') {
      throw invalidArgument('options.deadLetter.sender', dl.sender, 'a QueueSender (with sendMessage)');
    }
  }
  let idempotency: ResolvedConsumerOptions<T>['idempotency'];
  if (options.idempotency !== false) {
    const io = options.idempotency ?? {};
    if (typeof io !== 'object' || io === null)
      throw invalidArgument('options.idempotency', io, 'an object or false');
    const store = io.store ?? new MemoryIdempotencyStore(options.clock ? { clock: options.clock } : {});
    for (const m of ['has', 'reserve', 'commit', 'release'] as const) {
      if (typeof store[m] !== 'function')
        throw invalidArgument(`options.idempotency.store.${m}`, store[m], 'a function');
    }
    idempotency = {
      store,
      ttlMs: int('idempotency.ttlMs', io.ttlMs, d.idempotencyTtlMs, 1000, 30 * 86_400_000),
      byMessageId: io.byMessageId ?? true,
      byFingerprint: io.byFingerprint ?? true,
      deferSeconds: int(
        'idempotency.deferSeconds',
        io.deferSeconds,
        d.deferSeconds,
        MNS_LIMITS.visibilityTimeoutSeconds.min,
        MNS_LIMITS.visibilityTimeoutSeconds.max,
      ),
      failOpen: io.failOpen ?? true,
    };
    if (typeof idempotency.failOpen !== 'boolean')
      throw invalidArgument('idempotency.failOpen', io.failOpen, 'a boolean');
    if (store.claimMany !== undefined && typeof store.claimMany !== 'function')
      throw invalidArgument('idempotency.store.claimMany', store.claimMany, 'a function or undefined');
  }
  const pollBackoff = options.pollBackoff ?? d.pollBackoff;
  int('pollBackoff.baseMs', pollBackoff.baseMs, 0, 1, 3_600_000);
  int('pollBackoff.capMs', pollBackoff.capMs, 0, 1, 3_600_000);
  const decode = fn<ResolvedConsumerOptions<T>['decode']>('decode', options.decode);
  const fingerprint = fn<ResolvedConsumerOptions<T>['fingerprint']>('fingerprint', options.fingerprint);
  const onError =
    options.onError === false
      ? undefined
      : (fn<ConsumerErrorReporter>('onError', options.onError) ??
        createStderrReporter(options.clock ? { clock: options.clock } : {}));
  return Object.freeze({
    queueName: options.queueName,
    maxInFlight: int('maxInFlight', options.maxInFlight, d.maxInFlight, 1, 100_000),
    maxInFlightBytes: int('maxInFlightBytes', options.maxInFlightBytes, d.maxInFlightBytes, 1024, 2 ** 32),
    batchSize: int('batchSize', options.batchSize, d.batchSize, L.batchSize.min, L.batchSize.max),
    receiveConcurrency: int('receiveConcurrency', options.receiveConcurrency, d.receiveConcurrency, 1, 64),
    waitSeconds: int(
      'waitSeconds',
      options.waitSeconds,
      d.waitSeconds,
      L.pollingWaitSeconds.min,
      L.pollingWaitSeconds.max,
    ),
    visibilityTimeoutSeconds: int(
      'visibilityTimeoutSeconds',
      options.visibilityTimeoutSeconds,
      d.visibilityTimeoutSeconds,
      L.visibilityTimeoutSeconds.min,
      L.visibilityTimeoutSeconds.max,
    ),
    maxExtensionMs: int('maxExtensionMs', options.maxExtensionMs, d.maxExtensionMs, 0, 43_200_000),
    ackBatchDelayMs: int('ackBatchDelayMs', options.ackBatchDelayMs, d.ackBatchDelayMs, 0, 10_000),
    ackBatchSize: int('ackBatchSize', options.ackBatchSize, d.ackBatchSize, L.batchSize.min, L.batchSize.max),
    maxDeliveries,
    decideRedelivery: redelivery.decide,
    deadLetter: options.deadLetter,
    onPoison: fn<ResolvedConsumerOptions<T>['onPoison']>('onPoison', options.onPoison),
    idempotency,
    decode: decode ?? (decodeVodMessage as unknown as ResolvedConsumerOptions<T>['decode']),
    fingerprint: fingerprint ?? (vodFingerprint as unknown as ResolvedConsumerOptions<T>['fingerprint']),
    onError,
    pollBackoff,
    metricsIntervalMs: int(
      'metricsIntervalMs',
      options.metricsIntervalMs,
      d.metricsIntervalMs,
      10,
      3_600_000,
    ),
    clock: options.clock ?? systemClock,
    random: fn<() => number>('random', options.random) ?? Math.random,
  });
}
