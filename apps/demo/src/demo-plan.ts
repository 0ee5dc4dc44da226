/**
 * What the demo plays: the storage regions whose callbacks are configured correctly, and three whose callback
 * configuration has one of the documented causes of failed MNS delivery (docs/vod-events.md §1.3).
 */

/** Storage regions with a correct callback: each routes to the queue core's routing rule recommends. */
export const GOOD_STORAGE_REGIONS: readonly string[] = Object.freeze([
  'cn-beijing',
  'cn-shenzhen',
  'cn-shanghai',
  'ap-southeast-1',
  'eu-central-1',
]);

/** The documented ways an MNS callback fails. */
export type Misconfiguration = 'wrong-queue-name' | 'non-public-endpoint' | 'no-permission';

/** A storage region whose callback configuration is broken in one specific way. */
export interface MisconfiguredRegion {
  readonly storageRegion: string;
  readonly problem: Misconfiguration;
  /** One sentence for the story. */
  readonly story: string;
}

export const MISCONFIGURED_REGIONS: readonly MisconfiguredRegion[] = Object.freeze([
  {
    storageRegion: 'ap-northeast-1',
    problem: 'wrong-queue-name',
    story: 'the callback names a queue that does not exist (a typo)',
  },
  {
    storageRegion: 'cn-hongkong',
    problem: 'non-public-endpoint',
    story:
      'the callback uses the -internal endpoint, which VOD cannot reach (modelled as a closed port on 127.0.0.1)',
  },
  {
    storageRegion: 'us-west-1',
    problem: 'no-permission',
    story:
      'VOD is not authorised to write to the queue (AliyunVODDefaultRole not granted; modelled as credentials the server rejects)',
  },
]);

/** Visibility timeout of the demo queues: short, so crashed consumers' messages come back quickly. */
export const DEMO_VISIBILITY_TIMEOUT_SECONDS = 2;
