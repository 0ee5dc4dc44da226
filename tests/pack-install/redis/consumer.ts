// TypeScript (module nodenext) consumer of the packed @vodmns/redis: the store is an rx IdempotencyStore.
import { fromIoredis, type IoredisLike, RedisIdempotencyStore, type RedisScriptClient } from '@vodmns/redis';
import type { IdempotencyStore } from '@vodmns/rx';

export function storeFor(client: RedisScriptClient): IdempotencyStore {
  return new RedisIdempotencyStore({ client, keyPrefix: 'app', commandTimeoutMs: 1000 });
}
export function storeForIoredis(client: IoredisLike): IdempotencyStore {
  return storeFor(fromIoredis(client));
}
