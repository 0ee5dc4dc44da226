#!/usr/bin/env node
// Packs the package in the current directory with pnpm (which rewrites workspace: ranges, docs/toolchain.md trap 11,
// and applies publishConfig.exports), checks the packed package.json (exact dependency versions, no `source`
// export condition) and runs publint and @arethetypeswrong/cli on the tarball.
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
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
  );
  const problems = [];
  for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
    if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(range))
      problems.push(`dependencies.${dep} "${range}" is not exact`);
  }
  const walk = (exp, path) => {
    if (exp === null || typeof exp !== 'object') return;
    for (const [k, v] of Object.entries(exp)) {
      if (k === 'source') problems.push(`${path}.source: published exports must not have a source condition`);
      else walk(v, `${path}[${JSON.stringify(k)}]`);
    }
  };
  walk(manifest.exports, 'exports');
  for (const p of problems) console.error(`${manifest.name}: ${p}`);
  if (problems.length > 0) ok = false;
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
