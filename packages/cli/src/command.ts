import type { CliIo } from './cli-io.js';
import type { ExitCodeValue } from './errors/exit-codes.js';

/** One flag of a command. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One-letter alias, e.g. `n` for `-n`. */
  readonly short?: string;
  /** The flag may repeat; its value is then a list. */
  readonly multiple?: boolean;
  /** One line for `--help`. */
  readonly description: string;
  /** Placeholder shown in `--help`, e.g. `SECONDS`. */
  readonly valueName?: string;
}

/** The parsed flag values of one invocation (kebab-case flag names as keys). */
export type OptionValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** What a command's `run` receives. */
export interface CommandContext {
  readonly io: CliIo;
  readonly values: OptionValues;
  readonly positionals: readonly string[];
}

/** A leaf command, e.g. `vodmns queue create`. */
export interface CommandSpec {
  /** Full name after `vodmns`, e.g. `queue create`. */
  readonly name: string;
  /** One line for listings. */
  readonly summary: string;
  /** Usage line(s) without the leading `vodmns `, e.g. `queue create <queue> [flags]`. */
  readonly usage: string;
  /** Longer explanation shown by `--help`, or `undefined`. */
  readonly description?: string;
  /** Positional arguments: accepted count range. */
  readonly positionals: { readonly min: number; readonly max: number };
  /** The command's own flags (connection flags are added when {@link CommandSpec.connection} is true). */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Whether the command talks to an MNS endpoint (adds `--endpoint`, `--profile`, …). */
  readonly connection: boolean;
  /** Complete example invocations, each shown in `--help`. */
  readonly examples: readonly string[];
  run(context: CommandContext): Promise<ExitCodeValue>;
}

/** A command with subcommands, e.g. `vodmns queue`. */
export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly CommandSpec[];
}
