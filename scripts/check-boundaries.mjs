#!/usr/bin/env node
// Enforces the dependency direction (root README, "Dependency direction") on every non-test source file:
//   apps/demo, packages/cli ──► rx ──► core;  mns-transport ──► core;  mns-local ──► core, mns-transport (signing + codec);
//   redis, sqlite ──► rx (the IdempotencyStore port), core
// plus: core does no I/O; undici in one transport file; fast-xml-parser only in transport's codec; nothing imports apps;
// every package import is declared in that package's package.json; core's runtime entry never reaches into its
// testing entry (src/testing/, published as @vodmns/core/testing).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const rules = {
  'packages/core': { allow: ['zod'], builtins: ['node:crypto', 'node:buffer', 'node:util'] },
  // @opentelemetry/api: an optional peer, loaded only when tracing is switched on
  'packages/mns-transport': {
    allow: ['@vodmns/core', 'undici', 'fast-xml-parser', '@opentelemetry/api'],
    builtins: 'any',
  },
  'packages/mns-local': {
    // @vodmns/core/testing: the console's sample events and simulated uploads (as in the cli and the demo)
    allow: [
      '@vodmns/core',
      '@vodmns/core/testing',
      '@vodmns/mns-transport/signing',
      '@vodmns/mns-transport/codec',
      'better-sqlite3',
    ],
    builtins: 'any',
  },
  'packages/rx': {
    // @opentelemetry/api: an optional peer, loaded (node:module createRequire) only when telemetry is on
    allow: ['@vodmns/core', '@vodmns/core/testing', 'rxjs', 'rxjs/operators', '@opentelemetry/api'],
    builtins: [
      'node:crypto',
      'node:events',
      'node:module',
      'node:timers',
      'node:timers/promises',
      'node:util',
    ],
  },
  // the shared idempotency stores implement rx's IdempotencyStore port (types only) and throw core's errors;
  // rx knows nothing of them
  'packages/redis': { allow: ['@vodmns/core', '@vodmns/rx'], builtins: 'any' },
  'packages/sqlite': { allow: ['@vodmns/core', '@vodmns/rx', 'better-sqlite3'], builtins: 'any' },
  'packages/cli': {
    allow: [
      '@vodmns/core',
      '@vodmns/core/testing',
      '@vodmns/mns-transport',
      '@vodmns/mns-transport/signing',
      '@vodmns/mns-transport/codec',
      '@vodmns/mns-local',
      '@vodmns/rx',
      '@vodmns/rx/testing',
      'rxjs',
    ],
    builtins: 'any',
  },
  'apps/demo': {
    allow: [
      '@vodmns/core',
      '@vodmns/core/testing',
      '@vodmns/mns-transport',
      '@vodmns/mns-local',
      '@vodmns/rx',
      'rxjs',
      // `--telemetry`: the OpenTelemetry SDK the demo wires itself
      '@opentelemetry/api',
      '@opentelemetry/context-async-hooks',
      '@opentelemetry/sdk-trace-base',
    ],
    builtins: 'any',
  },
};
// Single-file rules: the module may be imported only under these path prefixes.
const confined = {
  undici: 'packages/mns-transport/src/http/',
  'fast-xml-parser': 'packages/mns-transport/src/codec/',
};

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !/\.test(-d)?\.ts$/.test(name)) yield p;
  }
}
const importRe =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

const problems = [];
let files = 0;
for (const [pkgDir, rule] of Object.entries(rules)) {
  const src = join(root, pkgDir, 'src');
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(root, pkgDir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }));
  for (const file of walk(src)) {
    files += 1;
    const rel = relative(root, file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) {
        const target = relative(root, join(file, '..', spec));
        if (!target.startsWith(`${pkgDir}/`))
          problems.push(`${rel}: relative import leaves the package: ${spec}`);
        else if (
          pkgDir === 'packages/core' &&
          !rel.startsWith('packages/core/src/testing/') &&
          target.startsWith('packages/core/src/testing')
        )
          problems.push(`${rel}: core's runtime may not import its testing entry (${spec})`);
        continue;
      }
      if (builtins.has(spec)) {
        if (!spec.startsWith('node:')) problems.push(`${rel}: use the node: prefix for ${spec}`);
        else if (rule.builtins !== 'any' && !rule.builtins.includes(spec))
          problems.push(`${rel}: ${pkgDir} may not import ${spec} (no I/O here)`);
        continue;
      }
      if (spec.startsWith('@vodmns/demo') || spec.startsWith('@vodmns/bench') || spec.includes('/apps/')) {
        problems.push(`${rel}: nothing may import apps (${spec})`);
        continue;
      }
      if (!rule.allow.includes(spec)) problems.push(`${rel}: ${pkgDir} may not import ${spec}`);
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!declared.has(name))
        problems.push(`${rel}: imports ${name}, which ${pkgDir}/package.json does not declare`);
      for (const [mod, prefix] of Object.entries(confined)) {
        if (name === mod && !rel.startsWith(prefix))
          problems.push(`${rel}: ${mod} may be imported only under ${prefix}`);
      }
    }
  }
}
if (problems.length) {
  console.error(`dependency boundaries: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`dependency boundaries: ok (${files} files)`);
