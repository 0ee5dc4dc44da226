import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SecretScanner } from './secret-scanner.js';

/** Directory of the worker scripts (plain `.mjs`, run by `node` against the built packages). */
export const WORKERS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'workers');

/** Absolute path of a workspace package's built file, e.g. `builtFile('@vodmns/mns-local', 'dist/bin.js')`. */
export function builtFile(pkg: string, relative: string): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`${pkg}/package.json`)), relative);
}

/** How a child ended. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A spawned child with its label and exit promise. */
export interface ManagedChild {
  readonly label: string;
  readonly process: ChildProcess;
  readonly exited: Promise<ChildExit>;
  /** True until the child exits. */
  readonly alive: () => boolean;
}

/**
 * Spawns node child processes for the chaos suites, tees their stdout/stderr into the {@link SecretScanner},
 * and kills every one still alive in {@link killAll} (call it in `afterAll`/`finally`). Only ever signals
 * processes it spawned itself, by pid.
 */
export class ChildProcessPool {
  readonly #children = new Set<ManagedChild>();
  /** Children that were SIGKILLed on purpose. */
  kills = 0;

  constructor(private readonly scanner: SecretScanner) {}

  /** Spawns `node <script> ...args` with an IPC channel. */
  spawnNode(
    label: string,
    script: string,
    args: readonly string[],
    env: Record<string, string> = {},
  ): ManagedChild {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
    });
    this.scanner.captureStream(`${label} stdout`, child.stdout);
    this.scanner.captureStream(`${label} stderr`, child.stderr);
    let isAlive = true;
    const exited = new Promise<ChildExit>((resolve) => {
      child.once('exit', (code, signal) => {
        isAlive = false;
        resolve({ code, signal });
      });
      child.once('error', (error) => {
        this.scanner.captureError(`${label} spawn`, error);
        isAlive = false;
        resolve({ code: -1, signal: null });
      });
    });
    const managed: ManagedChild = { label, process: child, exited, alive: () => isAlive };
    this.#children.add(managed);
    void exited.then(() => this.#children.delete(managed));
    return managed;
  }

  /** SIGKILLs one child (if still alive) and waits for it to be gone. */
  async kill(child: ManagedChild): Promise<ChildExit> {
    if (child.alive()) {
      this.kills++;
      child.process.kill('SIGKILL');
    }
    return child.exited;
  }

  /** Children still running. */
  get running(): ManagedChild[] {
    return [...this.#children].filter((c) => c.alive());
  }

  /** SIGKILLs every child still alive and waits for them to exit. */
  async killAll(): Promise<void> {
    const all = [...this.#children];
    for (const c of all) if (c.alive()) c.process.kill('SIGKILL');
    await Promise.all(all.map((c) => c.exited));
  }
}

/** Resolves with the first IPC message from `child` that satisfies `match`, or rejects after `timeoutMs`. */
export function waitForMessage<T>(
  child: ManagedChild,
  match: (message: unknown) => message is T,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown): void => {
      if (!match(m)) return;
      cleanup();
      resolve(m);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      cleanup();
      reject(new Error(`${child.label} exited (code ${code}, signal ${signal}) before the expected message`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${child.label}: no expected message within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.process.off('message', onMessage);
      child.process.off('exit', onExit);
    };
    child.process.on('message', onMessage);
    child.process.once('exit', onExit);
  });
}
