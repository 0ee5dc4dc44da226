export {
  assertRedisServerInstalled,
  type RedisServerOptions,
  type RedisServerProcess,
  startRedisServer,
} from './redis-server.js';
