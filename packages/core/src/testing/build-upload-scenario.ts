import { MnsErrorCodes } from '../errors/error-codes.js';
import { MnsConfigError } from '../errors/mns-error.js';
import {
  buildSnapshot,
  buildStream,
  createFactoryContext,
  DEFAULT_CREATE_VOD_EVENT_OPTIONS,
  type FactoryContext,
  RESOURCE_CONTENT_BAD,
} from './create-vod-event.js';
import type {
  FileUploadCompleteEvent,
  KnownVodEvent,
  SnapshotCompleteEvent,
  StreamTranscodeCompleteEvent,
  TranscodeCompleteEvent,
  UploadByURLCompleteEvent,
  VideoAnalysisCompleteEvent,
  VodStreamInfo,
} from '../events/vod-event.js';
import { formatVodTimestamp } from '../events/vod-time.js';

/** How an upload scenario ends. */
export type UploadScenarioOutcome =
  | 'success'
  | 'partial-failure'
  | 'transcode-failure'
  | 'snapshot-failure'
  | 'analysis-failure';

/** Options of {@link buildUploadScenario}. */
export interface UploadScenarioOptions {
  /**
   * Seed of the random source; equal options give equal sequences.
   * @defaultValue 1
   */
  readonly seed?: number;
  /**
   * Storage region used in the `outin-….oss-<region>.aliyuncs.com` URLs.
   * @defaultValue 'cn-shanghai'
   */
  readonly storageRegion?: string;
  /**
   * Output definitions, one stream per definition × format (open set: labels such as `FD`, `LD`, `SD`, `HD`).
   * At least one.
   * @defaultValue ['LD', 'SD', 'HD']
   */
  readonly definitions?: readonly string[];
  /**
   * Output formats (`mp4`, `m3u8`). At least one.
   * @defaultValue ['m3u8']
   */
  readonly formats?: readonly string[];
  /**
   * - `success`: everything succeeds;
   * - `partial-failure`: the last stream fails, `TranscodeComplete` is still `success` (documented rule) and lists
   *   the failed stream — needs at least two streams;
   * - `transcode-failure`: every stream fails, `TranscodeComplete` is `fail`;
   * - `snapshot-failure`: `SnapshotComplete` fails, transcoding succeeds;
   * - `analysis-failure`: the source is broken: analysis, snapshot and every stream fail.
   * @defaultValue 'success'
   */
  readonly outcome?: UploadScenarioOutcome;
  /**
   * Time of the first event (`FileUploadComplete`); later events follow at increasing whole seconds.
   * @defaultValue 2025-01-01T00:00:00Z
   */
  readonly start?: Date;
  /**
   * `UserData.Extend` to pass through (added as `Extend` to the upload, snapshot and transcode events).
   * @defaultValue no `Extend`
   */
  readonly extend?: string;
}

const OUTCOMES: readonly UploadScenarioOutcome[] = [
  'success',
  'partial-failure',
  'transcode-failure',
  'snapshot-failure',
  'analysis-failure',
];

function invalid(message: string): MnsConfigError {
  return new MnsConfigError({ code: MnsErrorCodes.invalidArgument, fault: 'client', message });
}

/** What happens after the source is in VOD, shared by file and URL uploads. */
export interface ProcessingPlan {
  /** Random source, start time and OSS host. */
  readonly ctx: FactoryContext;
  /** The video every event is about. */
  readonly videoId: string;
  /** Output definitions (one stream per definition × format). */
  readonly definitions: readonly string[];
  /** Output formats. */
  readonly formats: readonly string[];
  /** Which steps fail. */
  readonly outcome: UploadScenarioOutcome;
  /** `Extend` to add to snapshot and transcode events, if any. */
  readonly extend: string | undefined;
  /** Seconds since the scenario start of the last emitted event. */
  readonly clock: { seconds: number };
}

