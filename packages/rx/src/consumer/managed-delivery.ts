import {
  type BackoffOptions,
  backoffDelayMs,
  type Clock,
  type ClockTimer,
  invalidArgument,
  sleep,
  isMnsError,
  MNS_LIMITS,
  MnsErrorCodes,
  type QueueAcknowledger,
  type ReceivedMessage,
} from '@vodmns/core';
import {
  type DeliveryAbortCode,
  DeliveryAbortCodes,
  DeliveryAbortedError,
} from '../errors/delivery-aborted-error.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { AckBatcher, DeleteOutcome } from './ack-batcher.js';
import type { MetricsRecorder } from './consumer-metrics.js';
import type { ConsumerNotice } from './consumer-notice.js';
import type { Delivery, DeliveryMetadata, DeliveryState, NackOptions } from './delivery.js';
import type { RedeliveryDecider } from './vod-defaults.js';

/** MNS's visibility range, seconds (what ChangeMessageVisibility accepts). */
const { min: MIN_VISIBILITY_SECONDS, max: MAX_VISIBILITY_SECONDS } = MNS_LIMITS.visibilityTimeoutSeconds;

/** What a delivery needs from the session that received it. */
export interface DeliveryContext {
  readonly port: QueueAcknowledger;
  readonly queueName: string;
  readonly clock: Clock;
  readonly random: () => number;
  readonly recorder: MetricsRecorder;
  readonly batcher: AckBatcher;
  readonly visibilityTimeoutSeconds: number;
  readonly maxExtensionMs: number;
  readonly decideRedelivery: RedeliveryDecider;
  readonly store: IdempotencyStore | undefined;
  readonly idempotencyTtlMs: number;
  notify(notice: ConsumerNotice): void;
  /**
   * Called once when the delivery's delete is handed to the batcher: it no longer holds a flow-control slot while
   * the delete crosses the network (`settled` follows with the outcome).
   */
  deleting(delivery: ManagedDelivery<unknown>): void;
  /** Called once when the delivery reaches a final state. */
  settled(delivery: ManagedDelivery<unknown>): void;
  /** Routes a delivery the redelivery policy gave up on to the dead-letter path. */
  deadLetter(delivery: ManagedDelivery<unknown>, reason: string): Promise<boolean>;
}

/** A delete is not retried with a handle whose lease ends within this margin (the lease is extended first), ms. */
const ACK_LEASE_MARGIN_MS = 1000;

/** Backoff between extension attempts of a pending delete. */
const ACK_RETRY_BACKOFF: BackoffOptions = Object.freeze({ baseMs: 100, capMs: 2000 });

const OPEN: ReadonlySet<DeliveryState> = new Set(['received', 'queued', 'started']);

/** Errors meaning the receipt handle no longer identifies a leased message. */
function isGone(error: unknown): boolean {
  return isMnsError(error) && (error.code === 'MessageNotExist' || error.code === 'ReceiptHandleError');
}

function clampVisibility(seconds: number): number {
  return Math.min(MAX_VISIBILITY_SECONDS, Math.max(MIN_VISIBILITY_SECONDS, Math.ceil(seconds)));
}

/**
 * The runtime's {@link Delivery}: owns the lease of one received message. Every operation on the message
 * (extension, delete, visibility change) runs on one promise chain, so each uses the receipt handle the previous
 * one returned — the newest handle, always.
 */
