import { createConnection, type Socket } from 'node:net';
import { authorizationV1, formatHttpDate, type SigningCredentials } from '@vodmns/mns-transport/signing';
import { responseStatus, takeMessage } from './http-framing.js';

/** What came back for a raw request. `status` is 0 when the server closed without answering. */
export interface RawResponse {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
  /** `closed`: the server closed the connection without a response; `timeout`: no answer in time. */
  readonly failure?: 'closed' | 'timeout' | 'error';
}

/** A request built by hand: bytes on the wire are exactly these (no normalisation by an HTTP library). */
export interface RawRequest {
  readonly method: string;
  readonly target: string;
  /** Header lines in order; duplicates allowed. `host` and `content-length` are added unless present. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: Buffer | string;
}

/** Serialises a raw request (latin1 head, body bytes as given). */
export function serializeRequest(request: RawRequest): Buffer {
  const body =
    typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : (request.body ?? Buffer.alloc(0));
  const names = new Set(request.headers.map(([n]) => n.toLowerCase()));
  let head = `${request.method} ${request.target} HTTP/1.1\r\n`;
  if (!names.has('host')) head += 'host: 127.0.0.1\r\n';
  for (const [n, v] of request.headers) head += `${n}: ${v}\r\n`;
  if (!names.has('content-length') && !names.has('transfer-encoding'))
    head += `content-length: ${body.length}\r\n`;
  head += '\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/**
 * Sends one raw request on a fresh connection to 127.0.0.1:`port` and reads one response. Never throws for
 * what the server does (reset, close, garbage): that is reported in `failure`. `halfClose` sends FIN after the
 * bytes, so the server is not left waiting for the rest of an incomplete request.
 */
export function sendRaw(
  port: number,
  request: RawRequest | Buffer,
  timeoutMs = 10_000,
  halfClose = false,
): Promise<RawResponse> {
  const bytes = Buffer.isBuffer(request) ? request : serializeRequest(request);
  const isHead = !Buffer.isBuffer(request) && request.method.toUpperCase() === 'HEAD';
  return new Promise((resolve) => {
    let buf: Buffer = Buffer.alloc(0);
    let done = false;
    const socket: Socket = createConnection({ host: '127.0.0.1', port, noDelay: true });
    const finish = (r: RawResponse): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => finish({ status: 0, headers: new Map(), body: '', failure: 'timeout' }),
      timeoutMs,
    );
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      try {
        let head = takeMessage(buf, true);
        if (head === undefined) return;
        let status = responseStatus(head.message.head);
        // skip interim 1xx responses (100 Continue)
        while (status >= 100 && status < 200) {
          buf = head.rest;
          head = takeMessage(buf, true);
          if (head === undefined) return;
          status = responseStatus(head.message.head);
        }
        const taken = takeMessage(buf, isHead || status === 204 || status === 304);
        if (taken === undefined) return;
        finish({ status, headers: taken.message.head.headers, body: taken.message.body.toString('utf8') });
      } catch {
        finish({ status: 0, headers: new Map(), body: buf.toString('latin1'), failure: 'error' });
      }
    });
    socket.on('error', () => finish({ status: 0, headers: new Map(), body: '', failure: 'error' }));
    socket.on('close', () => finish({ status: 0, headers: new Map(), body: '', failure: 'closed' }));
    // half-closing tells the server no more bytes follow (for input that may not be a complete request)
    if (halfClose) socket.end(bytes);
    else socket.write(bytes);
  });
}

/** Options of {@link signedRequest}. */
export interface SignedRequestOptions {
  readonly method: string;
  readonly target: string;
  readonly body?: string;
  readonly credentials: SigningCredentials;
  /** The `Date` to sign and send. @defaultValue now */
  readonly date?: Date;
  /** Extra headers, signed (`x-mns-*` are part of the string-to-sign). */
  readonly headers?: readonly (readonly [string, string])[];
  /** Headers omitted from what is sent (after signing), e.g. `date` to test a missing Date. */
  readonly omit?: readonly string[];
  /** Header values replaced after signing (tampering). */
  readonly override?: Readonly<Record<string, string>>;
  /** Sent instead of `target` after signing (tampered request-target). */
  readonly sendTarget?: string;
  /** Sent instead of `body` after signing (tampered body). */
  readonly sendBody?: string;
}

/** Builds a correctly V1-signed raw request, then applies the requested tampering. */
export function signedRequest(options: SignedRequestOptions): RawRequest {
  const body = options.body ?? '';
  const headers: [string, string][] = [
    ['date', formatHttpDate(options.date ?? new Date())],
    ['x-mns-version', '2015-06-06'],
  ];
  if (body.length > 0) headers.push(['content-type', 'text/xml;charset=UTF-8']);
  for (const [n, v] of options.headers ?? []) {
    const at = headers.findIndex(([m]) => m === n.toLowerCase());
    if (at >= 0) headers[at] = [n.toLowerCase(), v];
    else headers.push([n, v]);
  }
  const signable: Record<string, string> = {};
  for (const [n, v] of headers) signable[n] = v;
  headers.push([
    'authorization',
    authorizationV1(
      { method: options.method, resource: options.target, headers: signable },
      options.credentials,
    ),
  ]);
  const omit = new Set((options.omit ?? []).map((n) => n.toLowerCase()));
  const sent = headers
    .filter(([n]) => !omit.has(n))
    .map(([n, v]): [string, string] => [n, options.override?.[n] ?? v]);
  for (const [n, v] of Object.entries(options.override ?? {}))
    if (!sent.some(([m]) => m === n) && !omit.has(n)) sent.push([n, v]);
  return {
    method: options.method,
    target: options.sendTarget ?? options.target,
    headers: sent,
    body: options.sendBody ?? body,
  };
}

/** The `<Code>` of an MNS error document, or `undefined`. */
export function errorCode(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}
