import {
  type BackoffOptions,
  backoffDelayMs,
  type Clock,
  type ClockTimer,
  isMnsError,
  MnsErrorCodes,
  type QueueAcknowledger,
  sleep,
} from '@vodmns/core';

/** What happened to one delete. */
export type DeleteOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: string;
      readonly error?: unknown;
      /**
       * The call kept failing retryably (network, throttling, 5xx) until the handle's `validUntil`: the lease
       * must be extended before the delete is tried again. `false`: the service rejected the handle or the call
       * for good (`MessageNotExist`, `AccessDenied`, …).
       */
      readonly retryable: boolean;
    };

interface PendingDelete {
  readonly receiptHandle: string;
  readonly validUntil: number;
  readonly resolve: (outcome: DeleteOutcome) => void;
}

/** Settings of {@link AckBatcher}. */
export interface AckBatcherOptions {
  readonly queueName: string;
  /** Longest wait before a partial batch is sent, ms. */
  readonly delayMs: number;
  /** Handles per BatchDeleteMessage, 1–16. */
  readonly size: number;
  /** Backoff between the attempts of a batch whose call failed retryably. */
  readonly backoff: BackoffOptions;
  readonly random: () => number;
}

/**
 * Coalesces deletes into BatchDeleteMessage calls: a batch is sent when it has `size` handles or `delayMs` after
 * its first one. Per-handle failures (stale handle: `MessageNotExist`) resolve that handle's outcome only. A
 * retryable whole-call failure (the network, a restarting server) is retried with jittered backoff for as long as
 * each handle is valid (its `validUntil`, the lease end less a margin): giving up after a few quick attempts would
 * turn a short outage into redeliveries of messages that were handled. A handle whose time runs out resolves
 * `retryable: true`, so its owner can extend the lease and queue the delete again. Deletes are never aborted: an
 * ack the user made is sent even while the stream is stopping.
 */
export class AckBatcher {
  readonly #port: QueueAcknowledger;
  readonly #clock: Clock;
  readonly #options: AckBatcherOptions;
  #pending: PendingDelete[] = [];
  #flushTimer: ClockTimer | undefined;
  readonly #sending = new Set<Promise<void>>();
  #immediate = false;

  constructor(port: QueueAcknowledger, clock: Clock, options: AckBatcherOptions) {
    this.#port = port;
    this.#clock = clock;
    this.#options = options;
  }

  /** Number of deletes waiting or being sent. */
  get size(): number {
    return this.#pending.length;
  }

  /**
   * Queues a delete of `receiptHandle`, which may be retried until `validUntil` (epoch ms on the clock; no
   * attempt starts later); resolves with its outcome. Never rejects.
   */
  delete(receiptHandle: string, validUntil = Number.POSITIVE_INFINITY): Promise<DeleteOutcome> {
    return new Promise((resolve) => {
      this.#pending.push({ receiptHandle, validUntil, resolve });
      if (this.#immediate || this.#pending.length >= this.#options.size || this.#options.delayMs === 0) {
        this.#flushPending();
      } else if (this.#flushTimer === undefined) {
        this.#flushTimer = this.#clock.setTimer(this.#clock.now() + this.#options.delayMs, () => {
          this.#flushTimer = undefined;
          this.#flushPending();
        });
      }
    });
  }

  /** Sends everything queued now and resolves when every delete sent so far has an outcome. */
  async flush(): Promise<void> {
    this.#flushPending();
    while (this.#sending.size > 0) await Promise.all([...this.#sending]);
  }

  /** From now on sends each delete at once (used when the stream has stopped); flushes what is queued. */
  close(): Promise<void> {
    this.#immediate = true;
    return this.flush();
  }

  #flushPending(): void {
    this.#flushTimer?.cancel();
    this.#flushTimer = undefined;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#options.size);
      const sending = this.#send(batch).finally(() => this.#sending.delete(sending));
      this.#sending.add(sending);
    }
  }

  async #send(initial: PendingDelete[]): Promise<void> {
    let batch = initial;
    for (let attempt = 1; batch.length > 0; attempt += 1) {
      try {
        const out = await this.#port.batchDeleteMessage({
          queueName: this.#options.queueName,
          receiptHandles: batch.map((p) => p.receiptHandle),
        });
        const failed = new Map(out.failed.map((f) => [f.receiptHandle, f]));
        for (const p of batch) {
          const f = failed.get(p.receiptHandle);
          // After a failed attempt, MessageNotExist for a handle still within its lease means that attempt did
          // reach the service (only its answer was lost): nobody else can hold the message meanwhile.
          if (f === undefined || (attempt > 1 && f.errorCode === 'MessageNotExist')) p.resolve({ ok: true });
          else p.resolve({ ok: false, code: f.errorCode, error: f, retryable: false });
        }
        return;
      } catch (error) {
        const code = isMnsError(error) ? error.code : MnsErrorCodes.deleteFailed;
        if (!(isMnsError(error) && error.retryable)) {
          for (const p of batch) p.resolve({ ok: false, code, error, retryable: false });
          return;
        }
        const delayMs = backoffDelayMs(attempt, this.#options.backoff, this.#options.random);
        const nextAttemptAt = this.#clock.now() + delayMs;
        const keep: PendingDelete[] = [];
        for (const p of batch) {
          if (p.validUntil > nextAttemptAt) keep.push(p);
          else p.resolve({ ok: false, code, error, retryable: true });
        }
        batch = keep;
        if (batch.length > 0) await sleep(this.#clock, delayMs);
      }
    }
  }
}
