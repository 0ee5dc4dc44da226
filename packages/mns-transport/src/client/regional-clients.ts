import { MnsClient } from './mns-client.js';
import type { MnsClientOptions } from './client-options.js';

/** Options of {@link createRegionalClients}: every client option but the endpoint and region, plus the account. */
export interface RegionalClientsOptions extends Omit<MnsClientOptions, 'endpoint' | 'region' | 'accountId'> {
  /** Numeric Alibaba Cloud account id: each region's endpoint is `https://{accountId}.mns.{region}.aliyuncs.com`. */
  readonly accountId?: string | undefined;
  /**
   * Instead of `accountId`: the endpoint of a region, for local servers or private gateways (e.g. one
   * `mns-local` per region in tests). Takes precedence over `accountId`.
   */
  readonly endpointFor?: ((region: string) => string) | undefined;
}

/** One lazily built {@link MnsClient} per MNS region, sharing one set of options and credentials. */
export interface RegionalClients extends AsyncDisposable {
  /** The client of `region` (built on first use, then reused). Pass it as `consumeRegions`' `clientFor`. */
  readonly clientFor: (region: string) => MnsClient;
  /** The regions with a client so far, in order of first use. */
  regions(): readonly string[];
  /** Closes every client built so far. */
  close(): Promise<void>;
}

/**
 * Builds MNS clients on demand, one per region, from one account id (public, internal or VPC endpoints by
 * `network`) or one `endpointFor(region)`. Options are validated by the first client; an invalid option throws
 * `MnsConfigError` from `clientFor`.
 *
 * @example
 * ```ts
 * const clients = createRegionalClients({ accountId: '1234567890123456', network: 'internal' });
 * const running = consumeRegions(clients.clientFor, handlers, { storageRegions: ['cn-beijing', 'eu-central-1'] });
 * ```
 */
export function createRegionalClients(options: RegionalClientsOptions): RegionalClients {
  const { endpointFor, accountId, ...shared } = options;
  const clients = new Map<string, MnsClient>();
  const clientFor = (region: string): MnsClient => {
    let client = clients.get(region);
    if (client === undefined) {
      client = new MnsClient(
        endpointFor !== undefined
          ? { ...shared, endpoint: endpointFor(region), region }
          : { ...shared, accountId, region },
      );
      clients.set(region, client);
    }
    return client;
  };
  const close = async (): Promise<void> => {
    const all = [...clients.values()];
    clients.clear();
    await Promise.all(all.map((c) => c.close()));
  };
  return {
    clientFor,
    regions: () => [...clients.keys()],
    close,
    [Symbol.asyncDispose]: close,
  };
}
