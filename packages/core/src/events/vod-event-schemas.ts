import * as z from 'zod';
import {
  capitalStatusField,
  jsonObjectOrStringField,
  looseNumberField,
  lowerStatusField,
  openEnumField,
  numberOrNumericStringField,
  stringField,
  timeField,
  vodTimestampField,
  workflowStatusField,
} from './vod-event-fields.js';

// Every schema is a loose object: fields VOD adds later are kept, never an error (docs/vod-events.md §5.6).
// Field sets, types and closed value sets follow docs/vod-events.md §6; open sets (Definition, Format,
// EncryptType, SubType, AI suggestions/labels) are plain strings.

const eventTime = vodTimestampField;
const extend = stringField(
  'Pass-through of UserData.Extend (at most 512 bytes): JSON text or plain text',
).optional();
const errorCode = stringField('Error code, present on failure').optional();
const errorMessage = stringField('Error message, present on failure').optional();
const aiCode = stringField('Result code: "0" on success, an error code on failure').optional();
const aiMessage = stringField('Result message: "OK" on success, an error message on failure').optional();

function eventTypeField<T extends string>(type: T) {
  return z.literal(type).describe(`Event type: ${type}`);
}

// --- nested shapes -------------------------------------------------------------------------------------------

/** One output stream: a `StreamTranscodeComplete` body (minus event fields) or a `TranscodeComplete.StreamInfos[]` item. */
const streamFields = {
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Bitrate in Kbps, as a string (e.g. "925"). */
  Bitrate: stringField('Bitrate in Kbps, as a string (e.g. "925")').optional(),
  /** Definition label: FD, LD, SD, HD, UHD, OD, 2K, 4K, AUTO, or a suffixed form such as HD-MP4 (open set). */
  Definition: stringField(
    'Definition label: FD, LD, SD, HD, UHD, OD, 2K, 4K, AUTO, or a suffixed form such as HD-MP4 (open set)',
  ).optional(),
  /** Duration in seconds. */
  Duration: z.number().describe('Duration in seconds').optional(),
  /** Codec name. */
  Codec: stringField('Codec name').optional(),
  /** Whether the stream is encrypted. */
  Encrypt: z.boolean().describe('Whether the stream is encrypted').optional(),
  /** Encryption type, e.g. AliyunVoDEncryption, HLSEncryption (open set). */
  EncryptType: stringField('Encryption type, e.g. AliyunVoDEncryption, HLSEncryption (open set)').optional(),
  /** Error code, present on failure (see `vodEventError`). */
  ErrorCode: errorCode,
  /** Error message, present on failure. */
  ErrorMessage: errorMessage,
  /** Playback URL (http://, unsigned). */
  FileUrl: stringField('Playback URL (http://, unsigned)').optional(),
  /** Container format: mp4 / m3u8 (open set). */
  Format: stringField('Container format: mp4 / m3u8 (open set)').optional(),
  /** Frames per second, as a string. */
  Fps: stringField('Frames per second, as a string').optional(),
  /** Height in px. */
  Height: z.number().describe('Height in px').optional(),
  /** Width in px. */
  Width: z.number().describe('Width in px').optional(),
  /** Size in bytes. */
  Size: z.number().describe('Size in bytes').optional(),
  /** Transcode job id. */
  JobId: stringField('Transcode job id').optional(),
  /** Comma-separated watermark ids. */
  WatermarkId: stringField('Comma-separated watermark ids').optional(),
  /** Whether this is an audio-only stream. */
  IsAudio: z.boolean().describe('Whether this is an audio-only stream').optional(),
  /** Job start time (UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
  StartTime: timeField('Job start time').optional(),
  /** Job finish time (UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
  FinishTime: timeField('Job finish time').optional(),
};

/** Schema of one `TranscodeComplete.StreamInfos[]` element. */
export const VodStreamInfoSchema = z.looseObject(streamFields).describe('One transcoded output stream');

/** Schema of one `SnapshotComplete.SnapshotInfos[]` element. */
export const VodSnapshotInfoSchema = z
  .looseObject({
    /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
    Status: lowerStatusField,
    /** Snapshot kind: CoverSnapshot / NormalSnapshot / SpriteSnapshot. */
    SnapshotType: openEnumField(
      ['CoverSnapshot', 'NormalSnapshot', 'SpriteSnapshot'],
      'Snapshot kind: CoverSnapshot / NormalSnapshot / SpriteSnapshot',
    ),
    /** Number of snapshots. */
    SnapshotCount: z.number().describe('Number of snapshots'),
    /** Object path template containing the literal placeholder {SnapshotCount}. */
    SnapshotFormat: stringField('Object path template containing the literal placeholder {SnapshotCount}'),
    /** Full URL template containing the literal placeholder {SnapshotCount}. */
    SnapshotRegular: stringField('Full URL template containing the literal placeholder {SnapshotCount}'),
    /** Snapshot job id. */
    JobId: stringField('Snapshot job id'),
  })
  .describe('One snapshot job output');

/** Schema of `DynamicImageComplete.DynamicImageJobInfo` (all numbers are strings). */
export const VodDynamicImageJobInfoSchema = z
  .looseObject({
    /** Animated-image job id. */
    JobId: stringField('Animated-image job id'),
    /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
    Status: lowerStatusField,
    /** URL of the animated image. */
    FileURL: stringField('URL of the animated image'),
    /** Size in bytes, as a string. */
    FileSize: stringField('Size in bytes, as a string').optional(),
    /** Frames per second, as a string. */
    Fps: stringField('Frames per second, as a string').optional(),
    /** Height in px, as a string. */
    Height: stringField('Height in px, as a string').optional(),
    /** Width in px, as a string. */
    Width: stringField('Width in px, as a string').optional(),
  })
  .describe('Animated image job result');

const aiTopItem = z.looseObject({
  /** Score 0–100 (string in samples). */
  Score: looseNumberField.describe('Score 0–100 (string in samples)').optional(),
  /** Label. */
  Label: stringField('Label').optional(),
  /** Offset in the video, milliseconds (string in samples). */
  Timestamp: looseNumberField.describe('Offset in the video, milliseconds (string in samples)').optional(),
  /** Frame image URL. */
  Url: stringField('Frame image URL').optional(),
});
const aiCounter = z.looseObject({
  /** Label. */
  Label: stringField('Label').optional(),
  /** Number of frames with this label. */
  Count: looseNumberField.describe('Number of frames with this label').optional(),
});
const aiSceneResult = z.looseObject({
  /** Highest-scoring frames. */
  TopList: z.array(aiTopItem).optional(),
  /** pass / review / block (open set). */
  Suggestion: stringField('pass / review / block (open set)').optional(),
  /** Highest score (string in samples). */
  MaxScore: looseNumberField.optional(),
  /** Average score (string in samples). */
  AverageScore: looseNumberField.optional(),
  /** Label. */
  Label: stringField('Label').optional(),
  /** Frame counts per label. */
  CounterList: z.array(aiCounter).optional(),
});

/** Schema of `AIMediaAuditComplete.Data` (structure "AIMediaAuditResult"). */
export const VodAIMediaAuditDataSchema = z
  .looseObject({
    /** Modules with abnormal content, e.g. video. */
    AbnormalModules: stringField('Modules with abnormal content, e.g. video').optional(),
    /** Overall label. */
    Label: stringField('Overall label').optional(),
    /** Overall suggestion: pass / review / block (open set). */
    Suggestion: stringField('Overall suggestion: pass / review / block (open set)').optional(),
    /** Video review result. */
    VideoResult: z
      .looseObject({
        /** Suggestion. */
        Suggestion: stringField('Suggestion').optional(),
        /** Label. */
        Label: stringField('Label').optional(),
        /** Pornography scene result. */
        PornResult: aiSceneResult.optional(),
        /** Terrorism scene result. */
        TerrorismResult: aiSceneResult.optional(),
      })
      .optional(),
    /** Image (e.g. cover) review results. */
    ImageResult: z
      .array(
        z.looseObject({
          /** Suggestion. */
          Suggestion: stringField('Suggestion').optional(),
          /** Image kind, e.g. cover. */
          Type: stringField('Image kind, e.g. cover').optional(),
          /** Label. */
          Label: stringField('Label').optional(),
          /** Image URL. */
          Url: stringField('Image URL').optional(),
          /** Per-scene results. */
          Result: z
            .array(
              z.looseObject({
                /** Suggestion. */
                Suggestion: stringField('Suggestion').optional(),
                /** Score 0–100 (string in samples). */
                Score: looseNumberField.optional(),
                /** Label. */
                Label: stringField('Label').optional(),
                /** Scene. */
                Scene: stringField('Scene').optional(),
              }),
            )
            .optional(),
        }),
      )
      .optional(),
    /** Text (e.g. title) review results. */
    TextResult: z
      .array(
        z.looseObject({
          /** Suggestion. */
          Suggestion: stringField('Suggestion').optional(),
          /** Text kind, e.g. title. */
          Type: stringField('Text kind, e.g. title').optional(),
          /** Score 0–100 (string in samples). */
          Score: looseNumberField.optional(),
          /** Reviewed text. */
          Content: stringField('Reviewed text').optional(),
          /** Label. */
          Label: stringField('Label').optional(),
          /** Scene. */
          Scene: stringField('Scene').optional(),
        }),
      )
      .optional(),
  })
  .describe('Automated review result');

const startDuration = z.looseObject({
  /** Start offset, seconds. */
  Start: looseNumberField.describe('Start offset, seconds').optional(),
  /** Duration, seconds. */
  Duration: looseNumberField.describe('Duration, seconds').optional(),
});

/** Schema of `AIMediaDNAComplete.Data`. */
export const VodAIMediaDNADataSchema = z
  .looseObject({
    /** Matching videos. */
    VideoDNA: z
      .array(
        z.looseObject({
          /** Similarity 0–1 (string in samples). */
          Similarity: looseNumberField.describe('Similarity 0–1 (string in samples)').optional(),
          /** Id of the matching video. */
          PrimaryKey: stringField('Id of the matching video').optional(),
          /** Matching segments: `Input` and `Duplication` offsets/durations, seconds. */
          Detail: z
            .array(z.looseObject({ Input: startDuration.optional(), Duplication: startDuration.optional() }))
            .optional(),
        }),
      )
      .optional(),
  })
  .describe('Media fingerprint result');

const tagItem = z.looseObject({
  /** Offsets, milliseconds (strings in samples). */
  Times: z.array(looseNumberField).describe('Offsets, milliseconds (strings in samples)').optional(),
  /** Tag text (may be non-ASCII). */
  Tag: stringField('Tag text (may be non-ASCII)').optional(),
  /** Face image URL (Person tags). */
  FaceUrl: stringField('Face image URL (Person tags)').optional(),
});

/** Schema of `AIVideoTagComplete.Data`. */
export const VodAIVideoTagDataSchema = z
  .looseObject({
    /** Keyword tags. */
    Keyword: z.array(tagItem).optional(),
    /** Person tags (with `FaceUrl`). */
    Person: z.array(tagItem).optional(),
    /** Smart tagging result. */
    Location: z.array(tagItem).optional(),
  })
  .describe('Smart tagging result');

const valueChange = z
  .looseObject({ OldValue: z.unknown().optional(), NewValue: z.unknown().optional() })
  .describe('Old and new value');
const valueChangeField = (name: string) => jsonObjectOrStringField(valueChange, `${name} change`).optional();

/** Schema of `MediaBaseChangeComplete.MediaContent`: each member is `{OldValue, NewValue}` (usually as JSON text). */
export const VodMediaContentSchema = z
  .looseObject({
    /** Title change `{OldValue, NewValue}`, usually as JSON text. */
    Title: valueChangeField('Title'),
    /** Description change `{OldValue, NewValue}`, usually as JSON text. */
    Description: valueChangeField('Description'),
    /** Cover URL change `{OldValue, NewValue}`, usually as JSON text (see `vodCoverUrl`). */
    CoverURL: valueChangeField('Cover URL'),
    /** Category id change `{OldValue, NewValue}` with numeric values, usually as JSON text. */
    CateId: valueChangeField('Category id (numeric values)'),
    /** Changed media attributes. */
    Tags: valueChangeField('Tags'),
  })
  .describe('Changed media attributes');

/** Schema of `SubmitMediaRefreshComplete.FilterPolicy`. */
export const VodFilterPolicySchema = z
  .looseObject({
    /** Whether sliced (HLS segment) URLs are included. */
    SliceFlag: z.boolean().optional(),
    /** Single / Multiple. */
    ResultType: stringField('Single / Multiple').optional(),
    /** Comma-separated formats. */
    Formats: stringField('Comma-separated formats').optional(),
    /** Comma-separated definitions. */
    Definitions: stringField('Comma-separated definitions').optional(),
    /** Stream type. */
    StreamType: stringField('Stream type').optional(),
    /** Refresh/prefetch URL filter. */
    SliceCount: looseNumberField.optional(),
  })
  .describe('Refresh/prefetch URL filter');

/** Schema of `WorkflowTaskComplete.ActivityResults`: activity id → activity result. */
export const VodActivityResultsSchema = z
  .record(
    z.string(),
    z.looseObject({
      /** Activity status, e.g. Succeed. */
      Status: stringField('Activity status, e.g. Succeed').optional(),
      /** Activity start time. */
      StartTime: stringField('Activity start time').optional(),
      /** Activity end time. */
      EndTime: stringField('Activity end time').optional(),
      /** Activity id. */
      ActivityId: stringField('Activity id').optional(),
      /** Activity instance id. */
      ActivityInstanceId: stringField('Activity instance id').optional(),
      /** Workflow activity results keyed by activity id. */
      Result: z.looseObject({}).optional(),
    }),
  )
  .describe('Workflow activity results keyed by activity id');

/** Schema of `WorkflowTaskComplete.TaskInput`. */
export const VodTaskInputSchema = z
  .looseObject({
    /** Input kind, e.g. Media. */
    Type: stringField('Input kind, e.g. Media').optional(),
    /** Media id. */
    Media: stringField('Media id').optional(),
    /** Title. */
    Title: stringField('Title').optional(),
  })
  .describe('Workflow task input');

// --- the 22 events -------------------------------------------------------------------------------------------

/** docs/vod-events.md §6.1 `FileUploadComplete`: VOD received an uploaded audio/video file (only success is ever sent). */
export const FileUploadCompleteEventSchema = z.looseObject({
  /** Event type, always `FileUploadComplete`. */
  EventType: eventTypeField('FileUploadComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Video id (32 hex chars). */
  VideoId: stringField('Video id (32 hex chars)'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** File size in bytes. */
  Size: z.number().describe('File size in bytes').optional(),
  /** URL of the uploaded source file (http://). */
  FileUrl: stringField('URL of the uploaded source file (http://)').optional(),
  /** Pass-through of `UserData.Extend` (≤ 512 bytes): JSON text or plain text (see `vodEventExtend`). */
  Extend: extend,
});

/** docs/vod-events.md §6.2 `ImageUploadComplete`: an image upload finished (only success is ever sent). */
export const ImageUploadCompleteEventSchema = z.looseObject({
  /** Event type, always `ImageUploadComplete`. */
  EventType: eventTypeField('ImageUploadComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Image id. */
  ImageId: stringField('Image id'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Size in bytes. */
  Size: z.number().describe('Size in bytes').optional(),
  /** Image URL (upper-case URL). */
  FileURL: stringField('Image URL (upper-case URL)').optional(),
  /** Application id (sample-only field). */
  AppId: stringField('Application id (sample-only field)').optional(),
});

/** docs/vod-events.md §6.3 `StreamTranscodeComplete`: one stream (definition × format) finished transcoding. */
export const StreamTranscodeCompleteEventSchema = z.looseObject({
  /** Event type, always `StreamTranscodeComplete`. */
  EventType: eventTypeField('StreamTranscodeComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Video id. */
  VideoId: stringField('Video id'),
  ...streamFields,
  /** Pass-through of `UserData.Extend` (≤ 512 bytes): JSON text or plain text (see `vodEventExtend`). */
  Extend: extend,
});

/** docs/vod-events.md §6.4 `TranscodeComplete`: all streams finished; `success` as soon as one stream succeeded. */
export const TranscodeCompleteEventSchema = z.looseObject({
  /** Event type, always `TranscodeComplete`. */
  EventType: eventTypeField('TranscodeComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Video id. */
  VideoId: stringField('Video id'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Pass-through of `UserData.Extend` (≤ 512 bytes): JSON text or plain text (see `vodEventExtend`). */
  Extend: extend,
  /** One element per output stream. */
  StreamInfos: z.array(VodStreamInfoSchema).describe('One element per output stream').optional(),
});

/** docs/vod-events.md §6.5 `SnapshotComplete`: snapshots finished (`VideoId`/`Status` are missing from the doc sample). */
export const SnapshotCompleteEventSchema = z.looseObject({
  /** Event type, always `SnapshotComplete`. */
  EventType: eventTypeField('SnapshotComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Video id (missing in the doc sample). */
  VideoId: stringField('Video id (missing in the doc sample)').optional(),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField.optional(),
  /** SpecifiedTime = requested with SubmitSnapshotJob (open set). */
  SubType: stringField('SpecifiedTime = requested with SubmitSnapshotJob (open set)').optional(),
  /** Error code, present on failure (see `vodEventError`). */
  ErrorCode: errorCode,
  /** Error message, present on failure. */
  ErrorMessage: errorMessage,
  /** Cover URL; absent on failure. */
  CoverUrl: stringField('Cover URL; absent on failure').optional(),
  /** Snapshot outputs; absent on failure. */
  SnapshotInfos: z.array(VodSnapshotInfoSchema).describe('Snapshot outputs; absent on failure').optional(),
  /** Pass-through of `UserData.Extend` (≤ 512 bytes): JSON text or plain text (see `vodEventExtend`). */
  Extend: extend,
});

/** docs/vod-events.md §6.6 `DynamicImageComplete`: an animated image (GIF) job finished. */
export const DynamicImageCompleteEventSchema = z.looseObject({
  /** Event type, always `DynamicImageComplete`. */
  EventType: eventTypeField('DynamicImageComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Video id. */
  VideoId: stringField('Video id'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Animated-image job id. */
  JobId: stringField('Animated-image job id'),
  /** Error code, present on failure (see `vodEventError`). */
  ErrorCode: errorCode,
  /** Error message, present on failure. */
  ErrorMessage: errorMessage,
  /** Animated image result: an object, an array, or either as JSON text; absent on failure (see `decodeVodJsonField`). */
  DynamicImageJobInfo: jsonObjectOrStringField(
    z.union([VodDynamicImageJobInfoSchema, z.array(VodDynamicImageJobInfoSchema)]),
    'Animated image result (object or array); absent on failure',
  ).optional(),
});

const liveFields = {
  /** Live stream name. */
  StreamName: stringField('Live stream name').optional(),
  /** Live domain. */
  DomainName: stringField('Live domain').optional(),
  /** Live app name. */
  AppName: stringField('Live app name').optional(),
};

/** docs/vod-events.md §6.7 `AddLiveRecordVideoComplete`: live-to-VOD recording produced a VOD file. */
export const AddLiveRecordVideoCompleteEventSchema = z.looseObject({
  /** Event type, always `AddLiveRecordVideoComplete`. */
  EventType: eventTypeField('AddLiveRecordVideoComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Video id. */
  VideoId: stringField('Video id'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  ...liveFields,
  /** Recording start (UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
  RecordStartTime: timeField('Recording start').optional(),
  /** Recording end (UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
  RecordEndTime: timeField('Recording end').optional(),
});

/** docs/vod-events.md §6.8 `LiveRecordVideoComposeStart`: composition of recorded segments started (id of the produced video). */
export const LiveRecordVideoComposeStartEventSchema = z.looseObject({
  /** Event type, always `LiveRecordVideoComposeStart`. */
  EventType: eventTypeField('LiveRecordVideoComposeStart'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Id of the video being produced. */
  VideoId: stringField('Id of the video being produced'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  ...liveFields,
});

/**
 * docs/vod-events.md §6.9 `UploadByURLComplete`: a URL pull finished — (a) `UploadMediaByURL` (no `VideoId` on failure) or (b)
 * `UploadStreamByURL` (`FileType: "Stream"`, `StreamFileURL`).
 */
export const UploadByURLCompleteEventSchema = z.looseObject({
  /** Event type, always `UploadByURLComplete`. */
  EventType: eventTypeField('UploadByURLComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Video id; absent when a media pull failed. */
  VideoId: stringField('Video id; absent when a media pull failed').optional(),
  /** Upload job id / stream job id. */
  JobId: stringField('Upload job id / stream job id'),
  /** Source file URL. */
  SourceURL: stringField('Source file URL').optional(),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField.optional(),
  /** Error code, present on failure (see `vodEventError`). */
  ErrorCode: errorCode,
  /** Error message, present on failure. */
  ErrorMessage: errorMessage,
  /** Stream = transcoded-stream variant (UploadStreamByURL). */
  FileType: stringField('Stream = transcoded-stream variant (UploadStreamByURL)').optional(),
  /** OSS URL of the stored stream, on success. */
  StreamFileURL: stringField('OSS URL of the stored stream, on success').optional(),
  /** Size in bytes (sample-only field). */
  Size: numberOrNumericStringField('Size in bytes (sample-only field)').optional(),
  /** Pass-through of `UserData.Extend` (≤ 512 bytes): JSON text or plain text (see `vodEventExtend`). */
  Extend: extend,
});

/** docs/vod-events.md §6.10 `CreateAuditComplete`: a manual review result was recorded. */
export const CreateAuditCompleteEventSchema = z.looseObject({
  /** Event type, always `CreateAuditComplete`. */
  EventType: eventTypeField('CreateAuditComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Media id. */
  MediaId: stringField('Media id'),
  /** video (audio and video). */
  SubType: stringField('video (audio and video)'),
  /** Normal (approved) / Blocked (rejected). */
  AuditStatus: openEnumField(['Normal', 'Blocked'], 'Normal (approved) / Blocked (rejected)'),
  /** Review time (UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
  CreationTime: timeField('Review time'),
  /** Reviewer. */
  Auditor: stringField('Reviewer').optional(),
  /** Reason. */
  Reason: stringField('Reason').optional(),
});

/** docs/vod-events.md §6.11 `AIMediaAuditComplete`: an automated review job finished. */
export const AIMediaAuditCompleteEventSchema = z.looseObject({
  /** Event type, always `AIMediaAuditComplete`. */
  EventType: eventTypeField('AIMediaAuditComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Review job id. */
  JobId: stringField('Review job id'),
  /** Media id. */
  MediaId: stringField('Media id'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Result code: `"0"` on success, an error code on failure (see `vodEventError`). */
  Code: aiCode,
  /** Result message: `"OK"` on success, an error message on failure. */
  Message: aiMessage,
  /** Review result. */
  Data: jsonObjectOrStringField(VodAIMediaAuditDataSchema, 'Review result').optional(),
});

/** docs/vod-events.md §6.12 `VideoAnalysisComplete`: the uploaded source was analysed (numbers are strings in samples). */
export const VideoAnalysisCompleteEventSchema = z.looseObject({
  /** Event type, always `VideoAnalysisComplete`. */
  EventType: eventTypeField('VideoAnalysisComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Video id. */
  VideoId: stringField('Video id'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Width in px; absent for audio. */
  Width: numberOrNumericStringField('Width in px; absent for audio').optional(),
  /** Height in px; absent for audio. */
  Height: numberOrNumericStringField('Height in px; absent for audio').optional(),
  /** Duration in seconds. */
  Duration: numberOrNumericStringField('Duration in seconds').optional(),
  /** Bitrate in Kbps. */
  Bitrate: stringField('Bitrate in Kbps').optional(),
  /** Frames per second; absent for audio. */
  Fps: stringField('Frames per second; absent for audio').optional(),
  /** Size in bytes. */
  Size: numberOrNumericStringField('Size in bytes').optional(),
  /** Error code, present on failure (see `vodEventError`). */
  ErrorCode: errorCode,
  /** Error message, present on failure. */
  ErrorMessage: errorMessage,
});

/** docs/vod-events.md §6.13 `UpdateMediaStorageClassComplete`: a storage-class change finished (`Success`/`Failed`). */
export const UpdateMediaStorageClassCompleteEventSchema = z.looseObject({
  /** Event type, always `UpdateMediaStorageClassComplete`. */
  EventType: eventTypeField('UpdateMediaStorageClassComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Outcome as sent: `Success` / `Failed` (normalised by `vodEventStatus`). */
  Status: capitalStatusField,
  /** Media id. */
  MediaId: stringField('Media id'),
  /** All (source + streams) / SourceFile. */
  Scope: openEnumField(['All', 'SourceFile'], 'All (source + streams) / SourceFile'),
  /** Target storage class. */
  StorageClass: openEnumField(['Standard', 'IA', 'Archive', 'ColdArchive'], 'Target storage class'),
  /** LifeCycle / API. */
  TriggerBy: openEnumField(['LifeCycle', 'API'], 'LifeCycle / API'),
  /** Error code, present on failure (see `vodEventError`). */
  ErrorCode: errorCode,
  /** Error message, present on failure. */
  ErrorMessage: errorMessage,
});

/** docs/vod-events.md §6.14 `RestoreMediaComplete`: restoring an archived asset finished (`Success`/`Failed`). */
export const RestoreMediaCompleteEventSchema = z.looseObject({
  /** Event type, always `RestoreMediaComplete`. */
  EventType: eventTypeField('RestoreMediaComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Outcome as sent: `Success` / `Failed` (normalised by `vodEventStatus`). */
  Status: capitalStatusField,
  /** Media id. */
  MediaId: stringField('Media id'),
  /** When the restored copy expires (UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
  RestoreExpiration: timeField('When the restored copy expires').optional(),
  /** Error code, present on failure (see `vodEventError`). */
  ErrorCode: errorCode,
  /** Error message, present on failure. */
  ErrorMessage: errorMessage,
});

/** docs/vod-events.md §6.15 `AIMediaDNAComplete`: a media fingerprint job finished. */
export const AIMediaDNACompleteEventSchema = z.looseObject({
  /** Event type, always `AIMediaDNAComplete`. */
  EventType: eventTypeField('AIMediaDNAComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** DNA job id. */
  JobId: stringField('DNA job id'),
  /** Media id. */
  MediaId: stringField('Media id'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Result code: `"0"` on success, an error code on failure (see `vodEventError`). */
  Code: aiCode,
  /** Result message: `"OK"` on success, an error message on failure. */
  Message: aiMessage,
  /** Fingerprint result. */
  Data: jsonObjectOrStringField(VodAIMediaDNADataSchema, 'Fingerprint result').optional(),
  /** Job completion time (UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
  CompleteTime: timeField('Job completion time').optional(),
});

/** docs/vod-events.md §6.16 `AIVideoTagComplete`: a smart-tagging job finished. */
export const AIVideoTagCompleteEventSchema = z.looseObject({
  /** Event type, always `AIVideoTagComplete`. */
  EventType: eventTypeField('AIVideoTagComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Tagging job id. */
  JobId: stringField('Tagging job id'),
  /** Media id. */
  MediaId: stringField('Media id'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Result code: `"0"` on success, an error code on failure (see `vodEventError`). */
  Code: aiCode,
  /** Result message: `"OK"` on success, an error message on failure. */
  Message: aiMessage,
  /** Tagging result. */
  Data: jsonObjectOrStringField(VodAIVideoTagDataSchema, 'Tagging result').optional(),
});

/** docs/vod-events.md §6.17 `AttachedMediaUploadComplete`: an auxiliary media file finished uploading. */
export const AttachedMediaUploadCompleteEventSchema = z.looseObject({
  /** Event type, always `AttachedMediaUploadComplete`. */
  EventType: eventTypeField('AttachedMediaUploadComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Attached media id. */
  AttachedMediaId: stringField('Attached media id'),
  /** Size in bytes. */
  Size: z.number().describe('Size in bytes'),
  /** File URL (upper-case URL). */
  FileURL: stringField('File URL (upper-case URL)'),
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
});

/** docs/vod-events.md §6.18 `ProduceMediaComplete`: media composition (editing) finished. */
export const ProduceMediaCompleteEventSchema = z.looseObject({
  /** Event type, always `ProduceMediaComplete`. */
  EventType: eventTypeField('ProduceMediaComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Id of the produced media. */
  MediaId: stringField('Id of the produced media'),
  /** Editing project id. */
  ProjectId: stringField('Editing project id'),
  /** Error code, present on failure (see `vodEventError`). */
  ErrorCode: errorCode,
  /** Error message, present on failure. */
  ErrorMessage: errorMessage,
});

/** docs/vod-events.md §6.19 `DeleteMediaComplete`: a deletion finished. */
export const DeleteMediaCompleteEventSchema = z.looseObject({
  /** Event type, always `DeleteMediaComplete`. */
  EventType: eventTypeField('DeleteMediaComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** video (audio/video) / image / attached. */
  MediaType: openEnumField(['video', 'image', 'attached'], 'video (audio/video) / image / attached'),
  /** all / mezzanine (source file) / stream. */
  DeleteType: openEnumField(['all', 'mezzanine', 'stream'], 'all / mezzanine (source file) / stream'),
  /** Media id. */
  MediaId: stringField('Media id'),
  /** Comma-separated stream job ids (DeleteType=stream). */
  JobIds: stringField('Comma-separated stream job ids (DeleteType=stream)').optional(),
  /** Error code, present on failure (see `vodEventError`). */
  ErrorCode: errorCode,
  /** Error message, present on failure. */
  ErrorMessage: errorMessage,
});

/** docs/vod-events.md §6.20 `MediaBaseChangeComplete`: basic media information changed. */
export const MediaBaseChangeCompleteEventSchema = z.looseObject({
  /** Event type, always `MediaBaseChangeComplete`. */
  EventType: eventTypeField('MediaBaseChangeComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** video / image / attached. */
  MediaType: openEnumField(['video', 'image', 'attached'], 'video / image / attached'),
  /** Media id. */
  MediaId: stringField('Media id'),
  /** create / update / delete. */
  OperateMode: openEnumField(['create', 'update', 'delete'], 'create / update / delete'),
  /** Changed attributes. */
  MediaContent: jsonObjectOrStringField(VodMediaContentSchema, 'Changed attributes'),
});

/** docs/vod-events.md §6.21 `SubmitMediaRefreshComplete`: CDN refresh/prefetch requests were submitted. */
export const SubmitMediaRefreshCompleteEventSchema = z.looseObject({
  /** Event type, always `SubmitMediaRefreshComplete`. */
  EventType: eventTypeField('SubmitMediaRefreshComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Outcome as sent: `success` / `fail` (normalised by `vodEventStatus`). */
  Status: lowerStatusField,
  /** Refresh/prefetch job id. */
  MediaRefreshJobId: stringField('Refresh/prefetch job id'),
  /** Media id. */
  MediaId: stringField('Media id'),
  /** Refresh / Preload (the doc sample uses lower case). */
  TaskType: openEnumField(
    ['Refresh', 'Preload', 'refresh', 'preload'],
    'Refresh / Preload (the doc sample uses lower case)',
  ),
  /** Comma-separated submitted URLs. */
  SuccessPlayUrls: stringField('Comma-separated submitted URLs').optional(),
  /** Comma-separated CDN task ids. */
  TaskIds: stringField('Comma-separated CDN task ids').optional(),
  /** Request filter. */
  FilterPolicy: jsonObjectOrStringField(VodFilterPolicySchema, 'Request filter').optional(),
  /** Pass-through of `UserData.Extend` (≤ 512 bytes): JSON text or plain text (see `vodEventExtend`). */
  Extend: extend,
  /** Error code, present on failure (see `vodEventError`). */
  ErrorCode: errorCode,
  /** Error message, present on failure. */
  ErrorMessage: errorMessage,
});

/** docs/vod-events.md §6.22 `WorkflowTaskComplete`: all tasks of a workflow finished (`Succeed`/`Failed`). */
export const WorkflowTaskCompleteEventSchema = z.looseObject({
  /** Event type, always `WorkflowTaskComplete`. */
  EventType: eventTypeField('WorkflowTaskComplete'),
  /** Event time, UTC: `yyyy-MM-ddTHH:mm:ssZ`, `…:ss.SSSZ` or `…:ss:SSSZ` (see `vodEventTime`). */
  EventTime: eventTime,
  /** Workflow id. */
  WorkflowId: stringField('Workflow id'),
  /** Outcome as sent: `Succeed` / `Failed` (normalised by `vodEventStatus`). */
  Status: workflowStatusField,
  /** Video id (missing from the zh table). */
  VideoId: stringField('Video id (missing from the zh table)').optional(),
  /** Workflow task id. */
  TaskId: stringField('Workflow task id'),
  /** Activity results. */
  ActivityResults: jsonObjectOrStringField(VodActivityResultsSchema, 'Activity results').optional(),
  /** Task input. */
  TaskInput: jsonObjectOrStringField(VodTaskInputSchema, 'Task input').optional(),
  /** Task creation time (UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
  CreateTime: timeField('Task creation time').optional(),
  /** Task modification time (UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
  ModifiedTime: timeField('Task modification time').optional(),
  /** Task finish time (UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
  FinishTime: timeField('Task finish time').optional(),
  /** Account id. */
  UserId: looseNumberField.describe('Account id').optional(),
});

/**
 * The zod schema of every known event, keyed by `EventType`: the one list of the 22 documented types (in the order
 * of docs/vod-events.md §6). `VodEventType`, `KNOWN_VOD_EVENT_TYPES`, `KnownVodEventSchema`, `VodEventMap` and the
 * test factories all derive from it.
 */
export const VOD_EVENT_SCHEMAS = {
  /** Schema of `FileUploadComplete`. */
  FileUploadComplete: FileUploadCompleteEventSchema,
  /** Schema of `ImageUploadComplete`. */
  ImageUploadComplete: ImageUploadCompleteEventSchema,
  /** Schema of `StreamTranscodeComplete`. */
  StreamTranscodeComplete: StreamTranscodeCompleteEventSchema,
  /** Schema of `TranscodeComplete`. */
  TranscodeComplete: TranscodeCompleteEventSchema,
  /** Schema of `SnapshotComplete`. */
  SnapshotComplete: SnapshotCompleteEventSchema,
  /** Schema of `DynamicImageComplete`. */
  DynamicImageComplete: DynamicImageCompleteEventSchema,
  /** Schema of `AddLiveRecordVideoComplete`. */
  AddLiveRecordVideoComplete: AddLiveRecordVideoCompleteEventSchema,
  /** Schema of `LiveRecordVideoComposeStart`. */
  LiveRecordVideoComposeStart: LiveRecordVideoComposeStartEventSchema,
  /** Schema of `UploadByURLComplete`. */
  UploadByURLComplete: UploadByURLCompleteEventSchema,
  /** Schema of `CreateAuditComplete`. */
  CreateAuditComplete: CreateAuditCompleteEventSchema,
  /** Schema of `AIMediaAuditComplete`. */
  AIMediaAuditComplete: AIMediaAuditCompleteEventSchema,
  /** Schema of `VideoAnalysisComplete`. */
  VideoAnalysisComplete: VideoAnalysisCompleteEventSchema,
  /** Schema of `UpdateMediaStorageClassComplete`. */
  UpdateMediaStorageClassComplete: UpdateMediaStorageClassCompleteEventSchema,
  /** Schema of `RestoreMediaComplete`. */
  RestoreMediaComplete: RestoreMediaCompleteEventSchema,
  /** Schema of `AIMediaDNAComplete`. */
  AIMediaDNAComplete: AIMediaDNACompleteEventSchema,
  /** Schema of `AIVideoTagComplete`. */
  AIVideoTagComplete: AIVideoTagCompleteEventSchema,
  /** Schema of `AttachedMediaUploadComplete`. */
  AttachedMediaUploadComplete: AttachedMediaUploadCompleteEventSchema,
  /** Schema of `ProduceMediaComplete`. */
  ProduceMediaComplete: ProduceMediaCompleteEventSchema,
  /** Schema of `DeleteMediaComplete`. */
  DeleteMediaComplete: DeleteMediaCompleteEventSchema,
  /** Schema of `MediaBaseChangeComplete`. */
  MediaBaseChangeComplete: MediaBaseChangeCompleteEventSchema,
  /** Schema of `SubmitMediaRefreshComplete`. */
  SubmitMediaRefreshComplete: SubmitMediaRefreshCompleteEventSchema,
  /** Schema of `WorkflowTaskComplete`. */
  WorkflowTaskComplete: WorkflowTaskCompleteEventSchema,
} as const;

/** The 22 documented `EventType` names. */
export type VodEventType = keyof typeof VOD_EVENT_SCHEMAS;

/** The 22 documented `EventType` names, in the order of docs/vod-events.md §0. */
export const KNOWN_VOD_EVENT_TYPES: readonly VodEventType[] = Object.freeze(
  Object.keys(VOD_EVENT_SCHEMAS) as VodEventType[],
);

/** The zod schema of one known event type. */
type KnownVodEventSchemaMember = (typeof VOD_EVENT_SCHEMAS)[VodEventType];

/**
 * Discriminated union (on `EventType`) of the 22 known event schemas, derived from {@link VOD_EVENT_SCHEMAS}
 * (in its order); unknown types are handled by `parseVodEvent`.
 */
export const KnownVodEventSchema = z.discriminatedUnion(
  'EventType',
  Object.values(VOD_EVENT_SCHEMAS) as [KnownVodEventSchemaMember, ...KnownVodEventSchemaMember[]],
);

/** Schema of an event whose `EventType` is not one of the 22 known names: every field is kept. */
export const UnknownVodEventSchema = z
  .looseObject({ EventType: z.string().describe('An EventType vodmns does not know (yet)') })
  .describe('An event of a type not documented when this package was built');
