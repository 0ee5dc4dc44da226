// @vodmns/mns-transport — the MNS queue client. Sub-entries: ./signing (pure signing), ./codec (XML).

// --- client ---
export { MnsClient } from './client/mns-client.js';
export { type TraceMnsClientOptions, traceMnsClient } from './telemetry/trace-mns-client.js';
export {
  createRegionalClients,
  type RegionalClients,
  type RegionalClientsOptions,
} from './client/regional-clients.js';
export {
  DEFAULT_MNS_CLIENT_OPTIONS,
  type MnsClientOptions,
  type ResolvedMnsClientOptions,
  resolveMnsClientOptions,
  type SignatureVersion,
} from './client/client-options.js';
export {
  MNS_DIAGNOSTICS_CHANNELS,
  type MnsRequestEvent,
  type MnsResponseEvent,
  type MnsRetryEvent,
} from './client/diagnostics.js';
export { decodeMessageBody, encodeMessageBody } from './client/message-body.js';
export { MNS_API_VERSION, XML_CONTENT_TYPE } from './client/request-signer.js';
export type { Dispatcher } from './http/undici-http.js';

// --- credentials ---
export {
  type CredentialProvider,
  isCredentialProvider,
  type MnsCredentials,
} from './credentials/mns-credentials.js';
export { staticCredentials } from './credentials/static-credentials.js';
export { envCredentials } from './credentials/env-credentials.js';
export {
  type RefreshingCredentialsOptions,
  refreshingCredentials,
} from './credentials/refreshing-credentials.js';
export {
  type AlibabaCloudCredentialsClient,
  fromAlibabaCloudCredentials,
} from './credentials/alibaba-cloud-credentials.js';

// --- operation types ---
export type {
  BatchDeleteFailure,
  BatchDeleteMessageInput,
  BatchDeleteMessageOutput,
  BatchPeekMessageInput,
  BatchPeekMessageOutput,
  BatchReceiveMessageInput,
  BatchReceiveMessageOutput,
  BatchSendEntry,
  BatchSendFailure,
  BatchSendMessageInput,
  BatchSendMessageOutput,
  BatchSendResult,
  CallOptions,
  ChangeMessageVisibilityInput,
  ChangeMessageVisibilityOutput,
  CreateQueueInput,
  CreateQueueOutput,
  DeleteMessageInput,
  DeleteQueueInput,
  GetQueueAttributesInput,
  GetQueueAttributesOutput,
  ListQueuesInput,
  ListQueuesOutput,
  PeekedMessage,
  PeekMessageInput,
  PeekMessageOutput,
  QueueAttributes,
  QueueAttributesInput,
  QueueSummary,
  ReceiveBodyEncoding,
  ReceivedMessage,
  ReceiveMessageInput,
  ReceiveMessageOutput,
  SendBodyEncoding,
  SendMessageInput,
  SendMessageOutput,
  SetQueueAttributesInput,
} from './model/operation-types.js';
