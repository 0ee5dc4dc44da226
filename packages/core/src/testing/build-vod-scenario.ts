import { MnsErrorCodes } from '../errors/error-codes.js';
import { MnsConfigError } from '../errors/mns-error.js';
import { buildUploadScenario, buildUrlUploadScenario } from './build-upload-scenario.js';
import { createVodEvent, DEFAULT_CREATE_VOD_EVENT_OPTIONS } from './create-vod-event.js';
import { createSeededRandom } from './seeded-random.js';
import type { KnownVodEvent } from '../events/vod-event.js';

/** The flows {@link buildVodScenario} can build. */
export type VodScenarioKind = 'upload' | 'url-upload' | 'ai-review' | 'storage-class-change';

/** The kinds accepted by {@link buildVodScenario}. */
export const VOD_SCENARIO_KINDS: readonly VodScenarioKind[] = Object.freeze([
  'upload',
  'url-upload',
  'ai-review',
  'storage-class-change',
]);

/** Options of {@link buildVodScenario}. */
export interface VodScenarioOptions {
  /** Seed of the random source. @defaultValue 1 */
  readonly seed?: number;
  /** Time of the first event; later events follow at increasing seconds. @defaultValue 2025-01-01T00:00:00Z */
  readonly start?: Date;
  /** Storage region used in OSS URLs. @defaultValue 'cn-shanghai' */
  readonly storageRegion?: string;
  /**
   * Build the flow's failure variant: `upload` → every stream fails; `url-upload` → the pull fails (one event, no
   * `VideoId`); `ai-review` → the three AI jobs fail (`Code`/`Message`); `storage-class-change` → the change fails
   * and no restore follows.
   * @defaultValue false
   */
  readonly failed?: boolean;
}

/**
 * Builds the ordered events of one common VOD flow, all about one media id, with increasing `EventTime`s:
 * - `upload`: see `buildUploadScenario` (three HLS definitions);
 * - `url-upload`: UploadByURLComplete, then the upload processing events;
 * - `ai-review`: AIMediaAuditComplete → AIMediaDNAComplete → AIVideoTagComplete (one `MediaId`);
 * - `storage-class-change`: UpdateMediaStorageClassComplete (to `Archive`) → RestoreMediaComplete.
 *
 * Every event passes `parseVodEvent`. Deterministic for equal arguments.
 * @throws {@link MnsConfigError} (`ERR_MNS_INVALID_ARGUMENT`) for an unknown `kind`.
 */
export function buildVodScenario(kind: VodScenarioKind, options: VodScenarioOptions = {}): KnownVodEvent[] {
  const seed = options.seed ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.seed;
  const start = options.start ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.now;
  const storageRegion = options.storageRegion ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.storageRegion;
  const failed = options.failed === true;
  const outcome = failed ? 'failure' : 'success';
  const random = createSeededRandom(seed ^ 0x0a11ce);
  const mediaId = random.hex(32);
  let seconds = 0;
  const next = (min: number, max: number): Date => {
    seconds += random.int(min, max);
    return new Date(start.getTime() + seconds * 1000);
  };
  switch (kind) {
    case 'upload':
      return buildUploadScenario({
        seed,
        start,
        storageRegion,
        outcome: failed ? 'transcode-failure' : 'success',
      });
    case 'url-upload':
      return buildUrlUploadScenario({ seed, start, storageRegion, pullFailed: failed });
    case 'ai-review':
      return [
        createVodEvent(
          'AIMediaAuditComplete',
          { MediaId: mediaId },
          { seed, now: start, storageRegion, outcome },
        ),
        createVodEvent(
          'AIMediaDNAComplete',
          { MediaId: mediaId },
          { seed: seed + 1, now: next(5, 60), storageRegion, outcome },
        ),
        createVodEvent(
          'AIVideoTagComplete',
          { MediaId: mediaId },
          { seed: seed + 2, now: next(5, 60), storageRegion, outcome },
        ),
      ];
    case 'storage-class-change': {
      const change = createVodEvent(
        'UpdateMediaStorageClassComplete',
        { MediaId: mediaId, StorageClass: 'Archive', TriggerBy: 'API' },
        { seed, now: start, storageRegion, outcome },
      );
      if (failed) return [change];
      return [
        change,
        createVodEvent(
          'RestoreMediaComplete',
          { MediaId: mediaId },
          { seed: seed + 1, now: next(3600, 7200), storageRegion },
        ),
      ];
    }
    default:
      throw new MnsConfigError({
        code: MnsErrorCodes.invalidArgument,
        fault: 'client',
        message: `kind must be one of ${VOD_SCENARIO_KINDS.join(', ')}, got ${JSON.stringify(kind)}`,
      });
  }
}
