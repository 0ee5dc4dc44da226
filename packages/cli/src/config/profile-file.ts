import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';

/** One named profile in the profile file. Every field is optional; flags and env vars override them. */
export interface Profile {
  /** MNS endpoint, e.g. `https://1234567890123456.mns.cn-shanghai.aliyuncs.com` or `http://127.0.0.1:9988`. */
  readonly endpoint?: string | undefined;
  readonly accessKeyId?: string | undefined;
  readonly accessKeySecret?: string | undefined;
  /** STS security token (temporary credentials). */
  readonly securityToken?: string | undefined;
}

/**
 * The profile file (`~/.vodmns/config.json` by default):
 * ```json
 * { "defaultProfile": "local", "profiles": { "local": { "endpoint": "http://127.0.0.1:9988", "accessKeyId": "…", "accessKeySecret": "…" } } }
 * ```
 */
export interface ProfileFile {
  /** The profile used when neither `--profile` nor `VODMNS_PROFILE` names one. @defaultValue `"default"` */
  readonly defaultProfile?: string | undefined;
  readonly profiles: Readonly<Record<string, Profile>>;
}

const PROFILE_KEYS = new Set(['endpoint', 'accessKeyId', 'accessKeySecret', 'securityToken']);

/** The default profile file path under a home directory. */
export function defaultProfileFilePath(homeDir: string): string {
  return join(homeDir, '.vodmns', 'config.json');
}

/**
 * Reads and validates a profile file. A missing file is `undefined` when `required` is false (the default
 * path), and a config error (exit 3) when it was named explicitly. Malformed content is a config error
 * naming the file and the bad field.
 */
export function readProfileFile(path: string, required: boolean): ProfileFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(
      ExitCode.config,
      `cannot read the profile file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      'pass an existing file with --config, or create ~/.vodmns/config.json (see vodmns --help)',
    );
  }
  return parseProfileFile(text, path);
}

/** Validates the JSON text of a profile file. Pure; throws a config {@link CliError} naming the field. */
export function parseProfileFile(text: string, path: string): ProfileFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      ExitCode.config,
      `the profile file ${path} is not valid JSON: ${(error as Error).message}`,
      'fix the file, or point --config at another one',
    );
  }
  const bad = (field: string, why: string): CliError =>
    new CliError(
      ExitCode.config,
      `the profile file ${path}: ${field} ${why}`,
      'see the profile file format in vodmns --help',
    );
  if (!isRecord(data)) throw bad('(root)', 'must be a JSON object');
  const { defaultProfile, profiles } = data;
  if (defaultProfile !== undefined && typeof defaultProfile !== 'string')
    throw bad('defaultProfile', 'must be a string');
  if (!isRecord(profiles)) throw bad('profiles', 'must be an object of named profiles');
  const out: Record<string, Profile> = {};
  for (const [name, profile] of Object.entries(profiles)) {
    if (!isRecord(profile)) throw bad(`profiles.${name}`, 'must be an object');
    for (const [key, value] of Object.entries(profile)) {
      if (!PROFILE_KEYS.has(key)) {
        throw bad(
          `profiles.${name}.${key}`,
          `is not a known field (expected one of ${[...PROFILE_KEYS].join(', ')})`,
        );
      }
      if (typeof value !== 'string') throw bad(`profiles.${name}.${key}`, 'must be a string');
    }
    out[name] = profile as Profile;
  }
  return { defaultProfile, profiles: out };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
