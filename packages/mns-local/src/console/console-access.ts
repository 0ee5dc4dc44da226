import type { IncomingMessage } from 'node:http';
import { ConsoleApiError } from './console-api-error.js';
import { isLoopbackHost } from './is-loopback-host.js';

/** The name part of a `Host` header (`[::1]:9988` → `::1`, `localhost:80` → `localhost`). */
function hostName(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(1, end);
  }
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

/**
 * Who may use the console. The console is unsigned, like the `/__mns-local/*` admin documents: whoever reaches
 * the port reaches it. Two browser-side guards keep other web pages out of a loopback console:
 * - bound to loopback, the `Host` must name loopback (a DNS-rebinding page sends its own host name);
 * - a request that changes something must come from the console's own origin: `Sec-Fetch-Site` (when sent) is
 *   `same-origin`, `Origin` (when sent) equals `http://<Host>`, and the body is `application/json` (checked by
 *   the body reader), which a cross-site page cannot send without a CORS preflight the console never answers.
 * @throws {@link ConsoleApiError} 403 naming the rule.
 */
export function checkConsoleAccess(req: IncomingMessage, loopbackOnly: boolean): void {
  const host = req.headers.host;
  if (typeof host !== 'string' || host === '') {
    throw new ConsoleApiError(403, 'AccessDenied', 'The console needs a Host header.');
  }
  if (loopbackOnly && !isLoopbackHost(hostName(host))) {
    throw new ConsoleApiError(
      403,
      'AccessDenied',
      'This console is bound to loopback; open it as http://127.0.0.1:<port> or http://localhost:<port>.',
    );
  }
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    throw new ConsoleApiError(403, 'AccessDenied', 'Console changes must come from the console page itself.');
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    throw new ConsoleApiError(403, 'AccessDenied', 'Console changes must come from the console page itself.');
  }
}
