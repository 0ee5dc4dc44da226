// Security: everything the client produces when authentication fails — thrown errors (message, stack,
// util.inspect, JSON.stringify, cause chain), the client object itself when logged, diagnostics_channel payloads,
// the server's access log — must be free of the access key secret, the STS token and Authorization values.
// Also checks that failures carry the right code/status and are not retried.
import { inspect } from 'node:util';
import { isMnsError } from '@vodmns/core';
import { type MnsLocalServer, startMnsLocal } from '@vodmns/mns-local';
import { MNS_DIAGNOSTICS_CHANNELS, MnsClient, type MnsResponseEvent } from '@vodmns/mns-transport';
import { channel } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChaosCredentials, chaosCredentials } from '../../chaos/chaos-credentials.js';
import { FaultProxy } from '../../chaos/fault-proxy.js';
import { capturedLogPath } from '../../chaos/run-summary.js';
import { SecretScanner } from '../../chaos/secret-scanner.js';

const QUEUE = 'hygiene-q';
const scanner = new SecretScanner();
let server: MnsLocalServer;
let proxy: FaultProxy;
let creds: ChaosCredentials;
let sts: ChaosCredentials;
let wrong: ChaosCredentials;
const clients: MnsClient[] = [];

function client(options: ConstructorParameters<typeof MnsClient>[0]): MnsClient {
  const c = new MnsClient(options);
  clients.push(c);
  scanner.capture('util.inspect(client)', inspect(c, { depth: 6, showHidden: true }));
  scanner.capture('JSON.stringify(client)', JSON.stringify(c) ?? '');
  scanner.capture('String(client)', String(c));
  return c;
}

async function failure(name: string, call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    scanner.captureError(name, error);
    return error;
  }
  throw new Error(`${name}: expected a failure`);
}

beforeAll(async () => {
  scanner.subscribeChannels(Object.values(MNS_DIAGNOSTICS_CHANNELS));
  creds = chaosCredentials(scanner, 'hygiene');
  sts = chaosCredentials(scanner, 'hygiene-sts');
  sts = { ...sts, accessKeyId: `STS.${sts.accessKeyId}` };
  wrong = chaosCredentials(scanner, 'hygiene-wrong');
  server = await startMnsLocal({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    credentials: [
      {
        accessKeyId: sts.accessKeyId,
        accessKeySecret: sts.accessKeySecret,
        securityToken: sts.securityToken,
      },
    ],
    accessLog: (entry) => scanner.capture('mns-local access log', JSON.stringify(entry)),
  });
  server.admin.createQueue(QUEUE);
  // every request goes through the proxy only to record the Authorization values that went over the wire
  proxy = await FaultProxy.start({
    upstreamPort: server.port,
    seed: 1,
    rates: {},
    onRequest: (r) => {
      const auth = r.headers.get('authorization');
      if (auth !== undefined) scanner.addAuthorization(auth);
    },
  });
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await proxy.close();
  await server.close();
  scanner.writeTo(capturedLogPath(`security-client`));
  scanner.dispose();
});

describe('security: client-side secret hygiene', () => {
  it('a wrong secret fails with SignatureDoesNotMatch 403, not retried, secret-free', async () => {
    const attempts: number[] = [];
    const responses = channel(MNS_DIAGNOSTICS_CHANNELS.response);
    const onResponse = (m: unknown): void => {
      attempts.push((m as MnsResponseEvent).attempt);
    };
    responses.subscribe(onResponse);
    const c = client({
      endpoint: proxy.endpoint,
      credentials: { accessKeyId: creds.accessKeyId, accessKeySecret: wrong.accessKeySecret },
    });
    const error = await failure('wrong secret', () => c.getQueueAttributes({ queueName: QUEUE }));
    responses.unsubscribe(onResponse);
    expect(isMnsError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403, retryable: false });
    expect(attempts).toEqual([1]);
  });

  it('an unknown key fails with InvalidAccessKeyId 403', async () => {
    const c = client({
      endpoint: proxy.endpoint,
      credentials: { accessKeyId: wrong.accessKeyId, accessKeySecret: wrong.accessKeySecret },
    });
    const error = await failure('unknown key', () => c.sendMessage({ queueName: QUEUE, messageBody: 'x' }));
    expect(error).toMatchObject({ code: 'InvalidAccessKeyId', status: 403, retryable: false });
  });

  it('an STS key with a wrong token fails with AccessDenied 403; the right token works', async () => {
    const bad = client({
      endpoint: proxy.endpoint,
      credentials: {
        accessKeyId: sts.accessKeyId,
        accessKeySecret: sts.accessKeySecret,
        securityToken: wrong.securityToken,
      },
    });
    const error = await failure('wrong STS token', () =>
      bad.batchReceiveMessage({ queueName: QUEUE, numOfMessages: 1, waitSeconds: 0 }),
    );
    expect(error).toMatchObject({ code: 'AccessDenied', status: 403, retryable: false });
    const good = client({
      endpoint: proxy.endpoint,
      credentials: {
        accessKeyId: sts.accessKeyId,
        accessKeySecret: sts.accessKeySecret,
        securityToken: sts.securityToken,
      },
    });
    await expect(good.getQueueAttributes({ queueName: QUEUE })).resolves.toMatchObject({ queueName: QUEUE });
  });

  it('network and config errors are secret-free too', async () => {
    const down = client({
      endpoint: 'http://127.0.0.1:1',
      credentials: {
        accessKeyId: creds.accessKeyId,
        accessKeySecret: creds.accessKeySecret,
        securityToken: sts.securityToken,
      },
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 500 },
    });
    const error = await failure('connection refused', () => down.getQueueAttributes({ queueName: QUEUE }));
    expect(isMnsError(error)).toBe(true);
    for (const bad of [
      {
        endpoint: 'ftp://nowhere',
        credentials: { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret },
      },
      { endpoint: proxy.endpoint, credentials: { accessKeyId: '', accessKeySecret: creds.accessKeySecret } },
      {
        endpoint: proxy.endpoint,
        credentials: { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret },
        timeoutMs: -1,
      },
    ]) {
      let thrown: unknown;
      try {
        client(bad as ConstructorParameters<typeof MnsClient>[0]);
      } catch (e) {
        thrown = e;
        scanner.captureError('config error', e);
      }
      expect(thrown, JSON.stringify(bad.endpoint)).toBeDefined();
    }
  });

  it('nothing captured contains a secret, token or Authorization value', () => {
    expect(scanner.contains('wrong secret', 'SignatureDoesNotMatch')).toBe(true);
    expect(scanner.capturedBytes).toBeGreaterThan(5000);
    expect(scanner.findLeaks()).toEqual([]);
  });
});
