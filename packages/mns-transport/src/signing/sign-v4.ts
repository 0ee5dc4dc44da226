import { createHmac } from 'node:crypto';
import { lowerCaseHeaders, type SignableRequest } from './canonical-request.js';
import type { SigningCredentials } from './sign-v1.js';

/** The V4 algorithm name, first word of the `Authorization` header. */
export const V4_ALGORITHM = 'MNS4-HMAC-SHA256';

/** Extra inputs of a V4 signature. */
export interface V4SigningParams {
  /** Region id of the endpoint, e.g. `cn-hangzhou` (part of the credential scope). */
  readonly region: string;
  /** The request time (the same instant as the `Date` header). */
  readonly date: Date;
}

/** RFC 3986 encoding as the Java SDK does it: space → %20, `*` → %2A, `~` kept, `!'()` encoded. */
export function percentEncodeV4(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodeLenient(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function stamp(date: Date): { day: string; time: string } {
  const iso = date.toISOString(); // 2025-12-04T06:32:35.638Z
  const day = iso.slice(0, 10).replaceAll('-', '');
  return { day, time: `${day}T${iso.slice(11, 19).replaceAll(':', '')}Z` };
}

/** The V4 canonical request (docs/mns-protocol.md §3.9). The query is decoded, re-encoded, keys lower-cased and sorted. */
export function canonicalRequestV4(request: SignableRequest): string {
  const q = request.resource.indexOf('?');
  const path = q < 0 ? request.resource : request.resource.slice(0, q);
  const query = q < 0 ? '' : request.resource.slice(q + 1);
  const encodedPath = path
    .split('/')
    .map((segment) => percentEncodeV4(decodeLenient(segment)))
    .join('/');
  const pairs: Array<[string, string]> = [];
  if (query !== '') {
    for (const item of query.split('&')) {
      if (item === '') continue;
      const eq = item.indexOf('=');
      const key = decodeLenient(eq < 0 ? item : item.slice(0, eq)).toLowerCase();
      const value = eq < 0 ? '' : decodeLenient(item.slice(eq + 1));
      pairs.push([percentEncodeV4(key), value === '' ? '' : percentEncodeV4(value)]);
    }
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const canonicalQuery = pairs.map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join('&');
  const headers = lowerCaseHeaders(request.headers);
  const names = [...headers.keys()]
    .filter((n) => n === 'content-type' || n === 'content-md5' || n.startsWith('x-mns-'))
    .sort();
  let canonicalHeaders = '';
  for (const name of names) canonicalHeaders += `${name}:${(headers.get(name) ?? '').trim()}\n`;
  return `${request.method.toUpperCase()}\n${encodedPath}\n${canonicalQuery}\n${canonicalHeaders}\n`;
}

/** `{yyyyMMdd}/{region}/mns/aliyun_v4_request`. */
export function credentialScopeV4(params: V4SigningParams): string {
  return `${stamp(params.date).day}/${params.region}/mns/aliyun_v4_request`;
}

/** The V4 string-to-sign: algorithm, timestamp, credential scope, canonical request (docs/mns-protocol.md §3.9). */
export function stringToSignV4(request: SignableRequest, params: V4SigningParams): string {
  return `${V4_ALGORITHM}\n${stamp(params.date).time}\n${credentialScopeV4(params)}\n${canonicalRequestV4(request)}`;
}

function hmac256(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/**
 * The V4 signing key `HMAC256(HMAC256(HMAC256(HMAC256("aliyun_v4"+SK, yyyyMMdd), region), "mns"), "aliyun_v4_request")`.
 * It changes once a day per region; callers that sign many requests may cache it.
 */
export function signingKeyV4(accessKeySecret: string, params: V4SigningParams): Buffer {
  const day = stamp(params.date).day;
  return hmac256(
    hmac256(hmac256(hmac256(`aliyun_v4${accessKeySecret}`, day), params.region), 'mns'),
    'aliyun_v4_request',
  );
}

/** Lower-case hex HMAC-SHA256 of a V4 string-to-sign with a {@link signingKeyV4}. */
export function signatureV4WithKey(stringToSign: string, signingKey: Buffer): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

/** Lower-case hex HMAC-SHA256 of the V4 string-to-sign with the derived signing key. */
export function signatureV4(stringToSign: string, accessKeySecret: string, params: V4SigningParams): string {
  return signatureV4WithKey(stringToSign, signingKeyV4(accessKeySecret, params));
}

/** `MNS4-HMAC-SHA256 Credential={AK}/{scope},Signature={hex}`. */
export function authorizationV4(
  request: SignableRequest,
  credentials: SigningCredentials,
  params: V4SigningParams,
): string {
  const signature = signatureV4(stringToSignV4(request, params), credentials.accessKeySecret, params);
  return `${V4_ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScopeV4(params)},Signature=${signature}`;
}
