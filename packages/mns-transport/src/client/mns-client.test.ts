import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { MnsConfigError, MnsNetworkError } from '@vodmns/core';
import { Agent, type Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { MnsClient } from './mns-client.js';

// Unit level: no HTTP peer. Requests go to a port nothing listens on (connection refused), which is enough to
// see which dispatcher carries them and that invalid input never reaches one. Loopback behaviour is covered by
// tests/integration/test/transport-*.test.ts against @vodmns/mns-local.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const credentials = { accessKeyId: 'unit-id', accessKeySecret: 'unit-secret-value' };

describe('MnsClient (unit)', () => {
  it('sends through a caller-provided dispatcher and does not close it', async () => {
    const agent = new Agent();
    let calls = 0;
    const counting = Object.assign(Object.create(agent) as Dispatcher, {
      dispatch: ((opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
        calls++;
        return agent.dispatch(opts, handler);
      }) as Dispatcher['dispatch'],
    });
    const client = new MnsClient({
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      credentials,
      dispatcher: counting,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, throttlingBaseDelayMs: 1 },
    });
    const e = await client.getQueueAttributes({ queueName: 'q' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MnsNetworkError);
    expect(e).toMatchObject({
      code: 'ERR_MNS_NETWORK',
      neverSent: true,
      attempts: 2,
      operation: 'GET /queues/q',
    });
    expect(calls).toBe(2);
    await client.close();
    expect(agent.closed).toBe(false);
    await agent.close();
  });

  it('rejects invalid input before any request', async () => {
    let calls = 0;
    const agent = new Agent();
    const counting = Object.assign(Object.create(agent) as Dispatcher, {
      dispatch: ((opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
        calls++;
        return agent.dispatch(opts, handler);
      }) as Dispatcher['dispatch'],
    });
    await using client = new MnsClient({ endpoint: 'http://127.0.0.1:1', credentials, dispatcher: counting });
    const bad: Array<() => Promise<unknown>> = [
      () => client.sendMessage({ queueName: 'q', messageBody: 'x', priority: 1.5 }),
      () => client.batchReceiveMessage({ queueName: 'q', numOfMessages: 1, waitSeconds: -1 }),
      () =>
        client.changeMessageVisibility({ queueName: 'q', receiptHandle: 'h h', visibilityTimeoutSeconds: 5 }),
      () => client.listQueues({ prefix: 'bad prefix' }),
      () =>
        client.createQueue({ queueName: 'q', attributes: { loggingEnabled: 'yes' as unknown as boolean } }),
      () => client.deleteQueue(null as unknown as { queueName: string }),
    ];
    for (const call of bad) {
      const e = await call().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(MnsConfigError);
      expect(e).toMatchObject({ code: 'ERR_MNS_INVALID_ARGUMENT', retryable: false });
    }
    expect(calls).toBe(0);
    await agent.close();
  });

  it('describes itself without secrets and refuses calls once closed', async () => {
    const client = new MnsClient({
      endpoint: 'http://127.0.0.1:1',
      credentials: { ...credentials, securityToken: 'unit-token-value' },
    });
    for (const text of [inspect(client, { depth: 5, showHidden: true }), JSON.stringify(client)]) {
      expect(text).toContain('http://127.0.0.1:1');
      expect(text).not.toContain('unit-secret-value');
      expect(text).not.toContain('unit-token-value');
    }
    await client.close();
    await client.close();
    await expect(client.listQueues()).rejects.toMatchObject({ code: 'ERR_MNS_NETWORK', neverSent: true });
  });
});
