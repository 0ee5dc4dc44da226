import { hash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import {
  backoffDelayMs,
  type ClockTimer,
  isMnsError,
  type QueuePort,
  type ReceivedMessage,
  sleep,
} from '@vodmns/core';
import type { Subscriber } from 'rxjs';
import { createDeadLetterEnvelope } from '../dead-letter/dead-letter-envelope.js';
import { AckBatcher } from './ack-batcher.js';
import type { MetricsRecorder } from './consumer-metrics.js';
import type { ConsumerNotice, PoisonReason } from './consumer-notice.js';
import type { ResolvedConsumerOptions } from './consumer-options.js';
import type { IdempotencyClaim } from '../idempotency/idempotency-store.js';
import type { Delivery } from './delivery.js';
import { type DeliveryContext, ManagedDelivery } from './managed-delivery.js';

/** Where a subscription is in its life. */
export type SessionStatus = 'running' | 'draining' | 'stopped' | 'failed';

/** Options of `drain`. */
export interface DrainOptions {
  /**
   * How long in-flight handlers may take to finish, ms (0 – 12 h). When it runs out, their signals abort and the
   * messages are released. @defaultValue 30000
   */
  readonly timeoutMs?: number;
}

/** What a drain did. */
export interface DrainResult {
  /** Whether in-flight deliveries were still unsettled when `timeoutMs` ran out (they were released). */
  readonly timedOut: boolean;
  /** Deliveries released unhandled (buffered and not started, or cut off by the timeout). */
  readonly released: number;
}

/**
 * How long `drain` lets an in-flight receive answer before aborting it, ms: long enough for a receive that is
 * already carrying messages to arrive across a WAN round trip, short enough that draining a consumer that holds
 * a 30 s long poll on an idle queue returns well within a second.
 */
const DRAIN_POLL_GRACE_MS = 300;

/** Largest time between a receive's start and a message's lease start we assume (long-poll wait is excluded). */
const LEASE_START_SLACK_MS = 1000;

/** A store's `claimMany` answer, checked to hold one answer per claim (a broken store fails like a down one). */
function onlyAnswer(got: readonly IdempotencyClaim[], expected: number): readonly IdempotencyClaim[] {
  if (!Array.isArray(got) || got.length !== expected) {
    throw new TypeError(
      `idempotency store claimMany returned ${Array.isArray(got) ? got.length : typeof got} answers for ${expected} claims`,
    );
  }
  return got;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * One subscription of a consumer: its receive loops (one on an idle queue, up to `receiveConcurrency` while a
 * backlog lasts; each receive asks for `min(batchSize, free slots)` and reserves them), the leases of what it
 * received, and the coalesced deletes. Created by `createConsumer().events$` on subscribe.
 */
export class ConsumerSession<T> {
  readonly #port: QueuePort;
  readonly #o: ResolvedConsumerOptions<T>;
  readonly #recorder: MetricsRecorder;
  readonly #notify: (notice: ConsumerNotice) => void;
  readonly #subscriber: Subscriber<Delivery<T>>;
  readonly #onStatus: (status: SessionStatus) => void;
  readonly #pollAbort = new AbortController();
  readonly #batcher: AckBatcher;
  readonly #ctx: DeliveryContext;
  readonly #inFlight = new Set<ManagedDelivery<T>>();
  /**
   * Deliveries whose delete is on its way (handed to the batcher, outcome not yet known). They left #inFlight, so a
   * delete round trip does not hold a slot; at most `maxInFlight` of them (#hasCapacity) keeps memory bounded.
   */
  readonly #deleting = new Set<ManagedDelivery<T>>();
  #inFlightBytes = 0;
  #status: SessionStatus = 'running';
  readonly #capacityWaiters = new Set<() => void>();
  #wakeIdle: (() => void) | undefined;
  #drainPromise: Promise<DrainResult> | undefined;
  /** The receive loops' promises (they never reject); removed when they settle. */
  readonly #pollerRuns = new Set<Promise<void>>();
  /**
   * Receive loops running. Decremented the moment a loop decides to stop (not when its promise settles), so two
   * loops coming back short at once cannot both retire as "not the last one".
   */
  #pollers = 0;
  /** Slots reserved by the receives in flight: asked for, not yet arrived. */
  #reserved = 0;
  /** Receives in flight (answered or failed ones leave in #endReceive). */
  #receiving = 0;
  /** Consecutive failed receives of the loop that backs off; any successful receive resets it. */
  #failures = 0;
  /** Consecutive empty receives the service did not hold (see {@link ConsumerSession.#poll}). */
  #unheld = 0;
  #releasedWhileStopping = 0;

  constructor(
    port: QueuePort,
    options: ResolvedConsumerOptions<T>,
    recorder: MetricsRecorder,
    notify: (notice: ConsumerNotice) => void,
    subscriber: Subscriber<Delivery<T>>,
    onStatus: (status: SessionStatus) => void,
  ) {
    this.#port = port;
    this.#o = options;
    this.#recorder = recorder;
    this.#notify = notify;
    this.#subscriber = subscriber;
    this.#onStatus = onStatus;
    // Every receive in flight (up to receiveConcurrency) and the backoff sleep listen on the one poll signal; the
    // transport may add a listener or two per call. Bounded, so a real leak still warns.
    setMaxListeners(4 * options.receiveConcurrency + 10, this.#pollAbort.signal);
    this.#batcher = new AckBatcher(port, options.clock, {
      queueName: options.queueName,
      delayMs: options.ackBatchDelayMs,
      size: options.ackBatchSize,
      backoff: { baseMs: 100, capMs: 2000 },
      random: options.random,
    });
    this.#ctx = {
      port,
      queueName: options.queueName,
      clock: options.clock,
      random: options.random,
      recorder,
      batcher: this.#batcher,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
      maxExtensionMs: options.maxExtensionMs,
      decideRedelivery: options.decideRedelivery,
      store: options.idempotency?.store,
      idempotencyTtlMs: options.idempotency?.ttlMs ?? 0,
      notify,
      deleting: (d) => this.#startDelete(d as ManagedDelivery<T>),
      settled: (d) => this.#settled(d as ManagedDelivery<T>),
      deadLetter: (d, reason) =>
        this.#deadLetter(d as ManagedDelivery<T>, 'max-deliveries', new Error(reason)),
    };
  }

  get status(): SessionStatus {
    return this.#status;
  }

  /** Deliveries received and not yet settled. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  start(): void {
    this.#startPoller();
  }

  #startPoller(): void {
    this.#pollers += 1;
    // A bug (or a throwing custom decode/port) must surface as a stream error, never as an unhandled rejection.
    const run = this.#poll().catch((error: unknown) => this.#fail(error));
    this.#pollerRuns.add(run);
    void run.finally(() => this.#pollerRuns.delete(run));
  }

  /** Resolves once every receive loop has ended (none starts after the status left `running`). */
  async #pollersSettled(): Promise<void> {
    while (this.#pollerRuns.size > 0) await Promise.all(this.#pollerRuns);
  }

  /**
   * Hard stop (unsubscribe or a fatal error): aborts every receive in flight and any backoff, aborts the signal
   * of every unsettled delivery and releases it (visibility 1 s), and sends any acks already made.
   */
  stop(): void {
    if (this.#status === 'stopped' || this.#status === 'failed') return;
    this.#setStatus('stopped');
    this.#shutdown();
  }

  /**
   * Graceful stop: no more receives (those in flight get a short grace, then are aborted; what they bring is
   * released); buffered-but-unstarted deliveries are released at once; running handlers may finish (until
   * `timeoutMs`); acks are flushed; then the stream completes.
   */
  drain(options: { timeoutMs: number }): Promise<DrainResult> {
    if (this.#drainPromise) return this.#drainPromise;
    if (this.#status !== 'running') return Promise.resolve({ timedOut: false, released: 0 });
    this.#drainPromise = this.#drain(options.timeoutMs);
    return this.#drainPromise;
  }

  async #drain(timeoutMs: number): Promise<DrainResult> {
    const deadline = this.#o.clock.now() + timeoutMs;
    this.#setStatus('draining');
    this.#wakeCapacity();
    // An in-flight receive may already be carrying messages: aborting it would leave them invisible until their
    // visibility timeout. Let the receives answer for a moment (what they bring is released at once), then abort
    // them all (they share one signal).
    const abortTimer = this.#o.clock.setTimer(
      this.#o.clock.now() + Math.min(DRAIN_POLL_GRACE_MS, timeoutMs),
      () => this.#pollAbort.abort(),
    );
    let released = 0;
    for (const d of [...this.#inFlight]) {
      if (!d.emitted || d.state === 'queued') {
        released += 1;
        void d.release();
      }
    }
    await this.#pollersSettled();
    abortTimer.cancel();
    released += this.#releasedWhileStopping;
    const idle = await this.#waitIdle(Math.max(0, deadline - this.#o.clock.now()));
    if (!idle) {
      for (const d of [...this.#inFlight]) {
        if (d.isOpen) {
          released += 1;
          void d.release();
        }
      }
      await this.#waitIdle(Number.POSITIVE_INFINITY);
    }
    await this.#batcher.close();
    if (this.#status === 'draining') {
      this.#setStatus('stopped');
      this.#subscriber.complete();
    }
    return { timedOut: !idle, released };
  }

  #shutdown(): void {
    this.#pollAbort.abort();
    this.#wakeCapacity();
    for (const d of [...this.#inFlight]) void d.release();
    void this.#batcher.close();
  }

  #fail(error: unknown): void {
    if (this.#status === 'stopped' || this.#status === 'failed') return;
    this.#setStatus('failed');
    this.#shutdown();
    this.#subscriber.error(error);
  }

  #setStatus(status: SessionStatus): void {
    this.#status = status;
    this.#onStatus(status);
  }

  /** Nothing received is unsettled, and every delete handed to the batcher has its outcome. */
  #idle(): boolean {
    return this.#inFlight.size === 0 && this.#deleting.size === 0;
  }

  /** Resolves true when nothing is in flight (deletes included), false when `timeoutMs` ran out first. */
  #waitIdle(timeoutMs: number): Promise<boolean> {
    if (this.#idle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer: ClockTimer | undefined;
      this.#wakeIdle = () => {
        timer?.cancel();
        this.#wakeIdle = undefined;
        resolve(true);
      };
      if (Number.isFinite(timeoutMs)) {
        timer = this.#o.clock.setTimer(this.#o.clock.now() + timeoutMs, () => {
          this.#wakeIdle = undefined;
          resolve(false);
        });
      }
    });
  }

  /** Slots neither taken by unsettled deliveries nor reserved by receives in flight. */
  #freeSlots(): number {
    return this.#o.maxInFlight - this.#inFlight.size - this.#reserved;
  }

  /**
   * Whether a receive may start. Messages are exact (slots are reserved before a receive starts); bytes are not:
   * a body's size is known only once it arrives, so each receive in flight may overshoot `maxInFlightBytes` by
   * one batch.
   */
  #hasCapacity(): boolean {
    return (
      this.#freeSlots() > 0 &&
      this.#inFlightBytes < this.#o.maxInFlightBytes &&
      this.#deleting.size < this.#o.maxInFlight
    );
  }

  #waitForCapacity(): Promise<void> {
    return new Promise((resolve) => {
      this.#capacityWaiters.add(resolve);
    });
  }

  /** Wakes every loop waiting for capacity (each re-checks; those that find none wait again). */
  #wakeCapacity(): void {
    if (this.#capacityWaiters.size === 0) return;
    const waiters = [...this.#capacityWaiters];
    this.#capacityWaiters.clear();
    for (const wake of waiters) wake();
  }

  /**
   * One receive loop. The first runs from start to stop; more are started by {@link ConsumerSession.#startPoller}
   * while receives come back full (a backlog), up to `receiveConcurrency`. A loop whose receive comes back short
   * retires unless it is the last, so an idle queue holds exactly one long poll. A retryable failure also retires
   * a loop that is not the last (counted in `pollingErrors`, not reported): during an outage the loops fold into
   * one, which alone backs off and reports `poll-error`, instead of N loops retrying and reporting side by side.
   */
  async #poll(): Promise<void> {
    const o = this.#o;
    const signal = this.#pollAbort.signal;
    let counted = true;
    // Stops this loop if another one runs (decrementing at once, see #pollers); the last loop never retires.
    const retire = (): boolean => {
      if (this.#pollers <= 1) return false;
      this.#pollers -= 1;
      counted = false;
      return true;
    };
    try {
      while (this.#status === 'running') {
        // A receive smaller than a batch (slots freeing up a few at a time: flow control is the bottleneck) starts
        // only while no other receive is in flight, so freed slots go to one receive, not to several tiny ones.
        if (!this.#hasCapacity() || (this.#freeSlots() < o.batchSize && this.#receiving > 0)) {
          await this.#waitForCapacity();
          continue;
        }
        const numOfMessages = Math.min(o.batchSize, this.#freeSlots());
        this.#reserved += numOfMessages;
        this.#receiving += 1;
        const startedAt = o.clock.now();
        const v = this.#recorder.values;
        v.polls += 1;
        v.lastPollAt = startedAt;
        v.receivesInFlight += 1;
        let messages: readonly ReceivedMessage[];
        try {
          messages = await this.#port.batchReceiveMessage({
            queueName: o.queueName,
            numOfMessages,
            waitSeconds: o.waitSeconds,
            signal,
          });
        } catch (error) {
          this.#endReceive(numOfMessages);
          if (this.#status !== 'running') return;
          if (!isMnsError(error) || !error.retryable) {
            this.#fail(error);
            return;
          }
          v.pollingErrors += 1;
          if (retire()) return;
          this.#failures += 1;
          const retryInMs = backoffDelayMs(this.#failures, o.pollBackoff, o.random);
          this.#notify({ type: 'poll-error', error, attempt: this.#failures, retryInMs });
          await sleep(o.clock, retryInMs, signal);
          continue;
        }
        this.#endReceive(numOfMessages);
        this.#failures = 0;
        // #accept takes the messages into #inFlight synchronously, before its first await: the slots pass from
        // the reservation to the deliveries with nothing in between.
        const accepting = this.#accept(messages, startedAt);
        // An empty answer in less than half its wait was not held: the service caps long polls per queue and
        // answers the excess at once with "no message" (docs/mns-protocol.md §13). That means "back off", not "the
        // queue is empty": retire this loop if another runs, else wait a jittered backoff before asking again.
        const unheld =
          messages.length === 0 && o.waitSeconds > 0 && o.clock.now() - startedAt < o.waitSeconds * 500;
        this.#unheld = unheld ? this.#unheld + 1 : 0;
        if (messages.length < numOfMessages) {
          if (retire()) {
            await accepting;
            return;
          }
          if (unheld) await sleep(o.clock, backoffDelayMs(this.#unheld, o.pollBackoff, o.random), signal);
        } else if (
          this.#status === 'running' &&
          this.#pollers < o.receiveConcurrency &&
          this.#hasCapacity()
        ) {
          this.#startPoller();
        }
        await accepting;
      }
    } finally {
      if (counted) this.#pollers -= 1;
    }
  }

  /** Ends a receive (answered or failed): its reservation is given back; freed slots may let a waiting loop go. */
  #endReceive(reserved: number): void {
    this.#reserved -= reserved;
    this.#receiving -= 1;
    this.#recorder.values.receivesInFlight -= 1;
    if (this.#hasCapacity()) this.#wakeCapacity();
  }

  async #accept(messages: readonly ReceivedMessage[], startedAt: number): Promise<void> {
    if (messages.length === 0) return;
    const o = this.#o;
    const now = o.clock.now();
    const leaseStart = Math.max(startedAt, now - LEASE_START_SLACK_MS);
    const accepted: ManagedDelivery<T>[] = [];
    for (const m of messages) {
      let leaseMs = o.visibilityTimeoutSeconds * 1000;
      if (m.dequeueCount === 1 && m.nextVisibleTime > m.firstDequeueTime) {
        leaseMs = Math.min(leaseMs, m.nextVisibleTime - m.firstDequeueTime);
      }
      const bytes = byteLength(m.messageBody);
      const d = new ManagedDelivery<T>(this.#ctx, m, bytes, leaseStart, leaseMs);
      this.#inFlight.add(d);
      this.#inFlightBytes += bytes;
      const v = this.#recorder.values;
      v.received += 1;
      v.inFlight += 1;
      v.inFlightBytes += bytes;
      v.lagMs = now - m.enqueueTime;
      v.lastReceiveAt = now;
      accepted.push(d);
    }
    if (this.#status !== 'running') {
      // Received while stopping: hand them straight back.
      this.#releasedWhileStopping += accepted.length;
      for (const d of accepted) void d.release();
      return;
    }
    const ready: ManagedDelivery<T>[] = [];
    for (const d of accepted) {
      // The transport could not decode the body (e.g. not base64 with bodyEncoding 'base64'): poison, like a body
      // that is not an event; the other messages of the batch go on.
      if (d.message.bodyError !== undefined) {
        void this.#poison(d, 'invalid-body', d.message.bodyError);
        continue;
      }
      let decoded: ReturnType<typeof o.decode>;
      try {
        decoded = o.decode(d.message);
      } catch (error) {
        decoded = { ok: false, error };
      }
      if (!decoded.ok) {
        void this.#poison(d, 'invalid-body', decoded.error);
        continue;
      }
      d.setEvent(decoded.value);
      ready.push(d);
    }
    const verdicts = await this.#admitAll(ready);
    for (let i = 0; i < ready.length; i += 1) {
      if (verdicts[i]) this.#emit(ready[i] as ManagedDelivery<T>);
    }
  }

  #emit(d: ManagedDelivery<T>): void {
    if (!d.isOpen || this.#subscriber.closed) return;
    if (this.#status !== 'running') {
      void d.release();
      return;
    }
    d.markEmitted();
    this.#subscriber.next(d);
  }

  #tooManyDeliveries(d: ManagedDelivery<T>): boolean {
    if (d.message.dequeueCount <= this.#o.maxDeliveries) return false;
    const error = new Error(
      `DequeueCount ${d.message.dequeueCount} > maxDeliveries ${this.#o.maxDeliveries}`,
    );
    void this.#poison(d, 'max-deliveries', error);
    return true;
  }

  #keysOf(d: ManagedDelivery<T>): string[] {
    const io = this.#o.idempotency;
    if (!io) return [];
    const keys: string[] = [];
    if (io.byMessageId) keys.push(`msg:${d.metadata.messageId}`);
    if (io.byFingerprint) {
      let fp: string | undefined;
      try {
        fp = this.#o.fingerprint(d.event);
      } catch {
        fp = undefined;
      }
      // Hashed: a short fixed-length key (cheap in a shared store) that holds no reference to the event.
      if (fp !== undefined && fp !== '') keys.push(`evt:${hash('sha1', fp, 'base64url')}`);
    }
    return keys;
  }

  /** How long a reservation lives: the longest a holder may keep the message leased, plus one visibility. */
  #reserveTtlMs(): number {
    return this.#o.maxExtensionMs + this.#o.visibilityTimeoutSeconds * 1000;
  }

  /**
   * Asks the store about one delivery's keys: a committed key means a duplicate, a key reserved elsewhere means
   * its twin is running; otherwise every key is reserved (or none). One `claimMany` call when the store has it,
   * else `has` for each key, then `reserve` for each (undoing the reservations made when one is refused).
   */
  async #claim(keys: readonly string[]): Promise<IdempotencyClaim> {
    const io = this.#o.idempotency;
    if (!io) return { status: 'reserved' };
    const store = io.store;
    const ttlMs = this.#reserveTtlMs();
    if (store.claimMany) return onlyAnswer(await store.claimMany([keys], ttlMs), 1)[0] as IdempotencyClaim;
    for (const key of keys) if (await store.has(key)) return { status: 'committed', key };
    const reserved: string[] = [];
    for (const key of keys) {
      if (await store.reserve(key, ttlMs)) {
        reserved.push(key);
        continue;
      }
      await Promise.all(reserved.map((k) => store.release(k)));
      return { status: 'busy', key };
    }
    return { status: 'reserved' };
  }

  /**
   * Decides, for a received batch, which decoded deliveries are handed downstream now (true). The store is asked
   * once for the whole batch when it has `claimMany` (one round trip to a networked store), else per delivery.
   */
  async #admitAll(ready: readonly ManagedDelivery<T>[]): Promise<boolean[]> {
    const io = this.#o.idempotency;
    const keys = ready.map((d) => this.#keysOf(d));
    if (!io) return ready.map((d) => !this.#tooManyDeliveries(d));
    const asked = ready.flatMap((_, i) => ((keys[i] as string[]).length > 0 ? [i] : []));
    const answers = new Map<number, IdempotencyClaim | { status: 'failed'; error: unknown }>();
    if (io.store.claimMany && asked.length > 0) {
      try {
        const claims = asked.map((i) => keys[i] as string[]);
        const got = onlyAnswer(await io.store.claimMany(claims, this.#reserveTtlMs()), claims.length);
        for (const [n, i] of asked.entries()) answers.set(i, got[n] as IdempotencyClaim);
      } catch (error) {
        for (const i of asked) answers.set(i, { status: 'failed', error });
      }
    } else {
      await Promise.all(
        asked.map(async (i) => {
          try {
            answers.set(i, await this.#claim(keys[i] as string[]));
          } catch (error) {
            answers.set(i, { status: 'failed', error });
          }
        }),
      );
    }
    return ready.map((d, i) => {
      const answer = answers.get(i);
      if (answer === undefined) return !this.#tooManyDeliveries(d);
      if (answer.status === 'failed') return this.#storeUnavailable(d, keys[i] as string[], answer.error);
      return this.#admit(d, keys[i] as string[], answer);
    });
  }

  /**
   * Acts on the store's answer for one delivery; true when it is handed downstream now. Otherwise it was settled
   * here: a committed duplicate is acked, a message delivered too often is dead-lettered — or it is held while its
   * twin runs elsewhere, and emitted later by {@link ConsumerSession.#hold}. The duplicate check comes first so
   * that a copy of a handled event is acked, not dead-lettered.
   */
  #admit(d: ManagedDelivery<T>, keys: readonly string[], answer: IdempotencyClaim): boolean {
    const io = this.#o.idempotency;
    if (answer.status === 'committed') {
      this.#notify({ type: 'duplicate', messageId: d.metadata.messageId, action: 'acked', key: answer.key });
      void d.settleByDelete('duplicate');
      return false;
    }
    if (answer.status === 'reserved') d.holdKeys(keys);
    // settled while the store was being asked (a stop, a lost lease): its fresh reservation must not outlive it
    if (!d.isOpen) {
      void d.releaseKeys();
      return false;
    }
    if (this.#tooManyDeliveries(d)) {
      void d.releaseKeys();
      return false;
    }
    if (answer.status === 'reserved' || !io) return true;
    this.#recorder.values.duplicatesDeferred += 1;
    this.#notify({ type: 'duplicate', messageId: d.metadata.messageId, action: 'deferred', key: answer.key });
    void this.#hold(d, keys);
    return false;
  }

  /**
   * The store could not answer for `d`: run it anyway (`failOpen`, at-least-once wins over suppressing a
   * duplicate) or hold it and ask again every `deferSeconds`. Reported either way. True when it runs now.
   */
  #storeUnavailable(d: ManagedDelivery<T>, keys: readonly string[], error: unknown): boolean {
    const failOpen = this.#o.idempotency?.failOpen ?? true;
    const action = failOpen ? 'handled' : 'held';
    this.#notify({ type: 'idempotency-store-unavailable', messageId: d.metadata.messageId, action, error });
    if (failOpen) return true;
    void this.#hold(d, keys);
    return false;
  }

  /**
   * A copy whose twin is being handled right now (its key is reserved), or whose store is unreachable under
   * `failOpen: false`, is held — leased and extended like any delivery, not put back: putting it back would raise
   * its DequeueCount towards `maxDeliveries` with every retry. Every `deferSeconds` the store is asked again:
   * committed → the copy is acked; free → it is emitted; still failing → reported, and held (or emitted when
   * `failOpen`).
   */
  async #hold(d: ManagedDelivery<T>, keys: readonly string[]): Promise<void> {
    const io = this.#o.idempotency;
    if (!io) return;
    while (d.isOpen && this.#status === 'running') {
      if (!(await sleep(this.#o.clock, io.deferSeconds * 1000, d.signal))) return;
      if (!d.isOpen || this.#status !== 'running') break;
      let answer: IdempotencyClaim;
      try {
        answer = await this.#claim(keys);
      } catch (error) {
        if (this.#storeUnavailable(d, keys, error)) this.#emit(d);
        else continue;
        return;
      }
      if (answer.status === 'committed') {
        this.#notify({
          type: 'duplicate',
          messageId: d.metadata.messageId,
          action: 'acked',
          key: answer.key,
        });
        void d.settleByDelete('duplicate');
        return;
      }
      if (answer.status === 'reserved') {
        d.holdKeys(keys);
        if (d.isOpen) this.#emit(d);
        else await d.releaseKeys();
        return;
      }
    }
    if (d.isOpen) void d.release();
  }

  async #poison(d: ManagedDelivery<T>, reason: PoisonReason, error: unknown): Promise<void> {
    if (!d.beginPoison()) return;
    await this.#deadLetter(d, reason, error);
  }

  /** Dead-letters a delivery already in `settling` state. Resolves true when it was deleted. */
  async #deadLetter(d: ManagedDelivery<T>, reason: PoisonReason, error: unknown): Promise<boolean> {
    const o = this.#o;
    const messageId = d.metadata.messageId;
    try {
      if (o.onPoison) {
        await o.onPoison({ queueName: o.queueName, message: d.message, reason, error });
      } else if (o.deadLetter) {
        const sender = o.deadLetter.sender ?? this.#port;
        await sender.sendMessage({
          queueName: o.deadLetter.queueName,
          messageBody: createDeadLetterEnvelope({
            sourceQueue: o.queueName,
            message: d.message,
            reason,
            error,
            now: o.clock.now(),
          }),
          priority: d.message.priority,
        });
      } else {
        this.#recorder.values.poisonNoDeadLetter += 1;
        throw new Error('no deadLetter queue or onPoison hook configured');
      }
    } catch (sendError) {
      this.#recorder.values.poisonKept += 1;
      this.#notify({ type: 'poison', messageId, reason, action: 'kept', error: sendError });
      await d.abandon();
      return false;
    }
    const deleted = await d.settleByDelete('dead-lettered');
    this.#notify({ type: 'poison', messageId, reason, action: 'dead-lettered', error });
    return deleted;
  }

  #settled(d: ManagedDelivery<T>): void {
    if (this.#deleting.delete(d)) {
      if (this.#hasCapacity()) this.#wakeCapacity();
      if (this.#idle()) this.#wakeIdle?.();
      return;
    }
    this.#leave(d);
  }

  /** A delete was handed to the batcher: the delivery gives its slot back now, not after the round trip. */
  #startDelete(d: ManagedDelivery<T>): void {
    if (this.#leave(d)) this.#deleting.add(d);
  }

  /** Takes a delivery out of #inFlight (false if it was not there) and frees its slot and bytes. */
  #leave(d: ManagedDelivery<T>): boolean {
    if (!this.#inFlight.delete(d)) return false;
    this.#inFlightBytes -= d.metadata.bytes;
    this.#recorder.values.inFlight -= 1;
    this.#recorder.values.inFlightBytes -= d.metadata.bytes;
    if (this.#hasCapacity()) this.#wakeCapacity();
    if (this.#idle()) this.#wakeIdle?.();
    return true;
  }
}
