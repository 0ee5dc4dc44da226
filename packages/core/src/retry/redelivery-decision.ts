import { invalidArgument } from '../errors/invalid-argument.js';
import { MNS_LIMITS } from '../mns/mns-limits.js';
import { DEFAULT_REDELIVERY_POLICY, type RedeliveryPolicy } from './redelivery-policy.js';

/** Input of {@link decideRedelivery}. */
export interface RedeliveryInput {
  /** MNS `DequeueCount` of the message whose handler failed: deliveries so far, this one included (≥ 1). */
  readonly dequeueCount: number;
  /** A policy from {@link resolveRedeliveryPolicy}. @defaultValue {@link DEFAULT_REDELIVERY_POLICY} */
  readonly policy?: Readonly<RedeliveryPolicy> | undefined;
  /** Returns a number in [0, 1) (out-of-range values are clamped). @defaultValue `Math.random` */
  readonly random?: (() => number) | undefined;
  /**
   * The failure can never succeed on a retry (e.g. the body is not a VOD event): dead-letter at once.
   * @defaultValue false
   */
  readonly permanent?: boolean | undefined;
}

/** Why a message is dead-lettered: it failed `maxDeliveries` times, or the failure was marked permanent. */
export type DeadLetterReason = 'max-deliveries' | 'permanent-failure';

/** What to do with a message whose handler failed. */
export type RedeliveryDecision =
  /** Leave it in the queue and make it visible again after `visibilityTimeoutSeconds` (1–43200). */
  | { readonly action: 'retry'; readonly visibilityTimeoutSeconds: number; readonly dequeueCount: number }
  /** Stop retrying: move it to a dead-letter destination (or log and delete it). */
  | { readonly action: 'dead-letter'; readonly reason: DeadLetterReason; readonly dequeueCount: number };

/**
 * Decides between another delivery (with a backoff visibility timeout) and dead-lettering, after a handler
 * failed on a message. Pure: randomness is injected.
 *
 * Retry delay after delivery `n`: ceiling `c = min(maxDelaySeconds, baseDelaySeconds · 2^(n−1))`, randomised
 * per `jitter`, rounded up to whole seconds and clamped to MNS's 1–43200 s.
 *
 * @throws {@link MnsConfigError} (code `ERR_MNS_INVALID_ARGUMENT`) when `dequeueCount` is not an integer ≥ 1.
 *
 * @example
 * ```ts
 * const d = decideRedelivery({ dequeueCount: message.dequeueCount, policy });
 * if (d.action === 'retry') await port.changeMessageVisibility({ queueName, receiptHandle, visibilityTimeoutSeconds: d.visibilityTimeoutSeconds });
 * else await deadLetter(message, d.reason);
 * ```
 */
export function decideRedelivery(input: RedeliveryInput): RedeliveryDecision {
  const { dequeueCount } = input;
  const policy = input.policy ?? DEFAULT_REDELIVERY_POLICY;
  const random = input.random ?? Math.random;
  if (typeof dequeueCount !== 'number' || !Number.isInteger(dequeueCount) || dequeueCount < 1) {
    throw invalidArgument('dequeueCount', dequeueCount, 'an integer ≥ 1 (MNS DequeueCount)');
  }
  if (input.permanent === true) return { action: 'dead-letter', reason: 'permanent-failure', dequeueCount };
  if (dequeueCount >= policy.maxDeliveries)
    return { action: 'dead-letter', reason: 'max-deliveries', dequeueCount };

  const exponent = Math.min(dequeueCount - 1, 30);
  const ceiling = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** exponent);
  const r = clampUnit(random());
  const seconds =
    policy.jitter === 'none'
      ? ceiling
      : policy.jitter === 'full'
        ? r * ceiling
        : ceiling / 2 + (r * ceiling) / 2;
  const { min, max } = MNS_LIMITS.visibilityTimeoutSeconds;
  const visibilityTimeoutSeconds = Math.min(max, Math.max(min, Math.ceil(seconds)));
  return { action: 'retry', visibilityTimeoutSeconds, dequeueCount };
}

function clampUnit(value: number): number {
  if (Number.isNaN(value) || value < 0) return 0;
  return Math.min(value, 1);
}
