import type { MnsConfigError } from '../errors/mns-error.js';
import { err, ok, type Result } from '../result.js';
import { invalidArgument } from '../errors/invalid-argument.js';
import {
  findVodStorageRegion,
  type RoutingConfidence,
  VOD_STORAGE_REGIONS,
  type VodStorageRegion,
} from './vod-storage-regions.js';

/** Where to put the MNS queue that receives VOD callbacks for one storage region. */
export interface QueueRegionRecommendation {
  /** The recommended MNS region id, e.g. `cn-shanghai`. */
  readonly region: string;
  /** One sentence explaining why, suitable for CLI output. */
  readonly reason: string;
  /** How well the documentation supports the recommendation. */
  readonly confidence: RoutingConfidence;
  /** The storage region the recommendation is for. */
  readonly storageRegion: VodStorageRegion;
}

/**
 * Recommends the MNS queue region for VOD callbacks of a storage region (docs/vod-events.md §2.1):
 * mainland-China storage → `cn-shanghai` (queues in other mainland regions work, with a short delay);
 * storage elsewhere → a queue in the same region.
 *
 * Never throws. An unknown or deactivated storage region is a value, not an exception: the result is
 * `{ ok: false, error }` with an {@link MnsConfigError} (code `ERR_MNS_INVALID_ARGUMENT`) whose message names
 * `storageRegion`, the value and the known ids. Ids are matched exactly (lower-case, as the API uses them).
 *
 * @example
 * ```ts
 * const r = recommendQueueRegion('cn-beijing');
 * if (r.ok) console.log(r.value.region); // 'cn-shanghai'
 * ```
 */
export function recommendQueueRegion(
  storageRegion: string,
): Result<QueueRegionRecommendation, MnsConfigError> {
  const found = typeof storageRegion === 'string' ? findVodStorageRegion(storageRegion) : undefined;
  if (found === undefined) {
    const known = VOD_STORAGE_REGIONS.filter((r) => !r.deactivated)
      .map((r) => r.id)
      .join(', ');
    const lower = typeof storageRegion === 'string' ? storageRegion.trim().toLowerCase() : '';
    const hint = findVodStorageRegion(lower) !== undefined ? ` (did you mean '${lower}'?)` : '';
    return err(
      invalidArgument('storageRegion', storageRegion, `a known VOD storage region id${hint}: ${known}`),
    );
  }
  if (found.deactivated) {
    return err(
      invalidArgument(
        'storageRegion',
        storageRegion,
        `an active VOD storage region (${found.name} is deactivated and receives no new media)`,
      ),
    );
  }
  return ok({
    region: found.recommendedMnsRegion,
    reason: reasonFor(found),
    confidence: found.recommendationConfidence,
    storageRegion: found,
  });
}

function reasonFor(region: VodStorageRegion): string {
  if (region.mainlandChina && region.recommendedMnsRegion === 'cn-shanghai') {
    return region.id === 'cn-shanghai'
      ? 'Mainland-China storage: VOD recommends a cn-shanghai queue.'
      : `Mainland-China storage (${region.name}): VOD recommends a cn-shanghai queue; a queue in another ` +
          'mainland region works with a short delay.';
  }
  if (region.mainlandChina) {
    return `${region.name}: ${region.confirmation}`;
  }
  return `Storage outside mainland China (${region.name}): VOD recommends a queue in the same region. ${region.confirmation}`;
}
