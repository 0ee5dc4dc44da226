import { MnsConfigError, MnsErrorCodes } from '@vodmns/core';
import type { openSqlitePersistence } from './sqlite-persistence.js';

/** Code of the error thrown when `dataDir` is given but `better-sqlite3` cannot be loaded. */
export const MNS_LOCAL_SQLITE_MISSING = MnsErrorCodes.localSqliteMissing;

/** What `better-sqlite3` failing to load looks like: not installed, or installed without its native binary. */
function isUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : '';
  if (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND')
    return message.includes('better-sqlite3');
  return /bindings file|better_sqlite3\.node|NODE_MODULE_VERSION/.test(message);
}

/**
 * Loads the SQLite persistence, and with it `better-sqlite3`: an optional peer dependency, loaded only for
 * `dataDir` / `--data-dir`, so an in-memory install compiles no native addon.
 * @throws {@link MnsConfigError} (`ERR_MNS_LOCAL_SQLITE_MISSING`) naming the package to install.
 */
export async function loadSqlitePersistence(): Promise<typeof openSqlitePersistence> {
  try {
    return (await import('./sqlite-persistence.js')).openSqlitePersistence;
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    throw new MnsConfigError({
      code: MNS_LOCAL_SQLITE_MISSING,
      fault: 'client',
      message:
        'dataDir (--data-dir) needs the optional peer dependency better-sqlite3, which is not installed or not ' +
        'built for this Node: npm install better-sqlite3@12 (in-memory mode needs nothing)',
      cause: error,
    });
  }
}
