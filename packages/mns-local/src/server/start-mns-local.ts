import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Clock, MNS_LIMITS, MnsConfigError, MnsErrorCodes } from '@vodmns/core';
import {
  checkInRange,
  QUEUE_ATTRIBUTE_RANGES,
  type QueueAttributes,
  validateQueueName,
} from '../engine/queue-attributes.js';
import { lockDataDir } from '../engine/data-dir-lock.js';
import { loadSqlitePersistence } from '../engine/load-sqlite-persistence.js';
import { type MessageSnapshot, QueueEngine, type SendResult } from '../engine/queue-engine.js';
import { MNS_ERROR_TABLE, MnsServiceFailure, outOfRange } from '../protocol/mns-service-error.js';
import { errorXml, type QueueAttributesView } from '../protocol/response-xml.js';
import { type MnsLocalOptions, resolveMnsLocalOptions } from '../options/mns-local-options.js';
import type { MnsLocalQueueSpec } from '../options/queue-spec.js';
import { loadConsoleAssets } from '../console/console-assets.js';
import { CONSOLE_PATH, isConsoleUrl } from '../console/console-paths.js';
import { type ConsoleHandler, createConsoleHandler } from '../console/create-console-handler.js';
import { isLoopbackHost } from '../console/is-loopback-host.js';
import { createFaultInjector, type FaultInjector } from './fault-injector.js';
import type { MnsLocalRequest, MnsLocalResponse } from './mns-local-request.js';
import type { MnsOperation } from './mns-operation.js';
import { createRequestHandler, newRequestId } from './request-handler.js';
import { createThrottle } from './throttle.js';

/** Counters of a running server. */
export interface MnsLocalStats {
  /** Responses sent (including errors). */
  readonly requests: number;
  /** Responses per operation (`unrouted` for requests that could not be routed). */
  readonly byOperation: Readonly<Record<string, number>>;
  /** Responses with status ≥ 400. */
  readonly errors: number;
  readonly queues: number;
  /** Stored messages over all queues (any state). */
  readonly messages: number;
  /** Long-poll receives currently held. */
  readonly waitingReceives: number;
  /** Requests affected by injected faults. */
  readonly faultsApplied: number;
  /** Receives answered at once (`MessageNotExist`) because their queue held `maxLongPollsPerQueue` long polls. */
  readonly cappedReceives: number;
  /** Requests answered `429 TooManyRequests` (TPS limit or throttle fault). */
  readonly throttled: number;
}

/** Direct access to the server's state for tests and tools (no HTTP, no auth). */
export interface MnsLocalAdmin {
  /** Every queue with attributes and live counters, by name. */
  queues(): QueueAttributesView[];
  /** Every message of a queue with its state (Active ones first, in delivery order); changes nothing. */
  peek(queueName: string): MessageSnapshot[];
  /** Deletes every message of a queue; returns the count. */
  purge(queueName: string): number;
  /** Creates a queue (same rules as CreateQueue). */
  createQueue(queueName: string, attributes?: Partial<QueueAttributes>): 'created' | 'exists';
  /** Deletes a queue (no-op when absent). */
  deleteQueue(queueName: string): void;
  /** Sends one message as SendMessage would (body stored verbatim). */
  sendMessage(
    queueName: string,
    body: string,
    options?: { delaySeconds?: number; priority?: number },
  ): SendResult;
  stats(): MnsLocalStats;
}

/** A running local MNS server. Dispose with `await server.close()` or `await using`. */
export interface MnsLocalServer<C extends Clock = Clock> extends AsyncDisposable {
  /** `http://{host}:{port}` — pass to any MNS SDK as its endpoint. */
  readonly endpoint: string;
  readonly host: string;
  readonly port: number;
  readonly accountId: string;
  readonly region: string;
  /** The primary AccessKeyId (the documented test key unless configured). */
  readonly accessKeyId: string;
  /** The web console's URL (`{endpoint}/__mns-local/console/`), or `undefined` when it is off. */
  readonly consoleUrl: string | undefined;
  /**
   * Secret of {@link MnsLocalServer.accessKeyId}. Not enumerable, so `util.inspect`/`JSON.stringify` of the
   * server do not show it.
   */
  readonly accessKeySecret: string;
  /** The server's clock (a `ManualClock` when one was injected). */
  readonly clock: C;
  readonly faults: FaultInjector;
  readonly admin: MnsLocalAdmin;
  /** Handles one request in-process, exactly as the socket path does (minus transport faults). */
  handle(request: MnsLocalRequest): Promise<MnsLocalResponse>;
  /**
   * Stops accepting connections, answers held long polls (`MessageNotExist`), waits for in-flight responses,
   * closes connections and the database. Idempotent.
   */
  close(): Promise<void>;
}

