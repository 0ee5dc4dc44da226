import {
  assertKnownKeys,
  invalidArgument,
  isFiniteInRange,
  isIntegerInRange,
} from '../errors/invalid-argument.js';

/**
 * How ApsaraVideo VOD delivers one event notification (docs/vod-events.md §1.3), as data. Both callback
 * methods behave the same: up to 3 attempts 1 s apart, then the notification is discarded — no dead letter,
 * no later redelivery.
 */
export interface VodDeliveryPolicy {
  /**
   * Attempts in total, the first included. The docs say "2 more attempts, 3 in total" (the FAQ's "up to 3
   * retries" is the outlier). Integer, 1–100.
   * @defaultValue 3
   */
  readonly maxAttempts: number;
  /** Pause after a failed attempt before the next one, in ms. 0–3600000. @defaultValue 1000 */
  readonly intervalMs: number;
  /**
   * How long VOD waits for an HTTP callback to answer, in ms. An attempt that succeeds later than this counts
   * as failed (VOD stopped waiting and will try again: a slow-but-successful receiver sees a duplicate).
   * Passed to `send` so it can bound its own request. `Infinity` disables the check (MNS mode documents no
   * timeout). > 0.
   * @defaultValue 5000
   */
  readonly attemptTimeoutMs: number;
  /** What happens after the last failed attempt. VOD only ever discards. @defaultValue `'discard'` */
  readonly afterLastFailure: 'discard';
}

/** VOD's documented delivery policy: 3 attempts, 1 s apart, 5 s HTTP timeout, then discard. Frozen. */
export const VOD_DELIVERY_POLICY: Readonly<VodDeliveryPolicy> = Object.freeze({
  maxAttempts: 3,
  intervalMs: 1000,
  attemptTimeoutMs: 5000,
  afterLastFailure: 'discard',
});

/** Input of {@link resolveVodDeliveryPolicy}: any subset of {@link VodDeliveryPolicy}. */
export type VodDeliveryPolicyInput = {
  readonly [K in keyof VodDeliveryPolicy]?: VodDeliveryPolicy[K] | undefined;
};

const KEYS = Object.keys(VOD_DELIVERY_POLICY);

/**
 * Fills defaults from {@link VOD_DELIVERY_POLICY} and validates eagerly. Pure.
 *
 * @throws {@link MnsConfigError} (code `ERR_MNS_INVALID_ARGUMENT`) naming the field and value.
 */
export function resolveVodDeliveryPolicy(policy: VodDeliveryPolicyInput = {}): Readonly<VodDeliveryPolicy> {
  if (typeof policy !== 'object' || policy === null) {
    throw invalidArgument('policy', policy, 'an object');
  }
  assertKnownKeys('policy', policy, KEYS);
  const resolved: VodDeliveryPolicy = {
    maxAttempts: policy.maxAttempts ?? VOD_DELIVERY_POLICY.maxAttempts,
    intervalMs: policy.intervalMs ?? VOD_DELIVERY_POLICY.intervalMs,
    attemptTimeoutMs: policy.attemptTimeoutMs ?? VOD_DELIVERY_POLICY.attemptTimeoutMs,
    afterLastFailure: policy.afterLastFailure ?? VOD_DELIVERY_POLICY.afterLastFailure,
  };
  if (!isIntegerInRange(resolved.maxAttempts, 1, 100)) {
    throw invalidArgument('policy.maxAttempts', resolved.maxAttempts, 'an integer from 1 to 100');
  }
  if (!isFiniteInRange(resolved.intervalMs, 0, 3_600_000)) {
    throw invalidArgument('policy.intervalMs', resolved.intervalMs, 'a number of ms from 0 to 3600000');
  }
  const timeout = resolved.attemptTimeoutMs;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout <= 0) {
    throw invalidArgument('policy.attemptTimeoutMs', timeout, 'a number of ms > 0 (or Infinity)');
  }
  if (resolved.afterLastFailure !== 'discard') {
    throw invalidArgument('policy.afterLastFailure', resolved.afterLastFailure, "'discard'");
  }
  return Object.freeze(resolved);
}
