import { assertKnownKeys, invalidArgument } from '../errors/invalid-argument.js';
import { REGION_ID_PATTERN } from './mns-regions.js';
import { ACCOUNT_ID_PATTERN, type MnsNetwork, type MnsProtocol } from './parse-mns-endpoint.js';

/** Input of {@link buildMnsEndpoint}. */
export interface BuildMnsEndpointInput {
  /** Numeric Alibaba Cloud account id (owner id), as a string: 16-digit ids exceed `Number.MAX_SAFE_INTEGER`. */
  readonly accountId: string;
  /** Region id such as `cn-shanghai`, without a network suffix. Any well-shaped id is accepted. */
  readonly region: string;
  /**
   * `public` (Internet), `internal` (classic network, `{region}-internal`) or `vpc`
   * (`{region}-internal-vpc`). VOD can only write to a public endpoint.
   * @defaultValue `'public'`
   */
  readonly network?: MnsNetwork | undefined;
  /** URL scheme. @defaultValue `'https'` */
  readonly protocol?: MnsProtocol | undefined;
}

const KEYS = ['accountId', 'region', 'network', 'protocol'];

/**
 * Builds an MNS data-plane endpoint: `https://{accountId}.mns.{region}.aliyuncs.com` (no trailing slash),
 * with `{region}-internal` for the internal network and `{region}-internal-vpc` for VPC.
 * The inverse of {@link parseMnsEndpoint} for Alibaba Cloud endpoints.
 *
 * @throws {@link MnsConfigError} (code `ERR_MNS_INVALID_ARGUMENT`, message naming the field and value) for a
 * non-numeric account id, a region that is not shaped like a region id (or already carries an `-internal`
 * suffix), an unknown network or protocol, or an unknown option key.
 *
 * @example
 * ```ts
 * buildMnsEndpoint({ accountId: '1234567890123456', region: 'cn-shanghai' });
 * // 'https://1234567890123456.mns.cn-shanghai.aliyuncs.com'
 * ```
 */
export function buildMnsEndpoint(input: BuildMnsEndpointInput): string {
  if (typeof input !== 'object' || input === null) {
    throw invalidArgument('input', input, 'an object { accountId, region, network?, protocol? }');
  }
  assertKnownKeys('input', input, KEYS);
  const { accountId, region } = input;
  const network = input.network ?? 'public';
  const protocol = input.protocol ?? 'https';
  if (typeof accountId !== 'string' || !ACCOUNT_ID_PATTERN.test(accountId)) {
    throw invalidArgument('accountId', accountId, 'a numeric Alibaba Cloud account id string (digits only)');
  }
  if (typeof region !== 'string' || !REGION_ID_PATTERN.test(region)) {
    throw invalidArgument(
      'region',
      region,
      'a region id such as cn-shanghai (lower-case letters, digits, -)',
    );
  }
  if (region.endsWith('-internal') || region.endsWith('-internal-vpc')) {
    throw invalidArgument(
      'region',
      region,
      "a region id without network suffix (use network: 'internal' | 'vpc')",
    );
  }
  if (network !== 'public' && network !== 'internal' && network !== 'vpc') {
    throw invalidArgument('network', network, "'public', 'internal' or 'vpc'");
  }
  if (protocol !== 'https' && protocol !== 'http') {
    throw invalidArgument('protocol', protocol, "'https' or 'http'");
  }
  const suffix = network === 'internal' ? '-internal' : network === 'vpc' ? '-internal-vpc' : '';
  return `${protocol}://${accountId}.mns.${region}${suffix}.aliyuncs.com`;
}
