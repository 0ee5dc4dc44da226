import { MnsServiceFailure } from './mns-service-error.js';

/** A request-target split into path segments and query parameters (docs/mns-protocol.md §3.6). */
export interface RequestTarget {
  /** Path without the query, as sent. */
  readonly path: string;
  /** Path segments between `/`, empty ones dropped (`/queues/q/` → `['queues', 'q']`). */
  readonly segments: readonly string[];
  /** Query parameters by lower-cased name, percent-decoded (`+` stays `+`); the first occurrence wins. */
  readonly query: ReadonlyMap<string, string>;
}

/**
 * Parses a raw request-target: the query is split on `&`, each item on its first `=`, names and values are
 * percent-decoded only (no `+` → space: raw receipt handles may contain `+`) and names are matched
 * case-insensitively. Throws `InvalidQueryString` for undecodable escapes and `InvalidRequestURL` for a
 * target that is not origin-form.
 */
export function parseRequestTarget(target: string): RequestTarget {
  if (!target.startsWith('/')) throw new MnsServiceFailure('InvalidRequestURL');
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = new Map<string, string>();
  if (q >= 0) {
    for (const item of target.slice(q + 1).split('&')) {
      if (item === '') continue;
      const eq = item.indexOf('=');
      const rawName = eq < 0 ? item : item.slice(0, eq);
      const rawValue = eq < 0 ? '' : item.slice(eq + 1);
      const name = decode(rawName, rawName).toLowerCase();
      if (!query.has(name)) query.set(name, decode(rawValue, rawName));
    }
  }
  const segments: string[] = [];
  for (const s of path.split('/')) if (s !== '') segments.push(s);
  return { path, segments, query };
}

function decode(value: string, name: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new MnsServiceFailure(
      'InvalidQueryString',
      `Http request URL contains invalid querystring item "${name.slice(0, 64)}".`,
    );
  }
}
