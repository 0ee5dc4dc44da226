/** A parsed `Authorization` header. */
export type ParsedAuthorization =
  | { readonly version: 'v1'; readonly accessKeyId: string; readonly signature: string }
  | {
      readonly version: 'v4';
      readonly algorithm: string;
      readonly accessKeyId: string;
      /** `yyyyMMdd` from the credential scope. */
      readonly day: string;
      readonly region: string;
      readonly signature: string;
    };

/**
 * Parses `MNS {id}:{sig}` (split on the first space, then the first `:`, docs/mns-protocol.md §3.2; STS ids contain dots) or
 * `MNS4-HMAC-SHA256 Credential={id}/{day}/{region}/mns/aliyun_v4_request,Signature={hex}` (also the
 * `APSARA-` prefixed variant). Returns `undefined` for anything malformed.
 */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const space = header.indexOf(' ');
  if (space <= 0) return undefined;
  const scheme = header.slice(0, space);
  const rest = header.slice(space + 1).trim();
  if (scheme === 'MNS') {
    const colon = rest.indexOf(':');
    if (colon <= 0 || colon === rest.length - 1) return undefined;
    return { version: 'v1', accessKeyId: rest.slice(0, colon), signature: rest.slice(colon + 1) };
  }
  if (scheme === 'MNS4-HMAC-SHA256' || scheme === 'APSARA-MNS4-HMAC-SHA256') {
    const m =
      /^Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/mns\/aliyun_v4_request,\s*Signature=([0-9a-f]{64})$/.exec(
        rest,
      );
    if (!m) return undefined;
    return {
      version: 'v4',
      algorithm: scheme,
      accessKeyId: m[1]!,
      day: m[2]!,
      region: m[3]!,
      signature: m[4]!,
    };
  }
  return undefined;
}
