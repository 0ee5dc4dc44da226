import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { fromIoredis, type RedisScriptClient } from '../src/index.js';

/** A connected client of either library, as the store takes it, plus what the tests need besides. */
export interface TestClient {
  readonly kind: 'node-redis' | 'ioredis';
  readonly script: RedisScriptClient;
  /** A raw command (for inspecting and rigging the server: PTTL, SET, SCRIPT FLUSH …). */
  command(...args: string[]): Promise<unknown>;
  /** Connection errors seen (a client must have an error listener, or a dropped connection crashes the process). */
  readonly errors: unknown[];
  close(): Promise<void>;
}

export async function connect(kind: TestClient['kind'], url: string): Promise<TestClient> {
  const errors: unknown[] = [];
  if (kind === 'node-redis') {
    const client = createClient({ url, socket: { reconnectStrategy: () => 50, connectTimeout: 2000 } });
    client.on('error', (e: unknown) => errors.push(e));
    await client.connect();
    return {
      kind,
      script: client,
      command: (...args) => client.sendCommand(args),
      errors,
      close: async () => {
        client.destroy();
      },
    };
  }
  const client = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 50, lazyConnect: true });
  client.on('error', (e: unknown) => errors.push(e));
  await client.connect();
  return {
    kind,
    script: fromIoredis(client),
    command: (name, ...args) => client.call(name as string, ...args),
    errors,
    close: async () => {
      client.disconnect();
    },
  };
}
