import { randomBytes } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { buildResponse, type HttpMessage, responseStatus, takeMessage } from './http-framing.js';
import { SeededRandom } from './seeded-random.js';

/**
 * The faults the proxy injects, one roll per request:
 * - `resetBeforeForward`: TCP RST to the client; the server never sees the request.
 * - `resetAfterForward`: the server processes the request, then the client gets a TCP RST instead of the
 *   response (the "did my send/delete happen?" case).
 * - `stall`: the response is held for `stallMs`, then delivered.
 * - `blackhole`: the request is swallowed and never answered (the client's timeout must fire).
 * - `http500`: a synthetic MNS `InternalError` 500 document; the server never sees the request.
 * - `http503`: a bare 503 with a text body (not an MNS document), as a load balancer would send.
 * - `throttle`: an MNS `QpsLimitExceeded` error document (400, per the old error table, docs/mns-protocol.md §7.2).
 * - `truncatedResponse`: the server's response is cut off mid-body (or mid-head), then the socket closes.
 * - `malformedXml`: the server's XML response body is replaced by broken XML with a correct Content-Length.
 */
export type FaultKind =
  | 'resetBeforeForward'
  | 'resetAfterForward'
  | 'stall'
  | 'blackhole'
  | 'http500'
  | 'http503'
  | 'throttle'
  | 'truncatedResponse'
  | 'malformedXml';

export const FAULT_KINDS: readonly FaultKind[] = [
  'resetBeforeForward',
  'resetAfterForward',
  'stall',
  'blackhole',
  'http500',
  'http503',
  'throttle',
  'truncatedResponse',
  'malformedXml',
];

/** A request as the proxy saw it (head only). */
export interface ProxiedRequest {
  readonly method: string;
  /** The raw request-target, e.g. `/queues/q/messages?numOfMessages=16`. */
  readonly target: string;
  readonly headers: ReadonlyMap<string, string>;
}

export interface FaultProxyOptions {
  /** Port of the upstream server on 127.0.0.1 (the proxy never connects anywhere else). */
  readonly upstreamPort: number;
  /** Seed of the fault decisions. */
  readonly seed: number;
  /** Probability per request of each fault, 0–1; the sum must be ≤ 1. Absent kinds are 0. */
  readonly rates: Partial<Readonly<Record<FaultKind, number>>>;
  /** How long a `stall` holds the response, in ms. @defaultValue 250 */
  readonly stallMs?: number;
  /** Only requests for which this returns true can be faulted. @defaultValue every request */
  readonly eligible?: (request: ProxiedRequest) => boolean;
  /**
   * Faults forced onto the first eligible requests, in this order, before random rolls take over (so a short
   * run still sees every kind at least once, whatever its request count). @defaultValue []
   */
  readonly scheduleFirst?: readonly FaultKind[];
  /** Called for every request head before the fault decision (e.g. to record Authorization values). */
  readonly onRequest?: (request: ProxiedRequest) => void;
}

const ERROR_NS = 'http://mns.aliyuncs.com/doc/v1';

function mnsErrorDocument(code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error xmlns="${ERROR_NS}"><Code>${code}</Code>` +
    `<Message>${message}</Message><RequestId>${requestId}</RequestId>` +
    `<HostId>http://127.0.0.1</HostId></Error>`
  );
}

function requestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

/** Corrupts an XML document in one of several seeded ways (always ill-formed afterwards). */
export function corruptXml(xml: string, rng: SeededRandom): string {
  const variant = rng.int(0, 5);
  const cut = Math.max(1, Math.floor(xml.length * rng.next()));
  switch (variant) {
    case 0: // cut off mid-document, then an unclosed tag
      return `${xml.slice(0, cut)}<Broken`;
    case 1: // mismatched closing tag
      return xml.replace(/<\/(\w+)>\s*$/, '</$1Wrong>');
    case 2: // a stray `<` in text
      return `${xml.slice(0, cut)}<<>${xml.slice(cut)}`;
    case 3: // two root elements
      return `${xml}<Extra/>`;
    case 4: // bad entity
      return `${xml.slice(0, cut)}&nosuchentity${xml.slice(cut)}`;
    default: // not XML at all
      return '{"this":"is not xml"';
  }
}

