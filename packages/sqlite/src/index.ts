export {
  SqliteIdempotencyStore,
  type SqliteIdempotencyStoreOptions,
  type SqliteIdempotencyStoreStats,
} from './sqlite-idempotency-store.js';
