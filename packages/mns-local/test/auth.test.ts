import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { ManualClock } from '@vodmns/core/testing';
import { authorizationV1, authorizationV4, contentMd5 } from '@vodmns/mns-transport/signing';
import { describe, expect, it } from 'vitest';
import { startMnsLocal } from '../src/index.js';
import { openFixture, T0 } from './helpers/fixture.js';
import { errorCode, MODES } from './helpers/test-client.js';

interface Vector {
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
  method: string;
  resource: string;
  headers: Record<string, string>;
  body: string;
  signatureVersion: string;
  requestDateTime?: string;
}

const vectors = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../mns-transport/test/vectors/mns-signature-vectors.json', import.meta.url)),
    'utf8',
  ),
) as Vector[];

const AUTH_CODES = [
  'MissingAuthorizationHeader',
  'InvalidAuthorizationHeader',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'MissingDateHeader',
  'InvalidDateHeader',
  'TimeExpired',
  'AccessDenied',
];

describe('signature vectors replayed against the server (raw request-target, raw headers)', async () => {
  const credentials = [...new Map(vectors.map((v) => [v.accessKeyId, v])).values()].map((v) => ({
    accessKeyId: v.accessKeyId,
    accessKeySecret: v.accessKeySecret,
    ...(v.headers['security-token'] ? { securityToken: v.headers['security-token'] } : {}),
  }));
  const toRequest = (v: Vector, mutate?: (h: Record<string, string>) => void) => {
    const headers: Record<string, string> = {};
    for (const [k, value] of Object.entries(v.headers)) headers[k.toLowerCase()] = value;
    if (v.requestDateTime !== undefined) headers.date ??= new Date(v.requestDateTime).toUTCString();
    mutate?.(headers);
    return { method: v.method, url: v.resource, headers, body: v.body };
  };

  it.each(vectors.map((v) => [v.name, v] as const))('%s passes authentication', async (_name, v) => {
    await using server = await startMnsLocal({ credentials, maxClockSkewMs: Number.POSITIVE_INFINITY });
    const r = await server.handle(toRequest(v));
    expect(AUTH_CODES).not.toContain(r.errorCode);
  });

  it.each(vectors.map((v) => [v.name, v] as const))(
    '%s with a tampered x-mns-version fails',
    async (_name, v) => {
      await using server = await startMnsLocal({ credentials, maxClockSkewMs: Number.POSITIVE_INFINITY });
      const r = await server.handle(
        toRequest(v, (h) => {
          h['x-mns-version'] = '2015-06-07';
        }),
      );
      expect(r.errorCode).toBe('SignatureDoesNotMatch');
    },
  );
});

