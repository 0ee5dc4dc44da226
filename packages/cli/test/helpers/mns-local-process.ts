import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The mns-local bin from its dist (CI runs `turbo run build` before the tests). */
export const MNS_LOCAL_BIN = fileURLToPath(new URL('../../../mns-local/dist/bin.js', import.meta.url));
/** The vodmns bin from dist. */
export const VODMNS_BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** Why dist-based tests are skipped, or `undefined` when the bins are built. */
export function missingDist(...bins: string[]): string | undefined {
  const missing = bins.filter((b) => !existsSync(b));
  return missing.length === 0 ? undefined : `not built: ${missing.join(', ')} (run: npx turbo run build)`;
}

/** A running mns-local process and what it printed at startup. */
export interface MnsLocalProcess extends AsyncDisposable {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly child: ChildProcess;
  /** Env vars pointing vodmns at this server. */
  readonly env: Record<string, string>;
}

/**
 * Spawns `node <bin> …args` (the mns-local bin, or `vodmns local`) with `--port 0` and parses the printed
 * endpoint and credentials. Rejects after `timeoutMs` if the banner never appears.
 */
export async function spawnMnsLocal(
  command: readonly string[] = [MNS_LOCAL_BIN],
  extraArgs: readonly string[] = [],
  timeoutMs = 10_000,
): Promise<MnsLocalProcess> {
  const child = spawn(process.execPath, [...command, '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`mns-local did not start in ${timeoutMs} ms: ${out}${err}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (/access key secret:.*\n/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mns-local exited with ${code}: ${out}${err}`));
    });
  });
  const pick = (re: RegExp): string => {
    const m = re.exec(banner);
    if (m?.[1] === undefined) throw new Error(`cannot parse ${re} from: ${banner}`);
    return m[1];
  };
  const endpoint = pick(/listening on (\S+)/);
  const accessKeyId = pick(/access key id:\s+(\S+)/);
  const accessKeySecret = pick(/access key secret:\s+(\S+)/);
  return {
    endpoint,
    accessKeyId,
    accessKeySecret,
    child,
    env: {
      MNS_ENDPOINT: endpoint,
      ALIBABA_CLOUD_ACCESS_KEY_ID: accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: accessKeySecret,
    },
    async [Symbol.asyncDispose]() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A TCP port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
