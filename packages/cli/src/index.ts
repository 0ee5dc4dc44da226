// @vodmns/cli: the only barrel. The `vodmns` bin is `bin.ts`; everything it does is testable through `runCli`.
export { BufferSink, type CliIo, type TextSink } from './cli-io.js';
export type { CommandContext, CommandGroup, CommandSpec, OptionSpec, OptionValues } from './command.js';
// Core's secret-masking policy, re-exported for existing users of the CLI's API (its one home is @vodmns/core).
export { maskAccessKeyId, maskSecret, redactSecrets } from '@vodmns/core';
export {
  defaultProfileFilePath,
  type Profile,
  type ProfileFile,
  parseProfileFile,
  readProfileFile,
} from './config/profile-file.js';
export {
  CONFIG_ENV,
  type ConfigFlags,
  type ConfigSource,
  type ConnectionConfig,
  type ResolvedConfig,
  requireConnection,
  resolveConfig,
} from './config/resolve-config.js';
export { CliError, isCliError } from './errors/cli-error.js';
export { ExitCode, type ExitCodeValue } from './errors/exit-codes.js';
export { toCliError } from './errors/to-cli-error.js';
export { describeMessageBody, type EventView, viewVodEvent } from './output/describe-event.js';
export { formatTable } from './output/format-table.js';
export { renderRootHelp, runCli } from './run-cli.js';
export { CLI_VERSION } from './version.js';
