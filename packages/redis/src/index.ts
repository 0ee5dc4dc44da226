export { CLAIM_SCRIPT, COMMIT_SCRIPT, type LuaScript, RELEASE_SCRIPT } from './lua-scripts.js';
export {
  RedisIdempotencyStore,
  type RedisIdempotencyStoreOptions,
  type RedisIdempotencyStoreStats,
} from './redis-idempotency-store.js';
export {
  fromIoredis,
  type IoredisLike,
  type RedisScriptClient,
  type ScriptCall,
} from './redis-script-client.js';