/**
 * A TCP-level fault-injecting HTTP proxy on 127.0.0.1 between a client and `mns-local`. It frames HTTP/1.1
 * messages itself (node:net, no HTTP library), forwards requests byte-for-byte on a per-connection upstream
 * socket, and injects seeded faults. Counts every fault it actually injected by kind.
 */
export class FaultProxy implements AsyncDisposable {
  readonly counts: Record<FaultKind, number> = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<
    FaultKind,
    number
  >;
  /** Requests seen (faulted or not). */
  requests = 0;
  /** When false, every request is forwarded untouched (e.g. for the final verification). */
  enabled = true;

  readonly #server: Server;
  readonly #options: FaultProxyOptions;
  readonly #rng: SeededRandom;
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #port = 0;
  #scheduled: FaultKind[];

  private constructor(server: Server, options: FaultProxyOptions) {
    this.#server = server;
    this.#options = options;
    this.#rng = new SeededRandom(options.seed);
    this.#scheduled = [...(options.scheduleFirst ?? [])];
    let sum = 0;
    for (const [kind, rate] of Object.entries(options.rates)) {
      if (!(FAULT_KINDS as readonly string[]).includes(kind))
        throw new RangeError(`rates: unknown fault kind ${kind}`);
      if (typeof rate !== 'number' || rate < 0 || rate > 1)
        throw new RangeError(`rates.${kind} must be in 0..1, got ${rate}`);
      sum += rate;
    }
    if (sum > 1) throw new RangeError(`rates must sum to ≤ 1, got ${sum}`);
  }

  /** Starts a proxy on 127.0.0.1 with an ephemeral port. */
  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const server = createServer({ noDelay: true });
    const proxy = new FaultProxy(server, options);
    server.on('connection', (socket) => proxy.#onConnection(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy: no TCP address');
    proxy.#port = address.port;
    return proxy;
  }

  get port(): number {
    return this.#port;
  }

  /** `http://127.0.0.1:<port>`. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Total faults injected. */
  get totalFaults(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  #decide(request: ProxiedRequest): FaultKind | undefined {
    const roll = this.#rng.next();
    if (!this.enabled) return undefined;
    if (this.#options.eligible !== undefined && !this.#options.eligible(request)) return undefined;
    const forced = this.#scheduled.shift();
    if (forced !== undefined) return forced;
    let acc = 0;
    for (const kind of FAULT_KINDS) {
      acc += this.#options.rates[kind] ?? 0;
      if (roll < acc) return kind;
    }
    return undefined;
  }

  #later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
  }

  #onConnection(client: Socket): void {
    this.#sockets.add(client);
    let upstream: Socket | undefined;
    let upstreamBuf: Buffer = Buffer.alloc(0);
    let pendingResponse: ((message: HttpMessage | Error) => void) | undefined;
    let pendingBodyless = false;
    let clientBuf: Buffer = Buffer.alloc(0);
    let busy = false;
    let closed = false;

    const closeAll = (): void => {
      if (closed) return;
      closed = true;
      client.destroy();
      upstream?.destroy();
    };
    client.on('close', () => {
      this.#sockets.delete(client);
      closeAll();
    });
    client.on('error', () => closeAll());

    const connectUpstream = (): Socket => {
      const socket = createConnection({ host: '127.0.0.1', port: this.#options.upstreamPort, noDelay: true });
      this.#sockets.add(socket);
      upstreamBuf = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        upstreamBuf = Buffer.concat([upstreamBuf, chunk]);
        if (pendingResponse === undefined) return;
        let taken: ReturnType<typeof takeMessage>;
        try {
          taken = takeMessage(upstreamBuf, pendingBodyless);
        } catch (error) {
          const done = pendingResponse;
          pendingResponse = undefined;
          done(error as Error);
          return;
        }
        if (taken === undefined) return;
        upstreamBuf = taken.rest;
        const done = pendingResponse;
        pendingResponse = undefined;
        done(taken.message);
      });
      const fail = (): void => {
        this.#sockets.delete(socket);
        if (upstream === socket) upstream = undefined;
        const done = pendingResponse;
        pendingResponse = undefined;
        done?.(new Error('upstream closed'));
      };
      socket.on('error', fail);
      socket.on('close', fail);
      return socket;
    };

