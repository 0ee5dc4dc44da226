import * as crypto from 'node:crypto';

/**
 * Upper-case hex MD5 of a message body's UTF-8 bytes (`MessageBodyMD5`, docs/mns-protocol.md §5.2) — the same value as
 * `messageBodyMd5` of `@vodmns/mns-transport/signing`, computed with the one-shot `crypto.hash` (Node ≥ 20.12),
 * about twice as fast as a `createHash` object per message on the send path.
 */
export const bodyMd5: (body: string) => string =
  typeof crypto.hash === 'function'
    ? (body) => crypto.hash('md5', body, 'hex').toUpperCase()
    : (body) => crypto.createHash('md5').update(body, 'utf8').digest('hex').toUpperCase();
