import * as z from 'zod';
import {
  capitalStatusField,
  jsonObjectOrStringField,
  looseNumberField,
  lowerStatusField,
  numberOrNumericStringField,
  stringField,
  timeField,
  vodTimestampField,
  workflowStatusField,
} from './vod-event-fields.js';

// Every schema is a loose object: fields VOD adds later are kept, never an error (spec §5.6).
// Field sets, types and closed value sets follow shared/spec/vod-events.md §6; open sets (Definition, Format,
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
  Status: lowerStatusField,
  Bitrate: stringField('Bitrate in Kbps, as a string (e.g. "925")').optional(),
  Definition: stringField(
    'Definition label: FD, LD, SD, HD, UHD, OD, 2K, 4K, AUTO, or a suffixed form such as HD-MP4 (open set)',
  ).optional(),
  Duration: z.number().describe('Duration in seconds').optional(),
  Codec: stringField('Codec name').optional(),
  Encrypt: z.boolean().describe('Whether the stream is encrypted').optional(),
  EncryptType: stringField('Encryption type, e.g. AliyunVoDEncryption, HLSEncryption (open set)').optional(),
  ErrorCode: errorCode,
  ErrorMessage: errorMessage,
  FileUrl: stringField('Playback URL (http://, unsigned)').optional(),
  Format: stringField('Container format: mp4 / m3u8 (open set)').optional(),
  Fps: stringField('Frames per second, as a string').optional(),
  Height: z.number().describe('Height in px').optional(),
  Width: z.number().describe('Width in px').optional(),
  Size: z.number().describe('Size in bytes').optional(),
  JobId: stringField('Transcode job id').optional(),
  WatermarkId: stringField('Comma-separated watermark ids').optional(),
  IsAudio: z.boolean().describe('Whether this is an audio-only stream').optional(),
  StartTime: timeField('Job start time').optional(),
  FinishTime: timeField('Job finish time').optional(),
};

/** Schema of one `TranscodeComplete.StreamInfos[]` element. */
export const VodStreamInfoSchema = z.looseObject(streamFields).describe('One transcoded output stream');

/** Schema of one `SnapshotComplete.SnapshotInfos[]` element. */
export const VodSnapshotInfoSchema = z
  .looseObject({
    Status: lowerStatusField,
    SnapshotType: z
      .enum(['CoverSnapshot', 'NormalSnapshot', 'SpriteSnapshot'])
      .describe('Snapshot kind: CoverSnapshot / NormalSnapshot / SpriteSnapshot'),
    SnapshotCount: z.number().describe('Number of snapshots'),
    SnapshotFormat: stringField('Object path template containing the literal placeholder {SnapshotCount}'),
    SnapshotRegular: stringField('Full URL template containing the literal placeholder {SnapshotCount}'),
    JobId: stringField('Snapshot job id'),
  })
  .describe('One snapshot job output');

/** Schema of `DynamicImageComplete.DynamicImageJobInfo` (all numbers are strings). */
export const VodDynamicImageJobInfoSchema = z
  .looseObject({
    JobId: stringField('Animated-image job id'),
    Status: lowerStatusField,
    FileURL: stringField('URL of the animated image'),
    FileSize: stringField('Size in bytes, as a string').optional(),
    Fps: stringField('Frames per second, as a string').optional(),
    Height: stringField('Height in px, as a string').optional(),
    Width: stringField('Width in px, as a string').optional(),
  })
  .describe('Animated image job result');

const aiTopItem = z.looseObject({
  Score: looseNumberField.describe('Score 0–100 (string in samples)').optional(),
  Label: stringField('Label').optional(),
  Timestamp: looseNumberField.describe('Offset in the video, milliseconds (string in samples)').optional(),
  Url: stringField('Frame image URL').optional(),
});
const aiCounter = z.looseObject({
  Label: stringField('Label').optional(),
  Count: looseNumberField.describe('Number of frames with this label').optional(),
});
const aiSceneResult = z.looseObject({
  TopList: z.array(aiTopItem).optional(),
  Suggestion: stringField('pass / review / block (open set)').optional(),
  MaxScore: looseNumberField.optional(),
  AverageScore: looseNumberField.optional(),
  Label: stringField('Label').optional(),
  CounterList: z.array(aiCounter).optional(),
});