function rawErrorResponse(status: number, code: string, message: string, contentType: string): string {
  const requestId = newRequestId();
  const body = errorXml(code, message, requestId, 'http://mns-local');
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nServer: AliyunMQS\r\n` +
    `Content-Type: ${contentType}\r\nx-mns-request-id: ${requestId}\r\nx-mns-version: 2015-06-06\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/**
 * Starts an MNS-compatible server (spec: queue API, V1/V4 signatures, visibility, long polling,
 * optional SQLite durability) and resolves once it listens.
 *
 * @example
 * ```ts
 * await using server = await startMnsLocal();
 * // server.endpoint, server.accessKeyId, server.accessKeySecret → any MNS SDK
 * ```
 */
export async function startMnsLocal<C extends Clock = Clock>(
  options: MnsLocalOptions & { readonly clock?: C | undefined } = {},
): Promise<MnsLocalServer<C>> {
  const o = resolveMnsLocalOptions(options);
  const consoleAssets = o.console ? await loadConsoleAssets() : undefined;
  // One server per data dir: a second one would keep its own in-memory copy of the same queues.
  const lock = o.dataDir === undefined ? undefined : lockDataDir(o.dataDir);
  let engine: QueueEngine;
  try {
    // The native SQLite addon (an optional peer) is loaded only when durability is asked for.
    const persistence =
      o.dataDir === undefined ? undefined : (await loadSqlitePersistence())(o.dataDir, o.sqliteSynchronous);
    try {
      engine = new QueueEngine(o.clock, persistence, {
        maxLongPollsPerQueue: o.maxLongPollsPerQueue,
        staleHandleAfterVisibilityChange: o.staleHandleAfterVisibilityChange,
      });
      createConfiguredQueues(engine, o.queues, o.dataDir);
    } catch (error) {
      persistence?.close();
      throw error;
    }
  } catch (error) {
    lock?.release();
    throw error;
  }
  const faults = createFaultInjector();
  const throttle = createThrottle(o.clock, o.tpsLimit, o.throttleHoldMs);
  let requests = 0;
  let errors = 0;
  const byOperation: Record<string, number> = {};
  const handle = createRequestHandler({
    // `admin` is defined below; these run only for requests, after startup.
    adminDocuments: (name) =>
      name === 'stats' ? admin.stats() : name === 'queues' ? admin.queues() : undefined,
    engine,
    clock: o.clock,
    faults,
    accountId: o.accountId,
    region: o.region,
    auth: o.auth ? { credentials: o.credentials, maxClockSkewMs: o.maxClockSkewMs } : undefined,
    accessLog: o.accessLog,
    throttle,
    contentType: o.responseContentType,
    onResponse: (operation: MnsOperation | undefined, status: number) => {
      requests++;
      if (status >= 400) errors++;
      const key = operation ?? 'unrouted';
      byOperation[key] = (byOperation[key] ?? 0) + 1;
    },
  });

  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const finishOne = (): void => {
    inFlight--;
    if (inFlight === 0) idle?.();
  };

  const respond = (req: IncomingMessage, res: ServerResponse, response: MnsLocalResponse): void => {
    if (response.transportFault === 'reset') {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...response.headers };
    if (draining) headers.Connection = 'close';
    const bodiless = response.status === 204 || response.status === 304;
    const hasBody = response.body !== '' && !bodiless;
    // Always a Content-Length (0 for an empty 201): never chunked framing.
    if (!bodiless) headers['Content-Length'] = String(hasBody ? Buffer.byteLength(response.body, 'utf8') : 0);
    if (response.transportFault === 'truncateBody' && hasBody) {
      const full = Buffer.from(response.body, 'utf8');
      res.writeHead(response.status, headers);
      res.write(full.subarray(0, full.length >> 1), () => req.socket.destroy());
      return;
    }
    res.writeHead(response.status, headers);
    // One write: Node prepends the head to the first body chunk when given a string.
    res.end(hasBody ? response.body : undefined);
  };

  // Set once the server listens (the console shows the endpoint); a request cannot arrive before that.
  let consoleHandler: ConsoleHandler | undefined;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight++;
    res.once('close', finishOne);
    const silent = silentTimers.get(req.socket);
    if (silent !== undefined) {
      clearTimeout(silent);
      silentTimers.delete(req.socket);
    }
    if (consoleHandler !== undefined && isConsoleUrl(req.url ?? '')) {
      consoleHandler.handle(req, res);
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const refuse = (status: number, code: string, message: string): void => {
      const requestId = newRequestId();
      const body = errorXml(code, message, requestId, `http://${req.headers.host ?? 'mns-local'}`);
      res.writeHead(status, {
        'x-mns-request-id': requestId,
        'x-mns-version': '2015-06-06',
        Server: 'AliyunMQS',
        'Content-Type': o.responseContentType,
        'Content-Length': String(Buffer.byteLength(body)),
        Connection: 'close',
      });
      res.end(body, () => req.socket.destroy());
      requests++;
      errors++;
    };
    const tooLarge = (): void =>
      refuse(413, 'RequestBodyTooLarge', `The request body exceeds ${o.maxBodyBytes} bytes.`);
    // Node keeps only the first maxHeadersCount fields and drops the rest silently (an Authorization among
    // them would be answered as missing): the server lets one more through than allowed, so going over shows.
    if (req.rawHeaders.length / 2 > o.maxHeaderCount) {
      refuse(431, 'RequestHeaderTooLarge', `The request has more than ${o.maxHeaderCount} header fields.`);
      return;
    }
    if (declared > o.maxBodyBytes) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (chunk: Buffer) => {
      if (aborted) return;
      size += chunk.length;
      if (size > o.maxBodyBytes) {
        aborted = true;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      aborted = true;
    });
    req.on('end', () => {
      if (aborted) return;
      // Only receives can be held (long polls); only they need to learn about a vanished client.
      let controller: AbortController | undefined;
      if (req.method === 'GET') {
        const c = new AbortController();
        controller = c;
        res.once('close', () => {
          if (!res.writableEnded) c.abort();
        });
      }
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      handle({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body,
        signal: controller?.signal,
      }).then(
        (response) => {
          if (res.destroyed) return;
          try {
            respond(req, res, response);
          } catch {
            res.destroy();
          }
        },
        () => {
          if (!res.destroyed) res.destroy();
        },
      );
    });
  };

  const server = createServer(
    {
      maxHeaderSize: o.maxHeaderBytes,
      headersTimeout: o.headersTimeoutMs,
      requestTimeout: o.requestTimeoutMs,
      keepAliveTimeout: o.keepAliveTimeoutMs,
      // How often Node checks headersTimeout/requestTimeout (default 30 s would let slow-loris clients linger).
      connectionsCheckingInterval: Math.min(1000, o.headersTimeoutMs),
      noDelay: true,
    },
    onRequest,
  );
  server.maxHeadersCount = o.maxHeaderCount + 1;
  server.maxConnections = o.maxConnections;
  // Node's headersTimeout starts at a request's first byte, so a connection that never sends one would be kept
  // forever (and hundreds of them exhaust file descriptors). Each connection gets headersTimeoutMs from accept
  // to its first request's head; after that, headersTimeout/requestTimeout/keepAliveTimeout take over.
  const silentTimers = new WeakMap<Socket, NodeJS.Timeout>();
  server.on('connection', (socket: Socket) => {
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      // Nothing sent: nothing to answer. A partial head (slow loris) gets the 408 Node would send.
      if (socket.bytesRead === 0 || !socket.writable) socket.destroy();
      else
        socket.end(
          rawErrorResponse(408, 'RequestTimeout', MNS_ERROR_TABLE.RequestTimeout[1], o.responseContentType),
        );
    }, o.headersTimeoutMs);
    timer.unref();
    silentTimers.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || socket.destroyed) {
      socket.destroy();
      return;
    }
    let reply: string | undefined;
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      reply = rawErrorResponse(
        431,
        'RequestHeaderTooLarge',
        `The request headers exceed ${o.maxHeaderBytes} bytes.`,
        o.responseContentType,
      );
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      reply = rawErrorResponse(
        408,
        'RequestTimeout',
        'The request was not received completely within the server timeout.',
        o.responseContentType,
      );
    } else if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') {
      reply = rawErrorResponse(
        400,
        'InvalidRequestURL',
        'Http request format invalid.',
        o.responseContentType,
      );
    }
    if (reply === undefined) socket.destroy();
    else socket.end(reply);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    engine.close();
    lock?.release();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const endpoint = `http://${urlHost}:${address.port}`;
  consoleHandler =
    consoleAssets === undefined
      ? undefined
      : createConsoleHandler({
          engine,
          clock: o.clock,
          assets: consoleAssets,
          info: {
            endpoint,
            accountId: o.accountId,
            region: o.region,
            auth: o.auth,
            storage: o.dataDir === undefined ? 'memory' : 'sqlite',
          },
          loopbackOnly: isLoopbackHost(address.address),
        });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      draining = true;
      consoleHandler?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      engine.releaseWaiters();
      throttle.releaseHeld();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          idle = resolve;
          setTimeout(resolve, 5000).unref();
        });
      }
      server.closeAllConnections();
      await closed;
      engine.close();
      lock?.release();
    })();
    return closing;
  };

  const admin: MnsLocalAdmin = {
    queues: () => engine.queueNames().map((n) => engine.queueAttributes(n)),
    peek: (name) => engine.snapshot(name),
    purge: (name) => engine.purge(name),
    createQueue: (name, attributes = {}) => {
      validateQueueName(name);
      for (const [key, value] of Object.entries(attributes)) {
        if (key === 'loggingEnabled') {
          if (typeof value !== 'boolean') {
            throw new MnsServiceFailure(
              'InvalidArgument',
              `admin.createQueue: loggingEnabled must be a boolean, got ${String(value)}.`,
            );
          }
          continue;
        }
        const range = QUEUE_ATTRIBUTE_RANGES[key as keyof typeof QUEUE_ATTRIBUTE_RANGES];
        if (range === undefined) {
          throw new MnsServiceFailure(
            'InvalidArgument',
            `admin.createQueue: unknown attribute ${JSON.stringify(key)}.`,
          );
        }
        const [element, low, high, unit] = range;
        if (!Number.isInteger(value) || (value as number) < low || (value as number) > high) {
          throw outOfRange(element, low, high, unit);
        }
      }
      return engine.createQueue(name, attributes);
    },
    deleteQueue: (name) => engine.deleteQueue(name),
    sendMessage: (name, body, opts = {}) => {
      if (typeof body !== 'string' || body.length === 0) {
        throw new MnsServiceFailure('InvalidArgument', 'admin.sendMessage: body must be a non-empty string.');
      }
      const { delaySeconds, priority } = opts;
      if (delaySeconds !== undefined)
        checkInRange('DelaySeconds', delaySeconds, MNS_LIMITS.delaySeconds, 'seconds');
      if (priority !== undefined) checkInRange('Priority', priority, MNS_LIMITS.priority, '');
      return engine.send(name, [{ body, delaySeconds, priority }])[0]!;
    },
    stats: () => ({
      requests,
      byOperation: { ...byOperation },
      errors,
      queues: engine.queueNames().length,
      messages: engine.messageCount,
      waitingReceives: engine.waiterCount,
      faultsApplied: faults.appliedCount,
      cappedReceives: engine.cappedReceives,
      throttled: throttle.throttled,
    }),
  };

  const running = {
    endpoint,
    consoleUrl: consoleHandler === undefined ? undefined : `${endpoint}${CONSOLE_PATH}/`,
    host: address.address,
    port: address.port,
    accountId: o.accountId,
    region: o.region,
    accessKeyId: o.accessKeyId,
    clock: o.clock as C,
    faults,
    admin,
    handle,
    close,
    [Symbol.asyncDispose]: close,
  };
  // Readable, but not enumerable: `console.log(server)`, `util.inspect` and `JSON.stringify` of the server
  // (easy to do in a test or a debug line) must not print a configured secret.
  return Object.defineProperty(running, 'accessKeySecret', {
    value: o.accessKeySecret,
    enumerable: false,
    writable: false,
    configurable: false,
  }) as typeof running & { readonly accessKeySecret: string };
}

/** Creates the `queues` option's queues; one persisted (`dataDir`) with other attributes stops the start. */
function createConfiguredQueues(
  engine: QueueEngine,
  queues: readonly MnsLocalQueueSpec[],
  dataDir: string | undefined,
): void {
  for (const q of queues) {
    try {
      engine.createQueue(q.name, q.attributes ?? {});
    } catch (error) {
      if (error instanceof MnsServiceFailure && error.code === 'QueueAlreadyExist') {
        throw new MnsConfigError({
          code: MnsErrorCodes.invalidArgument,
          fault: 'client',
          message: `queue ${JSON.stringify(q.name)} already exists in ${dataDir ?? 'the store'} with other attributes than configured; delete it or change the configuration`,
        });
      }
      throw error;
    }
  }
}
