// ESM consumer of the packed @vodmns/sqlite: two stores on one file (as two processes would), reserve/commit/has.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteIdempotencyStore } from '@vodmns/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'vodmns-smoke-sqlite-'));
try {
  const a = new SqliteIdempotencyStore({ path: join(dir, 'i.db') });
  const b = new SqliteIdempotencyStore({ path: join(dir, 'i.db') });
  const first = await a.reserve('evt:1', 10_000);
  const second = await b.reserve('evt:1', 10_000);
  await a.commit('evt:1', 60_000);
  const seen = await b.has('evt:1');
  a.close();
  b.close();
  if (!first || second || !seen) {
    console.error(`sqlite store misbehaved (first=${first}, second=${second}, seen=${seen})`);
    process.exit(1);
  }
  console.log('sqlite esm ok');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
