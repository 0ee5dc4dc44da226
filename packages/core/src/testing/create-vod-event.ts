import { MnsErrorCodes } from '../errors/error-codes.js';
import { MnsConfigError } from '../errors/mns-error.js';
import type { VodEventMap, VodStreamInfo } from '../events/vod-event.js';
import type { VodEventType } from '../events/vod-event-schemas.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';
import { formatVodTimestamp } from '../events/vod-time.js';

/** Options of {@link createVodEvent}. */
export interface CreateVodEventOptions {
  /**
   * Seed of the random source; equal seeds (and equal other options) give equal events.
   * @defaultValue 1
   */
  readonly seed?: number;
  /**
   * The event's time (`EventTime`); other time fields are derived from it (a few seconds earlier).
   * @defaultValue 2025-01-01T00:00:00Z
   */
  readonly now?: Date;
  /**
   * Storage region used in `outin-….oss-<region>.aliyuncs.com` URLs.
   * @defaultValue 'cn-shanghai'
   */
  readonly storageRegion?: string;
  /**
   * `'failure'` builds the event's failure shape (error fields, no result fields; the upload events, which VOD only
   * sends on success, get a failure `Status` as their tables allow).
   * @defaultValue 'success'
   */
  readonly outcome?: 'success' | 'failure';
}

/** Field overrides for a factory: set a field, or pass `undefined` to remove it from the event. */
export type VodEventOverrides<T> = { [K in keyof T]?: T[K] | undefined } & Record<string, unknown>;

/** Defaults of {@link CreateVodEventOptions}. */
export const DEFAULT_CREATE_VOD_EVENT_OPTIONS: Readonly<Required<CreateVodEventOptions>> = Object.freeze({
  seed: 1,
  now: new Date(Date.UTC(2025, 0, 1)),
  storageRegion: 'cn-shanghai',
  outcome: 'success',
});

/** Everything a per-type builder needs. */
export interface FactoryContext {
  /** The seeded random source every builder draws from, in a fixed order (hence determinism). */
  readonly random: SeededRandom;
  /** `EventTime` of the event being built. */
  readonly now: Date;
  /** Storage region used in OSS hosts. */
  readonly region: string;
  /** Build the failure shape. */
  readonly failed: boolean;
  /** The account's `outin-<32 hex>` bucket host, stable for one seed. */
  readonly ossHost: string;
}

/** A documented failure of the media-processing family, used for failure shapes. */
export const RESOURCE_CONTENT_BAD = Object.freeze({
  ErrorCode: 'InvalidParameter.ResourceContentBad',
  ErrorMessage: 'The resource operated InputFile is bad',
});

/** Output ladder used for realistic stream metadata: width, height, bitrate (Kbps) per definition label. */
export const DEFINITION_LADDER: Readonly<Record<string, readonly [number, number, number]>> = Object.freeze({
  FD: [640, 360, 400],
  LD: [960, 540, 800],
  SD: [1280, 720, 1200],
  HD: [1920, 1080, 2500],
  '2K': [2560, 1440, 5000],
  '4K': [3840, 2160, 9000],
  OD: [1920, 1080, 4200],
});

/** A timestamp `seconds` after `base`, in VOD's seconds format. */
export function vodTimeAfter(base: Date, seconds: number, millis: 'none' | 'colon' = 'none'): string {
  return formatVodTimestamp(new Date(base.getTime() + seconds * 1000), millis);
}

/** An AI job event (audit, DNA, tags) that failed on bad input: `Status: 'fail'` with VOD's Code / Message. */
function aiJobFailed<E extends object>(event: E): E & { Status: 'fail'; Code: string; Message: string } {
  return {
    ...event,
    Status: 'fail',
    Code: RESOURCE_CONTENT_BAD.ErrorCode,
    Message: RESOURCE_CONTENT_BAD.ErrorMessage,
  };
}

/**
 * Builds a SnapshotCompleteEvent (shared by the SnapshotComplete factory and the upload scenario). `success`
 * carries the random parts, drawn by the caller so each keeps its own draw order.
 */
