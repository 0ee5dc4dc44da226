/**
 * The environment variables that switch on vodmns debug output (read by the packages that write it; core only
 * decides).
 */
export interface DebugEnvironment {
  /** `debug`-style patterns: comma- or space-separated, `*` wildcards, a leading `-` excludes. */
  readonly DEBUG?: string | undefined;
  /** Node's sections: comma-separated, case-insensitive, `*` wildcards; `vodmns` turns on every namespace. */
  readonly NODE_DEBUG?: string | undefined;
}

/** Debug namespaces of vodmns, stable public API (what to put in `DEBUG`). */
export const VODMNS_DEBUG_NAMESPACES = Object.freeze({
  /** The consumer (`@vodmns/rx`): receives, deletes, visibility changes, notices, status changes. */
  rx: 'vodmns:rx',
  /** The MNS client (`@vodmns/mns-transport`): one line per request attempt and retry. */
  mns: 'vodmns:mns',
});

function wildcard(pattern: string, flags = ''): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*');
  return new RegExp(`^${escaped}$`, flags);
}

/**
 * Whether debug output of `namespace` (e.g. `vodmns:rx`) is on: `DEBUG=vodmns:*` (or `vodmns:rx`, `*`, minus
 * exclusions such as `-vodmns:mns`), or `NODE_DEBUG=vodmns` (or `vodmns:rx`, `vodmns*`). Linear in the length of
 * the variables; an empty or unset variable turns nothing on.
 */
export function isDebugEnabled(namespace: string, env: DebugEnvironment): boolean {
  const nodeDebug = (env.NODE_DEBUG ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const root = namespace.split(':')[0] ?? namespace;
  if (nodeDebug.some((s) => wildcard(s, 'i').test(namespace) || wildcard(s, 'i').test(root))) return true;
  let on = false;
  for (const raw of (env.DEBUG ?? '').split(/[\s,]+/)) {
    if (raw === '') continue;
    if (raw.startsWith('-')) {
      if (wildcard(raw.slice(1)).test(namespace)) return false;
    } else if (wildcard(raw).test(namespace)) {
      on = true;
    }
  }
  return on;
}