/** Validates {@link UploadScenarioOptions}, naming the bad field and value. */
export function resolveUploadScenarioOptions(options: UploadScenarioOptions = {}): {
  readonly definitions: readonly string[];
  readonly formats: readonly string[];
  readonly outcome: UploadScenarioOutcome;
} {
  const definitions = options.definitions ?? ['LD', 'SD', 'HD'];
  const formats = options.formats ?? ['m3u8'];
  const outcome = options.outcome ?? 'success';
  if (
    !Array.isArray(definitions) ||
    definitions.length === 0 ||
    definitions.some((d) => typeof d !== 'string' || d === '')
  ) {
    throw invalid(
      `definitions must be a non-empty array of non-empty strings, got ${JSON.stringify(definitions)}`,
    );
  }
  if (
    !Array.isArray(formats) ||
    formats.length === 0 ||
    formats.some((f) => typeof f !== 'string' || f === '')
  ) {
    throw invalid(`formats must be a non-empty array of non-empty strings, got ${JSON.stringify(formats)}`);
  }
  if (!OUTCOMES.includes(outcome)) {
    throw invalid(`outcome must be one of ${OUTCOMES.join(', ')}, got ${JSON.stringify(outcome)}`);
  }
  if (outcome === 'partial-failure' && definitions.length * formats.length < 2) {
    throw invalid('outcome "partial-failure" needs at least two streams (definitions × formats)');
  }
  return { definitions, formats, outcome };
}

function at(plan: ProcessingPlan, minStep: number, maxStep: number): Date {
  plan.clock.seconds += plan.ctx.random.int(minStep, maxStep);
  return new Date(plan.ctx.now.getTime() + plan.clock.seconds * 1000);
}

function withExtend<T extends object>(event: T, extend: string | undefined): T {
  return extend === undefined ? event : { ...event, Extend: extend };
}

/**
 * The events VOD sends after a source file is stored: VideoAnalysisComplete → SnapshotComplete (cover) → one
 * StreamTranscodeComplete per definition × format → TranscodeComplete (docs/vod-events.md §1.4: the real relative order is not
 * guaranteed; this is the usual one).
 */
export function buildProcessingEvents(plan: ProcessingPlan): KnownVodEvent[] {
  const { ctx, videoId, outcome } = plan;
  const r = ctx.random;
  const broken = outcome === 'analysis-failure';
  const events: KnownVodEvent[] = [];
  const seconds = Math.round((20 + r.next() * 1800) * 100) / 100;

  const analysisTime = at(plan, 1, 3);
  const analysis: VideoAnalysisCompleteEvent = broken
    ? {
        VideoId: videoId,
        EventTime: formatVodTimestamp(analysisTime),
        EventType: 'VideoAnalysisComplete',
        Status: 'fail',
        ...RESOURCE_CONTENT_BAD,
      }
    : {
        VideoId: videoId,
        Duration: String(seconds),
        Height: '1080',
        Width: '1920',
        Fps: '25',
        Bitrate: String(r.int(2500, 8000)),
        Size: String(r.int(5_000_000, 600_000_000)),
        EventTime: formatVodTimestamp(analysisTime),
        EventType: 'VideoAnalysisComplete',
        Status: 'success',
      };
  events.push(analysis);

  const transcodeStart = new Date(analysisTime.getTime() + 1000);
  const snapshotTime = at(plan, 2, 6);
  let snapshot: SnapshotCompleteEvent;
  if (broken || outcome === 'snapshot-failure') {
    snapshot = buildSnapshot(videoId, snapshotTime, ctx.ossHost, undefined);
  } else {
    const count = r.int(3, 10);
    const path = `${videoId}/snapshots/${r.hex(32)}-{SnapshotCount}.jpg`;
    snapshot = buildSnapshot(videoId, snapshotTime, ctx.ossHost, { count, path, jobId: r.hex(32) });
  }
  events.push(withExtend(snapshot, plan.extend));

  const total = plan.definitions.length * plan.formats.length;
  const streams: VodStreamInfo[] = [];
  let index = 0;
  for (const definition of plan.definitions) {
    for (const format of plan.formats) {
      index += 1;
      const failed =
        broken || outcome === 'transcode-failure' || (outcome === 'partial-failure' && index === total);
      const finished = at(plan, 3, 20);
      const stream = buildStream(ctx, videoId, definition, format, seconds, transcodeStart, finished, failed);
      streams.push(stream);
      const event: StreamTranscodeCompleteEvent = {
        EventTime: formatVodTimestamp(finished),
        EventType: 'StreamTranscodeComplete',
        VideoId: videoId,
        ...stream,
      };
      events.push(withExtend(event, plan.extend));
    }
  }

  const anySuccess = streams.some((s) => s.Status === 'success');
  const transcode: TranscodeCompleteEvent = {
    Status: anySuccess ? 'success' : 'fail',
    VideoId: videoId,
    EventType: 'TranscodeComplete',
    EventTime: formatVodTimestamp(at(plan, 1, 2)),
    StreamInfos: streams,
  };
  events.push(withExtend(transcode, plan.extend));
  return events;
}

