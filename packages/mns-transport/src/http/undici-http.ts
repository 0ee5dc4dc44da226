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
  /** No complete response (headers and the whole body) this long after dispatch fails the attempt, ms. */
  readonly deadlineMs: number;
  /** A pause in the body this long fails the attempt, ms (at most `deadlineMs` matters). */
  readonly bodyIdleMs: number;
  /** A body (declared or received) larger than this fails the attempt and closes the connection, bytes. */
  readonly maxResponseBytes: number;
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

/** Why an exchange failed without a (usable) response. */
export type HttpFailureKind = 'timeout' | 'network' | 'abort' | 'tooLarge';

/**
 * Which time limit passed (kind `timeout`): `connect` (no connection), `headers` (no response head within the
 * deadline), `bodyIdle` (the body paused for `bodyIdleMs`), `response` (the whole-response deadline).
 */
export type HttpTimeoutKind = 'connect' | 'headers' | 'bodyIdle' | 'response';

/** A failed exchange, classified. `neverSent`: the request provably did not reach the server. */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(
    readonly kind: HttpFailureKind,
    readonly neverSent: boolean,
    message: string,
    options?: {
      cause?: unknown;
      timeout?: HttpTimeoutKind | undefined;
      bytes?: number | undefined;
      status?: number | undefined;
      requestId?: string | undefined;
    },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.timeout = options?.timeout;
    this.bytes = options?.bytes;
    this.status = options?.status;
    this.requestId = options?.requestId;
  }
  /** Kind `timeout`: which limit passed. */
  readonly timeout: HttpTimeoutKind | undefined;
  /** Kind `tooLarge`: bytes declared or received when the exchange was stopped. */
  readonly bytes: number | undefined;
  /** Kind `tooLarge`: the response's status and `x-mns-request-id`. */
  readonly status: number | undefined;
  readonly requestId: string | undefined;
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
  if (error instanceof HttpFailure) return error;
  if (signal?.aborted) return new HttpFailure('abort', false, 'the operation was aborted', { cause: error });
  const code = (error as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? code : ((error as Error | null)?.name ?? 'Error');
  const detail = `${text}: ${(error as Error | null)?.message ?? String(error)}`;
  if (code === 'UND_ERR_HEADERS_TIMEOUT')
    return new HttpFailure('timeout', false, detail, { cause: error, timeout: 'headers' });
  if (code === 'UND_ERR_BODY_TIMEOUT')
    return new HttpFailure('timeout', false, detail, { cause: error, timeout: 'bodyIdle' });
  if (code === 'UND_ERR_CONNECT_TIMEOUT')
    return new HttpFailure('timeout', true, detail, { cause: error, timeout: 'connect' });
  if (code === 'UND_ERR_ABORTED') return new HttpFailure('abort', false, detail, { cause: error });
  return new HttpFailure('network', typeof code === 'string' && NEVER_SENT_CODES.has(code), detail, {
    cause: error,
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Collects one response for {@link sendHttpRequest}. It implements undici's handler interface directly instead of
 * going through `request()`, which wraps every body in a stream.Readable and reads it through a promise chain: for
 * MNS's small, fully buffered XML bodies that wrapper was most of the client-side cost of an exchange (profile and
 * before/after figures in the package README).
 *
 * Bounded by construction: the whole exchange has one deadline (undici's own timeouts only measure pauses, so a
 * body dribbled a byte at a time would never end), and the body one size cap (declared or streamed; an endless
 * body would otherwise grow without bound). Either one stops the exchange and closes its connection.
 */
class ResponseCollector implements Dispatcher.DispatchHandler {
  readonly #signal: AbortSignal | undefined;
  readonly #maxBytes: number;
  readonly #deadline: NodeJS.Timeout;
  #bytes = 0;
  readonly #resolve: (res: HttpResponse) => void;
  readonly #reject: (error: HttpFailure) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #abortReason: unknown;
  #settled = false;
  #status = 0;
  #requestId: string | undefined;
  #location: string | undefined;
  #first: Buffer | undefined;
  #rest: Buffer[] | undefined;

  constructor(req: HttpRequest, resolve: (res: HttpResponse) => void, reject: (error: HttpFailure) => void) {
    this.#signal = req.signal;
    this.#maxBytes = req.maxResponseBytes;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#deadline = setTimeout(() => {
      this.#stop(
        new HttpFailure('timeout', false, `no complete response within ${req.deadlineMs} ms`, {
          timeout: 'response',
        }),
      );
    }, req.deadlineMs);
    req.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Fails with `failure` and cancels the exchange (undici closes the connection of a cancelled response). */
  #stop(failure: HttpFailure): void {
    if (this.#settled) return;
    // Still queued for a connection: undici gets the reason when it starts the request (onRequestStart).
    this.#abortReason = failure;
    this.fail(failure);
    this.#controller?.abort(failure);
  }

  #tooLarge(bytes: number, declared: boolean): void {
    this.#stop(
      new HttpFailure(
        'tooLarge',
        false,
        `the response body ${declared ? 'declares' : 'exceeds'} ${bytes} bytes; this operation accepts at most ${this.#maxBytes}`,
        { bytes, status: this.#status, requestId: this.#requestId },
      ),
    );
  }

  readonly #onAbort = (): void => {
    const reason = this.#signal?.reason ?? new Error('aborted');
    this.#abortReason = reason;
    // Still queued for a connection: fail now, and cancel the request when undici gets to it.
    if (this.#controller) this.#controller.abort(reason as Error);
    this.fail(reason);
  };

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortReason !== undefined) controller.abort(this.#abortReason as Error);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.#status = statusCode;
    this.#requestId = header(headers['x-mns-request-id']);
    this.#location = header(headers.location);
    const declared = Number(header(headers['content-length']));
    if (declared > this.#maxBytes) this.#tooLarge(declared, true);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    this.#bytes += chunk.length;
    if (this.#bytes > this.#maxBytes) {
      this.#tooLarge(this.#bytes, false);
      return;
    }
    if (this.#first === undefined) {
      this.#first = chunk;
      return;
    }
    this.#rest ??= [this.#first];
    this.#rest.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#deadline);
    this.#signal?.removeEventListener('abort', this.#onAbort);
    const bytes = this.#rest ? Buffer.concat(this.#rest) : this.#first;
    this.#resolve({
      status: this.#status,
      requestId: this.#requestId,
      location: this.#location,
      body: bytes === undefined ? '' : bytes.toString('utf8'),
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error);
  }

  /** Settles with `error` (classified) unless already settled. */
  fail(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#deadline);
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#reject(classify(error, this.#signal));
  }
}

/**
 * Sends one request over `dispatcher` (undici's `dispatch`, keep-alive pool) and reads the whole body as UTF-8
 * text. Rejects only with {@link HttpFailure}.
 */
export function sendHttpRequest(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    if (req.signal?.aborted) {
      reject(classify(req.signal.reason, req.signal));
      return;
    }
    const collector = new ResponseCollector(req, resolve, reject);
    try {
      dispatcher.dispatch(
        {
          origin: req.origin,
          method: req.method,
          path: req.path,
          headers: req.headers,
          body: req.body ?? null,
          headersTimeout: req.deadlineMs,
          bodyTimeout: Math.min(req.bodyIdleMs, req.deadlineMs),
          // undici closes the connection after a body on a method that "does not expect one" (DELETE) unless told
          // otherwise; BatchDeleteMessage is DELETE with a body, and MNS keeps such connections alive.
          ...(req.body !== undefined && req.method === 'DELETE' ? { reset: false } : {}),
        },
        collector,
      );
    } catch (error) {
      collector.fail(error);
    }
  });
}
