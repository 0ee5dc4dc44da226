// The only module that imports undici (checked by scripts/check-boundaries.mjs).
import { type Dispatcher, Pool } from 'undici';

/** undici's dispatcher type, re-exported so no other module imports undici. */
export type { Dispatcher };

/** Options of the dispatcher the client creates when none is given. */
export interface PoolOptions {
  /** Keep-alive connections to the endpoint. */
  readonly connections: number;
  /** How long an idle connection is kept, ms. */
  readonly keepAliveTimeoutMs: number;
  /** TCP (+TLS) connect timeout, ms. */
  readonly connectTimeoutMs: number;
}

/** A keep-alive connection pool to one origin (`http(s)://host[:port]`). */
export function createPool(origin: string, options: PoolOptions): Dispatcher {
  return new Pool(origin, {
    connections: options.connections,
    keepAliveTimeout: options.keepAliveTimeoutMs,
    keepAliveMaxTimeout: Math.max(options.keepAliveTimeoutMs, 600_000),
    connect: { timeout: options.connectTimeoutMs },
    pipelining: 1,
  });
}

/** Closes a dispatcher the client created (waits for requests in flight). */
export async function closeDispatcher(dispatcher: Dispatcher): Promise<void> {
  await dispatcher.close();
}

/** One HTTP exchange as the client sees it. */
export interface HttpRequest {
  readonly origin: string;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Request-target: path plus query, exactly as signed. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;
  /** No response headers, or a pause in the body, for this long fails the attempt, ms. */
  readonly timeoutMs: number;
}

/** A complete response, body read as UTF-8 text. */
export interface HttpResponse {
  readonly status: number;
  /** `x-mns-request-id`. */
  readonly requestId: string | undefined;
  /** `Location` (CreateQueue). */
  readonly location: string | undefined;
  readonly body: string;
}

/** Why an exchange failed without a response. */
export type HttpFailureKind = 'timeout' | 'network' | 'abort';

/** A failed exchange, classified. `neverSent`: the request provably did not reach the server. */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(
    readonly kind: HttpFailureKind,
    readonly neverSent: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function classify(error: unknown, signal: AbortSignal | undefined): HttpFailure {
  if (signal?.aborted) return new HttpFailure('abort', false, 'the operation was aborted', { cause: error });
  const code = (error as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? code : ((error as Error | null)?.name ?? 'Error');
  const detail = `${text}: ${(error as Error | null)?.message ?? String(error)}`;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return new HttpFailure('timeout', false, detail, { cause: error });
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new HttpFailure('timeout', true, detail, { cause: error });
  if (code === 'UND_ERR_ABORTED') return new HttpFailure('abort', false, detail, { cause: error });
  return new HttpFailure('network', typeof code === 'string' && NEVER_SENT_CODES.has(code), detail, {
    cause: error,
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sends one request with undici's `request` API over `dispatcher` and reads the whole body as UTF-8 text.
 * Rejects only with {@link HttpFailure}.
 */
export async function sendHttpRequest(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  try {
    const res = await dispatcher.request({
      origin: req.origin,
      method: req.method,
      path: req.path,
      headers: req.headers,
      body: req.body ?? null,
      signal: req.signal ?? null,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
      // undici closes the connection after a body on a method that "does not expect one" (DELETE) unless told
      // otherwise; BatchDeleteMessage is DELETE with a body, and MNS keeps such connections alive.
      ...(req.body !== undefined && req.method === 'DELETE' ? { reset: false } : {}),
    });
    const body = await res.body.text();
    return {
      status: res.statusCode,
      requestId: header(res.headers['x-mns-request-id']),
      location: header(res.headers.location),
      body,
    };
  } catch (error) {
    throw classify(error, req.signal);
  }
}
