#!/usr/bin/env node
import { homedir } from 'node:os';
import { ExitCode } from './errors/exit-codes.js';
import { runCli } from './run-cli.js';

// Ctrl-C: the first one asks the running command to stop cleanly (tail drains, releases prefetched messages and
// exits 130); a second one exits at once.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(ExitCode.interrupted);
  interrupt.abort();
});
process.on('SIGTERM', () => interrupt.abort());

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  homeDir: homedir(),
  signal: interrupt.signal,
  // Lazy: touching process.stdin only when a command reads it (send -).
  stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
});
process.exitCode = code;