export function buildSnapshot(
  videoId: string,
  time: Date,
  ossHost: string,
  success: { readonly count: number; readonly path: string; readonly jobId: string } | undefined,
): VodEventMap['SnapshotComplete'] {
  if (success === undefined) {
    return {
      EventType: 'SnapshotComplete',
      EventTime: formatVodTimestamp(time),
      VideoId: videoId,
      Status: 'fail',
      ...RESOURCE_CONTENT_BAD,
    };
  }
  const { count, path, jobId } = success;
  return {
    EventType: 'SnapshotComplete',
    EventTime: formatVodTimestamp(time),
    VideoId: videoId,
    Status: 'success',
    CoverUrl: `http://${ossHost}/${path.replace('{SnapshotCount}', String(Math.ceil(count / 2)).padStart(5, '0'))}`,
    SnapshotInfos: [
      {
        Status: 'success',
        SnapshotType: 'CoverSnapshot',
        SnapshotCount: count,
        SnapshotFormat: path,
        SnapshotRegular: `http://${ossHost}/${path}`,
        JobId: jobId,
      },
    ],
  };
}

/** Builds one realistic output stream (shared by StreamTranscodeComplete and TranscodeComplete.StreamInfos). */
export function buildStream(
  ctx: FactoryContext,
  videoId: string,
  definition: string,
  format: string,
  durationSeconds: number,
  startedAt: Date,
  finishedAt: Date,
  failed: boolean,
): VodStreamInfo {
  const r = ctx.random;
  const jobId = r.hex(32);
  if (failed)
    return { Status: 'fail', Definition: definition, Format: format, JobId: jobId, ...RESOURCE_CONTENT_BAD };
  const [width, height, kbps] = DEFINITION_LADDER[definition] ?? [1280, 720, 1200];
  const bitrate = Math.round(kbps * (0.85 + r.next() * 0.3));
  const encrypted = format === 'm3u8' && r.chance(0.5);
  const file =
    format === 'm3u8'
      ? `${r.hex(32)}-${definition.toLowerCase()}${encrypted ? '-encrypt-stream' : ''}.m3u8`
      : `${r.hex(32)}-${definition.toLowerCase()}.${format}`;
  return {
    Status: 'success',
    IsAudio: false,
    Size: Math.round((bitrate * 1000 * durationSeconds) / 8),
    Definition: definition,
    Fps: String(r.pick([24, 25, 30])),
    StartTime: formatVodTimestamp(startedAt),
    Duration: durationSeconds,
    Bitrate: String(bitrate),
    Encrypt: encrypted,
    FileUrl: `http://${ctx.ossHost}/${videoId}/${file}`,
    Format: format,
    FinishTime: formatVodTimestamp(finishedAt),
    Height: height,
    Width: width,
    JobId: jobId,
  };
}

function ossHost(random: SeededRandom, region: string): string {
  return `outin-${random.hex(32)}.oss-${region}.aliyuncs.com`;
}

function duration(r: SeededRandom): number {
  return Math.round((20 + r.next() * 1800) * 100) / 100;
}

function status(ctx: FactoryContext): 'success' | 'fail' {
  return ctx.failed ? 'fail' : 'success';
}

type Builder<T extends VodEventType> = (ctx: FactoryContext) => VodEventMap[T];