/**
 * The realistic, ordered sequence VOD emits for one uploaded video: FileUploadComplete → VideoAnalysisComplete →
 * SnapshotComplete (cover) → one StreamTranscodeComplete per definition × format → TranscodeComplete. All events
 * share the `VideoId`; `TranscodeComplete.StreamInfos` repeats the stream events' data; `EventTime`s strictly
 * increase (whole seconds). Every event passes `parseVodEvent`. Deterministic for equal options.
 *
 * Real order is not guaranteed (docs/vod-events.md §1.4, §10 item 12): consumers must not rely on it — shuffle the result to test that.
 *
 * @throws {@link MnsConfigError} (`ERR_MNS_INVALID_ARGUMENT`) for invalid options, naming the field and value.
 */
export function buildUploadScenario(options: UploadScenarioOptions = {}): KnownVodEvent[] {
  const resolved = resolveUploadScenarioOptions(options);
  const ctx = createFactoryContext({
    seed: options.seed ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.seed,
    now: options.start ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.now,
    storageRegion: options.storageRegion ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.storageRegion,
  });
  const videoId = ctx.random.hex(32);
  const upload: FileUploadCompleteEvent = {
    Status: 'success',
    EventTime: formatVodTimestamp(ctx.now),
    EventType: 'FileUploadComplete',
    VideoId: videoId,
    Size: ctx.random.int(5_000_000, 600_000_000),
    FileUrl: `http://${ctx.ossHost}/sv/${ctx.random.hex(8)}-${ctx.random.hex(11)}/${ctx.random.hex(8)}-${ctx.random.hex(11)}.mp4`,
  };
  return [
    withExtend(upload, options.extend),
    ...buildProcessingEvents({ ctx, videoId, ...resolved, extend: options.extend, clock: { seconds: 0 } }),
  ];
}

/**
 * A URL upload (`UploadMediaByURL`): UploadByURLComplete, then — when the pull succeeded — the same processing
 * events as {@link buildUploadScenario}. With `pullFailed`, the single failed UploadByURLComplete (no `VideoId`).
 */
export function buildUrlUploadScenario(
  options: UploadScenarioOptions & {
    /** The pull itself fails (`URLInvalidError`): one event, no `VideoId`. @defaultValue false */
    readonly pullFailed?: boolean;
  } = {},
): KnownVodEvent[] {
  const resolved = resolveUploadScenarioOptions(options);
  const ctx = createFactoryContext({
    seed: options.seed ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.seed,
    now: options.start ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.now,
    storageRegion: options.storageRegion ?? DEFAULT_CREATE_VOD_EVENT_OPTIONS.storageRegion,
  });
  const jobId = ctx.random.hex(32);
  const sourceUrl = `https://assets.example.org/raw/${ctx.random.hex(8)}.mp4`;
  if (options.pullFailed === true) {
    const failed: UploadByURLCompleteEvent = {
      Status: 'fail',
      EventTime: formatVodTimestamp(ctx.now),
      EventType: 'UploadByURLComplete',
      ErrorCode: 'URLInvalidError',
      ErrorMessage: 'download video failed by the url, please check it',
      JobId: jobId,
      SourceURL: sourceUrl,
    };
    return [failed];
  }
  const videoId = ctx.random.hex(32);
  const pulled: UploadByURLCompleteEvent = {
    Status: 'success',
    EventTime: formatVodTimestamp(ctx.now),
    EventType: 'UploadByURLComplete',
    VideoId: videoId,
    JobId: jobId,
    SourceURL: sourceUrl,
    Size: String(ctx.random.int(5_000_000, 900_000_000)),
  };
  return [
    pulled,
    ...buildProcessingEvents({ ctx, videoId, ...resolved, extend: options.extend, clock: { seconds: 0 } }),
  ];
}
