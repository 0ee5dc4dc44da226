#!/usr/bin/env node
// Writes packages/core/schemas/<EventType>.schema.json and vod-event.schema.json from the zod definitions.
// Run after a build:  npx tsc -b tsconfig.build.json && node scripts/generate-schemas.mjs   (or: pnpm run generate:schemas)
// --check: write nothing, exit 1 if a committed file differs from the generated text.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatVodJsonSchema, generateVodEventJsonSchemas } from '../dist/index.js';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
const check = process.argv.includes('--check');
const schemas = generateVodEventJsonSchemas();
mkdirSync(dir, { recursive: true });

const drift = [];
for (const [file, schema] of Object.entries(schemas)) {
  const text = formatVodJsonSchema(schema);
  let current;
  try {
    current = readFileSync(join(dir, file), 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  drift.push(file);
  if (!check) writeFileSync(join(dir, file), text);
}
for (const file of readdirSync(dir)) {
  if (file.endsWith('.schema.json') && !(file in schemas)) {
    drift.push(`${file} (stale)`);
    if (!check) rmSync(join(dir, file));
  }
}
if (check && drift.length > 0) {
  console.error(`schemas out of date: ${drift.join(', ')} — run: pnpm run generate:schemas`);
  process.exit(1);
}
console.log(
  `${check ? 'checked' : 'wrote'} ${Object.keys(schemas).length} schema files in ${dir}${drift.length > 0 && !check ? ` (${drift.length} changed)` : ''}`,
);