export class ManagedDelivery<T> implements Delivery<T> {
  readonly message: ReceivedMessage;
  readonly metadata: DeliveryMetadata;
  readonly queueName: string;
  #reservedKeys: readonly string[] = [];
  #emitted = false;
  #event: T | undefined;
  readonly #ctx: DeliveryContext;
  /** Created on first read of `signal` (an AbortController costs ~10 µs; most handlers never look). */
  #controller: AbortController | undefined;
  #aborted = false;
  #abortReason: unknown;
  #abortListeners: (() => void)[] | undefined;
  #state: DeliveryState = 'received';
  #handle: string;
  #leaseExpiresAt: number;
  readonly #deadline: number;
  #renewTimer: ClockTimer | undefined;
  #expiryTimer: ClockTimer | undefined;
  #expiryReason: 'expired' | 'max-extension' = 'expired';
  #renewFailures = 0;
  #finished = false;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(
    ctx: DeliveryContext,
    message: ReceivedMessage,
    bytes: number,
    leaseStart: number,
    leaseMs: number,
  ) {
    this.#ctx = ctx;
    this.message = message;
    this.queueName = ctx.queueName;
    this.#handle = message.receiptHandle;
    const now = ctx.clock.now();
    this.metadata = Object.freeze({
      messageId: message.messageId,
      dequeueCount: message.dequeueCount,
      enqueueTime: message.enqueueTime,
      firstDequeueTime: message.firstDequeueTime,
      priority: message.priority,
      messageBodyMd5: message.messageBodyMd5,
      bytes,
      receivedAt: now,
    });
    this.#leaseExpiresAt = leaseStart + leaseMs;
    this.#deadline = now + ctx.maxExtensionMs;
    this.#armTimers();
  }

  get event(): T {
    return this.#event as T;
  }

  /** Idempotency keys this delivery holds reserved (committed on ack, released otherwise). */
  get reservedKeys(): readonly string[] {
    return this.#reservedKeys;
  }

  /** Records the idempotency keys reserved for this delivery (replacing any recorded before). */
  holdKeys(keys: readonly string[]): void {
    this.#reservedKeys = keys;
  }

  /** Whether the delivery was handed downstream. */
  get emitted(): boolean {
    return this.#emitted;
  }

  /** Records that the delivery is being handed downstream. */
  markEmitted(): void {
    this.#emitted = true;
  }

  /** Sets the decoded event (before the delivery is emitted). */
  setEvent(event: T): void {
    this.#event = event;
  }

  get receiptHandle(): string {
    return this.#handle;
  }

  get leaseExpiresAt(): number {
    return this.#leaseExpiresAt;
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#abortReason);
    }
    return this.#controller.signal;
  }

  /** Whether the delivery was aborted (lease lost or stopped). Does not create the signal. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** The abort reason (a `DeliveryAbortedError`), once aborted. */
  get abortReason(): unknown {
    return this.#abortReason;
  }

  /** Calls `listener` once when the delivery aborts (not if it already has); returns an unsubscribe function. */
  onAbort(listener: () => void): () => void {
    if (this.#aborted) return () => {};
    this.#abortListeners ??= [];
    this.#abortListeners.push(listener);
    return () => {
      const list = this.#abortListeners;
      const i = list ? list.indexOf(listener) : -1;
      if (list && i >= 0) list.splice(i, 1);
    };
  }

  get state(): DeliveryState {
    return this.#state;
  }

  /** Still ackable / nackable / extendable. */
  get isOpen(): boolean {
    return OPEN.has(this.#state);
  }

  /** `ackAfter` buffered it (released at once on stop or drain). */
  markQueued(): void {
    if (this.#state === 'received') this.#state = 'queued';
  }

  /** A handler started on it. */
  markStarted(): void {
    if (this.#state === 'received' || this.#state === 'queued') this.#state = 'started';
  }

  ack(): Promise<boolean> {
    return this.settleByDelete('acked');
  }

  async nack(options: NackOptions = {}): Promise<boolean> {
    const delay = options.delaySeconds;
    if (
      delay !== undefined &&
      (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0 || delay > MAX_VISIBILITY_SECONDS)
    ) {
      throw invalidArgument('delaySeconds', delay, `a number of seconds from 0 to ${MAX_VISIBILITY_SECONDS}`);
    }
    if (!this.isOpen) return false;
    this.#beginSettle();
    await this.#chain;
    await this.#releaseKeys();
    let seconds = delay;
    if (seconds === undefined) {
      const decision = this.#ctx.decideRedelivery(this.message.dequeueCount, this.#ctx.random);
      if (decision.action === 'dead-letter') return this.#ctx.deadLetter(this, decision.reason);
      seconds = decision.visibilityTimeoutSeconds;
    }
    return this.#setVisibilityAndSettle(clampVisibility(seconds), 'nacked', 'nack');
  }

  async extend(seconds: number): Promise<boolean> {
    if (
      typeof seconds !== 'number' ||
      !Number.isInteger(seconds) ||
      seconds < MIN_VISIBILITY_SECONDS ||
      seconds > MAX_VISIBILITY_SECONDS
    ) {
      throw invalidArgument(
        'seconds',
        seconds,
        `an integer number of seconds from ${MIN_VISIBILITY_SECONDS} to ${MAX_VISIBILITY_SECONDS}`,
      );
    }
    if (!this.isOpen) return false;
    return this.#enqueue(() => this.#changeVisibility(seconds));
  }

  /**
   * Deletes the message and settles it as `kind` (acked, a duplicate, or dead-lettered). Commits the idempotency
   * keys first when acking, so a redelivery after a lost delete is recognised.
   */
  async settleByDelete(kind: 'acked' | 'duplicate' | 'dead-lettered'): Promise<boolean> {
    if (kind === 'dead-lettered' ? this.#state !== 'settling' : !this.isOpen) return false;
    this.#beginSettle();
    await this.#chain;
    const { store, recorder } = this.#ctx;
    if (kind === 'acked' && store && this.#reservedKeys.length > 0) {
      try {
        await Promise.all(this.#reservedKeys.map((k) => store.commit(k, this.#ctx.idempotencyTtlMs)));
      } catch (error) {
        this.#ctx.notify({ type: 'idempotency-error', messageId: this.metadata.messageId, error });
      }
      this.#reservedKeys = [];
    }
    const deleting = this.#deleteWhileLeased();
    this.#ctx.deleting(this as ManagedDelivery<unknown>);
    const outcome = await deleting;
    if (outcome.ok) {
      if (kind === 'acked') recorder.values.acked += 1;
      else if (kind === 'duplicate') recorder.values.duplicates += 1;
      else recorder.values.deadLettered += 1;
      this.#finish(kind);
      return true;
    }
    recorder.values.ackFailures += 1;
    this.#ctx.notify({
      type: 'ack-failed',
      operation: 'delete',
      messageId: this.metadata.messageId,
      code: outcome.code,
      error: outcome.error,
    });
    this.#finish('abandoned');
    return false;
  }

  /**
   * Deletes the message, retrying a delete that fails retryably (network, throttling, 5xx) for as long as the
   * lease is valid, and extending the lease when it is about to run out, up to `maxExtensionMs` from here: a
   * handled message is deleted through an outage instead of being redelivered and handled again. Only a
   * consumer that dies (or a lease that cannot be kept) leaves a handled message to be delivered again.
   */
  async #deleteWhileLeased(): Promise<DeleteOutcome> {
    const { batcher, clock } = this.#ctx;
    const extendUntil = clock.now() + this.#ctx.maxExtensionMs;
    for (;;) {
      const outcome = await batcher.delete(this.#handle, this.#leaseExpiresAt - ACK_LEASE_MARGIN_MS);
      if (outcome.ok || !outcome.retryable) return outcome;
      const extended = await this.#extendLeaseForAck(extendUntil);
      // Gone while our lease is valid: nobody else can hold it, so an earlier attempt that "failed" on the
      // network did reach the service and deleted it.
      if (extended === 'gone') return { ok: true };
      if (extended === 'failed') return outcome;
    }
  }

  /** One visibility step more for a pending delete, retried with backoff while the lease lasts. */
  async #extendLeaseForAck(until: number): Promise<'extended' | 'gone' | 'failed'> {
    const { port, queueName, clock, random, recorder } = this.#ctx;
    for (let attempt = 1; ; attempt += 1) {
      const now = clock.now();
      if (now >= until || now >= this.#leaseExpiresAt) return 'failed';
      const seconds = clampVisibility(Math.min(this.#ctx.visibilityTimeoutSeconds, (until - now) / 1000));
      try {
        const out = await port.changeMessageVisibility({
          queueName,
          receiptHandle: this.#handle,
          visibilityTimeoutSeconds: seconds,
        });
        this.#handle = out.receiptHandle;
        this.#leaseExpiresAt = now + seconds * 1000;
        recorder.values.extended += 1;
        return 'extended';
      } catch (error) {
        if (isMnsError(error) && error.code === 'MessageNotExist') return 'gone';
        if (!(isMnsError(error) && error.retryable)) return 'failed';
        const delayMs = backoffDelayMs(attempt, ACK_RETRY_BACKOFF, random);
        if (clock.now() + delayMs >= this.#leaseExpiresAt) return 'failed';
        await sleep(clock, delayMs);
      }
    }
  }

  /** Reports a failed handler on the consumer's `notices$` (called by `ackAfter` once the message is settled). */
  reportHandlerError(
    result: Extract<ConsumerNotice, { type: 'handler-error' }>['result'],
    error: unknown,
  ): void {
    const eventType = (this.#event as { EventType?: unknown } | undefined)?.EventType;
    this.#ctx.notify({
      type: 'handler-error',
      messageId: this.metadata.messageId,
      eventType: typeof eventType === 'string' ? eventType : undefined,
      dequeueCount: this.metadata.dequeueCount,
      result,
      error,
    });
  }

  /** Starts settling from outside (poison handling): stops the lease timers and blocks user settles. */
  beginPoison(): boolean {
    if (!this.isOpen) return false;
    this.#beginSettle();
    return true;
  }

  /** Leaves the message to the queue: no more extensions; it is redelivered when its visibility ends. */
  async abandon(): Promise<void> {
    if (this.#state !== 'settling' && !this.isOpen) return;
    this.#beginSettle();
    await this.#chain;
    await this.#releaseKeys();
    this.#finish('abandoned');
  }

  /**
   * The stream stops: aborts the signal and, unless the handler is already settling it, makes the message
   * visible again as soon as MNS allows (1 s).
   */
  async release(code: DeliveryAbortCode = DeliveryAbortCodes.stopped): Promise<boolean> {
    if (!this.isOpen) return false;
    this.#abort(code, 'the consumer stopped before this delivery was settled');
    this.#beginSettle();
    await this.#chain;
    await this.#releaseKeys();
    return this.#setVisibilityAndSettle(MIN_VISIBILITY_SECONDS, 'released', 'release');
  }

  #beginSettle(): void {
    this.#state = 'settling';
    this.#cancelTimers();
  }

  #enqueue<R>(op: () => Promise<R>): Promise<R> {
    const run = this.#chain.then(op);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #setVisibilityAndSettle(
    seconds: number,
    finalState: DeliveryState,
    operation: 'nack' | 'release',
    count = true,
  ): Promise<boolean> {
    const { port, queueName, recorder } = this.#ctx;
    try {
      const out = await port.changeMessageVisibility({
        queueName,
        receiptHandle: this.#handle,
        visibilityTimeoutSeconds: seconds,
      });
      this.#handle = out.receiptHandle;
      if (count && finalState === 'nacked') recorder.values.nacked += 1;
      if (count && finalState === 'released') recorder.values.released += 1;
      this.#finish(finalState);
      return true;
    } catch (error) {
      recorder.values.ackFailures += 1;
      this.#ctx.notify({
        type: 'ack-failed',
        operation,
        messageId: this.metadata.messageId,
        code: isMnsError(error) ? error.code : MnsErrorCodes.visibilityFailed,
        error,
      });
      this.#finish('abandoned');
      return false;
    }
  }

  /** Releases the idempotency keys this delivery holds reserved (a failure is reported, never thrown). */
  releaseKeys(): Promise<void> {
    return this.#releaseKeys();
  }

  async #releaseKeys(): Promise<void> {
    const { store } = this.#ctx;
    if (!store || this.#reservedKeys.length === 0) return;
    const keys = this.#reservedKeys;
    this.#reservedKeys = [];
    try {
      await Promise.all(keys.map((k) => store.release(k)));
    } catch (error) {
      this.#ctx.notify({ type: 'idempotency-error', messageId: this.metadata.messageId, error });
    }
  }

  #finish(state: DeliveryState): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#state = state;
    this.#cancelTimers();
    this.#ctx.settled(this as ManagedDelivery<unknown>);
  }

  #abort(code: DeliveryAbortCode, detail: string, cause?: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#abortReason = new DeliveryAbortedError(code, this.metadata.messageId, detail, cause);
    this.#controller?.abort(this.#abortReason);
    const listeners = this.#abortListeners;
    this.#abortListeners = undefined;
    for (const listener of listeners ?? []) listener();
  }

  #cancelTimers(): void {
    this.#renewTimer?.cancel();
    this.#expiryTimer?.cancel();
    this.#renewTimer = undefined;
    this.#expiryTimer = undefined;
  }

  /** Expiry at the lease end; renewal at 50–70 % of the remaining lease (jitter spreads the extension calls). */
  #armTimers(): void {
    this.#cancelTimers();
    if (!this.isOpen) return;
    const { clock, random } = this.#ctx;
    const remaining = this.#leaseExpiresAt - clock.now();
    this.#expiryTimer = clock.setTimer(this.#leaseExpiresAt, () => this.#loseLease(this.#expiryReason));
    if (this.#ctx.maxExtensionMs > 0) {
      const delay =
        this.#renewFailures === 0 ? remaining * (0.5 + 0.2 * random()) : this.#retryDelay(remaining);
      this.#renewTimer = clock.setTimer(clock.now() + Math.max(0, delay), () => this.#autoRenew());
    }
  }

  /** After a failed extension: retry soon, well before the lease ends. */
  #retryDelay(remaining: number): number {
    const ceiling = Math.min(remaining / 2, 250 * 2 ** Math.min(this.#renewFailures, 10));
    return ceiling * (0.5 + 0.5 * this.#ctx.random());
  }

  #autoRenew(): void {
    this.#renewTimer = undefined;
    if (!this.isOpen) return;
    const now = this.#ctx.clock.now();
    const step = now + this.#ctx.visibilityTimeoutSeconds * 1000;
    const target = Math.min(step, this.#deadline);
    if (target <= this.#leaseExpiresAt + 1000) {
      if (step >= this.#deadline) {
        // The total-extension budget is spent: let the lease run out (the expiry timer aborts the signal).
        this.#expiryReason = 'max-extension';
      } else {
        // The lease is already longer than one step (an explicit extend): look again later.
        this.#armTimers();
      }
      return;
    }
    void this.#enqueue(() => this.#changeVisibility(Math.ceil((target - now) / 1000)));
  }

  async #changeVisibility(seconds: number): Promise<boolean> {
    if (!this.isOpen) return false;
    const { port, queueName, clock, recorder } = this.#ctx;
    const startedAt = clock.now();
    try {
      const out = await port.changeMessageVisibility({
        queueName,
        receiptHandle: this.#handle,
        visibilityTimeoutSeconds: clampVisibility(seconds),
      });
      this.#handle = out.receiptHandle;
      this.#leaseExpiresAt = startedAt + clampVisibility(seconds) * 1000;
      this.#renewFailures = 0;
      this.#expiryReason = 'expired';
      recorder.values.extended += 1;
      if (this.isOpen) this.#armTimers();
      return true;
    } catch (error) {
      if (!this.isOpen) return false;
      if (isGone(error)) {
        this.#loseLease('message-gone', error);
        return false;
      }
      this.#renewFailures += 1;
      this.#armTimers();
      return false;
    }
  }

  #loseLease(reason: 'message-gone' | 'max-extension' | 'expired', error?: unknown): void {
    if (!this.isOpen) return;
    this.#abort(DeliveryAbortCodes.leaseLost, `lease lost (${reason})`, error);
    this.#ctx.recorder.values.leaseLost += 1;
    this.#ctx.notify({
      type: 'lease-lost',
      messageId: this.metadata.messageId,
      reason,
      ...(error === undefined ? {} : { error }),
    });
    this.#state = 'settling';
    this.#cancelTimers();
    void this.#releaseKeys().then(() => this.#finish('lost'));
  }
}
