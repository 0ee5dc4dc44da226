import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `tests/integration/.reports` (git-ignored), wherever vitest was started from. */
export function reportsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '.reports');
}

/** Where the suites write their figures: `tests/integration/.reports/chaos-summary.<profile>.json`. */
export function summaryPath(profile: string): string {
  return join(reportsDir(), `chaos-summary.${profile}.json`);
}

/** Where a suite writes everything its secret scanner captured: `tests/integration/.reports/chaos-logs/<name>.log`. */
export function capturedLogPath(name: string): string {
  return join(reportsDir(), 'chaos-logs', `${name}.log`);
}

/**
 * Merges one suite's figures into the run summary (read-modify-write; suites in different vitest workers
 * write different keys, so a lost update only costs a re-run of the report, never a wrong figure).
 */
export function recordSummary(profile: string, suite: string, figures: Record<string, unknown>): void {
  const path = summaryPath(profile);
  mkdirSync(dirname(path), { recursive: true });
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    // first suite of the run
  }
  current.machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  current[suite] = { ...figures, recordedAt: new Date().toISOString() };
  writeFileSync(path, `${JSON.stringify(current, null, 2)}\n`);
}