/** Schema of `AIMediaAuditComplete.Data` (structure "AIMediaAuditResult"). */
export const VodAIMediaAuditDataSchema = z
  .looseObject({
    AbnormalModules: stringField('Modules with abnormal content, e.g. video').optional(),
    Label: stringField('Overall label').optional(),
    Suggestion: stringField('Overall suggestion: pass / review / block (open set)').optional(),
    VideoResult: z
      .looseObject({
        Suggestion: stringField('Suggestion').optional(),
        Label: stringField('Label').optional(),
        PornResult: aiSceneResult.optional(),
        TerrorismResult: aiSceneResult.optional(),
      })
      .optional(),
    ImageResult: z
      .array(
        z.looseObject({
          Suggestion: stringField('Suggestion').optional(),
          Type: stringField('Image kind, e.g. cover').optional(),
          Label: stringField('Label').optional(),
          Url: stringField('Image URL').optional(),
          Result: z
            .array(
              z.looseObject({
                Suggestion: stringField('Suggestion').optional(),
                Score: looseNumberField.optional(),
                Label: stringField('Label').optional(),
                Scene: stringField('Scene').optional(),
              }),
            )
            .optional(),
        }),
      )
      .optional(),
    TextResult: z
      .array(
        z.looseObject({
          Suggestion: stringField('Suggestion').optional(),
          Type: stringField('Text kind, e.g. title').optional(),
          Score: looseNumberField.optional(),
          Content: stringField('Reviewed text').optional(),
          Label: stringField('Label').optional(),
          Scene: stringField('Scene').optional(),
        }),
      )
      .optional(),
  })
  .describe('Automated review result');

const startDuration = z.looseObject({
  Start: looseNumberField.describe('Start offset, seconds').optional(),
  Duration: looseNumberField.describe('Duration, seconds').optional(),
});

/** Schema of `AIMediaDNAComplete.Data`. */
export const VodAIMediaDNADataSchema = z
  .looseObject({
    VideoDNA: z
      .array(
        z.looseObject({
          Similarity: looseNumberField.describe('Similarity 0–1 (string in samples)').optional(),
          PrimaryKey: stringField('Id of the matching video').optional(),
          Detail: z
            .array(z.looseObject({ Input: startDuration.optional(), Duplication: startDuration.optional() }))
            .optional(),
        }),
      )
      .optional(),
  })
  .describe('Media fingerprint result');

const tagItem = z.looseObject({
  Times: z.array(looseNumberField).describe('Offsets, milliseconds (strings in samples)').optional(),
  Tag: stringField('Tag text (may be non-ASCII)').optional(),
  FaceUrl: stringField('Face image URL (Person tags)').optional(),
});

/** Schema of `AIVideoTagComplete.Data`. */
export const VodAIVideoTagDataSchema = z
  .looseObject({
    Keyword: z.array(tagItem).optional(),
    Person: z.array(tagItem).optional(),
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
    Title: valueChangeField('Title'),
    Description: valueChangeField('Description'),
    CoverURL: valueChangeField('Cover URL'),
    CateId: valueChangeField('Category id (numeric values)'),
    Tags: valueChangeField('Tags'),
  })
  .describe('Changed media attributes');

/** Schema of `SubmitMediaRefreshComplete.FilterPolicy`. */
export const VodFilterPolicySchema = z
  .looseObject({
    SliceFlag: z.boolean().optional(),
    ResultType: stringField('Single / Multiple').optional(),
    Formats: stringField('Comma-separated formats').optional(),
    Definitions: stringField('Comma-separated definitions').optional(),
    StreamType: stringField('Stream type').optional(),
    SliceCount: looseNumberField.optional(),
  })
  .describe('Refresh/prefetch URL filter');

/** Schema of `WorkflowTaskComplete.ActivityResults`: activity id → activity result. */
export const VodActivityResultsSchema = z
  .record(
    z.string(),
    z.looseObject({
      Status: stringField('Activity status, e.g. Succeed').optional(),
      StartTime: stringField('Activity start time').optional(),
      EndTime: stringField('Activity end time').optional(),
      ActivityId: stringField('Activity id').optional(),
      ActivityInstanceId: stringField('Activity instance id').optional(),
      Result: z.looseObject({}).optional(),
    }),
  )
  .describe('Workflow activity results keyed by activity id');

