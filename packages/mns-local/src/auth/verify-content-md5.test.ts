import { createHash } from 'node:crypto';
import { contentMd5 } from '@vodmns/mns-transport/signing';
import { describe, expect, it } from 'vitest';
import { MnsServiceFailure } from '../protocol/mns-service-error.js';
import { verifyContentMd5 } from './verify-content-md5.js';

const rfc1864 = (body: string | Uint8Array) => createHash('md5').update(body).digest('base64');

function failureOf(fn: () => void): { code: string; status: number; message: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof MnsServiceFailure)) throw error;
    return { code: error.code, status: error.status, message: error.message };
  }
}

describe('verifyContentMd5', () => {
  const body = '<Message><MessageBody>héllo &amp; 世界</MessageBody></Message>';

  it.each([
    ['official SDK form, text body', contentMd5(body), body],
    ['RFC 1864 form, text body', rfc1864(body), body],
    ['official SDK form, byte body', contentMd5(body), new TextEncoder().encode(body)],
    ['RFC 1864 form, byte body', rfc1864(body), new TextEncoder().encode(body)],
    // @alicloud/mns and Go send md5 of the empty string on bodiless requests.
    ['official SDK form of the empty body', 'ZDQxZDhjZDk4ZjAwYjIwNGU5ODAwOTk4ZWNmODQyN2U=', ''],
    ['RFC 1864 form of the empty body', '1B2M2Y8AsgTpgAmY7PhCfg==', new Uint8Array(0)],
  ] as const)('accepts the %s', (_label, header, payload) => {
    expect(failureOf(() => verifyContentMd5(header, payload))).toBeUndefined();
  });

  it('does not check an absent header', () => {
    expect(failureOf(() => verifyContentMd5(undefined, body))).toBeUndefined();
  });

  it.each([
    ['a digest of another body', contentMd5('<Message><MessageBody>x</MessageBody></Message>')],
    ['an RFC 1864 digest of another body', rfc1864('other')],
    [
      'upper-case hex in base64',
      Buffer.from(createHash('md5').update(body).digest('hex').toUpperCase()).toString('base64'),
    ],
    ['bare hex', createHash('md5').update(body).digest('hex')],
    ['an empty value', ''],
    ['garbage', 'not-a-digest'],
  ])('rejects %s with 400 InvalidDegist', (_label, header) => {
    expect(failureOf(() => verifyContentMd5(header, body))).toEqual({
      code: 'InvalidDegist',
      status: 400,
      message: 'The Content-MD5 you specified is invalid.',
    });
  });

  it('rejects a repeated header even when one copy matches', () => {
    expect(failureOf(() => verifyContentMd5([contentMd5(body), contentMd5(body)], body))?.code).toBe(
      'InvalidDegist',
    );
  });
});
