import type { OptionSpec } from '../command.js';
import type { ConfigFlags } from '../config/resolve-config.js';
import type { OptionValues } from '../command.js';

/** The flags every command that talks to MNS accepts. */
export const CONNECTION_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  endpoint: {
    type: 'string',
    description: 'MNS endpoint URL (env MNS_ENDPOINT)',
    valueName: 'URL',
  },
  profile: {
    type: 'string',
    description: 'profile name in the profile file (env VODMNS_PROFILE)',
    valueName: 'NAME',
  },
  config: {
    type: 'string',
    description: 'profile file (env VODMNS_CONFIG; default ~/.vodmns/config.json)',
    valueName: 'FILE',
  },
  'access-key-id': {
    type: 'string',
    description: 'access key id (env ALIBABA_CLOUD_ACCESS_KEY_ID)',
    valueName: 'ID',
  },
  'access-key-secret': {
    type: 'string',
    description: 'access key secret (prefer env ALIBABA_CLOUD_ACCESS_KEY_SECRET: flags show up in ps)',
    valueName: 'SECRET',
  },
  'security-token': {
    type: 'string',
    description: 'STS security token (env ALIBABA_CLOUD_SECURITY_TOKEN)',
    valueName: 'TOKEN',
  },
};

/** Reads the connection flags out of parsed values. */
export function connectionFlags(values: OptionValues): ConfigFlags {
  const s = (key: string): string | undefined => {
    const v = values[key];
    return typeof v === 'string' ? v : undefined;
  };
  return {
    endpoint: s('endpoint'),
    profile: s('profile'),
    config: s('config'),
    accessKeyId: s('access-key-id'),
    accessKeySecret: s('access-key-secret'),
    securityToken: s('security-token'),
  };
}