/** Schema of `WorkflowTaskComplete.TaskInput`. */
export const VodTaskInputSchema = z
  .looseObject({
    Type: stringField('Input kind, e.g. Media').optional(),
    Media: stringField('Media id').optional(),
    Title: stringField('Title').optional(),
  })
  .describe('Workflow task input');

// --- the 22 events -------------------------------------------------------------------------------------------

/** §6.1 `FileUploadComplete`: VOD received an uploaded audio/video file (only success is ever sent). */
export const FileUploadCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('FileUploadComplete'),
  EventTime: eventTime,
  VideoId: stringField('Video id (32 hex chars)'),
  Status: lowerStatusField,
  Size: z.number().describe('File size in bytes').optional(),
  FileUrl: stringField('URL of the uploaded source file (http://)').optional(),
  Extend: extend,
});

/** §6.2 `ImageUploadComplete`: an image upload finished (only success is ever sent). */
export const ImageUploadCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('ImageUploadComplete'),
  EventTime: eventTime,
  ImageId: stringField('Image id'),
  Status: lowerStatusField,
  Size: z.number().describe('Size in bytes').optional(),
  FileURL: stringField('Image URL (upper-case URL)').optional(),
  AppId: stringField('Application id (sample-only field)').optional(),
});

/** §6.3 `StreamTranscodeComplete`: one stream (definition × format) finished transcoding. */
export const StreamTranscodeCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('StreamTranscodeComplete'),
  EventTime: eventTime,
  VideoId: stringField('Video id'),
  ...streamFields,
  Extend: extend,
});

/** §6.4 `TranscodeComplete`: all streams finished; `success` as soon as one stream succeeded. */
export const TranscodeCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('TranscodeComplete'),
  EventTime: eventTime,
  VideoId: stringField('Video id'),
  Status: lowerStatusField,
  Extend: extend,
  StreamInfos: z.array(VodStreamInfoSchema).describe('One element per output stream').optional(),
});

/** §6.5 `SnapshotComplete`: snapshots finished (`VideoId`/`Status` are missing from the doc sample). */
export const SnapshotCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('SnapshotComplete'),
  EventTime: eventTime,
  VideoId: stringField('Video id (missing in the doc sample)').optional(),
  Status: lowerStatusField.optional(),
  SubType: stringField('SpecifiedTime = requested with SubmitSnapshotJob (open set)').optional(),
  ErrorCode: errorCode,
  ErrorMessage: errorMessage,
  CoverUrl: stringField('Cover URL; absent on failure').optional(),
  SnapshotInfos: z.array(VodSnapshotInfoSchema).describe('Snapshot outputs; absent on failure').optional(),
  Extend: extend,
});

/** §6.6 `DynamicImageComplete`: an animated image (GIF) job finished. */
export const DynamicImageCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('DynamicImageComplete'),
  EventTime: eventTime,
  VideoId: stringField('Video id'),
  Status: lowerStatusField,
  JobId: stringField('Animated-image job id'),
  ErrorCode: errorCode,
  ErrorMessage: errorMessage,
  DynamicImageJobInfo: jsonObjectOrStringField(
    z.union([VodDynamicImageJobInfoSchema, z.array(VodDynamicImageJobInfoSchema)]),
    'Animated image result (object or array); absent on failure',
  ).optional(),
});

const liveFields = {
  StreamName: stringField('Live stream name').optional(),
  DomainName: stringField('Live domain').optional(),
  AppName: stringField('Live app name').optional(),
};

/** §6.7 `AddLiveRecordVideoComplete`: live-to-VOD recording produced a VOD file. */
export const AddLiveRecordVideoCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('AddLiveRecordVideoComplete'),
  EventTime: eventTime,
  VideoId: stringField('Video id'),
  Status: lowerStatusField,
  ...liveFields,
  RecordStartTime: timeField('Recording start').optional(),
  RecordEndTime: timeField('Recording end').optional(),
});

/** §6.8 `LiveRecordVideoComposeStart`: composition of recorded segments started (id of the produced video). */
export const LiveRecordVideoComposeStartEventSchema = z.looseObject({
  EventType: eventTypeField('LiveRecordVideoComposeStart'),
  EventTime: eventTime,
  VideoId: stringField('Id of the video being produced'),
  Status: lowerStatusField,
  ...liveFields,
});

