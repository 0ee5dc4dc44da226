import { isUtf8 } from 'node:buffer';
import type { ReceiveBodyEncoding, SendBodyEncoding } from '../model/operation-types.js';

/** The body text as stored by the service: as given (`raw`) or base64 of its UTF-8 bytes. */
export function encodeMessageBody(text: string, encoding: SendBodyEncoding): string {
  return encoding === 'base64' ? Buffer.from(text, 'utf8').toString('base64') : text;
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// Text a producer would plausibly have base64-encoded: no C0 controls except tab/newline/CR, no DEL.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function base64ToUtf8(wire: string): string | undefined {
  if (wire === '' || !STRICT_BASE64.test(wire)) return undefined;
  const bytes = Buffer.from(wire, 'base64');
  return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
}

/**
 * Decodes a stored body per `encoding` (see `ReceiveBodyEncoding`). Returns `undefined` when `base64` was asked
 * for and the body is not strict base64 of UTF-8 text.
 */
export function decodeMessageBody(wire: string, encoding: ReceiveBodyEncoding): string | undefined {
  if (encoding === 'raw') return wire;
  if (encoding === 'base64') return base64ToUtf8(wire);
  const first = wire.trimStart().charCodeAt(0);
  if (first === 123 /* { */ || first === 91 /* [ */) return wire;
  const decoded = base64ToUtf8(wire);
  return decoded === undefined || CONTROL.test(decoded) ? wire : decoded;
}
