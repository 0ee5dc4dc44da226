import type { MnsConfigError } from '../errors/mns-error.js';
import { err, ok, type Result } from '../result.js';
import { invalidArgument } from '../errors/invalid-argument.js';
import { isMnsQueueName, MNS_QUEUE_NAME_RULE } from '../mns/mns-limits.js';
import { recommendQueueRegion } from './recommend-queue-region.js';

/** Input of {@link planRegionalQueues}. */
export interface PlanRegionalQueuesInput {
  /** The VOD storage regions whose events must be consumed, e.g. `['cn-beijing', 'eu-central-1']`. */
  readonly storageRegions: readonly string[];
  /**
   * Queue name per queue region: a prefix (the queue is `<prefix>-<queueRegion>`) or a function of the region.
   * @defaultValue `'vod-events'` (so `vod-events-cn-shanghai`)
   */
  readonly queueName?: string | ((queueRegion: string) => string) | undefined;
  /**
   * Dead-letter queue per queue region: `true` for `<queue>-dlq`, `false` for none, or a function of the region
   * and the queue name. @defaultValue `true`
   */
  readonly deadLetter?: boolean | ((queueRegion: string, queueName: string) => string) | undefined;
}

/** One queue of a plan: the MNS region it lives in and the storage regions whose events it receives. */
export interface RegionalQueue {
  /** The MNS region of the queue, e.g. `cn-shanghai`. */
  readonly queueRegion: string;
  readonly queueName: string;
  /** Its dead-letter queue (same MNS region), if the plan has one. */
  readonly deadLetterQueueName: string | undefined;
  /** The storage regions routed to this queue, in input order. */
  readonly storageRegions: readonly string[];
  /** Why each storage region goes here (from {@link recommendQueueRegion}), in the order of `storageRegions`. */
  readonly reasons: readonly string[];
}

/** The default queue name prefix of a regional plan. */
export const DEFAULT_REGIONAL_QUEUE_PREFIX = 'vod-events';

/**
 * Plans the queues that receive the VOD events of some storage regions: each storage region goes to the queue
 * region {@link recommendQueueRegion} recommends (mainland China → `cn-shanghai`, elsewhere the same region), and
 * storage regions sharing a queue region share one queue. Queues come out in order of first appearance.
 *
 * Never throws: an empty or duplicated list, an unknown or deactivated storage region, or a queue name MNS would
 * refuse is `{ ok: false, error }` with an `ERR_MNS_INVALID_ARGUMENT` {@link MnsConfigError} naming it.
 *
 * @example
 * ```ts
 * const plan = planRegionalQueues({ storageRegions: ['cn-beijing', 'cn-shenzhen', 'eu-central-1'] });
 * // ok: [{ queueRegion: 'cn-shanghai', queueName: 'vod-events-cn-shanghai', storageRegions: ['cn-beijing', 'cn-shenzhen'], … },
 * //      { queueRegion: 'eu-central-1', queueName: 'vod-events-eu-central-1', … }]
 * ```
 */
export function planRegionalQueues(
  input: PlanRegionalQueuesInput,
): Result<readonly RegionalQueue[], MnsConfigError> {
  const regions = input?.storageRegions;
  if (!Array.isArray(regions) || regions.length === 0) {
    return err(invalidArgument('storageRegions', regions, 'a non-empty array of VOD storage region ids'));
  }
  const nameOf = queueNamer(input.queueName);
  if (!nameOf.ok) return nameOf;
  const dl = input.deadLetter;
  if (dl !== undefined && typeof dl !== 'boolean' && typeof dl !== 'function') {
    return err(
      invalidArgument('deadLetter', dl, 'true, false or a function (queueRegion, queueName) => name'),
    );
  }
  const byRegion = new Map<string, { queueName: string; storage: string[]; reasons: string[] }>();
  const seen = new Set<string>();
  for (const [i, storageRegion] of regions.entries()) {
    if (seen.has(storageRegion)) {
      return err(invalidArgument(`storageRegions[${i}]`, storageRegion, 'listed once'));
    }
    seen.add(storageRegion);
    const rec = recommendQueueRegion(storageRegion);
    if (!rec.ok) return rec;
    const queueRegion = rec.value.region;
    let entry = byRegion.get(queueRegion);
    if (entry === undefined) {
      const queueName = nameOf.value(queueRegion);
      if (!isMnsQueueName(queueName)) {
        return err(invalidArgument(`queueName(${queueRegion})`, queueName, queueNameRule()));
      }
      entry = { queueName, storage: [], reasons: [] };
      byRegion.set(queueRegion, entry);
    }
    entry.storage.push(storageRegion);
    entry.reasons.push(rec.value.reason);
  }
  const plan: RegionalQueue[] = [];
  for (const [queueRegion, e] of byRegion) {
    const dlq = deadLetterName(input.deadLetter, queueRegion, e.queueName);
    if (dlq !== undefined && !isMnsQueueName(dlq)) {
      return err(invalidArgument(`deadLetter(${queueRegion})`, dlq, queueNameRule()));
    }
    plan.push(
      Object.freeze({
        queueRegion,
        queueName: e.queueName,
        deadLetterQueueName: dlq,
        storageRegions: Object.freeze(e.storage),
        reasons: Object.freeze(e.reasons),
      }),
    );
  }
  return ok(Object.freeze(plan));
}

function queueNameRule(): string {
  return `an MNS queue name (${MNS_QUEUE_NAME_RULE})`;
}

function queueNamer(
  option: PlanRegionalQueuesInput['queueName'],
): Result<(queueRegion: string) => string, MnsConfigError> {
  if (option === undefined) return ok((r) => `${DEFAULT_REGIONAL_QUEUE_PREFIX}-${r}`);
  if (typeof option === 'function') return ok(option);
  if (typeof option === 'string' && option.length > 0) return ok((r) => `${option}-${r}`);
  return err(invalidArgument('queueName', option, 'a queue name prefix or a function of the queue region'));
}

function deadLetterName(
  option: PlanRegionalQueuesInput['deadLetter'],
  queueRegion: string,
  queueName: string,
): string | undefined {
  if (option === false) return undefined;
  if (typeof option === 'function') return option(queueRegion, queueName);
  return `${queueName}-dlq`;
}
