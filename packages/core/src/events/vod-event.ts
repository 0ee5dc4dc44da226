import type * as z from 'zod';
import type {
  VOD_EVENT_SCHEMAS,
  VodAIMediaAuditDataSchema,
  VodAIMediaDNADataSchema,
  VodAIVideoTagDataSchema,
  VodDynamicImageJobInfoSchema,
  VodEventType,
  VodMediaContentSchema,
  VodSnapshotInfoSchema,
  VodStreamInfoSchema,
} from './vod-event-schemas.js';

/** Maps each known `EventType` to its event type: derived from `VOD_EVENT_SCHEMAS`, the one list of the 22 types. */
export type VodEventMap = { [K in VodEventType]: z.output<(typeof VOD_EVENT_SCHEMAS)[K]> };

/** Any of the 22 documented events (narrow with `switch (e.EventType)`). */
export type KnownVodEvent = VodEventMap[VodEventType];

/** The event type for one known `EventType` name. */
export type VodEventOf<T extends VodEventType> = VodEventMap[T];

// Named aliases of the 22 event types (each checked against VOD_EVENT_SCHEMAS: a wrong name does not compile).
/** `FileUploadComplete`: VOD received an uploaded audio/video file (docs/vod-events.md §6.1). Wire field names, values verbatim. */
export type FileUploadCompleteEvent = VodEventOf<'FileUploadComplete'>;
/** `ImageUploadComplete`: An image upload finished (docs/vod-events.md §6.2). Wire field names, values verbatim. */
export type ImageUploadCompleteEvent = VodEventOf<'ImageUploadComplete'>;
/** `StreamTranscodeComplete`: One stream (definition × format) finished transcoding (docs/vod-events.md §6.3). Wire field names, values verbatim. */
export type StreamTranscodeCompleteEvent = VodEventOf<'StreamTranscodeComplete'>;
/** `TranscodeComplete`: All streams of a video finished; `success` once one stream succeeded (docs/vod-events.md §6.4). Wire field names, values verbatim. */
export type TranscodeCompleteEvent = VodEventOf<'TranscodeComplete'>;
/** `SnapshotComplete`: Snapshots of a video finished (docs/vod-events.md §6.5). Wire field names, values verbatim. */
export type SnapshotCompleteEvent = VodEventOf<'SnapshotComplete'>;
/** `DynamicImageComplete`: An animated-image job finished (docs/vod-events.md §6.6). Wire field names, values verbatim. */
export type DynamicImageCompleteEvent = VodEventOf<'DynamicImageComplete'>;
/** `AddLiveRecordVideoComplete`: Live-to-VOD recording produced a VOD file (docs/vod-events.md §6.7). Wire field names, values verbatim. */
export type AddLiveRecordVideoCompleteEvent = VodEventOf<'AddLiveRecordVideoComplete'>;
/** `LiveRecordVideoComposeStart`: Live-to-VOD composition started (docs/vod-events.md §6.8). Wire field names, values verbatim. */
export type LiveRecordVideoComposeStartEvent = VodEventOf<'LiveRecordVideoComposeStart'>;
/** `UploadByURLComplete`: A URL pull (media or transcoded stream) finished (docs/vod-events.md §6.9). Wire field names, values verbatim. */
export type UploadByURLCompleteEvent = VodEventOf<'UploadByURLComplete'>;
/** `CreateAuditComplete`: A manual review result was recorded (docs/vod-events.md §6.10). Wire field names, values verbatim. */
export type CreateAuditCompleteEvent = VodEventOf<'CreateAuditComplete'>;
/** `AIMediaAuditComplete`: An automated review job finished (docs/vod-events.md §6.11). Wire field names, values verbatim. */
export type AIMediaAuditCompleteEvent = VodEventOf<'AIMediaAuditComplete'>;
/** `VideoAnalysisComplete`: The uploaded source file was analysed (docs/vod-events.md §6.12). Wire field names, values verbatim. */
export type VideoAnalysisCompleteEvent = VodEventOf<'VideoAnalysisComplete'>;
/** `UpdateMediaStorageClassComplete`: A storage-class change finished (docs/vod-events.md §6.13). Wire field names, values verbatim. */
export type UpdateMediaStorageClassCompleteEvent = VodEventOf<'UpdateMediaStorageClassComplete'>;
/** `RestoreMediaComplete`: Restoring an archived asset finished (docs/vod-events.md §6.14). Wire field names, values verbatim. */
export type RestoreMediaCompleteEvent = VodEventOf<'RestoreMediaComplete'>;
/** `AIMediaDNAComplete`: A media fingerprint job finished (docs/vod-events.md §6.15). Wire field names, values verbatim. */
export type AIMediaDNACompleteEvent = VodEventOf<'AIMediaDNAComplete'>;
/** `AIVideoTagComplete`: A smart-tagging job finished (docs/vod-events.md §6.16). Wire field names, values verbatim. */
export type AIVideoTagCompleteEvent = VodEventOf<'AIVideoTagComplete'>;
/** `AttachedMediaUploadComplete`: An auxiliary media file finished uploading (docs/vod-events.md §6.17). Wire field names, values verbatim. */
export type AttachedMediaUploadCompleteEvent = VodEventOf<'AttachedMediaUploadComplete'>;
/** `ProduceMediaComplete`: Media composition (editing) finished (docs/vod-events.md §6.18). Wire field names, values verbatim. */
export type ProduceMediaCompleteEvent = VodEventOf<'ProduceMediaComplete'>;
/** `DeleteMediaComplete`: A media deletion finished (docs/vod-events.md §6.19). Wire field names, values verbatim. */
export type DeleteMediaCompleteEvent = VodEventOf<'DeleteMediaComplete'>;
/** `MediaBaseChangeComplete`: Basic media information changed (docs/vod-events.md §6.20). Wire field names, values verbatim. */
export type MediaBaseChangeCompleteEvent = VodEventOf<'MediaBaseChangeComplete'>;
/** `SubmitMediaRefreshComplete`: CDN refresh/prefetch requests were submitted (docs/vod-events.md §6.21). Wire field names, values verbatim. */
export type SubmitMediaRefreshCompleteEvent = VodEventOf<'SubmitMediaRefreshComplete'>;
/** `WorkflowTaskComplete`: All tasks of a workflow finished (docs/vod-events.md §6.22). Wire field names, values verbatim. */
export type WorkflowTaskCompleteEvent = VodEventOf<'WorkflowTaskComplete'>;

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