/**
 * §6.9 `UploadByURLComplete`: a URL pull finished — (a) `UploadMediaByURL` (no `VideoId` on failure) or (b)
 * `UploadStreamByURL` (`FileType: "Stream"`, `StreamFileURL`).
 */
export const UploadByURLCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('UploadByURLComplete'),
  EventTime: eventTime,
  VideoId: stringField('Video id; absent when a media pull failed').optional(),
  JobId: stringField('Upload job id / stream job id'),
  SourceURL: stringField('Source file URL').optional(),
  Status: lowerStatusField.optional(),
  ErrorCode: errorCode,
  ErrorMessage: errorMessage,
  FileType: stringField('Stream = transcoded-stream variant (UploadStreamByURL)').optional(),
  StreamFileURL: stringField('OSS URL of the stored stream, on success').optional(),
  Size: numberOrNumericStringField('Size in bytes (sample-only field)').optional(),
  Extend: extend,
});

/** §6.10 `CreateAuditComplete`: a manual review result was recorded. */
export const CreateAuditCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('CreateAuditComplete'),
  EventTime: eventTime,
  Status: lowerStatusField,
  MediaId: stringField('Media id'),
  SubType: stringField('video (audio and video)'),
  AuditStatus: z.enum(['Normal', 'Blocked']).describe('Normal (approved) / Blocked (rejected)'),
  CreationTime: timeField('Review time'),
  Auditor: stringField('Reviewer').optional(),
  Reason: stringField('Reason').optional(),
});

/** §6.11 `AIMediaAuditComplete`: an automated review job finished. */
export const AIMediaAuditCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('AIMediaAuditComplete'),
  EventTime: eventTime,
  JobId: stringField('Review job id'),
  MediaId: stringField('Media id'),
  Status: lowerStatusField,
  Code: aiCode,
  Message: aiMessage,
  Data: jsonObjectOrStringField(VodAIMediaAuditDataSchema, 'Review result').optional(),
});

/** §6.12 `VideoAnalysisComplete`: the uploaded source was analysed (numbers are strings in samples). */
export const VideoAnalysisCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('VideoAnalysisComplete'),
  EventTime: eventTime,
  VideoId: stringField('Video id'),
  Status: lowerStatusField,
  Width: numberOrNumericStringField('Width in px; absent for audio').optional(),
  Height: numberOrNumericStringField('Height in px; absent for audio').optional(),
  Duration: numberOrNumericStringField('Duration in seconds').optional(),
  Bitrate: stringField('Bitrate in Kbps').optional(),
  Fps: stringField('Frames per second; absent for audio').optional(),
  Size: numberOrNumericStringField('Size in bytes').optional(),
  ErrorCode: errorCode,
  ErrorMessage: errorMessage,
});

/** §6.13 `UpdateMediaStorageClassComplete`: a storage-class change finished (`Success`/`Failed`). */
export const UpdateMediaStorageClassCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('UpdateMediaStorageClassComplete'),
  EventTime: eventTime,
  Status: capitalStatusField,
  MediaId: stringField('Media id'),
  Scope: z.enum(['All', 'SourceFile']).describe('All (source + streams) / SourceFile'),
  StorageClass: z.enum(['Standard', 'IA', 'Archive', 'ColdArchive']).describe('Target storage class'),
  TriggerBy: z.enum(['LifeCycle', 'API']).describe('LifeCycle / API'),
  ErrorCode: errorCode,
  ErrorMessage: errorMessage,
});

/** §6.14 `RestoreMediaComplete`: restoring an archived asset finished (`Success`/`Failed`). */
export const RestoreMediaCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('RestoreMediaComplete'),
  EventTime: eventTime,
  Status: capitalStatusField,
  MediaId: stringField('Media id'),
  RestoreExpiration: timeField('When the restored copy expires').optional(),
  ErrorCode: errorCode,
  ErrorMessage: errorMessage,
});

