import type { Clock, ClockTimer } from '@vodmns/core';
import { MnsServiceFailure } from '../protocol/mns-service-error.js';

/** Requests per second allowed, per queue and per account (`undefined` = no limit). */
export interface TpsLimits {
  /** Requests per second on one queue (every operation naming the queue). */
  readonly perQueue: number | undefined;
  /** Requests per second over the whole account (this server). */
  readonly perAccount: number | undefined;
}

/** Decides whether a request may run now (token buckets on the server's clock). */
export interface Throttle {
  /**
   * Resolves when the request may run. Over a limit (or when `forced`, the throttle fault rule), holds the
   * request `holdMs` on the clock, then rejects with `429 TooManyRequests`, as the live service does.
   */
  admit(queueName: string | undefined, signal: AbortSignal | undefined, forced: boolean): Promise<void>;
  /** Requests answered `TooManyRequests` so far. */
  readonly throttled: number;
  /** Answers every held request now (server shutdown). */
  releaseHeld(): void;
}

/** A token bucket refilled continuously at `rate` tokens per second, holding at most `rate` (one second). */
class TokenBucket {
  readonly #rate: number;
  #tokens: number;
  #at: number;

  constructor(rate: number, now: number) {
    this.#rate = rate;
    this.#tokens = rate;
    this.#at = now;
  }

  #refill(now: number): void {
    if (now > this.#at) {
      this.#tokens = Math.min(this.#rate, this.#tokens + ((now - this.#at) * this.#rate) / 1000);
      this.#at = now;
    }
  }

  /** Whether a token is available now (does not take it). */
  has(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= 1;
  }

  take(): void {
    this.#tokens -= 1;
  }

  /** Whether the bucket is full again (then it behaves like a fresh one and can be dropped). */
  full(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.#rate;
  }
}

/** Buckets kept before full ones are dropped (requests can name any valid queue name). */
const MAX_QUEUE_BUCKETS = 4096;

/**
 * Creates the server's throttle. A request takes one token from its queue's bucket and one from the account's
 * (both or neither); batch operations count as one request here (the service counts them per message).
 */
export function createThrottle(clock: Clock, limits: TpsLimits, holdMs: number): Throttle {
  const queues = new Map<string, TokenBucket>();
  let account: TokenBucket | undefined;
  let throttled = 0;
  const held = new Set<() => void>();

  const reject = (signal: AbortSignal | undefined): Promise<void> =>
    new Promise<void>((_resolve, rejectHeld) => {
      throttled++;
      const failure = new MnsServiceFailure('TooManyRequests');
      if (holdMs === 0 || signal?.aborted) {
        rejectHeld(failure);
        return;
      }
      let timer: ClockTimer | undefined;
      const done = (): void => {
        if (!held.delete(done)) return;
        timer?.cancel();
        signal?.removeEventListener('abort', done);
        rejectHeld(failure);
      };
      held.add(done);
      timer = clock.setTimer(clock.now() + holdMs, done);
      signal?.addEventListener('abort', done, { once: true });
    });

  return {
    admit(queueName, signal, forced) {
      if (forced) return reject(signal);
      if (limits.perQueue === undefined && limits.perAccount === undefined) return Promise.resolve();
      const now = clock.now();
      let q: TokenBucket | undefined;
      if (limits.perQueue !== undefined && queueName !== undefined) {
        q = queues.get(queueName);
        if (q === undefined) {
          if (queues.size >= MAX_QUEUE_BUCKETS) {
            for (const [name, bucket] of queues) if (bucket.full(now)) queues.delete(name);
          }
          q = new TokenBucket(limits.perQueue, now);
          queues.set(queueName, q);
        }
      }
      if (limits.perAccount !== undefined) account ??= new TokenBucket(limits.perAccount, now);
      if ((q !== undefined && !q.has(now)) || (account !== undefined && !account.has(now))) {
        return reject(signal);
      }
      q?.take();
      account?.take();
      return Promise.resolve();
    },
    get throttled() {
      return throttled;
    },
    releaseHeld() {
      for (const done of [...held]) done();
    },
  };
}
