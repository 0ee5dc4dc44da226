#!/usr/bin/env node
import { homedir } from 'node:os';
import type { StopReason, TextSink } from './cli-io.js';
import { ExitCode } from './errors/exit-codes.js';
import { runCli } from './run-cli.js';

// One stop signal for every way a run can be asked to end: Ctrl-C, SIGTERM, or the reader of stdout going away
// (`vodmns tail --json | head -1`). The running command stops cleanly and releases what it holds; runCli maps
// the reason to the exit code (130, 143, 0). A second SIGINT / SIGTERM exits at once.
const stop = new AbortController();
const requestStop = (reason: StopReason): void => {
  if (!stop.signal.aborted) stop.abort(reason);
};
process.on('SIGINT', () => {
  if (stop.signal.aborted) process.exit(ExitCode.interrupted);
  requestStop('SIGINT');
});
process.on('SIGTERM', () => {
  if (stop.signal.aborted) process.exit(ExitCode.terminated);
  requestStop('SIGTERM');
});

/** A stream sink that turns "the reader went away" (EPIPE and friends) into a stop instead of a crash. */
function guardedSink(stream: NodeJS.WriteStream, onClosed: () => void): TextSink {
  let closed = false;
  stream.on('error', () => {
    closed = true;
    onClosed();
  });
  return {
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.isTTY === true ? stream.columns : undefined;
    },
    write(chunk, callback) {
      if (closed || stream.destroyed) {
        callback?.(new Error('standard output is closed'));
        return false;
      }
      return stream.write(chunk, (error) => {
        if (error) {
          closed = true;
          onClosed();
        }
        callback?.(error ?? null);
      });
    },
  };
}

const code = await runCli(process.argv.slice(2), {
  stdout: guardedSink(process.stdout, () => requestStop('stdout-closed')),
  // Nowhere left to report to: keep running (or stopping) quietly.
  stderr: guardedSink(process.stderr, () => {}),
  env: process.env,
  homeDir: homedir(),
  signal: stop.signal,
  // Lazy: touching process.stdin only when a command reads it (send -).
  stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
});
process.exitCode = code;
