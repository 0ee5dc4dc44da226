// ESM consumer of the packed @vodmns/mns-local: starts the server on an ephemeral port, uses it, closes it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMnsLocal } from '@vodmns/mns-local';

const server = await startMnsLocal({ port: 0 });
try {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(server.endpoint) || server.port === 0) {
    console.error(`unexpected endpoint ${server.endpoint}`);
    process.exit(1);
  }
  server.admin.createQueue('smoke');
  server.admin.sendMessage('smoke', 'hello');
  if (server.admin.peek('smoke').length !== 1) {
    console.error('the sent message is not in the queue');
    process.exit(1);
  }
  // an unsigned request over real HTTP is refused with an MNS error document
  const res = await fetch(`${server.endpoint}/queues/smoke/messages`);
  const body = await res.text();
  if (res.status < 400 || res.status >= 500 || !body.includes('<Code>')) {
    console.error(`unsigned request: status ${res.status}, body ${body}`);
    process.exit(1);
  }
  // the web console's files ship in the tarball (assets/console) and are served on loopback by default
  for (const path of ['', 'console.js', 'console.css']) {
    const page = await fetch(`${server.consoleUrl}${path}`);
    if (page.status !== 200 || (await page.text()).length < 100) {
      console.error(`console ${path || 'page'}: status ${page.status}`);
      process.exit(1);
    }
  }
} finally {
  await server.close();
}

// better-sqlite3 is an optional peer, not installed here: only --data-dir needs it, and then it says so.

let resolved = false;
try {
  createRequire(import.meta.url).resolve('better-sqlite3');
  resolved = true;
} catch {}
if (resolved) {
  console.error('better-sqlite3 was installed with mns-local alone: it must be an optional peer');
  process.exit(1);
}
const dataDir = mkdtempSync(join(tmpdir(), 'mns-local-smoke-'));
try {
  await startMnsLocal({ port: 0, dataDir });
  console.error('startMnsLocal({ dataDir }) started without better-sqlite3');
  process.exit(1);
} catch (error) {
  if (
    error.code !== 'ERR_MNS_LOCAL_SQLITE_MISSING' ||
    !error.message.includes('npm install better-sqlite3@12')
  ) {
    console.error(`dataDir without better-sqlite3: unexpected error ${error.code}: ${error.message}`);
    process.exit(1);
  }
}
let cli;
try {
  execFileSync(
    process.execPath,
    ['node_modules/@vodmns/mns-local/dist/bin.js', '--port', '0', '--data-dir', dataDir],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20_000,
    },
  );
  console.error('mns-local --data-dir exited 0 without better-sqlite3');
  process.exit(1);
} catch (error) {
  cli = error;
}
if (
  cli.status !== 1 ||
  !/cannot start: ERR_MNS_LOCAL_SQLITE_MISSING: .*npm install better-sqlite3@12/.test(cli.stderr)
) {
  console.error(`mns-local --data-dir without better-sqlite3: exit ${cli.status}, stderr ${cli.stderr}`);
  process.exit(1);
}
console.log('mns-local esm ok');
