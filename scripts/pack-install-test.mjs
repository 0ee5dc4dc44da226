#!/usr/bin/env node
// Pack-and-install test (issue #9): proves every publishable package works when installed from its tarball by npm,
// alone, outside the workspace — the way a user gets it.
//
//   node scripts/pack-install-test.mjs [--no-build] [--keep] [--only <dir>[,<dir>…]] [--jobs <n>]
//
// 1. builds (turbo), 2. `pnpm pack`s every non-private packages/*/package.json (pnpm rewrites workspace: ranges,
// docs/toolchain.md trap 11), 3. for EACH package alone: a fresh temp project whose only dependency is that tarball; its
// @vodmns dependencies resolve to their tarballs through npm `overrides` (never the registry), typescript and
// @types/node come from the registry. Then it runs, inside that project:
//   manifest  no `workspace:` range left; every @vodmns range accepts the packed sibling's version; every
//             dependency is an exact version (peers may be ranges: they state what a user's copy may be); the
//             published `exports` hold no `source` condition (that one is for the workspace only)
//   esm       `import()` of every export subpath + tests/pack-install/<dir>/smoke.mjs (one real call)
//   require   `require()` of every export subpath (Node >= 20.19 require(esm)) + tests/pack-install/<dir>/smoke.cjs
//   types     `tsc --noEmit` (module nodenext, skipLibCheck false, customConditions ["source"] as a user with a
//             source-first setup has) of tests/pack-install/<dir>/consumer.ts plus a generated .cts importing
//             every subpath (CommonJS consumer)
//   bins      `<bin> --help` exits 0 for every `bin` entry (via npx, from the project)
//   deps      the installed tree holds none of the packages the dependency direction forbids (core: no undici, …;
//             mns-local and cli: no better-sqlite3, an optional peer — an in-memory install compiles nothing)
// Prints one table (install = npm install wall time; checks = everything after it) and exits 1 if any cell failed.
// npm's cache is the user's, shared across projects and runs. Installs run --jobs at a time (default 2), checks
// one package at a time.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = join(root, 'tests', 'pack-install');
const TYPESCRIPT = '6.0.3';
const TYPES_NODE = '20.19.43';

/** What each package must NOT pull into a consumer's node_modules (the dependency direction: root README, scripts/check-boundaries.mjs). */
const FORBIDDEN = {
  '@vodmns/core': ['undici', 'rxjs', 'fast-xml-parser', 'better-sqlite3'],
  '@vodmns/mns-transport': ['rxjs', 'better-sqlite3'],
  '@vodmns/rx': ['undici', 'fast-xml-parser', 'better-sqlite3'],
  '@vodmns/mns-local': ['rxjs', 'better-sqlite3'],
  '@vodmns/cli': ['better-sqlite3'],
  '@vodmns/redis': ['undici', 'better-sqlite3'],
  '@vodmns/sqlite': ['undici'],
};

/** An exact version, as every published dependency must be (no `^`, `~`, `*`, `x`, `>=` …). */
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** Paths of every `source` condition in an exports map (`exports["."].source`, …). */
function sourceConditions(exp, path = 'exports') {
  if (exp === null || typeof exp !== 'object') return [];
  return Object.entries(exp).flatMap(([k, v]) =>
    k === 'source' ? [`${path}[${JSON.stringify(k)}]`] : sourceConditions(v, `${path}[${JSON.stringify(k)}]`),
  );
}

/** The prefix holding the running Node's headers (`<prefix>/include/node/common.gypi`), else /usr. */
function nodeHeadersDir() {
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'common.gypi')) ? prefix : '/usr';
}

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const onlyIndex = args.indexOf('--only');
const jobsIndex = args.indexOf('--jobs');
const jobs = Math.max(1, Number(jobsIndex >= 0 ? args[jobsIndex + 1] : 2) || 1);
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',').filter(Boolean)) : undefined;

const env = {
  ...process.env,
  // better-sqlite3 compiles from source against the running Node's headers (docs/toolchain.md trap 4): /usr here, the
  // install prefix of setup-node on GitHub runners.
  npm_config_nodedir: process.env.npm_config_nodedir || nodeHeadersDir(),
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  FORCE_COLOR: '0',
  TURBO_TELEMETRY_DISABLED: '1',
  NO_COLOR: '1',
};