/** §6.15 `AIMediaDNAComplete`: a media fingerprint job finished. */
export const AIMediaDNACompleteEventSchema = z.looseObject({
  EventType: eventTypeField('AIMediaDNAComplete'),
  EventTime: eventTime,
  JobId: stringField('DNA job id'),
  MediaId: stringField('Media id'),
  Status: lowerStatusField,
  Code: aiCode,
  Message: aiMessage,
  Data: jsonObjectOrStringField(VodAIMediaDNADataSchema, 'Fingerprint result').optional(),
  CompleteTime: timeField('Job completion time').optional(),
});

/** §6.16 `AIVideoTagComplete`: a smart-tagging job finished. */
export const AIVideoTagCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('AIVideoTagComplete'),
  EventTime: eventTime,
  JobId: stringField('Tagging job id'),
  MediaId: stringField('Media id'),
  Status: lowerStatusField,
  Code: aiCode,
  Message: aiMessage,
  Data: jsonObjectOrStringField(VodAIVideoTagDataSchema, 'Tagging result').optional(),
});

/** §6.17 `AttachedMediaUploadComplete`: an auxiliary media file finished uploading. */
export const AttachedMediaUploadCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('AttachedMediaUploadComplete'),
  EventTime: eventTime,
  AttachedMediaId: stringField('Attached media id'),
  Size: z.number().describe('Size in bytes'),
  FileURL: stringField('File URL (upper-case URL)'),
  Status: lowerStatusField,
});

/** §6.18 `ProduceMediaComplete`: media composition (editing) finished. */
export const ProduceMediaCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('ProduceMediaComplete'),
  EventTime: eventTime,
  Status: lowerStatusField,
  MediaId: stringField('Id of the produced media'),
  ProjectId: stringField('Editing project id'),
  ErrorCode: errorCode,
  ErrorMessage: errorMessage,
});

/** §6.19 `DeleteMediaComplete`: a deletion finished. */
export const DeleteMediaCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('DeleteMediaComplete'),
  EventTime: eventTime,
  Status: lowerStatusField,
  MediaType: z.enum(['video', 'image', 'attached']).describe('video (audio/video) / image / attached'),
  DeleteType: z.enum(['all', 'mezzanine', 'stream']).describe('all / mezzanine (source file) / stream'),
  MediaId: stringField('Media id'),
  JobIds: stringField('Comma-separated stream job ids (DeleteType=stream)').optional(),
  ErrorCode: errorCode,
  ErrorMessage: errorMessage,
});

/** §6.20 `MediaBaseChangeComplete`: basic media information changed. */
export const MediaBaseChangeCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('MediaBaseChangeComplete'),
  EventTime: eventTime,
  Status: lowerStatusField,
  MediaType: z.enum(['video', 'image', 'attached']).describe('video / image / attached'),
  MediaId: stringField('Media id'),
  OperateMode: z.enum(['create', 'update', 'delete']).describe('create / update / delete'),
  MediaContent: jsonObjectOrStringField(VodMediaContentSchema, 'Changed attributes'),
});

/** §6.21 `SubmitMediaRefreshComplete`: CDN refresh/prefetch requests were submitted. */
export const SubmitMediaRefreshCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('SubmitMediaRefreshComplete'),
  EventTime: eventTime,
  Status: lowerStatusField,
  MediaRefreshJobId: stringField('Refresh/prefetch job id'),
  MediaId: stringField('Media id'),
  TaskType: z
    .enum(['Refresh', 'Preload', 'refresh', 'preload'])
    .describe('Refresh / Preload (the doc sample uses lower case)'),
  SuccessPlayUrls: stringField('Comma-separated submitted URLs').optional(),
  TaskIds: stringField('Comma-separated CDN task ids').optional(),
  FilterPolicy: jsonObjectOrStringField(VodFilterPolicySchema, 'Request filter').optional(),
  Extend: extend,
  ErrorCode: errorCode,
  ErrorMessage: errorMessage,
});

/** §6.22 `WorkflowTaskComplete`: all tasks of a workflow finished (`Succeed`/`Failed`). */
export const WorkflowTaskCompleteEventSchema = z.looseObject({
  EventType: eventTypeField('WorkflowTaskComplete'),
  EventTime: eventTime,
  WorkflowId: stringField('Workflow id'),
  Status: workflowStatusField,
  VideoId: stringField('Video id (missing from the zh table)').optional(),
  TaskId: stringField('Workflow task id'),
  ActivityResults: jsonObjectOrStringField(VodActivityResultsSchema, 'Activity results').optional(),
  TaskInput: jsonObjectOrStringField(VodTaskInputSchema, 'Task input').optional(),
  CreateTime: timeField('Task creation time').optional(),
  ModifiedTime: timeField('Task modification time').optional(),
  FinishTime: timeField('Task finish time').optional(),
  UserId: looseNumberField.describe('Account id').optional(),
});

