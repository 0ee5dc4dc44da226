import { builtFile, type ChildProcessPool, type ManagedChild } from './child-process-pool.js';

/** Options of {@link DurableServerProcess}. */
export interface DurableServerOptions {
  readonly pool: ChildProcessPool;
  /** SQLite directory, kept across restarts. */
  readonly dataDir: string;
  readonly accessKeyId: string;
  /** Passed in the environment (`MNS_LOCAL_ACCESS_KEY_SECRET`), never on the command line. */
  readonly accessKeySecret: string;
}

/**
 * The `mns-local` bin (built) as a child process in durable mode (`--data-dir`), on 127.0.0.1. Started on a free
 * port the first time, restarted on the same port and data directory after every SIGKILL.
 */
export class DurableServerProcess {
  #port = 0;
  #child: ManagedChild | undefined;
  /** Successful starts (the first one included). */
  starts = 0;
  /** Time the server was down between a kill and the restarted server listening, ms, summed. */
  downtimeMs = 0;

  constructor(private readonly options: DurableServerOptions) {}

  get port(): number {
    return this.#port;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Starts the server and resolves once it prints its endpoint. */
  async start(): Promise<void> {
    const o = this.options;
    const bin = builtFile('@vodmns/mns-local', 'dist/bin.js');
    const child = o.pool.spawnNode(
      `mns-local#${this.starts}`,
      bin,
      [
        '--host',
        '127.0.0.1',
        '--port',
        String(this.#port),
        '--data-dir',
        o.dataDir,
        '--access-key-id',
        o.accessKeyId,
        '--access-log',
      ],
      { MNS_LOCAL_ACCESS_KEY_SECRET: o.accessKeySecret },
    );
    this.#child = child;
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        () => reject(new Error(`mns-local did not start within 30 s; stdout: ${out}`)),
        30_000,
      );
      child.process.stdout?.on('data', (chunk: Buffer | string) => {
        out += chunk.toString();
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      void child.exited.then((e) => {
        clearTimeout(timer);
        reject(new Error(`mns-local exited during start (code ${e.code}, signal ${e.signal})`));
      });
    });
    this.#port = port;
    this.starts++;
  }

  /** SIGKILLs the server, restarts it on the same port and data directory, and waits until it listens. */
  async crashAndRestart(): Promise<void> {
    const child = this.#child;
    if (child === undefined) throw new Error('not started');
    const t0 = performance.now();
    await this.options.pool.kill(child);
    // the port can take a moment to be bindable again: retry the start briefly
    for (let attempt = 1; ; attempt++) {
      try {
        await this.start();
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    this.downtimeMs += performance.now() - t0;
  }

  /** Stops the server (SIGKILL; the data directory stays). */
  async stop(): Promise<void> {
    if (this.#child !== undefined) await this.options.pool.kill(this.#child);
  }
}