/** Runs a command; returns { ok, status, out, ms }. Never throws. */
function run(cmd, argv, { cwd = root, timeoutMs = 120_000, input } = {}) {
  const started = performance.now();
  const r = spawnSync(cmd, argv, {
    cwd,
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
    input,
    maxBuffer: 64 * 1024 * 1024,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  const ms = performance.now() - started;
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`;
  return { ok: r.status === 0 && !r.error, status: r.status, out, ms };
}

/** Like run(), without blocking: for the installs, which run `--jobs` at a time. */
function runAsync(cmd, argv, { cwd = root, timeoutMs = 120_000 } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => {
      out += `\ntimed out after ${timeoutMs} ms`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      out += `\n${error.message}`;
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ ok: status === 0, status, out, ms: performance.now() - started });
    });
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const tail = (text, lines = 25) => text.trim().split('\n').slice(-lines).join('\n');

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Publishable packages, in dependency order (a package after its @vodmns dependencies). */
function publishablePackages() {
  const all = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'packages', d.name, 'package.json')))
    .map((d) => ({ dir: d.name, path: join(root, 'packages', d.name) }))
    .map((p) => ({ ...p, manifest: readJson(join(p.path, 'package.json')) }))
    .filter((p) => p.manifest.private !== true);
  const names = new Set(all.map((p) => p.manifest.name));
  const internalDeps = (p) =>
    Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies }).filter((n) => names.has(n));
  const ordered = [];
  const visit = (p, seen = new Set()) => {
    if (ordered.includes(p) || seen.has(p)) return;
    seen.add(p);
    for (const dep of internalDeps(p))
      visit(
        all.find((q) => q.manifest.name === dep),
        seen,
      );
    ordered.push(p);
  };
  for (const p of all.sort((a, b) => a.dir.localeCompare(b.dir))) visit(p);
  return ordered;
}

/** Export subpaths as import specifiers (`@vodmns/x`, `@vodmns/x/testing`), without `./package.json`. */
function exportSpecifiers(manifest) {
  const exp = manifest.exports;
  if (exp === undefined) return [manifest.name];
  if (typeof exp === 'string' || !Object.keys(exp).some((k) => k.startsWith('.'))) return [manifest.name];
  return Object.keys(exp)
    .filter((k) => k !== './package.json' && !k.includes('*'))
    .map((k) => (k === '.' ? manifest.name : `${manifest.name}/${k.slice(2)}`));
}

/** Minimal caret/exact/tilde range check, enough for the ranges pnpm writes for workspace: deps. */
function rangeAccepts(range, version) {
  const parse = (v) => v.split('-')[0].split('.').map(Number);
  const [maj, min, pat] = parse(version);
  const m = /^([\^~]?)(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!m) return false;
  const [, op, a, b, c] = m;
  const [ra, rb, rc] = [Number(a), Number(b), Number(c)];
  const gte = maj > ra || (maj === ra && (min > rb || (min === rb && pat >= rc)));
  if (op === '') return maj === ra && min === rb && pat === rc;
  if (op === '~') return gte && maj === ra && min === rb;
  if (ra > 0) return gte && maj === ra;
  if (rb > 0) return gte && maj === 0 && min === rb;
  return maj === 0 && min === 0 && pat === rc;
}

/** Every package name present anywhere in a node_modules tree. */
function installedPackageNames(nodeModules, found = new Set()) {
  if (!existsSync(nodeModules)) return found;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const scoped = entry.name.startsWith('@');
    const dirs = scoped
      ? readdirSync(join(nodeModules, entry.name), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => [`${entry.name}/${d.name}`, join(nodeModules, entry.name, d.name)])
      : [[entry.name, join(nodeModules, entry.name)]];
    for (const [name, dir] of dirs) {
      if (!existsSync(join(dir, 'package.json'))) continue;
      found.add(name);
      installedPackageNames(join(dir, 'node_modules'), found);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------

const totalStart = performance.now();
const packages = publishablePackages();
const selected = packages.filter((p) => !only || only.has(p.dir));
if (selected.length === 0) {
  console.error('pack-install: no publishable package selected');
  process.exit(1);
}

if (!flag('--no-build')) {
  console.log('> build (turbo)');
  const b = run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { timeoutMs: 600_000 });
  if (!b.ok) {
    console.error(tail(b.out, 60));
    console.error('pack-install: build failed');
    process.exit(1);
  }
  console.log(`  built in ${seconds(b.ms)}`);
}

const work = mkdtempSync(join(tmpdir(), 'vodmns-pack-install-'));
const tarballDir = join(work, 'tarballs');
const failures = [];
const rows = [];
const cols = ['name', 'manifest', 'install', 'deps', 'esm', 'require', 'types', 'bins', 'checks'];

/** tarball path and packed manifest per package name. */
const packed = new Map();
console.log(`> pnpm pack ${packages.length} packages into ${tarballDir}`);
for (const p of packages) {
  const dest = join(tarballDir, p.dir);
  mkdirSync(dest, { recursive: true });
  const r = run('pnpm', ['pack', '--pack-destination', dest], { cwd: p.path });
  const file = r.ok ? readdirSync(dest).find((f) => f.endsWith('.tgz')) : undefined;
  if (!file) {
    failures.push(`${p.manifest.name}: pnpm pack failed\n${tail(r.out)}`);
    continue;
  }
  const tarball = join(dest, file);
  const manifestText = run('tar', ['-xzOf', tarball, 'package/package.json']);
  packed.set(p.manifest.name, { tarball, manifest: JSON.parse(manifestText.out), ms: r.ms });
}

// Install phase: one fresh consumer project per package, whose only dependency is that package's tarball; its
// @vodmns dependencies come from their tarballs through npm `overrides`. `--jobs` installs at a time (default 2:
// better-sqlite3 compiles single-threaded in mns-local's and cli's projects, so two overlap on a 2-core machine);
// dependents first, so the heavy ones start early. Everything after the install runs one package at a time.
const installs = new Map();
{
  const queue = [...selected].reverse().filter((p) => packed.has(p.manifest.name));
  console.log(`> npm install ${queue.length} consumer projects, ${jobs} at a time`);
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
      const name = p.manifest.name;
      const project = join(work, `consumer-${p.dir}`);
      mkdirSync(project, { recursive: true });
      const overrides = {};
      for (const [other, info] of packed) if (other !== name) overrides[other] = `file:${info.tarball}`;
      writeFileSync(
        join(project, 'package.json'),
        `${JSON.stringify(
          {
            name: `pack-install-${p.dir}`,
            version: '0.0.0',
            private: true,
            type: 'module',
            dependencies: { [name]: `file:${packed.get(name).tarball}` },
            devDependencies: { typescript: TYPESCRIPT, '@types/node': TYPES_NODE },
            overrides,
          },
          null,
          2,
        )}\n`,
      );
      const r = await runAsync(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
        {
          cwd: project,
          timeoutMs: 900_000,
        },
      );
      console.log(`  ${name}: npm install ${r.ok ? 'ok' : 'FAILED'} in ${seconds(r.ms)}`);
      installs.set(name, { ...r, project });
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
}

for (const p of selected) {
  const name = p.manifest.name;
  const row = { name, install: '-', manifest: '-', esm: '-', require: '-', types: '-', bins: '-', deps: '-' };
  rows.push(row);
  const fail = (cell, detail) => {
    row[cell] = 'FAIL';
    failures.push(`${name} [${cell}]\n${detail}`);
  };
  const pk = packed.get(name);
  if (!pk) {
    row.install = 'FAIL';
    continue;
  }
  console.log(`> ${name}`);
  const started = performance.now();

  // manifest: pnpm must have rewritten workspace: ranges to versions the sibling tarballs satisfy
  const problems = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(pk.manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${dep} is still "${range}"`);
      const sibling = packed.get(dep);
      if (sibling && !rangeAccepts(String(range), sibling.manifest.version))
        problems.push(`${field}.${dep} "${range}" does not accept the packed ${sibling.manifest.version}`);
    }
  }
  if (
    pk.manifest.devDependencies &&
    Object.values(pk.manifest.devDependencies).some((r) => r.startsWith('workspace:'))
  )
    problems.push('devDependencies still hold workspace: ranges');
  for (const [dep, range] of Object.entries(pk.manifest.dependencies ?? {})) {
    if (!EXACT_VERSION.test(String(range)))
      problems.push(`dependencies.${dep} is "${range}", not an exact version`);
  }
  for (const dep of Object.keys(pk.manifest.peerDependenciesMeta ?? {})) {
    if (!(dep in (pk.manifest.peerDependencies ?? {})))
      problems.push(`peerDependenciesMeta.${dep} names no peer dependency`);
  }
  for (const at of sourceConditions(pk.manifest.exports))
    problems.push(`${at}: the published exports must not have a source condition`);
  if (problems.length) fail('manifest', problems.join('\n'));
  else row.manifest = 'ok';

  const inst = installs.get(name);
  const project = inst.project;
  if (!inst.ok) {
    fail('install', tail(inst.out, 40));
    continue;
  }
  row.install = seconds(inst.ms);

  // deps: nothing the dependency direction forbids
  const names = installedPackageNames(join(project, 'node_modules'));
  const forbidden = (FORBIDDEN[name] ?? []).filter((n) => names.has(n));
  if (forbidden.length) fail('deps', `installs ${forbidden.join(', ')} (forbidden for ${name})`);
  else row.deps = `ok (${names.size} pkgs)`;

  // fixtures: smoke.mjs, smoke.cjs, consumer.ts from tests/pack-install/<dir>/
  const fixtures = join(fixturesDir, p.dir);
  if (!existsSync(fixtures)) {
    failures.push(`${name}: no fixtures in tests/pack-install/${p.dir}/ (smoke.mjs, smoke.cjs, consumer.ts)`);
  } else {
    for (const f of readdirSync(fixtures)) cpSync(join(fixtures, f), join(project, f));
  }
  const specifiers = exportSpecifiers(pk.manifest);

  // esm: import every subpath, then the smoke script
  const esmAll = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join('\n');
  const esmSubpaths = run(process.execPath, ['--input-type=module', '-e', esmAll], { cwd: project });
  const esmSmoke = existsSync(join(project, 'smoke.mjs'))
    ? run(process.execPath, ['smoke.mjs'], { cwd: project, timeoutMs: 60_000 })
    : { ok: false, out: 'missing smoke.mjs' };
  if (!esmSubpaths.ok) fail('esm', `import of ${specifiers.join(', ')}:\n${tail(esmSubpaths.out)}`);
  else if (!esmSmoke.ok) fail('esm', `smoke.mjs:\n${tail(esmSmoke.out)}`);
  else row.esm = 'ok';

  // require: Node >= 20.19 loads ESM synchronously unless it has top-level await (ERR_REQUIRE_ASYNC_MODULE)
  const cjsAll = specifiers.map((s) => `require(${JSON.stringify(s)});`).join('\n');
  const cjsSubpaths = run(process.execPath, ['--input-type=commonjs', '--no-warnings', '-e', cjsAll], {
    cwd: project,
  });
  const cjsSmoke = existsSync(join(project, 'smoke.cjs'))
    ? run(process.execPath, ['--no-warnings', 'smoke.cjs'], { cwd: project, timeoutMs: 60_000 })
    : { ok: false, out: 'missing smoke.cjs' };
  if (!cjsSubpaths.ok) fail('require', `require() of ${specifiers.join(', ')}:\n${tail(cjsSubpaths.out)}`);
  else if (!cjsSmoke.ok) fail('require', `smoke.cjs:\n${tail(cjsSmoke.out)}`);
  else row.require = 'ok';

  // types: consumer.ts (ESM) + a generated CommonJS consumer of every subpath
  writeFileSync(
    join(project, 'consumer-cjs.cts'),
    `${specifiers.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`).join('\n')}\n` +
      `export const loaded: readonly object[] = [${specifiers.map((_, i) => `m${i}`).join(', ')}];\n`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          types: ['node'],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          // A user whose own setup resolves "source" first must still get dist/ (the shipped src is not theirs
          // to compile).
          customConditions: ['source'],
          noEmit: true,
        },
        include: ['*.ts', '*.cts'],
      },
      null,
      2,
    )}\n`,
  );
  // tsc over zod's declarations takes minutes on a loaded 2-core machine; 120 s timed out there.
  const tsc = run(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], {
    cwd: project,
    timeoutMs: 600_000,
  });
  if (!existsSync(join(project, 'consumer.ts'))) fail('types', 'missing consumer.ts');
  else if (!tsc.ok) fail('types', tail(tsc.out, 40));
  else row.types = 'ok';

  // bins: every bin answers --help with exit 0 (`npx <bin>` from the project, with --offline so a bin that npm did
  // not link is reported as missing instead of being looked up in the registry)
  const bins =
    typeof pk.manifest.bin === 'string' ? { [name.split('/').pop()]: pk.manifest.bin } : pk.manifest.bin;
  if (bins && Object.keys(bins).length) {
    const bad = [];
    for (const [bin, target] of Object.entries(bins)) {
      if (!existsSync(join(project, 'node_modules', '.bin', bin))) {
        const inTarball = existsSync(join(project, 'node_modules', ...name.split('/'), target));
        bad.push(
          `${bin}: not linked by npm (${target} ${inTarball ? 'exists' : 'is missing from the tarball'})`,
        );
        continue;
      }
      const r = run('npx', ['--offline', bin, '--help'], { cwd: project, timeoutMs: 30_000 });
      if (!r.ok) bad.push(`${bin} --help → exit ${r.status}\n${tail(r.out, 15)}`);
    }
    if (bad.length) fail('bins', bad.join('\n'));
    else row.bins = Object.keys(bins).join(',');
  }

  row.checks = seconds(performance.now() - started);
  console.log(
    `  ${cols
      .filter((c) => c !== 'name')
      .map((c) => `${c} ${row[c] ?? '-'}`)
      .join(' · ')}`,
  );
  if (!flag('--keep')) rmSync(project, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------

const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '-').length)));
const line = (values) => values.map((v, i) => String(v ?? '-').padEnd(widths[i])).join('  ');
console.log('');
console.log(line(cols));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(cols.map((c) => r[c])));
console.log('');
for (const f of failures) console.log(`FAIL ${f}\n`);
if (flag('--keep')) console.log(`kept: ${work}`);
else rmSync(work, { recursive: true, force: true });
const verdict =
  failures.length === 0 ? 'pack-install: all packages ok' : `pack-install: ${failures.length} failure(s)`;
console.log(`${verdict} (${seconds(performance.now() - totalStart)})`);
process.exit(failures.length === 0 ? 0 : 1);