    const forward = (request: HttpMessage, method: string): Promise<HttpMessage | Error> =>
      new Promise((resolve) => {
        upstream ??= connectUpstream();
        pendingBodyless = method === 'HEAD';
        pendingResponse = (m) => {
          // 204/304 responses have no body whatever their headers say
          if (!(m instanceof Error) && !pendingBodyless) {
            const status = responseStatus(m.head);
            if ((status === 204 || status === 304) && m.body.length > 0) {
              resolve(new Error(`upstream sent a body with ${status}`));
              return;
            }
          }
          resolve(m);
        };
        upstream.write(request.raw);
      });

    const handle = async (request: HttpMessage): Promise<void> => {
      const [method = '', target = ''] = request.head.startLine.split(' ');
      const info: ProxiedRequest = { method, target, headers: request.head.headers };
      this.requests++;
      this.#options.onRequest?.(info);
      const fault = this.#decide(info);
      switch (fault) {
        case 'resetBeforeForward':
          this.counts.resetBeforeForward++;
          client.resetAndDestroy();
          return;
        case 'blackhole':
          this.counts.blackhole++;
          // never answer; the client's timeout closes the connection (bounded: 120 s)
          this.#later(120_000, closeAll);
          await new Promise<void>((resolve) => client.once('close', () => resolve()));
          return;
        case 'http500': {
          this.counts.http500++;
          const id = requestId();
          client.write(
            buildResponse(
              500,
              'Internal Server Error',
              {
                'content-type': 'text/xml;charset=utf-8',
                'x-mns-request-id': id,
                'x-mns-version': '2015-06-06',
              },
              mnsErrorDocument('InternalError', 'Interal error.', id),
            ),
          );
          return;
        }
        case 'http503':
          this.counts.http503++;
          client.write(
            buildResponse(
              503,
              'Service Unavailable',
              { 'content-type': 'text/plain' },
              'upstream overloaded',
            ),
          );
          return;
        case 'throttle': {
          this.counts.throttle++;
          const id = requestId();
          client.write(
            buildResponse(
              400,
              'Bad Request',
              {
                'content-type': 'text/xml;charset=utf-8',
                'x-mns-request-id': id,
                'x-mns-version': '2015-06-06',
              },
              mnsErrorDocument('QpsLimitExceeded', 'The qps limit of the queue is exceeded.', id),
            ),
          );
          return;
        }
        default:
          break;
      }
      const response = await forward(request, method);
      if (response instanceof Error) {
        closeAll();
        return;
      }
      if (closed) return;
      switch (fault) {
        case 'resetAfterForward':
          this.counts.resetAfterForward++;
          client.resetAndDestroy();
          return;
        case 'truncatedResponse': {
          this.counts.truncatedResponse++;
          const raw = response.raw;
          const keep =
            response.body.length > 0
              ? response.head.headLength + Math.floor(response.body.length / 2)
              : Math.floor(response.head.headLength / 2);
          client.end(raw.subarray(0, keep));
          return;
        }
        case 'malformedXml': {
          const type = response.head.headers.get('content-type') ?? '';
          if (response.body.length > 0 && /xml/i.test(type)) {
            this.counts.malformedXml++;
            const status = responseStatus(response.head);
            const reason = response.head.startLine.split(' ').slice(2).join(' ');
            const headers: Record<string, string> = { 'content-type': type };
            const id = response.head.headers.get('x-mns-request-id');
            if (id !== undefined) headers['x-mns-request-id'] = id;
            client.write(
              buildResponse(status, reason, headers, corruptXml(response.body.toString('utf8'), this.#rng)),
            );
            return;
          }
          client.write(response.raw);
          return;
        }
        case 'stall':
          this.counts.stall++;
          await new Promise<void>((resolve) => this.#later(this.#options.stallMs ?? 250, resolve));
          if (!closed) client.write(response.raw);
          return;
        default:
          client.write(response.raw);
      }
    };

    const pump = (): void => {
      if (busy || closed) return;
      let taken: ReturnType<typeof takeMessage>;
      try {
        taken = takeMessage(clientBuf);
      } catch {
        closeAll();
        return;
      }
      if (taken === undefined) return;
      clientBuf = taken.rest;
      busy = true;
      handle(taken.message).then(
        () => {
          busy = false;
          pump();
        },
        () => closeAll(),
      );
    };

    client.on('data', (chunk: Buffer) => {
      clientBuf = Buffer.concat([clientBuf, chunk]);
      pump();
    });
  }

  /** Closes the listener and every connection (client and upstream). */
  async close(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
