import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalizeMnsHeaders, lowerCaseHeaders, type SignableRequest } from './canonical-request.js';

/** Access key pair used to sign. `accessKeySecret` never leaves this module in any output. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/**
 * The MNS V1 ("MNS", HMAC-SHA1) string-to-sign, docs/mns-protocol.md §3.1:
 * `VERB\nContent-MD5\nContent-Type\nDate\n` + sorted `x-mns-*` headers + the raw request-target.
 * `Date` falls back to `x-mns-date` when absent.
 */
export function stringToSignV1(request: SignableRequest): string {
  const headers = lowerCaseHeaders(request.headers);
  const date = headers.get('date') ?? headers.get('x-mns-date') ?? '';
  return (
    `${request.method.toUpperCase()}\n${headers.get('content-md5') ?? ''}\n${headers.get('content-type') ?? ''}\n` +
    `${date}\n${canonicalizeMnsHeaders(headers)}${request.resource}`
  );
}

/** Base64 HMAC-SHA1 of the string-to-sign with the secret. */
export function signatureV1(stringToSign: string, accessKeySecret: string): string {
  // Stryker disable next-line StringLiteral: equivalent mutant, an empty encoding is Node's default (utf8)
  return createHmac('sha1', accessKeySecret).update(stringToSign, 'utf8').digest('base64');
}

/** The `Authorization` header value: `MNS {AccessKeyId}:{Signature}`. */
export function authorizationV1(request: SignableRequest, credentials: SigningCredentials): string {
  return `MNS ${credentials.accessKeyId}:${signatureV1(stringToSignV1(request), credentials.accessKeySecret)}`;
}

/** Constant-time comparison of two base64/hex signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  // Stryker disable StringLiteral: equivalent mutants, an empty encoding is Node's default (utf8)
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // Stryker restore StringLiteral
  return x.length === y.length && timingSafeEqual(x, y);
}
