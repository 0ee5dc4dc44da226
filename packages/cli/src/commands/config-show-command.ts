import { maskAccessKeyId, maskSecret } from '@vodmns/core';
import type { CommandSpec } from '../command.js';
import { resolveConfig } from '../config/resolve-config.js';
import { ExitCode } from '../errors/exit-codes.js';
import { connectionFlags } from '../options/connection-options.js';
import { booleanFlag } from '../options/parse-command-args.js';
import { formatTable } from '../output/format-table.js';

/** `vodmns config` — shows the resolved connection settings and where each came from (secrets masked). */
export const configShowCommand: CommandSpec = {
  name: 'config',
  summary: 'show the resolved connection settings and their sources (secrets masked)',
  usage: 'config [--profile NAME] [--json]',
  description:
    'Applies the precedence flags > environment > profile and prints the result. The access key secret and the security token are always masked.',
  positionals: { min: 0, max: 0 },
  options: {
    json: { type: 'boolean', description: 'print JSON' },
  },
  connection: true,
  examples: ['vodmns config', 'VODMNS_PROFILE=prod vodmns config --json'],
  async run({ io, values }) {
    const c = resolveConfig(connectionFlags(values), io.env, io.homeDir);
    const rows: [string, string, string | undefined][] = [
      ['endpoint', c.endpoint ?? '(not set)', c.sources.endpoint],
      ['accessKeyId', maskAccessKeyId(c.accessKeyId), c.sources.accessKeyId],
      ['accessKeySecret', maskSecret(c.accessKeySecret), c.sources.accessKeySecret],
      ['securityToken', maskSecret(c.securityToken), c.sources.securityToken],
      ['profile', c.profile ?? '(none)', undefined],
      ['profileFile', c.profileFile ?? '(none)', undefined],
    ];
    if (booleanFlag(values, 'json')) {
      io.stdout.write(
        `${JSON.stringify(Object.fromEntries(rows.map(([k, v, s]) => [k, { value: v, source: s ?? null }])))}\n`,
      );
    } else {
      io.stdout.write(formatTable(['setting', 'value', 'source'], rows));
    }
    return ExitCode.ok;
  },
};
