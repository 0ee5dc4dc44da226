import { MnsErrorCodes } from '@vodmns/core';
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File name of the lock inside `dataDir`; it holds the PID of the server using the directory. */
export const DATA_DIR_LOCK_FILE = 'mns-local.lock';

/** Stable code of {@link DataDirLockedError}. */
export const DATA_DIR_LOCKED = MnsErrorCodes.localDataDirLocked;

/**
 * Another running mns-local (this process or another one) uses the data directory. Two servers on one
 * database would each keep their own in-memory state: a message could be delivered by both, and a delete on
 * one would not reach the other.
 */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  readonly code = DATA_DIR_LOCKED;
  constructor(
    /** The directory asked for. */
    readonly dataDir: string,
    /** PID recorded in the lock file. */
    readonly pid: number,
    /** The lock file. */
    readonly lockFile: string,
  ) {
    super(
      `data dir ${dataDir} is in use by another mns-local (pid ${pid}${pid === process.pid ? ', this process' : ''}; ` +
        `lock file ${lockFile}). Stop that server first or use another data dir; if no such process runs, ` +
        'delete the lock file.',
    );
  }
}

/** A held lock; `release()` removes it (idempotent). */
export interface DataDirLock {
  release(): void;
}

// Directories this process holds: a lock file with our own PID that is not in here was left by an earlier
// process that had the same PID (a container restarted after a crash runs as PID 1 again), so it is stale.
const heldHere = new Set<string>();

/**
 * Takes the data directory for this process: creates `dataDir/mns-local.lock` holding this PID, atomically and
 * exclusively (the PID is written to a private file that is then hard-linked to the lock name, which fails if
 * it exists — so nobody ever sees a lock file without its PID). A lock file whose PID no longer runs (the
 * server was killed) is stale and is taken over.
 *
 * @throws DataDirLockedError when a live server holds it.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const key = realpathSync(dataDir);
  const lockFile = join(dataDir, DATA_DIR_LOCK_FILE);
  for (let attempt = 1; ; attempt++) {
    const draft = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, `${process.pid}\n`, { mode: 0o644 });
    try {
      linkSync(draft, lockFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = holderPid(lockFile);
      const live = pid !== undefined && (pid === process.pid ? heldHere.has(key) : isRunning(pid));
      // A second EEXIST right after removing a stale lock means another process just took it.
      if (live || attempt > 1) throw new DataDirLockedError(dataDir, pid ?? 0, lockFile);
      removeIfPresent(lockFile);
      continue;
    } finally {
      removeIfPresent(draft);
    }
    heldHere.add(key);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        heldHere.delete(key);
        // Only our own lock: a stale-lock takeover by someone else must not be undone.
        if (holderPid(lockFile) === process.pid) removeIfPresent(lockFile);
      },
    };
  }
}

/** The PID in a lock file; `undefined` if it cannot be read (gone, empty, garbage: treated as stale). */
function holderPid(lockFile: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(lockFile, 'utf8');
  } catch {
    return undefined;
  }
  const pid = /^\s*(\d{1,10})\s*$/.exec(text)?.[1];
  return pid === undefined ? undefined : Number(pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
