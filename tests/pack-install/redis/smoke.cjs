// CommonJS consumer of the packed @vodmns/redis (require(esm), Node >= 20.19).
const { RedisIdempotencyStore, fromIoredis } = require('@vodmns/redis');
const { startRedisServer } = require('@vodmns/redis/testing');

try {
  new RedisIdempotencyStore({ client: {} });
  console.error('a bad client was accepted');
  process.exit(1);
} catch (error) {
  if (
    error.code !== 'ERR_MNS_INVALID_ARGUMENT' ||
    typeof fromIoredis !== 'function' ||
    typeof startRedisServer !== 'function'
  ) {
    console.error(`@vodmns/redis via require() is not usable: ${error}`);
    process.exit(1);
  }
}
console.log('redis cjs ok');
