import type * as z from 'zod';
import type {
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
  VodAIMediaAuditDataSchema,
  VodAIMediaDNADataSchema,
  VodAIVideoTagDataSchema,
  VodDynamicImageJobInfoSchema,
  VodEventType,
  VodMediaContentSchema,
  VodSnapshotInfoSchema,
  VodStreamInfoSchema,
} from './vod-event-schemas.js';

/** `FileUploadComplete`: VOD received an uploaded audio/video file (§6.1). Wire field names, values verbatim. */
export type FileUploadCompleteEvent = z.output<typeof FileUploadCompleteEventSchema>;
/** `ImageUploadComplete`: An image upload finished (§6.2). Wire field names, values verbatim. */
export type ImageUploadCompleteEvent = z.output<typeof ImageUploadCompleteEventSchema>;
/** `StreamTranscodeComplete`: One stream (definition × format) finished transcoding (§6.3). Wire field names, values verbatim. */
export type StreamTranscodeCompleteEvent = z.output<typeof StreamTranscodeCompleteEventSchema>;
/** `TranscodeComplete`: All streams of a video finished; `success` once one stream succeeded (§6.4). Wire field names, values verbatim. */
export type TranscodeCompleteEvent = z.output<typeof TranscodeCompleteEventSchema>;
/** `SnapshotComplete`: Snapshots of a video finished (§6.5). Wire field names, values verbatim. */
export type SnapshotCompleteEvent = z.output<typeof SnapshotCompleteEventSchema>;
/** `DynamicImageComplete`: An animated-image job finished (§6.6). Wire field names, values verbatim. */
export type DynamicImageCompleteEvent = z.output<typeof DynamicImageCompleteEventSchema>;
/** `AddLiveRecordVideoComplete`: Live-to-VOD recording produced a VOD file (§6.7). Wire field names, values verbatim. */
export type AddLiveRecordVideoCompleteEvent = z.output<typeof AddLiveRecordVideoCompleteEventSchema>;
/** `LiveRecordVideoComposeStart`: Live-to-VOD composition started (§6.8). Wire field names, values verbatim. */
export type LiveRecordVideoComposeStartEvent = z.output<typeof LiveRecordVideoComposeStartEventSchema>;
/** `UploadByURLComplete`: A URL pull (media or transcoded stream) finished (§6.9). Wire field names, values verbatim. */
export type UploadByURLCompleteEvent = z.output<typeof UploadByURLCompleteEventSchema>;
/** `CreateAuditComplete`: A manual review result was recorded (§6.10). Wire field names, values verbatim. */
export type CreateAuditCompleteEvent = z.output<typeof CreateAuditCompleteEventSchema>;
/** `AIMediaAuditComplete`: An automated review job finished (§6.11). Wire field names, values verbatim. */
export type AIMediaAuditCompleteEvent = z.output<typeof AIMediaAuditCompleteEventSchema>;
/** `VideoAnalysisComplete`: The uploaded source file was analysed (§6.12). Wire field names, values verbatim. */
export type VideoAnalysisCompleteEvent = z.output<typeof VideoAnalysisCompleteEventSchema>;
/** `UpdateMediaStorageClassComplete`: A storage-class change finished (§6.13). Wire field names, values verbatim. */
export type UpdateMediaStorageClassCompleteEvent = z.output<
  typeof UpdateMediaStorageClassCompleteEventSchema
>;
/** `RestoreMediaComplete`: Restoring an archived asset finished (§6.14). Wire field names, values verbatim. */
export type RestoreMediaCompleteEvent = z.output<typeof RestoreMediaCompleteEventSchema>;
/** `AIMediaDNAComplete`: A media fingerprint job finished (§6.15). Wire field names, values verbatim. */
export type AIMediaDNACompleteEvent = z.output<typeof AIMediaDNACompleteEventSchema>;
/** `AIVideoTagComplete`: A smart-tagging job finished (§6.16). Wire field names, values verbatim. */
export type AIVideoTagCompleteEvent = z.output<typeof AIVideoTagCompleteEventSchema>;
/** `AttachedMediaUploadComplete`: An auxiliary media file finished uploading (§6.17). Wire field names, values verbatim. */
export type AttachedMediaUploadCompleteEvent = z.output<typeof AttachedMediaUploadCompleteEventSchema>;
/** `ProduceMediaComplete`: Media composition (editing) finished (§6.18). Wire field names, values verbatim. */
export type ProduceMediaCompleteEvent = z.output<typeof ProduceMediaCompleteEventSchema>;
/** `DeleteMediaComplete`: A media deletion finished (§6.19). Wire field names, values verbatim. */
export type DeleteMediaCompleteEvent = z.output<typeof DeleteMediaCompleteEventSchema>;
/** `MediaBaseChangeComplete`: Basic media information changed (§6.20). Wire field names, values verbatim. */
export type MediaBaseChangeCompleteEvent = z.output<typeof MediaBaseChangeCompleteEventSchema>;
/** `SubmitMediaRefreshComplete`: CDN refresh/prefetch requests were submitted (§6.21). Wire field names, values verbatim. */
export type SubmitMediaRefreshCompleteEvent = z.output<typeof SubmitMediaRefreshCompleteEventSchema>;
/** `WorkflowTaskComplete`: All tasks of a workflow finished (§6.22). Wire field names, values verbatim. */
export type WorkflowTaskCompleteEvent = z.output<typeof WorkflowTaskCompleteEventSchema>;

