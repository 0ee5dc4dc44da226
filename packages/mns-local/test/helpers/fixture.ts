import { ManualClock } from '@vodmns/core/testing';
import { type MnsLocalOptions, type MnsLocalServer, startMnsLocal } from '../../src/index.js';
import { createTestClient, type Mode, type TestClient, type TestResponse, text, xml } from './test-client.js';

/** 2026-01-01T00:00:00Z: a fixed start for the manual clock. */
export const T0 = Date.UTC(2026, 0, 1);

export interface Fixture extends AsyncDisposable {
  readonly server: MnsLocalServer<ManualClock>;
  readonly client: TestClient;
  readonly clock: ManualClock;
  createQueue(name: string, body?: string): Promise<TestResponse>;
  send(queue: string, body: string, extra?: string): Promise<TestResponse>;
  receive(queue: string, query?: string): Promise<TestResponse>;
  /** Receives one message and returns its handle (fails the test otherwise). */
  receiveHandle(queue: string): Promise<string>;
  get(path: string, headers?: Record<string, string>): Promise<TestResponse>;
  del(path: string, body?: string): Promise<TestResponse>;
  put(path: string, body?: string): Promise<TestResponse>;
}

/** A fresh server on 127.0.0.1:0 with a manual clock plus a signed test client. */
export async function openFixture(mode: Mode, options: MnsLocalOptions = {}): Promise<Fixture> {
  const server = await startMnsLocal({ ...options, clock: new ManualClock(T0) });
  const client = createTestClient(server, mode);
  const f: Fixture = {
    server,
    client,
    clock: server.clock,
    createQueue: (name, body) =>
      client.request({
        method: 'PUT',
        path: `/queues/${name}`,
        body: body ?? '<Queue xmlns="http://mns.aliyuncs.com/doc/v1/"></Queue>',
      }),
    send: (queue, body, extra) =>
      client.request({
        method: 'POST',
        path: `/queues/${queue}/messages`,
        body: `<?xml version="1.0" encoding="UTF-8"?><Message xmlns="http://mns.aliyuncs.com/doc/v1/"><MessageBody>${body}</MessageBody>${extra ?? ''}</Message>`,
      }),
    receive: (queue, query = '') =>
      client.request({ method: 'GET', path: `/queues/${queue}/messages${query}` }),
    async receiveHandle(queue) {
      const r = await f.receive(queue);
      if (r.status !== 200) throw new Error(`receive failed: ${r.status} ${r.body}`);
      return text(xml(r.body).node, 'ReceiptHandle')!;
    },
    get: (path, headers) => client.request({ method: 'GET', path, ...(headers ? { headers } : {}) }),
    del: (path, body) => client.request({ method: 'DELETE', path, ...(body === undefined ? {} : { body }) }),
    put: (path, body) => client.request({ method: 'PUT', path, ...(body === undefined ? {} : { body }) }),
    async [Symbol.asyncDispose]() {
      client.close();
      await server.close();
    },
  };
  return f;
}
