import { describe, expect, it } from 'vitest';
import { authorizationV1, stringToSignV1 } from '../signing/sign-v1.js';
import { authorizationV4 } from '../signing/sign-v4.js';
import { RequestSigner } from './request-signer.js';

const creds = { accessKeyId: 'TestAccessID', accessKeySecret: 'TestAccessSecret' };
const FROZEN = Date.parse('Thu, 09 Jul 2015 03:01:34 GMT');

describe('RequestSigner', () => {
  it('reproduces the documented example (vector DocExample-GET-MyQueue)', () => {
    const headers = new RequestSigner('v1', undefined, () => FROZEN).sign(
      'GET',
      '/MyQueue',
      false,
      undefined,
      creds,
    );
    expect(headers).toEqual({
      date: 'Thu, 09 Jul 2015 03:01:34 GMT',
      'x-mns-version': '2015-06-06',
      authorization: 'MNS TestAccessID:uwx3yeWoILzgmvesW0BQSgfM7b8=',
    });
  });

  it.each([
    ['GET', '/queues/q/messages?numOfMessages=16&waitseconds=30', false, undefined],
    ['POST', '/queues/q/messages', true, undefined],
    ['DELETE', '/queues/q/messages?ReceiptHandle=a%2Bb%2F%3D%3D', false, undefined],
    [
      'GET',
      '/queues',
      false,
      [
        ['x-mns-with-meta', 'true'],
        ['x-mns-prefix', 'vod-'],
        ['x-mns-ret-number', '5'],
        ['x-mns-marker', 'cTI='],
      ] as const,
    ],
  ])('V1: signs exactly what it sends: %s %s', (method, resource, hasBody, extra) => {
    const headers = new RequestSigner('v1', undefined, () => FROZEN + 999).sign(
      method,
      resource,
      hasBody,
      extra,
      creds,
    );
    const { authorization, ...sent } = headers;
    expect(authorization).toBe(authorizationV1({ method, resource, headers: sent }, creds));
    expect(sent['content-type']).toBe(hasBody ? 'text/xml;charset=UTF-8' : undefined);
    const sts = stringToSignV1({ method, resource, headers: sent });
    if (extra)
      expect(sts).toContain(
        'x-mns-marker:cTI=\nx-mns-prefix:vod-\nx-mns-ret-number:5\nx-mns-version:2015-06-06\nx-mns-with-meta:true\n/queues',
      );
  });

  it('V4: the Authorization verifies with the generic V4 signer for the same headers', () => {
    const now = Date.parse('2025-12-04T06:32:35.638Z');
    const headers = new RequestSigner('v4', 'cn-hangzhou', () => now).sign(
      'PUT',
      '/queues/q/messages?ReceiptHandle=h&VisibilityTimeout=5',
      false,
      undefined,
      creds,
    );
    const { authorization, ...sent } = headers;
    expect(authorization).toMatch(
      /^MNS4-HMAC-SHA256 Credential=TestAccessID\/20251204\/cn-hangzhou\/mns\/aliyun_v4_request,Signature=[0-9a-f]{64}$/,
    );
    expect(authorization).toBe(
      authorizationV4(
        { method: 'PUT', resource: '/queues/q/messages?ReceiptHandle=h&VisibilityTimeout=5', headers: sent },
        creds,
        {
          region: 'cn-hangzhou',
          date: new Date('2025-12-04T06:32:35.000Z'),
        },
      ),
    );
    expect(sent.date).toBe('Thu, 04 Dec 2025 06:32:35 GMT');
  });

  it('V4: the cached signing key follows the day and the secret', () => {
    let now = Date.parse('2025-12-04T23:59:59.000Z');
    const signer = new RequestSigner('v4', 'cn-hangzhou', () => now);
    const check = (c: { accessKeyId: string; accessKeySecret: string }) => {
      const { authorization, ...sent } = signer.sign('GET', '/queues', false, undefined, c);
      expect(authorization).toBe(
        authorizationV4({ method: 'GET', resource: '/queues', headers: sent }, c, {
          region: 'cn-hangzhou',
          date: new Date(Math.floor(now / 1000) * 1000),
        }),
      );
    };
    check(creds);
    now += 2000; // next day
    check(creds);
    check({ ...creds, accessKeySecret: 'rotated' });
    check(creds);
  });

  it('STS: security-token is sent and not signed', () => {
    const signer = new RequestSigner('v1', undefined, () => FROZEN);
    const withToken = signer.sign('GET', '/queues', false, undefined, { ...creds, securityToken: 'tok' });
    const without = signer.sign('GET', '/queues', false, undefined, creds);
    expect(withToken['security-token']).toBe('tok');
    expect(withToken.authorization).toBe(without.authorization);
  });

  it('caches the Date string per second and follows the clock', () => {
    let now = FROZEN;
    const signer = new RequestSigner('v1', undefined, () => now);
    const a = signer.sign('GET', '/queues', false, undefined, creds).date;
    now += 400;
    expect(signer.sign('GET', '/queues', false, undefined, creds).date).toBe(a);
    now += 700;
    expect(signer.sign('GET', '/queues', false, undefined, creds).date).toBe('Thu, 09 Jul 2015 03:01:35 GMT');
  });
});
