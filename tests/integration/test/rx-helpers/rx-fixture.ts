import { createVodEvent } from '@vodmns/core/testing';
import { type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';
import { MnsClient } from '@vodmns/mns-transport';

/** A fresh mns-local on 127.0.0.1:0 plus a producer and a consumer client; `await using` releases them. */
export interface RxFixture extends AsyncDisposable {
  readonly server: MnsLocalServer;
  /** Client used by the consumer under test. */
  readonly client: MnsClient;
  /** Separate client for producing and inspecting. */
  readonly producer: MnsClient;
  /** Sends bodies in batches of 16. */
  sendBodies(queueName: string, bodies: readonly string[]): Promise<void>;
  /** Messages in a queue: active + inactive + delayed. */
  queueTotal(queueName: string): number;
}

export async function startRxFixture(): Promise<RxFixture> {
  const server = await startMnsLocal({ port: 0, host: '127.0.0.1' });
  const make = (): MnsClient =>
    new MnsClient({
      endpoint: server.endpoint,
      region: server.region,
      credentials: { accessKeyId: server.accessKeyId, accessKeySecret: server.accessKeySecret },
      retry: { baseDelayMs: 1, maxDelayMs: 20, throttlingBaseDelayMs: 1 },
    });
  const client = make();
  const producer = make();
  return {
    server,
    client,
    producer,
    async sendBodies(queueName, bodies) {
      for (let i = 0; i < bodies.length; i += 16) {
        const entries = bodies.slice(i, i + 16).map((messageBody) => ({ messageBody }));
        const out = await producer.batchSendMessage({ queueName, entries });
        if (out.failed.length > 0) throw new Error(`batchSendMessage failed: ${JSON.stringify(out.failed)}`);
      }
    },
    queueTotal(queueName) {
      const q = server.admin.queues().find((x) => x.name === queueName);
      if (!q) throw new Error(`no queue ${queueName}`);
      return q.activeMessages + q.inactiveMessages + q.delayMessages;
    },
    async [Symbol.asyncDispose]() {
      await client.close();
      await producer.close();
      await server.close();
    },
  };
}

/** A distinct, schema-valid VOD event body for index `i` (VideoId = 32 hex of i). */
export function vodBody(i: number): string {
  const VideoId = i.toString(16).padStart(32, '0');
  return JSON.stringify(
    createVodEvent(
      'FileUploadComplete',
      { VideoId },
      { seed: i + 1, now: new Date(1_735_689_600_000 + i * 1000) },
    ),
  );
}

/** Polls `predicate` every 10 ms until it holds; throws after `timeoutMs` naming `what`. */
export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
