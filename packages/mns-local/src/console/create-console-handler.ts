import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '@vodmns/core';
import type { QueueEngine } from '../engine/queue-engine.js';
import { checkConsoleAccess } from './console-access.js';
import { createConsoleApi, type ConsoleServerInfo } from './console-api.js';
import { ConsoleApiError, toConsoleApiError } from './console-api-error.js';
import type { ConsoleAssets } from './console-assets.js';
import { CONSOLE_PATH } from './console-paths.js';
import { ConsoleSimulator } from './console-simulator.js';
import { readJsonBody } from './read-json-body.js';

/** The console's HTTP side: `handle` serves one request below {@link CONSOLE_PATH}; `close` stops simulations. */
export interface ConsoleHandler {
  handle(req: IncomingMessage, res: ServerResponse): void;
  close(): void;
}

// The page loads only its own files and talks only to its own origin: nothing from outside the machine.
const SECURITY_HEADERS = Object.freeze({
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
});

const API_PREFIX = `${CONSOLE_PATH}/api/`;
/** Longest console URL accepted, characters. */
const MAX_URL_LENGTH = 2048;

/** Creates the console for one server. */
export function createConsoleHandler(deps: {
  readonly engine: QueueEngine;
  readonly clock: Clock;
  readonly assets: ConsoleAssets;
  readonly info: ConsoleServerInfo;
  /** Bound to loopback: accept loopback `Host` names only. */
  readonly loopbackOnly: boolean;
}): ConsoleHandler {
  const simulator = new ConsoleSimulator(deps.engine, deps.clock);
  const api = createConsoleApi({
    engine: deps.engine,
    simulator,
    info: deps.info,
    now: () => deps.clock.now(),
  });
  const files: Record<string, readonly [type: string, body: string]> = {
    [CONSOLE_PATH]: ['text/html; charset=utf-8', deps.assets.html],
    [`${CONSOLE_PATH}/`]: ['text/html; charset=utf-8', deps.assets.html],
    [`${CONSOLE_PATH}/console.js`]: ['text/javascript; charset=utf-8', deps.assets.script],
    [`${CONSOLE_PATH}/console.css`]: ['text/css; charset=utf-8', deps.assets.style],
    [`${CONSOLE_PATH}/icon.svg`]: ['image/svg+xml', deps.assets.icon],
  };

  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': String(Buffer.byteLength(body, 'utf8')),
    });
    res.end(body);
  };
  const sendJson = (res: ServerResponse, status: number, document: unknown): void => {
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(document));
  };
  const sendError = (req: IncomingMessage, res: ServerResponse, error: ConsoleApiError): void => {
    // Unread request bytes must not be taken for the next request on this connection.
    if (!req.complete) res.setHeader('Connection', 'close');
    sendJson(res, error.status, { error: { code: error.code, message: error.message } });
  };

  async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let segments: string[];
    try {
      segments = url.pathname
        .slice(API_PREFIX.length)
        .split('/')
        .filter((s) => s !== '')
        .map((s) => decodeURIComponent(s));
    } catch {
      throw new ConsoleApiError(400, 'InvalidRequestURL', 'The console URL has an invalid percent-encoding.');
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET') req.resume();
    const { status, document } = await api({
      method,
      segments,
      query: url.searchParams,
      body: () => readJsonBody(req),
    });
    sendJson(res, status, document);
  }

  return {
    handle(req, res) {
      const raw = req.url ?? '/';
      void (async () => {
        try {
          if (raw.length > MAX_URL_LENGTH) {
            throw new ConsoleApiError(
              414,
              'InvalidRequestURL',
              `Console URLs are at most ${MAX_URL_LENGTH} characters.`,
            );
          }
          checkConsoleAccess(req, deps.loopbackOnly);
          const url = new URL(raw, 'http://console.invalid');
          if (url.pathname.startsWith(API_PREFIX)) {
            await serveApi(req, res, url);
            return;
          }
          const file = files[url.pathname];
          if (file === undefined)
            throw new ConsoleApiError(404, 'NotFound', `No console page ${url.pathname.slice(0, 128)}.`);
          const method = (req.method ?? 'GET').toUpperCase();
          if (method !== 'GET' && method !== 'HEAD') {
            throw new ConsoleApiError(405, 'MethodNotAllowed', `${method} is not allowed here; use GET.`);
          }
          req.resume();
          send(res, 200, file[0], file[1]);
        } catch (error) {
          sendError(req, res, toConsoleApiError(error));
        }
      })();
    },
    close() {
      simulator.close();
    },
  };
}
