// @vodmns/core: the only barrel. Keep one export block per area; add lines only inside your area's block.

// --- errors ---
export {
  formatMnsErrorMessage,
  isMnsError,
  MnsAbortError,
  MnsConfigError,
  MnsDecodeError,
  MnsError,
  type MnsErrorOptions,
  type MnsFault,
  MnsNetworkError,
  MnsServiceError,
  MnsTimeoutError,
} from './errors/mns-error.js';
export { type MnsErrorCode, MnsErrorCodes } from './errors/error-codes.js';

// --- result ---
export { err, ok, type Result } from './result.js';

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
  findVodStorageRegion,
  type RoutingConfidence,
  VOD_STORAGE_REGIONS,
  type VodStorageRegion,
} from './routing/vod-storage-regions.js';

// --- events ---
