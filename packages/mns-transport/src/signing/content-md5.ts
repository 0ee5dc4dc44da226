import { createHash, hash } from 'node:crypto';

/**
 * `Content-MD5` as the official SDKs send it: base64 of the lower-case **hex** MD5 string (docs/mns-protocol.md §3.5), not
 * RFC 1864's base64 of the raw digest.
 */
export function contentMd5(body: string | Uint8Array): string {
  return Buffer.from(createHash('md5').update(body).digest('hex'), 'latin1').toString('base64');
}

/** Upper-case hex MD5 of a message body's UTF-8 bytes, as MNS reports in `MessageBodyMD5`. */
export function messageBodyMd5(body: string): string {
  // One-shot `hash` (Node ≥ 20.12): about half the CPU of createHash().update().digest() for short bodies.
  return hash('md5', body, 'hex').toUpperCase();
}

/** RFC 1123 GMT date as MNS expects in `Date` (`Thu, 09 Jul 2015 03:01:34 GMT`). */
export function formatHttpDate(date: Date): string {
  return date.toUTCString();
}
