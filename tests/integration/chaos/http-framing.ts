/**
 * Minimal HTTP/1.1 message framing over raw bytes, for the fault proxy: find where one request or response
 * ends on a keep-alive connection without re-encoding anything (the proxy forwards the bytes it received, so
 * signatures over the raw request-target stay valid). Supports Content-Length and chunked bodies.
 */

/** One HTTP message head as parsed from the wire. */
export interface HttpHead {
  /** Request: `GET /queues/q HTTP/1.1`; response: `HTTP/1.1 200 OK`. */
  readonly startLine: string;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: ReadonlyMap<string, string>;
  /** Byte length of the head including the blank line. */
  readonly headLength: number;
}

/** A complete message: its head, and the raw bytes of head + body exactly as received. */
export interface HttpMessage {
  readonly head: HttpHead;
  readonly raw: Buffer;
  /** The body bytes (de-chunked for chunked messages). */
  readonly body: Buffer;
}

/** Thrown for bytes that cannot be an HTTP/1.1 message (the proxy then drops the connection). */
export class HttpFramingError extends Error {
  override readonly name = 'HttpFramingError';
}

const MAX_HEAD_BYTES = 1024 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Parses the head at the start of `buf`, or `undefined` when it is not complete yet. */
export function parseHead(buf: Buffer): HttpHead | undefined {
  const end = buf.indexOf(CRLFCRLF);
  if (end < 0) {
    if (buf.length > MAX_HEAD_BYTES) throw new HttpFramingError('HTTP head larger than 1 MiB');
    return undefined;
  }
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const startLine = lines[0] ?? '';
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpFramingError(`bad header line ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const prev = headers.get(name);
    headers.set(name, prev === undefined ? value : `${prev}, ${value}`);
  }
  return { startLine, headers, headLength: end + 4 };
}

/** Where a chunked body starting at `offset` ends (exclusive), with the de-chunked bytes; `undefined` if incomplete. */
function chunkedEnd(buf: Buffer, offset: number): { end: number; body: Buffer } | undefined {
  const parts: Buffer[] = [];
  let pos = offset;
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', pos, 'latin1');
    if (lineEnd < 0) return undefined;
    const sizeText = buf.subarray(pos, lineEnd).toString('latin1').split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText))
      throw new HttpFramingError(`bad chunk size ${JSON.stringify(sizeText)}`);
    const size = Number.parseInt(sizeText, 16);
    pos = lineEnd + 2;
    if (size === 0) {
      // trailers end with an empty line
      const trailerEnd = buf.indexOf('\r\n', pos, 'latin1');
      if (trailerEnd < 0) return undefined;
      if (trailerEnd === pos) return { end: pos + 2, body: Buffer.concat(parts) };
      const fullEnd = buf.indexOf(CRLFCRLF, pos);
      if (fullEnd < 0) return undefined;
      return { end: fullEnd + 4, body: Buffer.concat(parts) };
    }
    if (buf.length < pos + size + 2) return undefined;
    parts.push(buf.subarray(pos, pos + size));
    pos += size + 2;
  }
}

/**
 * Takes one complete message off the front of `buf`. `bodyless` says the message has no body whatever its
 * headers say (responses to HEAD, 1xx/204/304). Returns the message and the rest, or `undefined` if incomplete.
 */
export function takeMessage(
  buf: Buffer,
  bodyless = false,
): { message: HttpMessage; rest: Buffer } | undefined {
  const head = parseHead(buf);
  if (head === undefined) return undefined;
  const te = head.headers.get('transfer-encoding');
  if (!bodyless && te !== undefined && /chunked/i.test(te)) {
    const c = chunkedEnd(buf, head.headLength);
    if (c === undefined) return undefined;
    return {
      message: { head, raw: buf.subarray(0, c.end), body: c.body },
      rest: buf.subarray(c.end),
    };
  }
  const cl = head.headers.get('content-length');
  let length = 0;
  if (!bodyless && cl !== undefined) {
    if (!/^\d+$/.test(cl)) throw new HttpFramingError(`bad content-length ${JSON.stringify(cl)}`);
    length = Number(cl);
  }
  const end = head.headLength + length;
  if (buf.length < end) return undefined;
  return {
    message: { head, raw: buf.subarray(0, end), body: buf.subarray(head.headLength, end) },
    rest: buf.subarray(end),
  };
}

/** The status code of a response head. */
export function responseStatus(head: HttpHead): number {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head.startLine);
  if (!m) throw new HttpFramingError(`bad status line ${JSON.stringify(head.startLine.slice(0, 80))}`);
  return Number(m[1]);
}

/** Serialises a response with a Content-Length body (keep-alive). */
export function buildResponse(
  status: number,
  reason: string,
  headers: Readonly<Record<string, string>>,
  body: string | Buffer,
): Buffer {
  const bodyBuf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  let head = `HTTP/1.1 ${status} ${reason}\r\n`;
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
  head += `content-length: ${bodyBuf.length}\r\nconnection: keep-alive\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), bodyBuf]);
}
