import { MnsErrorCodes } from '../errors/error-codes.js';
import { MnsTimeoutError } from '../errors/mns-error.js';
import { assertKnownKeys, invalidArgument } from '../errors/invalid-argument.js';
import { systemClock } from '../time/clock.js';
import { sleep as clockSleep } from '../time/sleep.js';
import {
  resolveVodDeliveryPolicy,
  type VodDeliveryPolicy,
  type VodDeliveryPolicyInput,
} from './vod-delivery-policy.js';

/** What {@link deliver} passes to `send` besides the event and the attempt number. */
export interface DeliveryAttemptContext {
  /** The caller's signal (from {@link DeliverOptions.signal}); abort the attempt when it fires. */
  readonly signal: AbortSignal | undefined;
  /** The policy's `attemptTimeoutMs`: bound the request by it (VOD stops waiting after it). */
  readonly timeoutMs: number;
}

/**
 * Performs one delivery attempt: resolve for success (VOD: the receiver answered HTTP 200 / the queue write
 * succeeded), reject or throw for failure.
 *
 * @param attempt - 1 for the first attempt.
 */
export type DeliverySend<E> = (
  event: E,
  attempt: number,
  context: DeliveryAttemptContext,
) => Promise<unknown>;

/** What happened on one attempt. */
export interface AttemptRecord {
  /** 1-based attempt number. */
  readonly attempt: number;
  /** When the attempt started, per the `now` clock (Unix ms by default). */
  readonly startedAt: number;
  /** How long `send` took to settle, in ms (per the `now` clock). */
  readonly durationMs: number;
  /**
   * `succeeded`; `failed` (`send` rejected or threw); `timed-out` (`send` succeeded, but after
   * `attemptTimeoutMs` — VOD would already have counted it as failed).
   */
  readonly status: 'succeeded' | 'failed' | 'timed-out';
  /** The rejection reason, or an `ERR_MNS_TIMEOUT` {@link MnsTimeoutError}; absent on success. */
  readonly error?: unknown;
}

/** Result of {@link deliver}. */
export type DeliveryResult<E> =
  /** An attempt succeeded (the receiver may still have seen earlier, late attempts: duplicates). */
  | { readonly outcome: 'delivered'; readonly event: E; readonly attempts: readonly AttemptRecord[] }
  /** Every attempt failed; VOD drops the notification. */
  | { readonly outcome: 'discarded'; readonly event: E; readonly attempts: readonly AttemptRecord[] }
  /** The caller's signal fired before an attempt succeeded; no further attempt was made. */
  | { readonly outcome: 'aborted'; readonly event: E; readonly attempts: readonly AttemptRecord[] };

/** Options of {@link deliver}. */
export interface DeliverOptions {
  /** Policy overrides, merged over {@link VOD_DELIVERY_POLICY}. @defaultValue {@link VOD_DELIVERY_POLICY} */
  readonly policy?: VodDeliveryPolicyInput | undefined;
  /**
   * Waits `ms` between attempts; should settle early when `signal` fires. Inject a fake for tests and fast
   * simulations. @defaultValue `sleep(systemClock, ms, signal)` (core's abortable sleep)
   */
  readonly sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Clock for attempt start times and durations, in ms. @defaultValue `Date.now` */
  readonly now?: (() => number) | undefined;
  /** Stops the delivery: no attempt starts after it fires, and the pending interval ends early. */
  readonly signal?: AbortSignal | undefined;
}

const OPTION_KEYS = ['policy', 'sleep', 'now', 'signal'];

/**
 * Runs VOD's delivery policy (docs/vod-events.md §1.3) for one event against an injected `send`: up to
 * `maxAttempts` attempts, `intervalMs` apart, then discard. Generic in the event type. Used to simulate VOD
 * (the CLI's `vodmns simulate`, the demo) and to test receivers against VOD's real retry behaviour.
 *
 * Failures of `send` never escape: they are recorded in {@link AttemptRecord.error}. The promise rejects
 * only for invalid arguments — an {@link MnsConfigError} (`ERR_MNS_INVALID_ARGUMENT`) before any attempt —
 * or if an injected `sleep` rejects while the signal has not fired.
 *
 * @example
 * ```ts
 * const result = await deliver(event, async (e) => queue.sendMessage({ queueName, messageBody: JSON.stringify(e) }));
 * if (result.outcome === 'discarded') console.warn('VOD would have dropped', result.attempts.length, 'attempts');
 * ```
 */
export async function deliver<E>(
  event: E,
  send: DeliverySend<E>,
  options: DeliverOptions = {},
): Promise<DeliveryResult<E>> {
  if (typeof send !== 'function')
    throw invalidArgument('send', send, 'a function (event, attempt) => Promise');
  if (typeof options !== 'object' || options === null) throw invalidArgument('options', options, 'an object');
  assertKnownKeys('options', options, OPTION_KEYS);
  const policy: Readonly<VodDeliveryPolicy> = resolveVodDeliveryPolicy(options.policy);
  const sleep = options.sleep ?? ((ms: number, s?: AbortSignal) => clockSleep(systemClock, ms, s));
  const now = options.now ?? Date.now;
  const signal = options.signal;
  if (typeof sleep !== 'function') throw invalidArgument('options.sleep', sleep, 'a function (ms, signal?)');
  if (typeof now !== 'function') throw invalidArgument('options.now', now, 'a function returning ms');

  const attempts: AttemptRecord[] = [];
  const done = (outcome: DeliveryResult<E>['outcome']): DeliveryResult<E> => ({ outcome, event, attempts });

  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (signal?.aborted) return done('aborted');
    const startedAt = now();
    let failure: { error: unknown } | undefined;
    try {
      await send(event, attempt, { signal, timeoutMs: policy.attemptTimeoutMs });
    } catch (error) {
      failure = { error };
    }
    const durationMs = now() - startedAt;
    if (failure !== undefined) {
      attempts.push({ attempt, startedAt, durationMs, status: 'failed', error: failure.error });
    } else if (durationMs > policy.attemptTimeoutMs) {
      const error = new MnsTimeoutError({
        code: MnsErrorCodes.timeout,
        message: `attempt ${attempt} succeeded after ${durationMs} ms; VOD stops waiting after ${policy.attemptTimeoutMs} ms`,
        fault: 'transport',
        attempts: attempt,
      });
      attempts.push({ attempt, startedAt, durationMs, status: 'timed-out', error });
    } else {
      attempts.push({ attempt, startedAt, durationMs, status: 'succeeded' });
      return done('delivered');
    }
    if (signal?.aborted) return done('aborted');
    if (attempt < policy.maxAttempts) {
      try {
        await sleep(policy.intervalMs, signal);
      } catch (error) {
        if (signal?.aborted) return done('aborted');
        throw error;
      }
    }
  }
  return done('discarded');
}
