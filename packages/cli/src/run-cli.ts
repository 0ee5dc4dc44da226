import { isMnsError, MnsErrorCodes, redactSecrets } from '@vodmns/core';
import { type CliIo, stopReasonOf } from './cli-io.js';
import type { CommandGroup, CommandSpec } from './command.js';
import { callbackGroup } from './commands/callback-commands.js';
import { configShowCommand } from './commands/config-show-command.js';
import { dlqGroup } from './commands/dlq-commands.js';
import { localCommand } from './commands/local-command.js';
import { peekCommand, receiveCommand, sendCommand } from './commands/message-commands.js';
import { queueGroup } from './commands/queue-commands.js';
import { setupCommand } from './commands/setup-command.js';
import { simulateCommand } from './commands/simulate-command.js';
import { tailCommand } from './commands/tail-command.js';
import { CliError } from './errors/cli-error.js';
import { ExitCode, type ExitCodeValue } from './errors/exit-codes.js';
import { toCliError } from './errors/to-cli-error.js';
import { parseCommandArgs } from './options/parse-command-args.js';
import { didYouMean } from './options/suggest.js';
import { EXIT_CODES_HELP, renderCommandHelp, renderGroupHelp } from './output/render-help.js';
import { CLI_VERSION } from './version.js';

const TOP_LEVEL: readonly (CommandSpec | CommandGroup)[] = [
  localCommand,
  queueGroup,
  sendCommand,
  peekCommand,
  receiveCommand,
  tailCommand,
  simulateCommand,
  setupCommand,
  dlqGroup,
  callbackGroup,
  configShowCommand,
];

function isGroup(entry: CommandSpec | CommandGroup): entry is CommandGroup {
  return 'commands' in entry;
}

/** The top-level `vodmns --help` text. */
export function renderRootHelp(): string {
  const rows: [string, string][] = [];
  for (const entry of TOP_LEVEL) {
    if (isGroup(entry)) for (const c of entry.commands) rows.push([c.name, c.summary]);
    else rows.push([entry.name, entry.summary]);
  }
  const width = Math.max(...rows.map(([n]) => n.length)) + 2;
  return [
    'Usage: vodmns <command> [flags]',
    '',
    'Consume ApsaraVideo VOD event notifications through Alibaba Cloud MNS queues — from the terminal.',
    '',
    'Commands:',
    ...rows.map(([n, s]) => `  ${n.padEnd(width)}${s}`),
    '',
    'Configuration (precedence: flags > environment > profile):',
    '  --endpoint / MNS_ENDPOINT, --access-key-id / ALIBABA_CLOUD_ACCESS_KEY_ID,',
    '  --access-key-secret / ALIBABA_CLOUD_ACCESS_KEY_SECRET, --security-token / ALIBABA_CLOUD_SECURITY_TOKEN,',
    '  --profile / VODMNS_PROFILE selects a profile in --config / VODMNS_CONFIG (default ~/.vodmns/config.json):',
    '    {"defaultProfile":"local","profiles":{"local":{"endpoint":"http://127.0.0.1:9988",',
    '     "accessKeyId":"…","accessKeySecret":"…"}}}',
    '',
    'Examples:',
    '  vodmns local --port 9988',
    '  vodmns queue create vod-events --visibility-timeout 60 --retention 86400',
    '  vodmns tail vod-events --type FileUploadComplete,TranscodeComplete --ack',
    '  vodmns simulate --region cn-beijing,ap-southeast-1 --create-queues',
    '  vodmns callback print --endpoint https://123456.mns.cn-shanghai.aliyuncs.com --queue vod-events',
    '',
    'Run "vodmns <command> --help" for the flags and examples of each command.',
    '',
    EXIT_CODES_HELP,
    '',
  ].join('\n');
}

/**
 * Runs one `vodmns` invocation: parses `argv` (the arguments after `vodmns`), runs the command, writes
 * results to `io.stdout` and errors as one line plus a hint to `io.stderr`, and resolves the exit code
 * (see `ExitCode`). Never throws and never calls `process.exit`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const secrets = [io.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, io.env.ALIBABA_CLOUD_SECURITY_TOKEN];
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const target = first === 'help' ? rest : [];
      if (target.length > 0) return await runCli([...target, '--help'], io);
      io.stdout.write(renderRootHelp());
      return first === undefined ? ExitCode.usage : ExitCode.ok;
    }
    if (first === '--version' || first === '-v') {
      io.stdout.write(`${CLI_VERSION}\n`);
      return ExitCode.ok;
    }
    const entry = TOP_LEVEL.find((e) => e.name === first);
    if (entry === undefined) {
      throw new CliError(
        ExitCode.usage,
        `unknown command "${first}"`,
        didYouMean(
          first,
          TOP_LEVEL.map((e) => e.name),
          (s) => `vodmns ${s}`,
        ) ?? 'see: vodmns --help',
      );
    }
    let spec: CommandSpec;
    let args: readonly string[];
    if (isGroup(entry)) {
      const [sub, ...subArgs] = rest;
      if (sub === undefined || sub === '--help' || sub === '-h') {
        io.stdout.write(renderGroupHelp(entry));
        return sub === undefined ? ExitCode.usage : ExitCode.ok;
      }
      const found = entry.commands.find((c) => c.name === `${entry.name} ${sub}`);
      if (found === undefined) {
        throw new CliError(
          ExitCode.usage,
          `unknown command "${entry.name} ${sub}"`,
          didYouMean(
            `${entry.name} ${sub}`,
            entry.commands.map((c) => c.name),
            (s) => `vodmns ${s}`,
          ) ?? `see: vodmns ${entry.name} --help`,
        );
      }
      spec = found;
      args = subArgs;
    } else {
      spec = entry;
      args = rest;
    }
    const parsed = parseCommandArgs(spec, args);
    if (parsed.help) {
      io.stdout.write(renderCommandHelp(spec));
      return ExitCode.ok;
    }
    const allSecrets = [
      ...secrets,
      stringOf(parsed.values['access-key-secret']),
      stringOf(parsed.values['security-token']),
    ];
    try {
      return exitCodeAfterStop(
        io,
        await spec.run({ io, values: parsed.values, positionals: parsed.positionals }),
      );
    } catch (error) {
      // A request cut short by the stop (Ctrl-C, SIGTERM, closed stdout) is the stop, not a failure.
      if (io.signal?.aborted === true && isMnsError(error) && error.code === MnsErrorCodes.aborted) {
        return exitCodeAfterStop(io, ExitCode.interrupted);
      }
      return reportError(io, toCliError(error), allSecrets);
    }
  } catch (error) {
    return reportError(io, toCliError(error), secrets);
  }
}

/**
 * The exit code of a command that was interrupted: 130 for Ctrl-C, 143 for SIGTERM, 0 when the reader of stdout
 * went away (`… | head -1` got what it wanted). Any other result keeps its own code.
 */
function exitCodeAfterStop(io: CliIo, code: ExitCodeValue): ExitCodeValue {
  const reason = stopReasonOf(io.signal);
  // A command that finished normally (a server stopped by Ctrl-C ends so) keeps its code.
  if (reason === undefined || code !== ExitCode.interrupted) return code;
  if (reason === 'stdout-closed') return ExitCode.ok;
  return reason === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function reportError(io: CliIo, error: CliError, secrets: readonly (string | undefined)[]): ExitCodeValue {
  io.stderr.write(`vodmns: ${redactSecrets(error.message, secrets)}\n`);
  if (error.hint !== undefined) io.stderr.write(`  hint: ${redactSecrets(error.hint, secrets)}\n`);
  return error.exitCode;
}