const BUILDERS: { readonly [T in VodEventType]: Builder<T> } = {
  FileUploadComplete: (ctx) => ({
    Status: status(ctx),
    EventTime: formatVodTimestamp(ctx.now),
    EventType: 'FileUploadComplete',
    VideoId: ctx.random.hex(32),
    Size: ctx.random.int(5_000_000, 600_000_000),
    FileUrl: `http://${ctx.ossHost}/sv/${ctx.random.hex(8)}-${ctx.random.hex(11)}/${ctx.random.hex(8)}-${ctx.random.hex(11)}.mp4`,
  }),
  ImageUploadComplete: (ctx) => ({
    Status: status(ctx),
    FileURL: `http://${ctx.ossHost}/image/default/${ctx.random.hex(32).toUpperCase()}.jpg`,
    AppId: 'app-1000000',
    EventType: 'ImageUploadComplete',
    EventTime: formatVodTimestamp(ctx.now, 'colon'),
    Size: ctx.random.int(20_000, 4_000_000),
    ImageId: ctx.random.hex(32),
  }),
  StreamTranscodeComplete: (ctx) => {
    const videoId = ctx.random.hex(32);
    const definition = ctx.random.pick(['FD', 'LD', 'SD', 'HD']);
    const format = ctx.random.pick(['mp4', 'm3u8']);
    const seconds = duration(ctx.random);
    const stream = buildStream(
      ctx,
      videoId,
      definition,
      format,
      seconds,
      new Date(ctx.now.getTime() - 45_000),
      new Date(ctx.now.getTime() - 1_000),
      ctx.failed,
    );
    return {
      EventTime: formatVodTimestamp(ctx.now),
      EventType: 'StreamTranscodeComplete',
      VideoId: videoId,
      ...stream,
    };
  },
  TranscodeComplete: (ctx) => {
    const videoId = ctx.random.hex(32);
    const seconds = duration(ctx.random);
    const started = new Date(ctx.now.getTime() - 60_000);
    const StreamInfos = ['FD', 'LD', 'SD'].map((definition, i) =>
      buildStream(
        ctx,
        videoId,
        definition,
        'm3u8',
        seconds,
        started,
        new Date(ctx.now.getTime() - (3 - i) * 2_000),
        ctx.failed,
      ),
    );
    return {
      Status: status(ctx),
      VideoId: videoId,
      EventType: 'TranscodeComplete',
      EventTime: formatVodTimestamp(ctx.now),
      StreamInfos,
    };
  },
  SnapshotComplete: (ctx) => {
    const videoId = ctx.random.hex(32);
    const base = ctx.random.hex(32);
    if (ctx.failed) return buildSnapshot(videoId, ctx.now, ctx.ossHost, undefined);
    const count = ctx.random.int(3, 10);
    const path = `${videoId}/snapshots/${base}-{SnapshotCount}.jpg`;
    return buildSnapshot(videoId, ctx.now, ctx.ossHost, { count, path, jobId: ctx.random.hex(32) });
  },
  DynamicImageComplete: (ctx) => {
    const videoId = ctx.random.hex(32);
    const jobId = ctx.random.hex(32);
    const event = {
      Status: status(ctx),
      VideoId: videoId,
      EventType: 'DynamicImageComplete' as const,
      EventTime: formatVodTimestamp(ctx.now),
      JobId: jobId,
    };
    if (ctx.failed) return { ...event, ...RESOURCE_CONTENT_BAD };
    return {
      ...event,
      DynamicImageJobInfo: {
        FileSize: String(ctx.random.int(200_000, 5_000_000)),
        FileURL: `http://${ctx.ossHost}/${videoId}/image/dynamic/${ctx.random.hex(32)}.gif`,
        Fps: String(ctx.random.pick([10, 12, 15])),
        Height: '270',
        JobId: jobId,
        Status: 'success',
        Width: '480',
      },
    };
  },
  AddLiveRecordVideoComplete: (ctx) => ({
    EventTime: formatVodTimestamp(ctx.now),
    EventType: 'AddLiveRecordVideoComplete',
    VideoId: ctx.random.hex(32),
    Status: status(ctx),
    StreamName: `stream-${ctx.random.hex(6)}`,
    DomainName: 'push.live.example.com',
    AppName: 'live',
    RecordStartTime: vodTimeAfter(ctx.now, -ctx.random.int(600, 7200)),
    RecordEndTime: vodTimeAfter(ctx.now, -ctx.random.int(30, 240)),
  }),
  LiveRecordVideoComposeStart: (ctx) => ({
    EventTime: formatVodTimestamp(ctx.now),
    EventType: 'LiveRecordVideoComposeStart',
    VideoId: ctx.random.hex(32),
    Status: status(ctx),
    StreamName: `stream-${ctx.random.hex(6)}`,
    DomainName: 'push.live.example.com',
    AppName: 'live',
  }),
  UploadByURLComplete: (ctx) => {
    const base = {
      EventTime: formatVodTimestamp(ctx.now),
      EventType: 'UploadByURLComplete' as const,
      JobId: ctx.random.hex(32),
      SourceURL: `https://assets.example.org/raw/${ctx.random.hex(8)}.mp4`,
    };
    if (ctx.failed) {
      return {
        Status: 'fail',
        ...base,
        ErrorCode: 'URLInvalidError',
        ErrorMessage: 'download video failed by the url, please check it',
      };
    }
    return {
      Status: 'success',
      ...base,
      VideoId: ctx.random.hex(32),
      Size: String(ctx.random.int(5_000_000, 900_000_000)),
    };
  },
  CreateAuditComplete: (ctx) => ({
    EventType: 'CreateAuditComplete',
    EventTime: formatVodTimestamp(ctx.now),
    MediaId: ctx.random.hex(32),
    Status: status(ctx),
    CreationTime: vodTimeAfter(ctx.now, -ctx.random.int(1, 10)),
    SubType: 'video',
    AuditStatus: ctx.random.chance(0.8) ? 'Normal' : 'Blocked',
    Auditor: `reviewer-${String(ctx.random.int(1, 20)).padStart(2, '0')}`,
  }),
  AIMediaAuditComplete: (ctx) => {
    const event = {
      EventTime: formatVodTimestamp(ctx.now, 'colon'),
      EventType: 'AIMediaAuditComplete' as const,
      JobId: ctx.random.hex(32),
      MediaId: ctx.random.hex(32),
    };
    if (ctx.failed) return aiJobFailed(event);
    const score = (80 + ctx.random.next() * 20).toFixed(10);
    return {
      ...event,
      Status: 'success',
      Code: '0',
      Message: 'OK',
      Data: {
        AbnormalModules: '',
        Label: 'normal',
        Suggestion: 'pass',
        VideoResult: {
          Suggestion: 'pass',
          Label: 'normal',
          PornResult: {
            TopList: [
              {
                Score: score,
                Label: 'normal',
                Timestamp: String(ctx.random.int(0, 60_000)),
                Url: `http://${ctx.ossHost}/aivideocensor/${ctx.random.hex(32)}.jpg`,
              },
            ],
            Suggestion: 'pass',
            MaxScore: score,
            AverageScore: score,
            Label: 'normal',
            CounterList: [{ Label: 'normal', Count: ctx.random.int(5, 40) }],
          },
        },
      },
    };
  },
  VideoAnalysisComplete: (ctx) => {
    const event = {
      VideoId: ctx.random.hex(32),
      EventTime: formatVodTimestamp(ctx.now),
      EventType: 'VideoAnalysisComplete' as const,
    };
    if (ctx.failed) return { ...event, Status: 'fail', ...RESOURCE_CONTENT_BAD };
    const seconds = duration(ctx.random);
    const kbps = ctx.random.int(1500, 8000);
    return {
      ...event,
      Status: 'success',
      Duration: String(seconds),
      Height: '1080',
      Width: '1920',
      Fps: String(ctx.random.pick([24, 25, 30])),
      Bitrate: String(kbps),
      Size: String(Math.round((kbps * 1000 * seconds) / 8)),
    };
  },
  UpdateMediaStorageClassComplete: (ctx) => ({
    EventType: 'UpdateMediaStorageClassComplete',
    EventTime: formatVodTimestamp(ctx.now),
    Status: ctx.failed ? 'Failed' : 'Success',
    MediaId: ctx.random.hex(32),
    Scope: 'All',
    StorageClass: ctx.random.pick(['IA', 'Archive', 'ColdArchive'] as const),
    TriggerBy: ctx.random.pick(['API', 'LifeCycle'] as const),
    ...(ctx.failed ? { ErrorCode: 'NoSuchKey', ErrorMessage: 'OSS bucket or object does not exist' } : {}),
  }),
  RestoreMediaComplete: (ctx) =>
    ctx.failed
      ? {
          EventType: 'RestoreMediaComplete',
          EventTime: formatVodTimestamp(ctx.now),
          Status: 'Failed',
          MediaId: ctx.random.hex(32),
          ErrorCode: 'NoSuchKey',
          ErrorMessage: 'OSS bucket or object does not exist',
        }
      : {
          EventType: 'RestoreMediaComplete',
          EventTime: formatVodTimestamp(ctx.now),
          Status: 'Success',
          MediaId: ctx.random.hex(32),
          RestoreExpiration: vodTimeAfter(ctx.now, 7 * 86_400),
        },
  AIMediaDNAComplete: (ctx) => {
    const event = {
      EventTime: formatVodTimestamp(ctx.now, 'colon'),
      EventType: 'AIMediaDNAComplete' as const,
      CompleteTime: vodTimeAfter(ctx.now, -1),
      JobId: ctx.random.hex(32),
      MediaId: ctx.random.hex(32),
    };
    if (ctx.failed) return aiJobFailed(event);
    const data = {
      VideoDNA: [
        {
          Similarity: (0.9 + ctx.random.next() * 0.09).toFixed(2),
          PrimaryKey: ctx.random.hex(32),
          Detail: [
            {
              Input: { Start: '0.0', Duration: (ctx.random.int(50, 300) / 10).toFixed(1) },
              Duplication: { Start: (ctx.random.int(0, 100) / 10).toFixed(1), Duration: '12.0' },
            },
          ],
        },
      ],
    };
    return { ...event, Status: 'success', Code: '0', Message: 'OK', Data: JSON.stringify(data) };
  },
  AIVideoTagComplete: (ctx) => {
    const event = {
      EventTime: formatVodTimestamp(ctx.now),
      EventType: 'AIVideoTagComplete' as const,
      JobId: ctx.random.hex(32),
      MediaId: ctx.random.hex(32),
    };
    if (ctx.failed) return aiJobFailed(event);
    const data = {
      Keyword: [
        {
          Times: [String(ctx.random.int(0, 9000)), String(ctx.random.int(9000, 20000))],
          Tag: ctx.random.pick(['lab', 'campus', '实验室']),
        },
      ],
      Location: [{ Times: [String(ctx.random.int(0, 20000))], Tag: 'campus' }],
    };
    return { ...event, Status: 'success', Code: '0', Message: 'OK', Data: JSON.stringify(data) };
  },
  AttachedMediaUploadComplete: (ctx) => ({
    EventTime: formatVodTimestamp(ctx.now),
    EventType: 'AttachedMediaUploadComplete',
    AttachedMediaId: ctx.random.hex(32),
    Size: ctx.random.int(1_000, 2_000_000),
    FileURL: `http://${ctx.ossHost}/attached/${ctx.random.hex(20).toUpperCase()}/${ctx.random.hex(32)}.srt`,
    Status: status(ctx),
  }),
  ProduceMediaComplete: (ctx) => ({
    MediaId: ctx.random.hex(32),
    ProjectId: ctx.random.hex(32),
    Status: status(ctx),
    EventType: 'ProduceMediaComplete',
    EventTime: formatVodTimestamp(ctx.now),
    ...(ctx.failed ? RESOURCE_CONTENT_BAD : {}),
  }),
  DeleteMediaComplete: (ctx) => ({
    EventType: 'DeleteMediaComplete',
    EventTime: formatVodTimestamp(ctx.now),
    Status: status(ctx),
    MediaType: 'video',
    DeleteType: 'all',
    MediaId: ctx.random.hex(32),
    ...(ctx.failed ? { ErrorCode: 'InvalidVideo.NotFound', ErrorMessage: 'The video does not exist.' } : {}),
  }),
  MediaBaseChangeComplete: (ctx) => ({
    EventType: 'MediaBaseChangeComplete',
    EventTime: formatVodTimestamp(ctx.now),
    Status: status(ctx),
    MediaId: ctx.random.hex(32),
    MediaType: 'video',
    OperateMode: 'update',
    MediaContent: {
      Title: JSON.stringify({ OldValue: 'Draft', NewValue: `Lesson ${ctx.random.int(1, 40)}` }),
      CateId: JSON.stringify({ OldValue: 1000731, NewValue: ctx.random.int(1000000, 1000999) }),
    },
  }),
  SubmitMediaRefreshComplete: (ctx) => {
    const mediaId = ctx.random.hex(32);
    const event = {
      EventType: 'SubmitMediaRefreshComplete' as const,
      EventTime: formatVodTimestamp(ctx.now),
      MediaRefreshJobId: ctx.random.hex(16),
      MediaId: mediaId,
      FilterPolicy: JSON.stringify({ SliceFlag: false, ResultType: 'Single' }),
    };
    if (ctx.failed) {
      return {
        ...event,
        Status: 'fail',
        TaskType: 'Preload',
        ErrorCode: 'PreloadQueueFull',
        ErrorMessage: 'Preload queue is full, please try again later!',
      };
    }
    return {
      ...event,
      Status: 'success',
      TaskType: 'Refresh',
      SuccessPlayUrls: `http://vod.media.example.com/${mediaId}/${ctx.random.hex(32)}-sd.mp4`,
      TaskIds: String(ctx.random.int(10_000_000_000, 99_999_999_999)),
    };
  },
  WorkflowTaskComplete: (ctx) => {
    const videoId = ctx.random.hex(32);
    const activityId = `act-${ctx.random.hex(8)}`;
    const created = vodTimeAfter(ctx.now, -120);
    return {
      EventType: 'WorkflowTaskComplete',
      EventTime: formatVodTimestamp(ctx.now),
      WorkflowId: ctx.random.hex(32),
      Status: ctx.failed ? 'Failed' : 'Succeed',
      VideoId: videoId,
      TaskId: ctx.random.hex(32),
      ActivityResults: JSON.stringify({
        [activityId]: {
          Status: ctx.failed ? 'Failed' : 'Succeed',
          StartTime: created,
          EndTime: vodTimeAfter(ctx.now, -1),
          ActivityId: activityId,
          ActivityInstanceId: ctx.random.hex(32),
          Result: { Status: 'Finished', JobType: 'Transcode', MediaId: videoId, JobId: ctx.random.hex(32) },
        },
      }),
      TaskInput: JSON.stringify({ Type: 'Media', Media: videoId, Title: `Lesson ${ctx.random.int(1, 40)}` }),
      CreateTime: created,
      ModifiedTime: formatVodTimestamp(ctx.now),
      FinishTime: formatVodTimestamp(ctx.now),
      UserId: String(ctx.random.int(1_000_000_000_000_000, 1_999_999_999_999_999)),
    };
  },
};

