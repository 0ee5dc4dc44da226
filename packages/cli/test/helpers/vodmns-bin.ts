import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { VODMNS_BIN } from './mns-local-process.js';

/** What one run of the real `vodmns` bin produced. */
export interface BinRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Reacts to output so far; `child` lets a test signal the process or close its stdout. */
export type BinWatch = (text: string, child: ChildProcessWithoutNullStreams) => void;

/**
 * Runs `node dist/bin.js …args` as a real process (only PATH and `env` in its environment) and resolves once it
 * closed. `onStdout` / `onStderr` see the whole text so far after every chunk.
 */
export function runBin(
  args: readonly string[],
  env: Record<string, string>,
  watch: { onStdout?: BinWatch; onStderr?: BinWatch; timeoutMs?: number } = {},
): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VODMNS_BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vodmns ${args.join(' ')} did not finish: ${stdout}${stderr}`));
    }, watch.timeoutMs ?? 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      watch.onStdout?.(stdout, child);
    });
    // A test may destroy stdout on purpose (the reader went away).
    child.stdout.on('error', () => {});
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      watch.onStderr?.(stderr, child);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** NDJSON lines of a run's stdout, parsed. */
export function ndjson<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}
