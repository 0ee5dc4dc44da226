import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { defaultProfileFilePath, type Profile, readProfileFile } from './profile-file.js';

/** Where a resolved value came from. */
export type ConfigSource = 'flag' | 'env' | 'profile';

/** Connection settings given on the command line. */
export interface ConfigFlags {
  readonly endpoint?: string | undefined;
  readonly accessKeyId?: string | undefined;
  readonly accessKeySecret?: string | undefined;
  readonly securityToken?: string | undefined;
  /** Profile name (`--profile`). */
  readonly profile?: string | undefined;
  /** Profile file path (`--config`). */
  readonly config?: string | undefined;
}

/** A connection configuration after applying the precedence flags > env > profile. */
export interface ResolvedConfig {
  readonly endpoint: string | undefined;
  readonly accessKeyId: string | undefined;
  readonly accessKeySecret: string | undefined;
  readonly securityToken: string | undefined;
  /** Where each set value came from (for `vodmns config`). */
  readonly sources: Readonly<
    Partial<Record<'endpoint' | 'accessKeyId' | 'accessKeySecret' | 'securityToken', ConfigSource>>
  >;
  /** The profile that was applied, if any. */
  readonly profile: string | undefined;
  /** The profile file that was read, if any. */
  readonly profileFile: string | undefined;
}

/** The environment variables the CLI reads. */
export const CONFIG_ENV = {
  endpoint: 'MNS_ENDPOINT',
  accessKeyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  accessKeySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  securityToken: 'ALIBABA_CLOUD_SECURITY_TOKEN',
  profile: 'VODMNS_PROFILE',
  config: 'VODMNS_CONFIG',
} as const;

/**
 * Resolves the connection settings: each field from its flag, else its environment variable, else the
 * selected profile. The profile is `--profile`, else `VODMNS_PROFILE`, else the file's `defaultProfile`, else
 * `default` (only if it exists). The file is `--config`, else `VODMNS_CONFIG`, else `~/.vodmns/config.json`
 * (optional). Naming a profile or a file that does not exist is a config error (exit 3).
 */
export function resolveConfig(
  flags: ConfigFlags,
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
): ResolvedConfig {
  const explicitFile = nonEmpty(flags.config) ?? nonEmpty(env[CONFIG_ENV.config]);
  const path = explicitFile ?? defaultProfileFilePath(homeDir);
  const file = readProfileFile(path, explicitFile !== undefined);
  const requested = nonEmpty(flags.profile) ?? nonEmpty(env[CONFIG_ENV.profile]);
  let profileName: string | undefined;
  let profile: Profile | undefined;
  if (requested !== undefined) {
    profile = file?.profiles[requested];
    if (profile === undefined) {
      const known =
        file === undefined ? 'no profile file' : `known: ${Object.keys(file.profiles).join(', ') || 'none'}`;
      throw new CliError(
        ExitCode.config,
        `profile "${requested}" not found in ${path} (${known})`,
        'add it to the profile file, or choose another with --profile / VODMNS_PROFILE',
      );
    }
    profileName = requested;
  } else if (file !== undefined) {
    const fallback = file.defaultProfile ?? 'default';
    profile = file.profiles[fallback];
    if (profile === undefined && file.defaultProfile !== undefined) {
      throw new CliError(
        ExitCode.config,
        `defaultProfile "${file.defaultProfile}" not found in ${path}`,
        'fix defaultProfile in the profile file',
      );
    }
    if (profile !== undefined) profileName = fallback;
  }

  const sources: Partial<
    Record<'endpoint' | 'accessKeyId' | 'accessKeySecret' | 'securityToken', ConfigSource>
  > = {};
  const pick = (
    key: 'endpoint' | 'accessKeyId' | 'accessKeySecret' | 'securityToken',
  ): string | undefined => {
    const fromFlag = nonEmpty(flags[key]);
    if (fromFlag !== undefined) {
      sources[key] = 'flag';
      return fromFlag;
    }
    const fromEnv = nonEmpty(env[CONFIG_ENV[key]]);
    if (fromEnv !== undefined) {
      sources[key] = 'env';
      return fromEnv;
    }
    const fromProfile = nonEmpty(profile?.[key]);
    if (fromProfile !== undefined) sources[key] = 'profile';
    return fromProfile;
  };
  return {
    endpoint: pick('endpoint'),
    accessKeyId: pick('accessKeyId'),
    accessKeySecret: pick('accessKeySecret'),
    securityToken: pick('securityToken'),
    sources,
    profile: profileName,
    profileFile: file === undefined ? undefined : path,
  };
}

/** A {@link ResolvedConfig} with everything needed to call MNS. */
export interface ConnectionConfig extends ResolvedConfig {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/**
 * Checks that an endpoint and an access key pair are present and that the endpoint is an http(s) URL.
 * Throws a config error (exit 3; exit 2 for a malformed `--endpoint` flag) with a hint otherwise.
 */
export function requireConnection(config: ResolvedConfig): ConnectionConfig {
  const { endpoint, accessKeyId, accessKeySecret } = config;
  if (endpoint === undefined) {
    throw new CliError(
      ExitCode.config,
      'no MNS endpoint configured',
      'pass --endpoint, set MNS_ENDPOINT, or use a profile; for a local server run: vodmns local',
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new CliError(
      config.sources.endpoint === 'flag' ? ExitCode.usage : ExitCode.config,
      `endpoint "${endpoint}" (from ${config.sources.endpoint ?? 'unknown'}) is not an http(s) URL`,
      'use e.g. https://<AccountId>.mns.cn-shanghai.aliyuncs.com or http://127.0.0.1:9988',
    );
  }
  if (accessKeyId === undefined || accessKeySecret === undefined) {
    const missing = accessKeyId === undefined ? CONFIG_ENV.accessKeyId : CONFIG_ENV.accessKeySecret;
    throw new CliError(
      ExitCode.config,
      `no credentials: ${missing} is not set`,
      `set ${CONFIG_ENV.accessKeyId} and ${CONFIG_ENV.accessKeySecret}, or use a profile (--profile)`,
    );
  }
  return { ...config, endpoint: endpoint.replace(/\/+$/, ''), accessKeyId, accessKeySecret };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
