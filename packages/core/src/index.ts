// @vodmns/core: the runtime barrel (test factories are in ./testing/index.ts, the `@vodmns/core/testing` entry).
// Keep one export block per area; add lines only inside your area's block.

// --- errors ---
export {
  capErrorDetail,
  formatMnsErrorMessage,
  isMnsError,
  MAX_ERROR_DETAIL_CHARS,
  MnsAbortError,
  type MnsClassErrorOptions,
  MnsConfigError,
  type MnsConfigErrorCode,
  MnsDecodeError,
  type MnsDecodeErrorCode,
  MnsError,
  type MnsErrorOptions,
  type MnsFault,
  MnsNetworkError,
  MnsServiceError,
  MnsTimeoutError,
} from './errors/mns-error.js';
export { type MnsErrorCode, MnsErrorCodes } from './errors/error-codes.js';
export {
  describeValue,
  type InvalidArgumentOptions,
  integerRangeText,
  invalidArgument,
} from './errors/invalid-argument.js';

// --- MNS limits ---
export {
  isInMnsRange,
  isMnsQueueName,
  MNS_LIMITS,
  MNS_QUEUE_NAME_PATTERN,
  MNS_QUEUE_NAME_RULE,
  type MnsRange,
  type MnsRangeWithDefault,
} from './mns/mns-limits.js';

// --- time ---
export { type Clock, type ClockTimer, systemClock } from './time/clock.js';
export { sleep } from './time/sleep.js';

// --- result ---
export { err, ok, type Result } from './result.js';

// --- secrets ---
export {
  MIN_REDACTED_SECRET_LENGTH,
  maskAccessKeyId,
  maskSecret,
  redactSecrets,
  SECRET_MASK,
  SECRET_NOT_SET,
} from './secrets/mask-secret.js';

// --- ports ---
export type {
  BatchDeleteFailure,
  BatchDeleteMessageInput,
  BatchDeleteMessageOutput,
  BatchReceiveMessageInput,
  ChangeMessageVisibilityInput,
  ChangeMessageVisibilityOutput,
  PortCallOptions,
  QueueAcknowledger,
  QueuePort,
  QueueReceiver,
  QueueSender,
  ReceivedMessage,
  SendMessageInput,
  SendMessageOutput,
} from './ports/queue-port.js';

// --- retry (client) ---
export { type BackoffOptions, backoffDelayMs, DEFAULT_BACKOFF_OPTIONS } from './retry/backoff.js';
export {
  type ClassifiableError,
  classifyMnsError,
  type ErrorCategory,
  type ErrorClassification,
} from './retry/classify-error.js';
export { type ShouldRetryInput, shouldRetry } from './retry/should-retry.js';

// --- retry (VOD delivery policy, consumer redelivery) ---
export {
  DEFAULT_RETRY_OPTIONS,
  type RetryOptions,
  type RetryOptionsInput,
  resolveRetryOptions,
  retryBackoffOptions,
} from './retry/retry-options.js';
export {
  resolveVodDeliveryPolicy,
  VOD_DELIVERY_POLICY,
  type VodDeliveryPolicy,
  type VodDeliveryPolicyInput,
} from './retry/vod-delivery-policy.js';
export {
  type AttemptRecord,
  type DeliverOptions,
  type DeliveryAttemptContext,
  type DeliveryResult,
  type DeliverySend,
  deliver,
} from './retry/deliver.js';
export {
  DEFAULT_REDELIVERY_POLICY,
  type RedeliveryJitter,
  type RedeliveryPolicy,
  type RedeliveryPolicyInput,
  resolveRedeliveryPolicy,
} from './retry/redelivery-policy.js';
export {
  type DeadLetterReason,
  decideRedelivery,
  type RedeliveryDecision,
  type RedeliveryInput,
} from './retry/redelivery-decision.js';

// --- diagnostics ---
export {
  type DebugEnvironment,
  isDebugEnabled,
  VODMNS_DEBUG_NAMESPACES,
} from './diagnostics/is-debug-enabled.js';

// --- routing ---
export {
  type AliyunMnsEndpoint,
  type CustomMnsEndpoint,
  type MnsNetwork,
  type MnsProtocol,
  type ParsedMnsEndpoint,
  parseMnsEndpoint,
} from './routing/parse-mns-endpoint.js';
export { type BuildMnsEndpointInput, buildMnsEndpoint } from './routing/build-mns-endpoint.js';
export { findMnsRegion, MNS_REGIONS, type MnsRegion, REGION_ID_PATTERN } from './routing/mns-regions.js';
export { type QueueRegionRecommendation, recommendQueueRegion } from './routing/recommend-queue-region.js';
export {
  DEFAULT_REGIONAL_QUEUE_PREFIX,
  type PlanRegionalQueuesInput,
  planRegionalQueues,
  type RegionalQueue,
} from './routing/plan-regional-queues.js';
export {
  findVodStorageRegion,
  type RoutingConfidence,
  VOD_STORAGE_REGIONS,
  type VodStorageRegion,
} from './routing/vod-storage-regions.js';
export {
  type CallbackConfig,
  DEFAULT_VOD_APP_ID,
  MAX_AUTH_KEY_LENGTH,
  MAX_CALLBACK_URL_BYTES,
} from './routing/callback-config.js';
export {
  CALLBACK_FINDINGS,
  type CallbackFinding,
  type CallbackFindingCode,
  type CallbackFindingSeverity,
  type CallbackFindingSpec,
} from './routing/callback-finding.js';
export { checkCallbackConfig } from './routing/check-callback-config.js';
export {
  buildSetMessageCallbackParams,
  type HttpSetMessageCallbackInput,
  type MnsSetMessageCallbackInput,
  type SetMessageCallbackInput,
  type SetMessageCallbackParams,
} from './routing/build-set-message-callback-params.js';
export { VodCallbackConfigError } from './routing/vod-callback-config-error.js';
export { type SignVodHttpCallbackInput, signVodHttpCallback } from './routing/sign-vod-http-callback.js';
export {
  type VerifyVodHttpCallbackInput,
  type VodHttpCallbackVerification,
  verifyVodHttpCallback,
} from './routing/verify-vod-http-callback.js';
export { callbackConfigFromVodParams } from './routing/callback-config-from-vod-params.js';