/** One `TranscodeComplete.StreamInfos[]` element. */
export type VodStreamInfo = z.output<typeof VodStreamInfoSchema>;
/** One `SnapshotComplete.SnapshotInfos[]` element. */
export type VodSnapshotInfo = z.output<typeof VodSnapshotInfoSchema>;
/** `DynamicImageComplete.DynamicImageJobInfo` (decoded). */
export type VodDynamicImageJobInfo = z.output<typeof VodDynamicImageJobInfoSchema>;
/** `AIMediaAuditComplete.Data` (decoded). */
export type VodAIMediaAuditData = z.output<typeof VodAIMediaAuditDataSchema>;
/** `AIMediaDNAComplete.Data` (decoded). */
export type VodAIMediaDNAData = z.output<typeof VodAIMediaDNADataSchema>;
/** `AIVideoTagComplete.Data` (decoded). */
export type VodAIVideoTagData = z.output<typeof VodAIVideoTagDataSchema>;
/** `MediaBaseChangeComplete.MediaContent` (decoded; members are still `{OldValue, NewValue}` objects or JSON text). */
export type VodMediaContent = z.output<typeof VodMediaContentSchema>;

/** Maps each known `EventType` to its event type. */
export interface VodEventMap {
  /** FileUploadComplete */
  FileUploadComplete: FileUploadCompleteEvent;
  /** ImageUploadComplete */
  ImageUploadComplete: ImageUploadCompleteEvent;
  /** StreamTranscodeComplete */
  StreamTranscodeComplete: StreamTranscodeCompleteEvent;
  /** TranscodeComplete */
  TranscodeComplete: TranscodeCompleteEvent;
  /** SnapshotComplete */
  SnapshotComplete: SnapshotCompleteEvent;
  /** DynamicImageComplete */
  DynamicImageComplete: DynamicImageCompleteEvent;
  /** AddLiveRecordVideoComplete */
  AddLiveRecordVideoComplete: AddLiveRecordVideoCompleteEvent;
  /** LiveRecordVideoComposeStart */
  LiveRecordVideoComposeStart: LiveRecordVideoComposeStartEvent;
  /** UploadByURLComplete */
  UploadByURLComplete: UploadByURLCompleteEvent;
  /** CreateAuditComplete */
  CreateAuditComplete: CreateAuditCompleteEvent;
  /** AIMediaAuditComplete */
  AIMediaAuditComplete: AIMediaAuditCompleteEvent;
  /** VideoAnalysisComplete */
  VideoAnalysisComplete: VideoAnalysisCompleteEvent;
  /** UpdateMediaStorageClassComplete */
  UpdateMediaStorageClassComplete: UpdateMediaStorageClassCompleteEvent;
  /** RestoreMediaComplete */
  RestoreMediaComplete: RestoreMediaCompleteEvent;
  /** AIMediaDNAComplete */
  AIMediaDNAComplete: AIMediaDNACompleteEvent;
  /** AIVideoTagComplete */
  AIVideoTagComplete: AIVideoTagCompleteEvent;
  /** AttachedMediaUploadComplete */
  AttachedMediaUploadComplete: AttachedMediaUploadCompleteEvent;
  /** ProduceMediaComplete */
  ProduceMediaComplete: ProduceMediaCompleteEvent;
  /** DeleteMediaComplete */
  DeleteMediaComplete: DeleteMediaCompleteEvent;
  /** MediaBaseChangeComplete */
  MediaBaseChangeComplete: MediaBaseChangeCompleteEvent;
  /** SubmitMediaRefreshComplete */
  SubmitMediaRefreshComplete: SubmitMediaRefreshCompleteEvent;
  /** WorkflowTaskComplete */
  WorkflowTaskComplete: WorkflowTaskCompleteEvent;
}

/** Any of the 22 documented events (narrow with `switch (e.EventType)`). */
export type KnownVodEvent = VodEventMap[VodEventType];

/** The event type for one known `EventType` name. */
export type VodEventOf<T extends VodEventType> = VodEventMap[T];

/**
 * An event whose `EventType` is not one of the 22 documented names. Not an error: VOD adds event types over time.
 * Every wire field is kept. Tell it apart from known events with `isKnownVodEvent()`.
 */
export interface UnknownVodEvent {
  /** The `EventType` as sent. */
  readonly EventType: string;
  /** Every other wire field, verbatim. */
  readonly [field: string]: unknown;
}

/**
 * A parsed VOD event notification: the flat wire object (field names as sent, trailing spaces trimmed from keys,
 * values verbatim). Use the accessors (`vodEventTime`, `vodEventStatus`, `vodEventMediaId`, `vodFileUrl`, …) for
 * normalised views.
 */
export type VodEvent = KnownVodEvent | UnknownVodEvent;
