#!/usr/bin/env node
// `npm run demo`: the whole vodmns story in one command, on the embedded local MNS server (or on a real account
// when MNS_ENDPOINT and ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET are set). Exit 0 only if the ledger adds up.
import { checkSummary } from './demo-summary.js';
import { runDemo } from './run-demo.js';

try {
  const telemetry = process.argv.includes('--telemetry') || process.env.VODMNS_DEMO_TELEMETRY === '1';
  const summary = await runDemo({ telemetry });
  process.exitCode = checkSummary(summary).ok ? 0 : 1;
} catch (error) {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
