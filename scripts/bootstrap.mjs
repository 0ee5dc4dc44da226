#!/usr/bin/env node
// Makes a fresh clone usable on a machine that has only Node >= 20.19 and npm:
// installs the pinned pnpm (it must equal "packageManager", see docs/toolchain.md trap 1) and the workspace.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const wanted = String(pkg.packageManager).replace(/^pnpm@/, '');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`vodmns needs Node >= 20.19 (this is ${process.versions.node}).`);
  process.exit(1);
}

function pnpmVersion() {
  try {
    return execFileSync('pnpm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

if (pnpmVersion() !== wanted) {
  console.log(`> installing pnpm@${wanted} with npm`);
  const r = spawnSync('npm', ['install', '--global', `pnpm@${wanted}`], { stdio: 'inherit' });
  if (r.status !== 0 || pnpmVersion() !== wanted) {
    console.error(`could not install pnpm@${wanted}; install it by hand: npm i -g pnpm@${wanted}`);
    process.exit(1);
  }
}

// System programs the tests run for real (redis-server, see scripts/install-system-deps.sh): installed with apt
// when missing and this runs as root; otherwise the script says what to install.
{
  const deps = spawnSync('bash', [join(root, 'scripts', 'install-system-deps.sh')], { stdio: 'inherit' });
  if (deps.status !== 0) {
    console.error(
      '> some system programs the tests need are missing (see above); the tests that need them will fail',
    );
  }
}

// Native addons (better-sqlite3) compile against Node's installed headers; pnpm does not read .npmrc's nodedir.
const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir || '/usr' };
const args = ['install', '--frozen-lockfile', '--reporter=append-only'];
const r = spawnSync('pnpm', args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
if (r.status !== 0) process.exit(r.status ?? 1);
