/**
 * How well the documentation supports a region fact:
 * - `high`: stated in Alibaba Cloud's documentation;
 * - `medium`: follows from a documented rule, but the region itself is not confirmed in the readable docs;
 * - `low`: not addressed by the documentation; a best guess.
 */
export type RoutingConfidence = 'high' | 'medium' | 'low';

/** One ApsaraVideo VOD storage region (docs/vod-events.md §2.2). */
export interface VodStorageRegion {
  /** Region id, the `StorageRegion` of an upload, e.g. `cn-shanghai`. */
  readonly id: string;
  /** English display name, e.g. `China (Shanghai)`. */
  readonly name: string;
  /** Whether the region is in mainland China (Hong Kong is not). Decides the queue-region rule. */
  readonly mainlandChina: boolean;
  /** Host of the VOD OpenAPI endpoint of this region, e.g. `vod.cn-shanghai.aliyuncs.com`. */
  readonly vodEndpoint: string;
  /** Host of the VPC variant of the VOD OpenAPI endpoint, e.g. `vod-vpc.cn-shanghai.aliyuncs.com`. */
  readonly vodVpcEndpoint: string;
  /** The MNS region VOD callbacks of this storage region should use (see {@link recommendQueueRegion}). */
  readonly recommendedMnsRegion: string;
  /** How well the documentation supports {@link VodStorageRegion.recommendedMnsRegion}. */
  readonly recommendationConfidence: RoutingConfidence;
  /** What the documentation says about a queue in this region (the "same-region MNS confirmed" column of docs/vod-events.md §2.2). */
  readonly confirmation: string;
  /** The region no longer accepts media (India (Mumbai), `ap-south-1`). */
  readonly deactivated: boolean;
}

function region(
  id: string,
  name: string,
  mainlandChina: boolean,
  recommendedMnsRegion: string,
  recommendationConfidence: RoutingConfidence,
  confirmation: string,
  deactivated = false,
): VodStorageRegion {
  return Object.freeze({
    id,
    name,
    mainlandChina,
    vodEndpoint: `vod.${id}.aliyuncs.com`,
    vodVpcEndpoint: `vod-vpc.${id}.aliyuncs.com`,
    recommendedMnsRegion,
    recommendationConfidence,
    confirmation,
    deactivated,
  });
}

/**
 * Every VOD storage region the documentation lists (docs/vod-events.md §2.2), as frozen data. The table is
 * data, not code: update it when Alibaba adds a region.
 */
export const VOD_STORAGE_REGIONS: readonly VodStorageRegion[] = Object.freeze([
  region('cn-shanghai', 'China (Shanghai)', true, 'cn-shanghai', 'high', 'Same-region queue documented.'),
  region(
    'cn-beijing',
    'China (Beijing)',
    true,
    'cn-shanghai',
    'high',
    'Mainland storage: docs recommend cn-shanghai; a cn-beijing queue works with a short delay.',
  ),
  region(
    'cn-shenzhen',
    'China (Shenzhen)',
    true,
    'cn-shanghai',
    'high',
    'Mainland storage: docs recommend cn-shanghai; a cn-shenzhen queue works with a short delay.',
  ),
  region(
    'cn-hongkong',
    'China (Hong Kong)',
    false,
    'cn-hongkong',
    'medium',
    'Outside mainland China, so same region by the rule; MNS is listed in cn-hongkong (mns-open endpoints).',
  ),
  region('ap-southeast-1', 'Singapore', false, 'ap-southeast-1', 'high', 'Same-region queue documented.'),
  region(
    'ap-southeast-5',
    'Indonesia (Jakarta)',
    false,
    'ap-southeast-5',
    'medium',
    'Named by the docs as a same-region example; MNS in ap-southeast-5 not in the readable endpoint rows.',
  ),
  region(
    'ap-northeast-1',
    'Japan (Tokyo)',
    false,
    'ap-northeast-1',
    'high',
    'Same region; MNS is listed in ap-northeast-1 (mns-open endpoints).',
  ),
  region(
    'eu-central-1',
    'Germany (Frankfurt)',
    false,
    'eu-central-1',
    'high',
    'Same region; the VOD FAQ names a Frankfurt queue.',
  ),
  region(
    'us-west-1',
    'US (Silicon Valley)',
    false,
    'us-west-1',
    'medium',
    'Same region by the rule; MNS in us-west-1 appears only in SDK documentation examples.',
  ),
  region(
    'me-central-1',
    'Saudi Arabia (Riyadh), partner-operated',
    false,
    'me-central-1',
    'low',
    'Same region by the rule; MNS availability in me-central-1 was not found in the docs.',
  ),
  region(
    'ap-south-1',
    'India (Mumbai)',
    false,
    'ap-south-1',
    'low',
    'Deactivated VOD region; it used a same-region queue.',
    true,
  ),
  region(
    'cn-north-2-gov-1',
    'Beijing Government Cloud (industry cloud)',
    true,
    'cn-north-2-gov-1',
    'low',
    'Not addressed by the docs. An isolated industry cloud is unlikely to reach public-cloud queues, so the ' +
      'same region is assumed instead of the mainland cn-shanghai rule.',
  ),
]);

const BY_ID = new Map(VOD_STORAGE_REGIONS.map((r) => [r.id, r]));

/** Looks up a VOD storage region by exact id (`cn-shanghai`); `undefined` when unknown. */
export function findVodStorageRegion(id: string): VodStorageRegion | undefined {
  return BY_ID.get(id);
}
