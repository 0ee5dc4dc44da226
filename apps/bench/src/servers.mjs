// Child-process servers for the comparison: mns-local (the system under test) and a trivial keep-alive HTTP
// server (the physical limit). Both run in their own process so the bench process's CPU time is client CPU only.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Starts `mns-local` (built dist) on a free loopback port; resolves with endpoint, credentials and stop(). */
export async function startMnsLocalProcess() {
  const pkgJson = require.resolve('@vodmns/mns-local/package.json');
  const bin = join(dirname(pkgJson), 'dist', 'bin.js');
  const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.setEncoding('utf8');
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const endpoint = /listening on (http:\/\/\S+)/.exec(text)?.[1];
      const accessKeyId = /access key id:\s+(\S+)/.exec(text)?.[1];
      const accountId = /account id:\s+(\S+)/.exec(text)?.[1];
      if (endpoint && accessKeyId && accountId && /storage:/.test(text))
        resolve({ endpoint, accessKeyId, accountId });
    });
    child.once('exit', (code) => reject(new Error(`mns-local exited early with ${code}`)));
  });
  const info = await ready;
  // The default mns-local key pair is public test data (documented in the mns-local README).
  const { DEFAULT_ACCESS_KEY_SECRET } = await import('@vodmns/mns-local');
  return {
    ...info,
    pid: child.pid,
    accessKeySecret: DEFAULT_ACCESS_KEY_SECRET,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Starts the trivial HTTP server of `limit-server.mjs`; resolves with its origin and stop(). */
export async function startLimitServerProcess() {
  const child = spawn(process.execPath, [join(here, 'limit-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.setEncoding('utf8');
  const [line] = await once(child.stdout, 'data');
  const origin = /^(http:\/\/\S+)/.exec(String(line))?.[1];
  if (!origin) throw new Error(`limit server printed ${line}`);
  return {
    origin,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
