import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CommandSpec, OptionSpec, OptionValues } from '../command.js';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { CONNECTION_OPTIONS } from './connection-options.js';
import { didYouMean } from './suggest.js';

/** Flags every command accepts. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** Every flag a command accepts: its own, plus the common ones, plus connection flags when it connects. */
export function allOptions(spec: CommandSpec): Readonly<Record<string, OptionSpec>> {
  return { ...spec.options, ...(spec.connection ? CONNECTION_OPTIONS : {}), ...COMMON_OPTIONS };
}

/**
 * Parses a command's arguments with `node:util` `parseArgs` (strict). Unknown flags, missing flag values
 * and a wrong number of positionals are usage errors (exit 2) naming the flag and pointing at `--help`.
 * Returns `help: true` without checking positionals when `--help` was given.
 */
export function parseCommandArgs(
  spec: CommandSpec,
  args: readonly string[],
): { values: OptionValues; positionals: string[]; help: boolean } {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, o] of Object.entries(allOptions(spec))) {
    options[name] = {
      type: o.type,
      ...(o.short === undefined ? {} : { short: o.short }),
      ...(o.multiple === true ? { multiple: true } : {}),
    };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliError(ExitCode.usage, describeParseError(error), parseErrorHint(spec, error));
  }
  const values = parsed.values as OptionValues;
  const help = values.help === true;
  const { positionals } = parsed;
  if (!help) {
    if (positionals.length < spec.positionals.min) {
      throw new CliError(
        ExitCode.usage,
        `missing argument: usage: vodmns ${spec.usage.split('\n')[0]}`,
        `see: vodmns ${spec.name} --help`,
      );
    }
    if (positionals.length > spec.positionals.max) {
      throw new CliError(
        ExitCode.usage,
        `unexpected argument "${positionals[spec.positionals.max]}" for vodmns ${spec.name}`,
        `see: vodmns ${spec.name} --help`,
      );
    }
  }
  return { values, positionals, help };
}

/** "did you mean --x?" for an unknown flag (edit distance over the command's flags), else the help pointer. */
function parseErrorHint(spec: CommandSpec, error: unknown): string {
  const help = `see: vodmns ${spec.name} --help`;
  const e = error as { code?: string; message?: string };
  if (e.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return help;
  const flag = /'(--?[^'=]+)/.exec(e.message ?? '')?.[1];
  if (flag === undefined) return help;
  const names = Object.entries(allOptions(spec)).flatMap(([name, o]) =>
    o.short === undefined ? [`--${name}`] : [`--${name}`, `-${o.short}`],
  );
  const guess = didYouMean(flag, names);
  return guess === undefined ? help : `${guess} (${help})`;
}

function describeParseError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = (e.message ?? String(error)).split('\n')[0] ?? '';
  // Node's messages mention "To specify a positional argument starting with a '-'…"; keep the first sentence.
  return message
    .replace(/\. To specify a positional argument.*$/, '')
    .replace(/^Unknown option /, 'unknown flag ')
    .replace(/^Option /, 'flag ');
}

/** A string flag's value, or `undefined`. */
export function stringFlag(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) return typeof v.at(-1) === 'string' ? (v.at(-1) as string) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** A boolean flag's value (absent = false). */
export function booleanFlag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/**
 * A list flag: repeated (`--type A --type B`) and/or comma-separated (`--type A,B`) values, trimmed,
 * empty entries dropped.
 */
export function listFlag(values: OptionValues, name: string): string[] {
  const v = values[name];
  const raw = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return raw
    .filter((x): x is string => typeof x === 'string')
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/**
 * An integer flag within `[min, max]`, or `undefined` when absent. Anything else is a usage error naming
 * the flag, the value and the range.
 */
export function integerFlag(
  values: OptionValues,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = stringFlag(values, name);
  if (raw === undefined) return undefined;
  const n = /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new CliError(
      ExitCode.usage,
      `--${name} must be an integer from ${min} to ${max}, got "${raw}"`,
      `see the flag list in --help`,
    );
  }
  return n;
}