/** Makes a {@link FactoryContext} from options (seeded random, bucket host). */
export function createFactoryContext(options: CreateVodEventOptions = {}): FactoryContext {
  const seed = options.seed ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.seed;
  const random = createSeededRandom(seed);
  const region = options.storageRegion ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.storageRegion;
  return {
    random,
    now: options.now ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.now,
    region,
    failed: (options.outcome ?? 'success') === 'failure',
    ossHost: ossHost(createSeededRandom(seed ^ 0x5eed), region),
  };
}

/** Applies overrides: defined values replace or add fields, `undefined` removes the field. */
export function applyOverrides<T extends object>(
  event: T,
  overrides: Record<string, unknown> | undefined,
): T {
  if (overrides === undefined) return event;
  const out = { ...event } as Record<string, unknown>;
  for (const key of Object.keys(overrides)) {
    if (key === '__proto__') continue;
    const value = overrides[key];
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out as T;
}

/**
 * Builds a realistic, schema-valid event of one type — for tests, demos and load generation. 32-hex ids,
 * `http://outin-<32 hex>.oss-<region>.aliyuncs.com/…` URLs, plausible sizes, durations and bitrates, the time format
 * VOD documents for the type (colon milliseconds for ImageUpload/AI audit/AI DNA). Deterministic: equal arguments
 * give equal events.
 *
 * The result passes `parseVodEvent` unless `overrides` break it (they are applied as given, not validated).
 *
 * @param type - one of the 22 known event types.
 * @param overrides - fields to set (or remove, with `undefined`) after building.
 * @param options - seed, time, region, outcome.
 * @throws {@link MnsConfigError} (`ERR_MNS_INVALID_ARGUMENT`) when `type` is not a known event type.
 */
export function createVodEvent<T extends VodEventType>(
  type: T,
  overrides?: VodEventOverrides<VodEventMap[T]>,
  options?: CreateVodEventOptions,
): VodEventMap[T] {
  const builder = BUILDERS[type] as Builder<T> | undefined;
  if (builder === undefined || !Object.hasOwn(BUILDERS, type)) {
    throw new MnsConfigError({
      code: MnsErrorCodes.invalidArgument,
      fault: 'client',
      message: `createVodEvent: type must be one of the 22 known event types, got ${JSON.stringify(type)}`,
    });
  }
  return applyOverrides(builder(createFactoryContext(options)), overrides);
}
