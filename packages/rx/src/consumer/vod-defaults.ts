import {
  decideRedelivery,
  parseVodEvent,
  type ReceivedMessage,
  type RedeliveryDecision,
  type RedeliveryPolicyInput,
  type Result,
  resolveRedeliveryPolicy,
  type VodEvent,
  vodEventFingerprint,
} from '@vodmns/core';

/** Decides, from a failed delivery's `DequeueCount`, its redelivery delay or that it is dead-lettered. */
export type RedeliveryDecider = (dequeueCount: number, random: () => number) => RedeliveryDecision;

/** The default `decode`: `parseVodEvent` of the body (JSON, or base64 of JSON). */
export function decodeVodMessage(message: ReceivedMessage): Result<VodEvent, unknown> {
  return parseVodEvent(message.messageBody);
}

/** The default `fingerprint`: `vodEventFingerprint`. */
export function vodFingerprint(event: VodEvent): string | undefined {
  return vodEventFingerprint(event);
}

/**
 * Binds core's redelivery policy (`resolveRedeliveryPolicy` + `decideRedelivery`). `maxDeliveries`, when given,
 * overrides the policy's, so the receive-time poison check and the failure-time decision agree.
 */
export function createRedeliveryDecider(
  input: RedeliveryPolicyInput | undefined,
  maxDeliveries: number | undefined,
): { readonly decide: RedeliveryDecider; readonly maxDeliveries: number } {
  const policy = resolveRedeliveryPolicy(
    maxDeliveries === undefined ? (input ?? {}) : { ...(input ?? {}), maxDeliveries },
  );
  return {
    decide: (dequeueCount, random) => decideRedelivery({ dequeueCount, policy, random }),
    maxDeliveries: policy.maxDeliveries,
  };
}
