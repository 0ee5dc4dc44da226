// @vodmns/mns-local — an MNS-compatible local server. The only barrel.

// --- server ---
export {
  type MnsLocalAdmin,
  type MnsLocalServer,
  type MnsLocalStats,
  startMnsLocal,
} from './server/start-mns-local.js';
export type { MnsLocalRequest, MnsLocalResponse } from './server/mns-local-request.js';
export { MNS_OPERATIONS, type MnsOperation } from './server/mns-operation.js';
export type {
  FaultInjector,
  FaultMatch,
  FaultRule,
  InjectedFault,
  MnsLocalFault,
} from './server/fault-injector.js';

// --- options ---
export {
  type AccessLogEntry,
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_MNS_LOCAL_OPTIONS,
  DEFAULT_REGION,
  type MnsLocalOptions,
  type ResolvedMnsLocalOptions,
  resolveMnsLocalOptions,
} from './options/mns-local-options.js';
export type { MnsLocalCredential } from './auth/authenticate-request.js';

// --- clock (core's; a ManualClock for tests is in @vodmns/core/testing) ---
export { type Clock, type ClockTimer, systemClock } from '@vodmns/core';

// --- durability ---
export {
  DATA_DIR_LOCK_FILE,
  DATA_DIR_LOCKED,
  DataDirLockedError,
} from './engine/data-dir-lock.js';

// --- queue model ---
export { MNS_LOCAL_SQLITE_MISSING } from './engine/load-sqlite-persistence.js';
export { DEFAULT_QUEUE_ATTRIBUTES, type QueueAttributes } from './engine/queue-attributes.js';
export {
  type MnsLocalQueueSpec,
  parseMnsLocalConfig,
  parseQueueSpec,
} from './options/queue-spec.js';
export type { MessageSnapshot, SendResult } from './engine/queue-engine.js';
export type { MessageView, QueueAttributesView } from './protocol/response-xml.js';
export {
  MNS_ERROR_TABLE,
  type MnsLocalErrorCode,
  MnsServiceFailure,
} from './protocol/mns-service-error.js';

// --- cli ---
export { DEFAULT_CLI_PORT, type MnsLocalCliIo, runMnsLocalCli } from './cli/run-mns-local-cli.js';
