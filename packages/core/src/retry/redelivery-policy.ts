import { assertKnownKeys, invalidArgument, isIntegerInRange } from '../errors/invalid-argument.js';
import { MNS_LIMITS } from '../mns/mns-limits.js';

/**
 * How a retry delay is randomised around its exponential ceiling `c = min(max, base · 2^(n−1))`:
 * - `equal`: uniform in `[c/2, c]` — retries spread out but never come back sooner than half the ceiling;
 * - `full`: uniform in `[0, c]` (then raised to the 1 s MNS minimum);
 * - `none`: exactly `c`.
 */
export type RedeliveryJitter = 'equal' | 'full' | 'none';

/**
 * Consumer-side redelivery and dead-letter policy (used by `@vodmns/rx` for nacks and poison messages).
 * MNS redelivers a received-but-undeleted message when its visibility timeout ends; after a failed handler
 * the consumer sets that timeout (`ChangeMessageVisibility`) to back off, and gives up on a message once it
 * has been delivered `maxDeliveries` times.
 */
export interface RedeliveryPolicy {
  /**
   * Deliveries (MNS `DequeueCount`) after which a failing message is dead-lettered instead of retried.
   * Integer 1–1000, or `Infinity` to retry forever (until the queue's retention period drops the message).
   * @defaultValue 5
   */
  readonly maxDeliveries: number;
  /**
   * Visibility timeout ceiling after the first failed delivery, in s; doubles per delivery. Integer,
   * 1–43200. @defaultValue 10
   */
  readonly baseDelaySeconds: number;
  /** Upper bound of the visibility timeout, in s. Integer, `baseDelaySeconds`–43200. @defaultValue 600 */
  readonly maxDelaySeconds: number;
  /** How the delay is randomised (see {@link RedeliveryJitter}). @defaultValue `'equal'` */
  readonly jitter: RedeliveryJitter;
}

/** The defaults of {@link RedeliveryPolicy}, frozen: 5 deliveries; 10 s, 20 s, 40 s, 80 s ceilings (equal jitter). */
export const DEFAULT_REDELIVERY_POLICY: Readonly<RedeliveryPolicy> = Object.freeze({
  maxDeliveries: 5,
  baseDelaySeconds: 10,
  maxDelaySeconds: 600,
  jitter: 'equal',
});

/** Input of {@link resolveRedeliveryPolicy}: any subset of {@link RedeliveryPolicy}. */
export type RedeliveryPolicyInput = {
  readonly [K in keyof RedeliveryPolicy]?: RedeliveryPolicy[K] | undefined;
};

const KEYS = Object.keys(DEFAULT_REDELIVERY_POLICY);

/**
 * Fills defaults and validates eagerly. Pure.
 *
 * @throws {@link MnsConfigError} (code `ERR_MNS_INVALID_ARGUMENT`) naming the field and value, e.g.
 * `redelivery.maxDelaySeconds must be an integer number of seconds from 10 to 43200; got 5`.
 */
export function resolveRedeliveryPolicy(policy: RedeliveryPolicyInput = {}): Readonly<RedeliveryPolicy> {
  if (typeof policy !== 'object' || policy === null) {
    throw invalidArgument('redelivery', policy, 'an object of redelivery options');
  }
  assertKnownKeys('redelivery', policy, KEYS);
  const resolved: RedeliveryPolicy = {
    maxDeliveries: policy.maxDeliveries ?? DEFAULT_REDELIVERY_POLICY.maxDeliveries,
    baseDelaySeconds: policy.baseDelaySeconds ?? DEFAULT_REDELIVERY_POLICY.baseDelaySeconds,
    maxDelaySeconds: policy.maxDelaySeconds ?? DEFAULT_REDELIVERY_POLICY.maxDelaySeconds,
    jitter: policy.jitter ?? DEFAULT_REDELIVERY_POLICY.jitter,
  };
  if (
    resolved.maxDeliveries !== Number.POSITIVE_INFINITY &&
    !isIntegerInRange(resolved.maxDeliveries, 1, 1000)
  ) {
    throw invalidArgument(
      'redelivery.maxDeliveries',
      resolved.maxDeliveries,
      'an integer from 1 to 1000, or Infinity',
    );
  }
  const { min, max } = MNS_LIMITS.visibilityTimeoutSeconds;
  if (!isIntegerInRange(resolved.baseDelaySeconds, min, max)) {
    throw invalidArgument(
      'redelivery.baseDelaySeconds',
      resolved.baseDelaySeconds,
      `an integer number of seconds from ${min} to ${max}`,
    );
  }
  if (!isIntegerInRange(resolved.maxDelaySeconds, resolved.baseDelaySeconds, max)) {
    throw invalidArgument(
      'redelivery.maxDelaySeconds',
      resolved.maxDelaySeconds,
      `an integer number of seconds from ${resolved.baseDelaySeconds} (baseDelaySeconds) to ${max}`,
    );
  }
  if (resolved.jitter !== 'equal' && resolved.jitter !== 'full' && resolved.jitter !== 'none') {
    throw invalidArgument('redelivery.jitter', resolved.jitter, "'equal', 'full' or 'none'");
  }
  return Object.freeze(resolved);
}
