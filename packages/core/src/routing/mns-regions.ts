/** One MNS (Simple Message Queue) region (docs/vod-events.md §2.3, docs/mns-protocol.md §1.1). */
export interface MnsRegion {
  /** Region id as used in the endpoint host, e.g. `cn-shanghai`. */
  readonly id: string;
  /** English display name. */
  readonly name: string;
  /** Whether the region is in mainland China. */
  readonly mainlandChina: boolean;
  /**
   * `true` when Alibaba's documentation (MNS endpoint lists, or VOD pages naming a queue there) confirms MNS
   * in this region; `false` when the id was mapped from a region named only in prose or follows the standard
   * Alibaba Cloud pattern (confirm before relying on it).
   */
  readonly confirmed: boolean;
}

function mns(id: string, name: string, mainlandChina: boolean, confirmed: boolean): MnsRegion {
  return Object.freeze({ id, name, mainlandChina, confirmed });
}

/** The MNS regions vodmns knows, as frozen data. A region missing here may still exist. */
export const MNS_REGIONS: readonly MnsRegion[] = Object.freeze([
  mns('cn-qingdao', 'China (Qingdao)', true, true),
  mns('cn-beijing', 'China (Beijing)', true, true),
  mns('cn-zhangjiakou', 'China (Zhangjiakou)', true, true),
  mns('cn-huhehaote', 'China (Hohhot)', true, true),
  mns('cn-wulanchabu', 'China (Ulanqab)', true, true),
  mns('cn-hangzhou', 'China (Hangzhou)', true, true),
  mns('cn-shanghai', 'China (Shanghai)', true, true),
  mns('cn-shenzhen', 'China (Shenzhen)', true, true),
  mns('cn-guangzhou', 'China (Guangzhou)', true, true),
  mns('cn-chengdu', 'China (Chengdu)', true, true),
  mns('cn-heyuan', 'China (Heyuan)', true, true),
  mns('cn-zhengzhou-jva', 'China (Zhengzhou, joint-venture cloud)', true, true),
  mns('cn-hongkong', 'China (Hong Kong)', false, true),
  mns('ap-northeast-1', 'Japan (Tokyo)', false, true),
  mns('ap-northeast-2', 'South Korea (Seoul)', false, true),
  mns('eu-west-1', 'UK (London)', false, true),
  mns('ap-southeast-1', 'Singapore', false, true),
  mns('us-east-1', 'US (Virginia)', false, false),
  mns('me-east-1', 'UAE (Dubai)', false, false),
  mns('eu-central-1', 'Germany (Frankfurt)', false, true),
  mns('ap-southeast-3', 'Malaysia (Kuala Lumpur)', false, false),
  mns('ap-southeast-5', 'Indonesia (Jakarta)', false, false),
  mns('us-west-1', 'US (Silicon Valley)', false, false),
  mns('me-central-1', 'Saudi Arabia (Riyadh)', false, false),
]);

const BY_ID = new Map(MNS_REGIONS.map((r) => [r.id, r]));

/** Looks up an MNS region by exact id; `undefined` when vodmns does not know it. */
export function findMnsRegion(id: string): MnsRegion | undefined {
  return BY_ID.get(id);
}

/**
 * The shape every Alibaba Cloud region id has: lower-case letters, then one or more `-`-separated lower-case
 * alphanumeric parts (`cn-hangzhou`, `ap-southeast-1`, `cn-zhengzhou-jva`).
 */
export const REGION_ID_PATTERN: RegExp = /^[a-z]{2,}(?:-[a-z0-9]+)+$/;
