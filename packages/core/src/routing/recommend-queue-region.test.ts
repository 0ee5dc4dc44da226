import { describe, expect, it } from 'vitest';
import { isMnsError } from '../errors/mns-error.js';
import { findMnsRegion, MNS_REGIONS, REGION_ID_PATTERN } from './mns-regions.js';
import { recommendQueueRegion } from './recommend-queue-region.js';
import { findVodStorageRegion, VOD_STORAGE_REGIONS } from './vod-storage-regions.js';

describe('VOD_STORAGE_REGIONS', () => {
  it('holds the 12 regions of the docs/vod-events.md §2.2 table, frozen, with unique well-shaped ids', () => {
    expect(VOD_STORAGE_REGIONS).toHaveLength(12);
    expect(new Set(VOD_STORAGE_REGIONS.map((r) => r.id)).size).toBe(12);
    expect(Object.isFrozen(VOD_STORAGE_REGIONS)).toBe(true);
    for (const r of VOD_STORAGE_REGIONS) {
      expect(Object.isFrozen(r)).toBe(true);
      expect(r.id).toMatch(REGION_ID_PATTERN);
      expect(r.vodEndpoint).toBe(`vod.${r.id}.aliyuncs.com`);
      expect(r.vodVpcEndpoint).toBe(`vod-vpc.${r.id}.aliyuncs.com`);
    }
  });

  it.each([
    ['cn-shanghai', true, false],
    ['cn-beijing', true, false],
    ['cn-shenzhen', true, false],
    ['cn-hongkong', false, false],
    ['ap-south-1', false, true],
    ['cn-north-2-gov-1', true, false],
  ])('%s: mainland=%s deactivated=%s', (id, mainland, deactivated) => {
    const r = findVodStorageRegion(id);
    expect(r?.mainlandChina).toBe(mainland);
    expect(r?.deactivated).toBe(deactivated);
  });

  it('returns undefined for unknown ids', () => {
    expect(findVodStorageRegion('cn-atlantis')).toBeUndefined();
  });
});

describe('MNS_REGIONS', () => {
  it('holds the documented regions and every recommended queue region of a public-cloud storage region', () => {
    expect(new Set(MNS_REGIONS.map((r) => r.id)).size).toBe(MNS_REGIONS.length);
    for (const id of ['cn-qingdao', 'cn-zhengzhou-jva', 'ap-northeast-2', 'eu-west-1', 'me-east-1']) {
      expect(findMnsRegion(id)?.id).toBe(id);
    }
    for (const s of VOD_STORAGE_REGIONS) {
      if (s.deactivated || s.id === 'cn-north-2-gov-1') continue;
      expect(findMnsRegion(s.recommendedMnsRegion), s.id).toBeDefined();
    }
  });
});

describe('recommendQueueRegion', () => {
  it.each([
    ['cn-shanghai', 'cn-shanghai', 'high'],
    ['cn-beijing', 'cn-shanghai', 'high'],
    ['cn-shenzhen', 'cn-shanghai', 'high'],
    ['cn-hongkong', 'cn-hongkong', 'medium'],
    ['ap-southeast-1', 'ap-southeast-1', 'high'],
    ['ap-southeast-5', 'ap-southeast-5', 'medium'],
    ['ap-northeast-1', 'ap-northeast-1', 'high'],
    ['eu-central-1', 'eu-central-1', 'high'],
    ['us-west-1', 'us-west-1', 'medium'],
    ['me-central-1', 'me-central-1', 'low'],
    ['cn-north-2-gov-1', 'cn-north-2-gov-1', 'low'],
  ])('%s → %s (%s)', (storage, queue, confidence) => {
    const r = recommendQueueRegion(storage);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.region).toBe(queue);
    expect(r.value.confidence).toBe(confidence);
    expect(r.value.storageRegion.id).toBe(storage);
    expect(r.value.reason.length).toBeGreaterThan(20);
  });

  it('explains the mainland short-delay rule', () => {
    const r = recommendQueueRegion('cn-beijing');
    expect(r.ok && r.value.reason).toMatch(/short delay/);
    const o = recommendQueueRegion('eu-central-1');
    expect(o.ok && o.value.reason).toMatch(/same region/);
  });

  it.each([
    ['cn-atlantis', /storageRegion must be a known VOD storage region id.*got 'cn-atlantis'/],
    ['CN-Shanghai', /did you mean 'cn-shanghai'\?/],
    ['', /storageRegion must be/],
    ['ap-south-1', /storageRegion must be an active VOD storage region \(India \(Mumbai\) is deactivated/],
  ])('%j → typed error, not a throw', (input, message) => {
    const r = recommendQueueRegion(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(isMnsError(r.error)).toBe(true);
    expect(r.error.code).toBe('ERR_MNS_INVALID_ARGUMENT');
    expect(r.error.retryable).toBe(false);
    expect(r.error.message).toMatch(message);
  });

  it('handles a non-string from untyped callers', () => {
    const r = recommendQueueRegion(42 as unknown as string);
    expect(r.ok).toBe(false);
  });
});
