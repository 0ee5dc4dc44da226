/** Keys and arguments of one script call, in node-redis's shape. */
export interface ScriptCall {
  readonly keys: string[];
  readonly arguments: string[];
}

/**
 * The three Redis commands the store sends: `GET`, `EVALSHA` and `EVAL` (the latter only when the server does not
 * know the script yet: after a restart or a `SCRIPT FLUSH`). A node-redis v5+ client (`createClient()` or
 * `createCluster()`) already has this shape and is passed as it is; an ioredis client goes through
 * {@link fromIoredis}.
 */
export interface RedisScriptClient {
  get(key: string): Promise<unknown>;
  evalSha(sha1: string, call: ScriptCall): Promise<unknown>;
  eval(script: string, call: ScriptCall): Promise<unknown>;
}

/** What {@link fromIoredis} needs of an ioredis `Redis` or `Cluster` client (v5+). */
export interface IoredisLike {
  get(key: string): Promise<string | null>;
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

/** Adapts an ioredis client (positional `numKeys, ...keys, ...args`) to {@link RedisScriptClient}. */
export function fromIoredis(client: IoredisLike): RedisScriptClient {
  return {
    get: (key) => client.get(key),
    evalSha: (sha1, call) => client.evalsha(sha1, call.keys.length, ...call.keys, ...call.arguments),
    eval: (script, call) => client.eval(script, call.keys.length, ...call.keys, ...call.arguments),
  };
}
