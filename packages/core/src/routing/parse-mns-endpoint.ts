import type { MnsConfigError } from '../errors/mns-error.js';
import { err, ok, type Result } from '../result.js';
import { invalidArgument } from '../errors/invalid-argument.js';
import { REGION_ID_PATTERN } from './mns-regions.js';

/** How an MNS endpoint is reached: the public Internet, the classic internal network, or a VPC. */
export type MnsNetwork = 'public' | 'internal' | 'vpc';

/** URL scheme of an MNS endpoint. MNS serves both; https is the default everywhere in vodmns. */
export type MnsProtocol = 'https' | 'http';

/** Fields every parsed endpoint has. */
interface ParsedEndpointBase {
  readonly protocol: MnsProtocol;
  /** Host name without the port (IPv6 literals keep their brackets), lower-case. */
  readonly host: string;
  /** The explicit port, when the URL has a non-default one. */
  readonly port?: number;
  /** `protocol://host[:port]` with no trailing slash: the base URL requests are made against. */
  readonly origin: string;
}

/** An Alibaba Cloud MNS data-plane endpoint, `{accountId}.mns.{region}[-internal[-vpc]].aliyuncs.com`. */
export interface AliyunMnsEndpoint extends ParsedEndpointBase {
  readonly isAliyun: true;
  /** Numeric Alibaba Cloud account id: the first label of the host. */
  readonly accountId: string;
  /** Region id without the network suffix, e.g. `cn-shanghai`. */
  readonly region: string;
  readonly network: MnsNetwork;
}

/**
 * Any other http(s) origin: a local MNS-compatible server (`http://127.0.0.1:9988`), a proxy, a test double.
 * It has no account id or region.
 */
export interface CustomMnsEndpoint extends ParsedEndpointBase {
  readonly isAliyun: false;
  readonly network: 'custom';
  readonly accountId?: undefined;
  readonly region?: undefined;
  /** Whether the host is a loopback address (`localhost`, `127.0.0.0/8`, `[::1]`). */
  readonly isLoopback: boolean;
}

/** The result of {@link parseMnsEndpoint}. Narrow with `isAliyun`. */
export type ParsedMnsEndpoint = AliyunMnsEndpoint | CustomMnsEndpoint;

/** Numeric Alibaba Cloud account id (the first DNS label of an MNS endpoint). */
export const ACCOUNT_ID_PATTERN: RegExp = /^[0-9]{1,32}$/;

const ALIYUN_SUFFIX = '.aliyuncs.com';
const ALIYUN_MNS_HOST = /^([^.]+)\.mns\.([^.]+)\.aliyuncs\.com$/;

/**
 * Parses an MNS endpoint URL. Accepts `http(s)://{accountId}.mns.{region}.aliyuncs.com` (with `-internal` /
 * `-internal-vpc` region suffixes for the internal and VPC networks) and any other http(s) origin, which parses
 * as a custom endpoint (`isAliyun: false`, no account or region) — the local server at `http://127.0.0.1:9988`,
 * for instance. A trailing `/` is accepted (the MNS console prints one).
 *
 * Never throws. Rejected, as `{ ok: false, error }` with an {@link MnsConfigError} (code
 * `ERR_MNS_INVALID_ARGUMENT`) naming `endpoint` and the value: a non-string, a relative or unparsable URL,
 * a scheme other than http/https, user info in the URL (never echoed), a path, query or fragment, and an
 * `*.aliyuncs.com` host that is not an MNS data-plane host (e.g. the `mns-open` control plane, a missing
 * or non-numeric account id, a malformed region).
 */
export function parseMnsEndpoint(url: string): Result<ParsedMnsEndpoint, MnsConfigError> {
  const field = 'endpoint';
  if (typeof url !== 'string') return err(invalidArgument(field, url, 'a URL string'));
  const text = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return err(
      invalidArgument(
        field,
        url,
        'an absolute http(s) URL such as https://{accountId}.mns.{region}.aliyuncs.com',
      ),
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    parsed.username = '';
    parsed.password = '';
    return err(
      invalidArgument(field, `${parsed.origin} (user info removed)`, 'a URL without user name or password'),
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return err(invalidArgument(field, url, 'an http:// or https:// URL'));
  }
  if (parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '') {
    return err(
      invalidArgument(
        field,
        url,
        'an origin without path, query or fragment (queue paths are added per request)',
      ),
    );
  }
  const protocol: MnsProtocol = parsed.protocol === 'https:' ? 'https' : 'http';
  const host = parsed.hostname;
  const base = {
    protocol,
    host,
    origin: parsed.origin,
    ...(parsed.port === '' ? {} : { port: Number(parsed.port) }),
  };

  if (!host.endsWith(ALIYUN_SUFFIX)) {
    return ok({ ...base, isAliyun: false, network: 'custom', isLoopback: isLoopbackHost(host) });
  }
  const match = ALIYUN_MNS_HOST.exec(host);
  const expected =
    'an MNS endpoint of the form {accountId}.mns.{region}[-internal|-internal-vpc].aliyuncs.com';
  if (match === null) return err(invalidArgument(field, url, expected));
  const accountId = match[1] ?? '';
  const regionPart = match[2] ?? '';
  if (!ACCOUNT_ID_PATTERN.test(accountId)) {
    return err(invalidArgument(field, url, `${expected} with a numeric account id (got '${accountId}')`));
  }
  let network: MnsNetwork = 'public';
  let region = regionPart;
  if (regionPart.endsWith('-internal-vpc')) {
    network = 'vpc';
    region = regionPart.slice(0, -'-internal-vpc'.length);
  } else if (regionPart.endsWith('-internal')) {
    network = 'internal';
    region = regionPart.slice(0, -'-internal'.length);
  }
  if (!REGION_ID_PATTERN.test(region)) {
    return err(
      invalidArgument(field, url, `${expected} with a region id such as cn-shanghai (got '${region}')`),
    );
  }
  return ok({ ...base, isAliyun: true, accountId, region, network });
}

function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127(?:\.\d{1,3}){3}$/.test(host)
  );
}
