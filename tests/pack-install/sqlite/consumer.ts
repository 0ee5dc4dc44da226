// TypeScript (module nodenext) consumer of the packed @vodmns/sqlite: the store is an rx IdempotencyStore.
import type { IdempotencyStore } from '@vodmns/rx';
import { SqliteIdempotencyStore, type SqliteIdempotencyStoreOptions } from '@vodmns/sqlite';

const options: SqliteIdempotencyStoreOptions = { path: '/tmp/idempotency.db', busyTimeoutMs: 2000 };
export function store(): IdempotencyStore {
  return new SqliteIdempotencyStore(options);
}
