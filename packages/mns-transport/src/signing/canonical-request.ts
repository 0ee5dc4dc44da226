/** A request as far as signing is concerned. Pure data; nothing here does I/O. */
export interface SignableRequest {
  /** HTTP method, any case (upper-cased for signing). */
  readonly method: string;
  /**
   * The request-target exactly as put on (or read from) the request line: path plus `?` plus the raw query
   * string, no decoding or re-ordering. V1 signs it verbatim; V4 canonicalises it.
   */
  readonly resource: string;
  /** Header names in any case; array values (as Node's `IncomingMessage` may give) are joined with `,`. */
  readonly headers: Readonly<Record<string, string | readonly string[] | number | undefined>>;
}

/** Header lookup by lower-case name. */
export function lowerCaseHeaders(headers: SignableRequest['headers']): Map<string, string> {
  const out = new Map<string, string>();
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    out.set(
      name.toLowerCase(),
      typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : String(value),
    );
  }
  return out;
}

/**
 * Every `x-mns-*` header as `name:value\n`, names lower-cased and sorted ascending, values as sent
 * (docs/mns-protocol.md §3.1: all of them, not a whitelist).
 */
export function canonicalizeMnsHeaders(headers: ReadonlyMap<string, string>): string {
  const names: string[] = [];
  for (const name of headers.keys()) if (name.startsWith('x-mns-')) names.push(name);
  names.sort();
  let out = '';
  for (const name of names) out += `${name}:${headers.get(name)}\n`;
  return out;
}
