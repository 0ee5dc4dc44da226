#!/usr/bin/env node
// Packs the package in the current directory with pnpm (which rewrites workspace: ranges, docs/toolchain.md trap 11)
// and runs publint and @arethetypeswrong/cli on the tarball.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const dest = mkdtempSync(join(tmpdir(), 'vodmns-pack-'));
try {
  execFileSync('pnpm', ['pack', '--pack-destination', dest], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(
    dest,
    readdirSync(dest).find((f) => f.endsWith('.tgz')),
  );
  let ok = true;
  for (const [cmd, args] of [
    [bin('publint'), ['run', tarball, '--strict']],
    [bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) ok = false;
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dest, { recursive: true, force: true });
}
