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
  | { readonly ok: false; readonly code: string; readonly error?: unknown };

interface PendingDelete {
  readonly receiptHandle: string;
  readonly resolve: (outcome: DeleteOutcome) => void;
}

/** Settings of {@link AckBatcher}. */
export interface AckBatcherOptions {
  readonly queueName: string;
  /** Longest wait before a partial batch is sent, ms. */
  readonly delayMs: number;
  /** Handles per BatchDeleteMessage, 1–16. */
  readonly size: number;
  /** Attempts per batch for retryable failures. */
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  readonly random: () => number;
}

/**
 * Coalesces deletes into BatchDeleteMessage calls: a batch is sent when it has `size` handles or `delayMs` after
 * its first one. Per-handle failures (stale handle: `MessageNotExist`) resolve that handle's outcome only; a
 * retryable whole-call failure is retried with jittered backoff. Deletes are never aborted: an ack the user made
 * is sent even while the stream is stopping.
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

  /** Queues a delete of `receiptHandle`; resolves with its outcome. Never rejects. */
  delete(receiptHandle: string): Promise<DeleteOutcome> {
    return new Promise((resolve) => {
      this.#pending.push({ receiptHandle, resolve });
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

  async #send(batch: PendingDelete[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const out = await this.#port.batchDeleteMessage({
          queueName: this.#options.queueName,
          receiptHandles: batch.map((p) => p.receiptHandle),
        });
        const failed = new Map(out.failed.map((f) => [f.receiptHandle, f]));
        for (const p of batch) {
          const f = failed.get(p.receiptHandle);
          p.resolve(f ? { ok: false, code: f.errorCode, error: f } : { ok: true });
        }
        return;
      } catch (error) {
        const retryable = isMnsError(error) && error.retryable;
        if (!retryable || attempt >= this.#options.maxAttempts) {
          const code = isMnsError(error) ? error.code : MnsErrorCodes.deleteFailed;
          for (const p of batch) p.resolve({ ok: false, code, error });
          return;
        }
        await sleep(this.#clock, backoffDelayMs(attempt, this.#options.backoff, this.#options.random));
      }
    }
  }
}
