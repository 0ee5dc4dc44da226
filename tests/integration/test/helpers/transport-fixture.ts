import { type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';
import { MnsClient, type MnsClientOptions } from '@vodmns/mns-transport';

/** A fresh local MNS server on 127.0.0.1:0 and a client for it; `await using` releases both. */
export interface TransportFixture extends AsyncDisposable {
  readonly server: MnsLocalServer;
  readonly client: MnsClient;
  /** Another client on the same server with extra options. */
  clientWith(options: Partial<MnsClientOptions>): MnsClient;
}

export async function startTransportFixture(
  clientOptions: Partial<MnsClientOptions> = {},
  serverOptions: Parameters<typeof startMnsLocal>[0] = {},
): Promise<TransportFixture> {
  const server = await startMnsLocal({ port: 0, host: '127.0.0.1', ...serverOptions });
  const clients: MnsClient[] = [];
  const clientWith = (options: Partial<MnsClientOptions>): MnsClient => {
    const c = new MnsClient({
      endpoint: server.endpoint,
      region: server.region,
      credentials: { accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret },
      retry: { baseDelayMs: 1, maxDelayMs: 20, throttlingBaseDelayMs: 1 },
      ...options,
    });
    clients.push(c);
    return c;
  };
  const client = clientWith(clientOptions);
  return {
    server,
    client,
    clientWith,
    async [Symbol.asyncDispose]() {
      await Promise.all(clients.map((c) => c.close()));
      await server.close();
    },
  };
}
