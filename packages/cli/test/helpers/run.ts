import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferSink } from '../../src/cli-io.js';
import { runCli } from '../../src/run-cli.js';

/** A home directory without a profile file. */
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'vodmns-home-'));

/** What one in-process `vodmns` invocation produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `vodmns <argv>` in-process with the given environment (no ambient env, a home dir without a profile
 * file unless `homeDir` is given).
 */
export async function vodmns(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
  options: { signal?: AbortSignal; homeDir?: string; stdin?: string } = {},
): Promise<CliRun> {
  const stdout = new BufferSink();
  const stderr = new BufferSink();
  const code = await runCli(argv, {
    stdout,
    stderr,
    env,
    homeDir: options.homeDir ?? EMPTY_HOME,
    signal: options.signal,
    ...(options.stdin === undefined
      ? {}
      : {
          stdin: (async function* () {
            yield options.stdin as string;
          })(),
        }),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
