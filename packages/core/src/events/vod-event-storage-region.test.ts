import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VodEvent } from './vod-event.js';
import { storageRegionOfUrl, vodEventStorageRegion } from './vod-event-storage-region.js';

const FIXTURES = new URL('../../test/fixtures/vod-events/', import.meta.url);
const fixture = (name: string): VodEvent =>
  JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as VodEvent;

describe('storageRegionOfUrl', () => {
  it.each([
    ['http://outin-1.oss-cn-beijing.aliyuncs.com/a.mp4', 'cn-beijing'],
    ['https://outin-1.OSS-EU-CENTRAL-1.aliyuncs.com/a.mp4?x=1', 'eu-central-1'],
    ['http://outin-1.oss-ap-southeast-1-internal.aliyuncs.com:80/a', 'ap-southeast-1'],
    ['http://vod.media.example.com/a.mp4', undefined],
    ['http://outin-1.oss-mars-1.aliyuncs.com/a', undefined],
    ['http://oss-cn-beijing.example.com/a', undefined],
    ['outin-1.oss-cn-beijing.aliyuncs.com/a', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (url, region) => {
    expect(storageRegionOfUrl(url)).toBe(region);
  });

  it('stays linear on a hostile URL', () => {
    const before = process.cpuUsage();
    storageRegionOfUrl(`http://${'a.'.repeat(500_000)}oss-cn-beijing.aliyuncs.com/`);
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1000).toBeLessThan(200);
  });
});

describe('vodEventStorageRegion', () => {
  it('reads the OSS host of the file, cover or first stream URL', () => {
    expect(vodEventStorageRegion(fixture('FileUploadComplete.success.json'))).toBe('cn-shanghai');
    expect(vodEventStorageRegion(fixture('FileUploadComplete.success-no-extend.json'))).toBe('cn-beijing');
    expect(vodEventStorageRegion(fixture('TranscodeComplete.success.json'))).toBe('cn-shenzhen');
    expect(vodEventStorageRegion({ EventType: 'Custom' } as VodEvent)).toBeUndefined();
  });

  it('never throws on any fixture', () => {
    for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.json'))) {
      const region = vodEventStorageRegion(fixture(f));
      expect(region === undefined || typeof region === 'string').toBe(true);
    }
  });
});
