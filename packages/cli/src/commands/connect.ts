import { redactSecrets } from '@vodmns/core';
import { MnsClient, type MnsClientOptions } from '@vodmns/mns-transport';
import type { CliIo } from '../cli-io.js';
import type { OptionValues } from '../command.js';
import { type ConnectionConfig, requireConnection, resolveConfig } from '../config/resolve-config.js';
import { CliError } from '../errors/cli-error.js';
import { toCliError } from '../errors/to-cli-error.js';
import { connectionFlags } from '../options/connection-options.js';

/** A client plus the configuration it was made from (for error messages). */
export interface Connection {
  readonly client: MnsClient;
  readonly config: ConnectionConfig;
}

/** Creates an `MnsClient` for a complete connection configuration. */
export function createClient(
  config: ConnectionConfig,
  endpoint = config.endpoint,
  extra: Pick<MnsClientOptions, 'retry' | 'timeoutMs'> = {},
): MnsClient {
  return new MnsClient({
    ...extra,
    endpoint,
    credentials: {
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
      ...(config.securityToken === undefined ? {} : { securityToken: config.securityToken }),
    },
  });
}

/** Resolves the configuration (flags > env > profile) and checks it is complete (exit 3 otherwise). */
export function connectionConfig(io: CliIo, values: OptionValues): ConnectionConfig {
  return requireConnection(resolveConfig(connectionFlags(values), io.env, io.homeDir));
}

/**
 * Runs `fn` with a client for the resolved configuration, maps any failure to a `CliError` (naming the
 * endpoint) and always closes the client (its keep-alive pool would otherwise hold the process open).
 */
export async function withConnection<T>(
  io: CliIo,
  values: OptionValues,
  fn: (connection: Connection) => Promise<T>,
): Promise<T> {
  const config = connectionConfig(io, values);
  const client = createClient(config);
  try {
    return await fn({ client, config });
  } catch (error) {
    // Secrets from a profile file are not known to runCli's own redaction: scrub them here.
    const e = toCliError(error, config.endpoint);
    const secrets = [config.accessKeySecret, config.securityToken];
    throw new CliError(
      e.exitCode,
      redactSecrets(e.message, secrets),
      e.hint && redactSecrets(e.hint, secrets),
      { cause: error },
    );
  } finally {
    await client.close();
  }
}