/** The zod schema of every known event, keyed by `EventType` (the 22 documented types, in spec order). */
export const VOD_EVENT_SCHEMAS = {
  FileUploadComplete: FileUploadCompleteEventSchema,
  ImageUploadComplete: ImageUploadCompleteEventSchema,
  StreamTranscodeComplete: StreamTranscodeCompleteEventSchema,
  TranscodeComplete: TranscodeCompleteEventSchema,
  SnapshotComplete: SnapshotCompleteEventSchema,
  DynamicImageComplete: DynamicImageCompleteEventSchema,
  AddLiveRecordVideoComplete: AddLiveRecordVideoCompleteEventSchema,
  LiveRecordVideoComposeStart: LiveRecordVideoComposeStartEventSchema,
  UploadByURLComplete: UploadByURLCompleteEventSchema,
  CreateAuditComplete: CreateAuditCompleteEventSchema,
  AIMediaAuditComplete: AIMediaAuditCompleteEventSchema,
  VideoAnalysisComplete: VideoAnalysisCompleteEventSchema,
  UpdateMediaStorageClassComplete: UpdateMediaStorageClassCompleteEventSchema,
  RestoreMediaComplete: RestoreMediaCompleteEventSchema,
  AIMediaDNAComplete: AIMediaDNACompleteEventSchema,
  AIVideoTagComplete: AIVideoTagCompleteEventSchema,
  AttachedMediaUploadComplete: AttachedMediaUploadCompleteEventSchema,
  ProduceMediaComplete: ProduceMediaCompleteEventSchema,
  DeleteMediaComplete: DeleteMediaCompleteEventSchema,
  MediaBaseChangeComplete: MediaBaseChangeCompleteEventSchema,
  SubmitMediaRefreshComplete: SubmitMediaRefreshCompleteEventSchema,
  WorkflowTaskComplete: WorkflowTaskCompleteEventSchema,
} as const;

/** The 22 documented `EventType` names. */
export type VodEventType = keyof typeof VOD_EVENT_SCHEMAS;

/** The 22 documented `EventType` names, in the order of the spec's table (§0). */
export const KNOWN_VOD_EVENT_TYPES: readonly VodEventType[] = Object.freeze(
  Object.keys(VOD_EVENT_SCHEMAS) as VodEventType[],
);

/** Discriminated union (on `EventType`) of the 22 known event schemas; unknown types are handled by `parseVodEvent`. */
export const KnownVodEventSchema = z.discriminatedUnion('EventType', [
  FileUploadCompleteEventSchema,
  ImageUploadCompleteEventSchema,
  StreamTranscodeCompleteEventSchema,
  TranscodeCompleteEventSchema,
  SnapshotCompleteEventSchema,
  DynamicImageCompleteEventSchema,
  AddLiveRecordVideoCompleteEventSchema,
  LiveRecordVideoComposeStartEventSchema,
  UploadByURLCompleteEventSchema,
  CreateAuditCompleteEventSchema,
  AIMediaAuditCompleteEventSchema,
  VideoAnalysisCompleteEventSchema,
  UpdateMediaStorageClassCompleteEventSchema,
  RestoreMediaCompleteEventSchema,
  AIMediaDNACompleteEventSchema,
  AIVideoTagCompleteEventSchema,
  AttachedMediaUploadCompleteEventSchema,
  ProduceMediaCompleteEventSchema,
  DeleteMediaCompleteEventSchema,
  MediaBaseChangeCompleteEventSchema,
  SubmitMediaRefreshCompleteEventSchema,
  WorkflowTaskCompleteEventSchema,
]);

/** Schema of an event whose `EventType` is not one of the 22 known names: every field is kept. */
export const UnknownVodEventSchema = z
  .looseObject({ EventType: z.string().describe('An EventType vodmns does not know (yet)') })
  .describe('An event of a type not documented when this package was built');
