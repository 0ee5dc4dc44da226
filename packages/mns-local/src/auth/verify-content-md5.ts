import * as crypto from 'node:crypto';
import { MnsServiceFailure } from '../protocol/mns-service-error.js';

/**
 * Checks a request's `Content-MD5` header against its body bytes. An absent header is not checked (the Java
 * and PHP SDKs never send one); a present one must equal EITHER form a real client sends, otherwise the
 * request fails with `400 InvalidDegist` (docs/mns-protocol.md §7.2, MNS's own spelling).
 *
 * Why check at all, when docs/mns-protocol.md §3.5 says "do not validate"? That advice is about not rejecting either
 * *encoding*: the official SDKs (Python, Node `@alicloud/mns`, Go) send base64(lower-case hex md5(body)) —
 * Go and Node even for an empty body, i.e. md5 of the empty string — while the third-party `ali-mns` sends
 * RFC 1864 base64(raw digest), and the real service accepts both. Accepting exactly those two forms keeps
 * every one of those clients working. Checking the value matters because signature V1 covers the
 * `Content-MD5` header but not the body: without this check, anyone who captured a signed request could
 * swap its body and the server would store it under the original signature. With it, the body is bound
 * to the signature whenever the client sent `Content-MD5`.
 *
 * @param header - raw `content-md5` header value(s) as Node parsed them; `undefined` when absent
 * @param body - request body bytes, or text (hashed as UTF-8)
 * @throws MnsServiceFailure `InvalidDegist` (400) when the header matches neither form
 */
export function verifyContentMd5(
  header: string | readonly string[] | undefined,
  body: Uint8Array | string,
): void {
  if (header === undefined) return;
  // A repeated header is never a valid digest; join so it fails the comparison below.
  const value = typeof header === 'string' ? header : header.join(',');
  const digest = crypto.createHash('md5').update(body).digest();
  const officialSdkForm = Buffer.from(digest.toString('hex'), 'latin1').toString('base64');
  const rfc1864Form = digest.toString('base64');
  if (value !== officialSdkForm && value !== rfc1864Form) {
    throw new MnsServiceFailure('InvalidDegist');
  }
}
