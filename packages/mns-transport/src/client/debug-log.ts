import { subscribe } from 'node:diagnostics_channel';
import { isDebugEnabled, VODMNS_DEBUG_NAMESPACES } from '@vodmns/core';
import { MNS_DIAGNOSTICS_CHANNELS, type MnsResponseEvent, type MnsRetryEvent } from './diagnostics.js';

let installed = false;

/**
 * With `DEBUG=vodmns:mns` (or `vodmns:*`, or `NODE_DEBUG=vodmns`) writes one stderr line per request attempt —
 * method, path (no query: it holds receipt handles), status, requestId, duration, error code — and one per retry.
 * Built on the client's diagnostics channels, whose payloads carry no credentials, signatures, headers or bodies.
 * Installed once per process, by the first client created while the variable is set.
 */
export function installDebugLog(
  env: Readonly<Record<string, string | undefined>> = process.env,
  write: (line: string) => void = (line) => void process.stderr.write(line),
): void {
  if (installed || !isDebugEnabled(VODMNS_DEBUG_NAMESPACES.mns, env)) return;
  installed = true;
  const prefix = VODMNS_DEBUG_NAMESPACES.mns;
  subscribe(MNS_DIAGNOSTICS_CHANNELS.response, (message) => {
    const m = message as MnsResponseEvent;
    const outcome = m.errorCode === undefined ? '' : ` ${m.errorCode}`;
    write(
      `${prefix} ${m.operation} ${m.status ?? 'no-response'}${outcome} requestId=${m.requestId ?? '-'} ` +
        `${m.durationMs.toFixed(1)}ms (${m.action}, attempt ${m.attempt})\n`,
    );
  });
  subscribe(MNS_DIAGNOSTICS_CHANNELS.retry, (message) => {
    const m = message as MnsRetryEvent;
    write(
      `${prefix} retry ${m.operation} in ${Math.round(m.delayMs)}ms after ${m.errorCode} ` +
        `(${m.action}, attempt ${m.attempt})\n`,
    );
  });
}