describe.each(MODES)('authentication (%s)', (mode) => {
  it.each([
    [{}, 'MissingAuthorizationHeader', 400],
    [{ authorization: 'Basic abc' }, 'InvalidAuthorizationHeader', 400],
    [{ authorization: 'MNS nobody:abc=' }, 'InvalidAccessKeyId', 403],
  ] as const)('%j → %s', async (headers, code, status) => {
    await using t = await openFixture(mode);
    const r = await t.client.request({
      method: 'GET',
      path: '/queues',
      sign: false,
      headers: { ...headers },
    });
    expect([r.status, errorCode(r.body)]).toEqual([status, code]);
  });

  it('bad signature → 403 SignatureDoesNotMatch; the secret and Authorization never appear in the body', async () => {
    await using t = await openFixture(mode);
    const r = await t.client.request({
      method: 'GET',
      path: '/queues',
      credentials: { accessKeyId: t.server.accessKeyId, accessKeySecret: 'wrong-secret' },
    });
    expect([r.status, errorCode(r.body)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(r.body).not.toContain(t.server.accessKeySecret);
    expect(r.body).not.toContain('wrong-secret');
    expect(r.body).not.toContain('MNS ');
  });

  it('signs the raw request-target: re-ordered or re-encoded queries do not verify', async () => {
    await using t = await openFixture(mode);
    await t.createQueue('q');
    const ok = await t.client.request({
      method: 'GET',
      path: '/queues/q/messages?numOfMessages=2&waitseconds=0',
    });
    expect(errorCode(ok.body)).toBe('MessageNotExist');
    const headers: Record<string, string> = {
      date: new Date(t.clock.now()).toUTCString(),
      'x-mns-version': '2015-06-06',
    };
    const { authorizationV1 } = await import('@vodmns/mns-transport/signing');
    headers.authorization = authorizationV1(
      { method: 'GET', resource: '/queues/q/messages?numOfMessages=2&waitseconds=0', headers },
      t.server,
    );
    const r = await t.server.handle({
      method: 'GET',
      url: '/queues/q/messages?waitseconds=0&numOfMessages=2',
      headers,
    });
    expect(r.errorCode).toBe('SignatureDoesNotMatch');
  });

  it('Date: missing → MissingDateHeader, unparsable → InvalidDateHeader, ±15 min skew → 408 TimeExpired', async () => {
    await using t = await openFixture(mode);
    const missing = await t.client.request({ method: 'GET', path: '/queues', date: '' });
    expect(errorCode(missing.body)).toBe('MissingDateHeader');
    const invalid = await t.client.request({ method: 'GET', path: '/queues', date: '2026-01-01T00:00:00Z' });
    expect(errorCode(invalid.body)).toBe('InvalidDateHeader');
    const old = await t.client.request({
      method: 'GET',
      path: '/queues',
      date: new Date(T0 - 15 * 60_000 - 1000).toUTCString(),
    });
    expect([old.status, errorCode(old.body)]).toEqual([408, 'TimeExpired']);
    const edge = await t.client.request({
      method: 'GET',
      path: '/queues',
      date: new Date(T0 + 15 * 60_000).toUTCString(),
    });
    expect(edge.status).toBe(200);
    // x-mns-date alone is accepted (browsers).
    const xDate = await t.client.request({
      method: 'GET',
      path: '/queues',
      date: '',
      headers: { 'x-mns-date': new Date(T0).toUTCString() },
    });
    expect(xDate.status).toBe(200);
  });

  it('V4 (MNS4-HMAC-SHA256) signatures are verified', async () => {
    await using t = await openFixture(mode);
    const headers: Record<string, string> = {
      date: new Date(t.clock.now()).toUTCString(),
      'x-mns-version': '2015-06-06',
    };
    const params = { region: t.server.region, date: new Date(t.clock.now()) };
    const auth = authorizationV4({ method: 'GET', resource: '/queues', headers }, t.server, params);
    const ok = await t.client.request({
      method: 'GET',
      path: '/queues',
      sign: false,
      date: headers.date!,
      headers: { authorization: auth },
    });
    expect(ok.status).toBe(200);
    const bad = await t.client.request({
      method: 'GET',
      path: '/queues?x=1',
      sign: false,
      date: headers.date!,
      headers: { authorization: auth },
    });
    expect(errorCode(bad.body)).toBe('SignatureDoesNotMatch');
  });

  it('an unexpected x-mns-version is rejected', async () => {
    await using t = await openFixture(mode);
    const r = await t.client.request({
      method: 'GET',
      path: '/queues',
      headers: { 'x-mns-version': '2010-01-01' },
    });
    expect(errorCode(r.body)).toBe('InvalidVersionHeader');
  });

  it('auth: false accepts unsigned requests', async () => {
    await using server = await startMnsLocal({ auth: false, clock: new ManualClock(T0) });
    const r = await server.handle({ method: 'PUT', url: '/queues/open', headers: {} });
    expect(r.status).toBe(201);
  });
});

describe.each(MODES)('Content-MD5 (%s)', (mode) => {
  const signed = '<Message><MessageBody>signed</MessageBody></Message>';
  const swapped = '<Message><MessageBody>swapped</MessageBody></Message>';
  const rfc1864 = (body: string) => createHash('md5').update(body).digest('base64');

  it.each([
    ['the official SDK form', contentMd5(signed)],
    ['the RFC 1864 form', rfc1864(signed)],
  ])('accepts %s of the body', async (_label, md5) => {
    await using t = await openFixture(mode);
    await t.client.request({ method: 'PUT', path: '/queues/md5-q', body: '<Queue/>' });
    const r = await t.client.request({
      method: 'POST',
      path: '/queues/md5-q/messages',
      body: signed,
      headers: { 'content-md5': md5 },
    });
    expect(r.status).toBe(201);
  });

  it('accepts a request without Content-MD5 (Java/PHP never send one)', async () => {
    await using t = await openFixture(mode);
    const headers: Record<string, string> = {
      date: new Date(t.server.clock.now()).toUTCString(),
      'x-mns-version': '2015-06-06',
      'content-type': 'text/xml;charset=UTF-8',
    };
    headers.authorization = authorizationV1({ method: 'PUT', resource: '/queues/md5-q', headers }, t.server);
    const r = await t.server.handle({ method: 'PUT', url: '/queues/md5-q', headers, body: '<Queue/>' });
    expect(r.status).toBe(201);
  });

  it.each([
    ['the official SDK form', contentMd5(swapped)],
    ['the RFC 1864 form', rfc1864(swapped)],
  ])(
    'refuses a body that does not match its signed Content-MD5 (%s) with 400 InvalidDegist, storing nothing',
    async (_label, md5) => {
      await using t = await openFixture(mode);
      await t.client.request({ method: 'PUT', path: '/queues/md5-q', body: '<Queue/>' });
      // Signed over the digest of `swapped`, but the body is `signed`: as if the body had been swapped in transit.
      const r = await t.client.request({
        method: 'POST',
        path: '/queues/md5-q/messages',
        body: signed,
        headers: { 'content-md5': md5 },
      });
      expect([r.status, errorCode(r.body)]).toEqual([400, 'InvalidDegist']);
      expect(r.body).toContain('The Content-MD5 you specified is invalid.');
      expect(t.server.admin.peek('md5-q')).toEqual([]);
    },
  );
});

describe('options', () => {
  it('rejects bad options naming the field and value, never the secret', async () => {
    await expect(startMnsLocal({ port: 70000 })).rejects.toThrow(/port.*70000/);
    await expect(startMnsLocal({ accessKeyId: 'a' })).rejects.toThrow(/accessKeySecret/);
    await expect(startMnsLocal({ maxClockSkewMs: -1 })).rejects.toThrow(/maxClockSkewMs/);
    await expect(
      startMnsLocal({ credentials: [{ accessKeyId: 'x:y', accessKeySecret: 'hush-hush' }] }),
    ).rejects.toThrow(/^(?!.*hush-hush).*credentials\[0\]\.accessKeyId/);
  });

  it('defaults to the documented test keys', async () => {
    await using server = await startMnsLocal();
    expect(server).toMatchObject({
      accessKeyId: 'LTAI-mns-local',
      accessKeySecret: 'mns-local-test-secret',
      region: 'cn-hangzhou',
    });
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('keeps a configured secret out of util.inspect and JSON.stringify of the server', async () => {
    await using server = await startMnsLocal({
      accessKeyId: 'id-1',
      accessKeySecret: 'configured-secret-42',
    });
    expect(server.accessKeySecret).toBe('configured-secret-42');
    expect(inspect(server, { depth: 4 })).not.toContain('configured-secret-42');
    expect(JSON.stringify(server)).not.toContain('configured-secret-42');
  });
});
