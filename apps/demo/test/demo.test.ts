import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The smoke test runs the demo exactly as `npm run demo` does: `node apps/demo/dist/main.js`, a real process on
// the embedded local server. It needs the build (CI runs `turbo run build` before the tests).
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const built =
  existsSync(MAIN) && existsSync(fileURLToPath(new URL('../dist/consumer-child.js', import.meta.url)));

function runMain(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // No MNS_ENDPOINT: the demo must use its embedded server even on a machine configured for a real account.
    const env = { ...process.env, MNS_ENDPOINT: '' };
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function count(text: string, label: string): number {
  const m = new RegExp(`^\\s*${label}\\s+(\\d+)\\s`, 'm').exec(text);
  if (m?.[1] === undefined) throw new Error(`no "${label}" row in the summary`);
  return Number(m[1]);
}

describe.skipIf(!built)(
  `npm run demo${built ? '' : ' — skipped: apps/demo/dist not built (run: npx turbo run build)'}`,
  () => {
    it('tells the whole story, and its ledger adds up', { timeout: 120_000 }, async () => {
      const { code, stdout, stderr } = await runMain();
      expect(stderr).toBe('');
      expect(code).toBe(0);
      for (const step of [
        '[1/5] Route',
        '[2/5] Simulate VOD',
        '[3/5] Consume',
        '[4/5] Crash',
        '[5/5] Summary',
      ]) {
        expect(stdout).toContain(step);
      }
      const s = {
        emitted: count(stdout, 'events emitted'),
        delivered: count(stdout, 'delivered'),
        discarded: count(stdout, 'discarded'),
        injected: count(stdout, 'duplicates injected'),
        handled: count(stdout, 'handled'),
        redelivered: count(stdout, 'redelivered'),
        deadLettered: count(stdout, 'dead-lettered'),
        suppressed: count(stdout, 'duplicates suppressed'),
      };
      // The equations, recomputed from the printed table.
      expect(s.emitted).toBe(s.delivered + s.discarded);
      expect(s.delivered + s.injected).toBe(s.handled + s.deadLettered + s.suppressed);
      // And every part of the story happened.
      expect(s.discarded).toBeGreaterThan(0);
      expect(s.deadLettered).toBeGreaterThan(0);
      expect(s.suppressed).toBeGreaterThanOrEqual(s.injected);
      expect(s.redelivered).toBeGreaterThan(0);
      expect(stdout).toContain(
        "messages left in the queues: 0 (mns-local's message counts; the live service reports them as 0)  ✓",
      );
      expect(stdout).toMatch(/attempt 3 at \+\d+\.\d s: failed — QueueNotExist/);
      expect(stdout).toMatch(/SIGKILL → process \d+ is gone/);
      expect(stdout).toContain('Everything adds up.');
    });
  },
);
