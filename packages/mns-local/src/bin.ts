#!/usr/bin/env node
import { runMnsLocalCli } from './cli/run-mns-local-cli.js';

process.exitCode = await runMnsLocalCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
