import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** The `redis-server` binary. @defaultValue `REDIS_SERVER` from the environment, else 'redis-server' */
  readonly binary?: string;
  /**
   * Keep the data across {@link RedisServerProcess.restart}: append-only file, fsync on every write, in a
   * temporary directory removed by `stop()`. Off: nothing is saved (`--save '' --appendonly no`). @defaultValue false
   */
  readonly persistent?: boolean;
  /** How long to wait for the server to accept connections, ms. @defaultValue 20000 */
  readonly startTimeoutMs?: number;
}

/** A `redis-server` child process on 127.0.0.1, started by {@link startRedisServer}. */
export interface RedisServerProcess extends AsyncDisposable {
  /** Its port (kept across restarts). */
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** Whether it is running now. */
  readonly running: boolean;
  /** Stops it (SIGKILL when `hard`, else SIGTERM: a persistent server flushes its file first). Idempotent. */
  kill(hard?: boolean): Promise<void>;
  /** Starts it again on the same port (and data directory). */
  start(): Promise<void>;
  /** `kill(hard)` then `start()`. */
  restart(hard?: boolean): Promise<void>;
  /** Stops it and removes its data directory. */
  stop(): Promise<void>;
}

/** How to install the server, for the error a missing binary raises. */
const INSTALL_HINT =
  'install it (Debian/Ubuntu: `apt-get update && apt-get install -y redis-server`, or run `bash scripts/install-system-deps.sh` as root from the repository), or point REDIS_SERVER at the binary';

/** Throws, saying how to install it, when the `redis-server` binary cannot be run. */
export function assertRedisServerInstalled(binary = process.env.REDIS_SERVER ?? 'redis-server'): void {
  const r = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `redis-server is needed for these tests and "${binary}" cannot be run (${r.error?.message ?? `exit ${r.status}`}): ${INSTALL_HINT}`,
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real `redis-server` on 127.0.0.1 on a free port, for tests and benchmarks (no mocks). Fails loudly,
 * saying how to install it, when the binary is missing. Stop it with `await using` or `stop()`.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServerProcess> {
  const binary = options.binary ?? process.env.REDIS_SERVER ?? 'redis-server';
  assertRedisServerInstalled(binary);
  const dir = mkdtempSync(join(tmpdir(), 'vodmns-redis-'));
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  let port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const args = (): string[] => [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    ...(options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
    '--logfile',
    '',
  ];

  const launch = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const p = spawn(binary, args(), { stdio: ['ignore', 'pipe', 'pipe'] });
      child = p;
      exited = new Promise((r) => p.once('exit', () => r()));
      let out = '';
      const timer = setTimeout(() => {
        p.kill('SIGKILL');
        reject(
          new Error(`redis-server did not accept connections within ${timeoutMs} ms: ${out.slice(-500)}`),
        );
      }, timeoutMs);
      const onData = (chunk: Buffer): void => {
        out += chunk.toString();
        if (/Ready to accept connections/.test(out)) {
          clearTimeout(timer);
          p.stdout?.off('data', onData);
          p.stdout?.resume();
          p.stderr?.resume();
          resolve();
        }
      };
      p.stdout?.on('data', onData);
      p.stderr?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      p.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`redis-server exited during start (code ${code}, signal ${signal}): ${out.slice(-500)}`),
        );
      });
    });

  const start = async (): Promise<void> => {
    // the port can take a moment to be bindable again after a kill
    for (let attempt = 1; ; attempt++) {
      try {
        await launch();
        return;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  const kill = async (hard = false): Promise<void> => {
    const p = child;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    p.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };

  try {
    await launch();
  } catch (error) {
    // another process took the port between freePort() and the bind: once more on a fresh port
    port = await freePort();
    try {
      await launch();
    } catch {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  const stop = async (): Promise<void> => {
    await kill(true);
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    get port() {
      return port;
    },
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    kill,
    start,
    restart: async (hard = false) => {
      await kill(hard);
      await start();
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
