/**
 * Counters and gauges of a consumer, summed over its subscriptions. Counters only grow; gauges (`inFlight`,
 * `inFlightBytes`, `receivesInFlight`, `lagMs`) show the current value.
 */
export interface ConsumerMetrics {
  /** Messages received from the queue (every receive of every copy). */
  readonly received: number;
  /** Messages deleted after successful handling (duplicates and dead letters not included). */
  readonly acked: number;
  /** Messages handed back for redelivery with a visibility delay (handler failure or explicit `nack`). */
  readonly nacked: number;
  /** Messages released at stop/drain before being handled (visibility set to 1 s). */
  readonly released: number;
  /** Poison messages sent to the dead-letter queue or accepted by `onPoison`, then deleted. */
  readonly deadLettered: number;
  /** Poison messages that could not be dead-lettered (left in the queue to redeliver). */
  readonly poisonKept: number;
  /**
   * Poison messages kept because neither `deadLetter` nor `onPoison` is configured (included in `poisonKept`).
   * Each one is received again after every visibility timeout, forever: configure a dead-letter queue.
   */
  readonly poisonNoDeadLetter: number;
  /** Copies recognised by the idempotency store and deleted without running the handler. */
  readonly duplicates: number;
  /** Copies whose twin was being handled at that moment; held and re-checked instead of run twice. */
  readonly duplicatesDeferred: number;
  /** Successful visibility extensions (automatic and explicit). */
  readonly extended: number;
  /** Leases lost (extension found the message gone, or the lease ran out); their signals aborted. */
  readonly leaseLost: number;
  /** Receipt handles a delete/visibility change rejected (stale handle); reported, not fatal. */
  readonly ackFailures: number;
  /** Failed receives (each one retried after a jittered backoff unless unrecoverable). */
  readonly pollingErrors: number;
  /** Receive calls made (every receive of every concurrent receive loop). */
  readonly polls: number;
  /**
   * Receive calls in flight now, long polls included (0 – `receiveConcurrency` per subscription): 1 per running
   * subscription on an idle queue, more while a backlog is drained.
   */
  readonly receivesInFlight: number;
  /** Messages received and not yet settled (acked, nacked, released, dead-lettered or lost). */
  readonly inFlight: number;
  /** UTF-8 bytes of the bodies in `inFlight`. */
  readonly inFlightBytes: number;
  /** `now − EnqueueTime` of the last received message, ms (server clock vs local clock: skew shows up here). */
  readonly lagMs: number | undefined;
  /** When the last receive call started, epoch ms. */
  readonly lastPollAt: number | undefined;
  /** When the last message arrived, epoch ms. */
  readonly lastReceiveAt: number | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Counters the runtime updates; {@link MetricsRecorder.snapshot} copies them. */
export class MetricsRecorder {
  readonly values: Mutable<ConsumerMetrics> = {
    received: 0,
    acked: 0,
    nacked: 0,
    released: 0,
    deadLettered: 0,
    poisonKept: 0,
    poisonNoDeadLetter: 0,
    duplicates: 0,
    duplicatesDeferred: 0,
    extended: 0,
    leaseLost: 0,
    ackFailures: 0,
    pollingErrors: 0,
    polls: 0,
    receivesInFlight: 0,
    inFlight: 0,
    inFlightBytes: 0,
    lagMs: undefined,
    lastPollAt: undefined,
    lastReceiveAt: undefined,
  };

  /** A frozen copy of the current values. */
  snapshot(): ConsumerMetrics {
    return Object.freeze({ ...this.values });
  }
}