// --- events ---  (test factories and scenarios: @vodmns/core/testing)
export { isKnownVodEvent, isVodEvent, isVodEventType } from './events/is-vod-event.js';
export {
  DEFAULT_PARSE_VOD_EVENT_OPTIONS,
  type ParseVodEventOptions,
  parseVodEvent,
  resolveParseVodEventOptions,
} from './events/parse-vod-event.js';
export type {
  AddLiveRecordVideoCompleteEvent,
  AIMediaAuditCompleteEvent,
  AIMediaDNACompleteEvent,
  AIVideoTagCompleteEvent,
  AttachedMediaUploadCompleteEvent,
  CreateAuditCompleteEvent,
  DeleteMediaCompleteEvent,
  DynamicImageCompleteEvent,
  FileUploadCompleteEvent,
  ImageUploadCompleteEvent,
  KnownVodEvent,
  LiveRecordVideoComposeStartEvent,
  MediaBaseChangeCompleteEvent,
  ProduceMediaCompleteEvent,
  RestoreMediaCompleteEvent,
  SnapshotCompleteEvent,
  StreamTranscodeCompleteEvent,
  SubmitMediaRefreshCompleteEvent,
  TranscodeCompleteEvent,
  UnknownVodEvent,
  UpdateMediaStorageClassCompleteEvent,
  UploadByURLCompleteEvent,
  VideoAnalysisCompleteEvent,
  VodAIMediaAuditData,
  VodAIMediaDNAData,
  VodAIVideoTagData,
  VodDynamicImageJobInfo,
  VodEvent,
  VodEventMap,
  VodEventOf,
  VodMediaContent,
  VodSnapshotInfo,
  VodStreamInfo,
} from './events/vod-event.js';
export {
  normalizeVodStatus,
  type VodEventFailure,
  type VodExtend,
  type VodOutcome,
  vodCoverUrl,
  vodEventError,
  vodEventExtend,
  vodEventMediaId,
  vodEventStatus,
  vodEventTime,
  vodFileUrl,
  vodNumber,
  vodSnapshotUrls,
} from './events/vod-event-accessors.js';
export { decodeVodJsonField, VOD_TIMESTAMP_PATTERN } from './events/vod-event-fields.js';
export { vodEventFingerprint } from './events/vod-event-fingerprint.js';
export { storageRegionOfUrl, vodEventStorageRegion } from './events/vod-event-storage-region.js';
export {
  formatVodJsonSchema,
  generateVodEventJsonSchemas,
  type VodJsonSchema,
} from './events/vod-event-json-schemas.js';
export { formatVodEventPath } from './events/vod-event-issues.js';
export {
  isVodEventParseError,
  type VodEventErrorCode,
  VodEventErrorCodes,
  type VodEventIssue,
  VodEventParseError,
} from './events/vod-event-parse-error.js';
export {
  AddLiveRecordVideoCompleteEventSchema,
  AIMediaAuditCompleteEventSchema,
  AIMediaDNACompleteEventSchema,
  AIVideoTagCompleteEventSchema,
  AttachedMediaUploadCompleteEventSchema,
  CreateAuditCompleteEventSchema,
  DeleteMediaCompleteEventSchema,
  DynamicImageCompleteEventSchema,
  FileUploadCompleteEventSchema,
  ImageUploadCompleteEventSchema,
  KNOWN_VOD_EVENT_TYPES,
  KnownVodEventSchema,
  LiveRecordVideoComposeStartEventSchema,
  MediaBaseChangeCompleteEventSchema,
  ProduceMediaCompleteEventSchema,
  RestoreMediaCompleteEventSchema,
  SnapshotCompleteEventSchema,
  StreamTranscodeCompleteEventSchema,
  SubmitMediaRefreshCompleteEventSchema,
  TranscodeCompleteEventSchema,
  UnknownVodEventSchema,
  UpdateMediaStorageClassCompleteEventSchema,
  UploadByURLCompleteEventSchema,
  VideoAnalysisCompleteEventSchema,
  VOD_EVENT_SCHEMAS,
  VodAIMediaAuditDataSchema,
  VodAIMediaDNADataSchema,
  VodAIVideoTagDataSchema,
  VodActivityResultsSchema,
  VodDynamicImageJobInfoSchema,
  type VodEventType,
  VodFilterPolicySchema,
  VodMediaContentSchema,
  VodSnapshotInfoSchema,
  VodStreamInfoSchema,
  VodTaskInputSchema,
} from './events/vod-event-schemas.js';
export { formatVodTimestamp, parseVodTimestamp } from './events/vod-time.js';
// --- end events ---

// --- dead letter ---
export {
  createDeadLetterEnvelope,
  DEAD_LETTER_ERROR_MAX_LENGTH,
  type DeadLetterEnvelope,
  type DeadLetterSource,
  parseDeadLetterEnvelope,
} from './dead-letter/dead-letter-envelope.js';
