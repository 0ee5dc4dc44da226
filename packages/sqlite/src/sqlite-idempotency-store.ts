import { randomBytes } from 'node:crypto';
import { MnsConfigError, MnsErrorCodes, MnsServiceError } from '@vodmns/core';
import type { IdempotencyClaim, IdempotencyStore } from '@vodmns/rx';
import Database from 'better-sqlite3';

/** Options of {@link SqliteIdempotencyStore}. */
export interface SqliteIdempotencyStoreOptions {
  /**
   * The database file, shared by every consumer process of this machine (created when missing). Give either
   * `path` or `database`.
   */
  readonly path?: string;
  /** An open better-sqlite3 database to use instead of `path` (the store sets WAL and the busy timeout on it). */
  readonly database?: Database.Database;
  /** Table of the keys (created when missing). Letters, digits and `_`, 1–64. @defaultValue 'vodmns_idempotency' */
  readonly tableName?: string;
  /**
   * How long a call waits for another process's write lock before it rejects (a retryable-looking
   * `SQLITE_BUSY` error: the consumer's `failOpen` decides). Calls block this process's event loop meanwhile:
   * better-sqlite3 is synchronous. 0–60000. @defaultValue 5000
   */
  readonly busyTimeoutMs?: number;
  /**
   * How long a handled (committed) key is remembered, ms, overriding what the consumer asks for
   * (`idempotency.ttlMs`). 1 s – 30 days. @defaultValue the consumer's `idempotency.ttlMs`
   */
  readonly ttlMs?: number;
  /** Time source, ms since the epoch: every process sharing the file must agree on it. @defaultValue Date.now */
  readonly now?: () => number;
}

/** Counters of a {@link SqliteIdempotencyStore}. */
export interface SqliteIdempotencyStoreStats {
  /** Transactions run (each claimMany is one, whatever the batch size). */
  readonly transactions: number;
  /** Commits refused because the key was reserved by another owner (this holder's reservation had expired). */
  readonly commitsRefused: number;
  /** Calls that failed (busy, I/O). */
  readonly failures: number;
  /** Expired rows deleted by the sweeps. */
  readonly swept: number;
}

interface Row {
  readonly token: string | null;
  readonly expires_at: number;
}

/** Every this many writes, expired rows are swept (at most SWEEP_LIMIT at a time). */
const SWEEP_EVERY = 512;
const SWEEP_LIMIT = 2048;
const MAX_KEY_LENGTH = 1024;

function invalid(field: string, value: unknown, expected: string): MnsConfigError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new MnsConfigError({
    code: MnsErrorCodes.invalidArgument,
    fault: 'client',
    message: `${field} must be ${expected}, got ${shown}`,
  });
}

function intOption(field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, value, `an integer in ${min}–${max}`);
  }
  return value;
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw invalid(
      'key',
      typeof key === 'string' ? `${key.slice(0, 40)}…` : key,
      `a string of 1–${MAX_KEY_LENGTH} characters`,
    );
  }
  return key;
}

/**
 * A shared {@link IdempotencyStore} in one SQLite file (better-sqlite3, WAL journal, busy timeout), for several
 * consumer processes on one machine. A claim of a whole received batch is one `BEGIN IMMEDIATE` transaction;
 * commit is a compare-and-set (refused when the key is reserved by another holder) and release a
 * compare-and-delete, both on the reservation's token. Not for consumers on several machines: SQLite's locking
 * is not safe on network file systems — use `@vodmns/redis` there.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  readonly #db: Database.Database;
  readonly #ownsDb: boolean;
  readonly #now: () => number;
  readonly #ttlMs: number | undefined;
  readonly #owner = `r:${randomBytes(9).toString('base64url')}:`;
  #nextToken = 0;
  readonly #tokens = new Map<string, string>();
  readonly #get: Database.Statement<[string], Row>;
  readonly #has: Database.Statement<[string, number], { one: number }>;
  readonly #upsert: Database.Statement<[string, string | null, number]>;
  readonly #release: Database.Statement<[string, string]>;
  readonly #sweep: Database.Statement<[number]>;
  readonly #claimTx: (
    claims: readonly (readonly string[])[],
    token: string,
    ttlMs: number,
  ) => IdempotencyClaim[];
  readonly #commitTx: (key: string, token: string, ttlMs: number) => boolean;
  #writes = 0;
  #transactions = 0;
  #commitsRefused = 0;
  #failures = 0;
  #swept = 0;

  constructor(options: SqliteIdempotencyStoreOptions) {
    if (options === null || typeof options !== 'object') throw invalid('options', options, 'an object');
    const table = options.tableName ?? 'vodmns_idempotency';
    if (typeof table !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(table)) {
      throw invalid('tableName', table, 'letters, digits and _ (1–64, not starting with a digit)');
    }
    const busyTimeoutMs = intOption('busyTimeoutMs', options.busyTimeoutMs, 5000, 0, 60_000);
    this.#ttlMs =
      options.ttlMs === undefined ? undefined : intOption('ttlMs', options.ttlMs, 0, 1000, 30 * 86_400_000);
    this.#now = options.now ?? Date.now;
    if (options.database !== undefined) {
      if (typeof options.database?.prepare !== 'function') {
        throw invalid('database', options.database, 'an open better-sqlite3 Database');
      }
      this.#db = options.database;
      this.#ownsDb = false;
    } else {
      if (typeof options.path !== 'string' || options.path.length === 0) {
        throw invalid('path', options.path, 'a database file path (or pass database)');
      }
      this.#db = new Database(options.path, { timeout: busyTimeoutMs });
      this.#ownsDb = true;
    }
    const db = this.#db;
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit survives a crash of the process (not of the machine's power) without an fsync each
    db.pragma('synchronous = NORMAL');
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, token TEXT, expires_at INTEGER NOT NULL) WITHOUT ROWID;
       CREATE INDEX IF NOT EXISTS ${table}_expires_at ON ${table} (expires_at);`,
    );
    this.#get = db.prepare(`SELECT token, expires_at FROM ${table} WHERE key = ?`);
    this.#has = db.prepare(
      `SELECT 1 AS one FROM ${table} WHERE key = ? AND token IS NULL AND expires_at > ?`,
    );
    this.#upsert = db.prepare(
      `INSERT INTO ${table} (key, token, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at`,
    );
    this.#release = db.prepare(`DELETE FROM ${table} WHERE key = ? AND token = ?`);
    this.#sweep = db.prepare(
      `DELETE FROM ${table} WHERE key IN (SELECT key FROM ${table} WHERE expires_at <= ? LIMIT ${SWEEP_LIMIT})`,
    );
    const claim = db.transaction((claims: readonly (readonly string[])[], token: string, ttlMs: number) => {
      const now = this.#now();
      return claims.map((keys): IdempotencyClaim => {
        let busy: string | undefined;
        for (const key of keys) {
          const row = this.#get.get(key);
          if (row === undefined || row.expires_at <= now) continue;
          if (row.token === null) return { status: 'committed', key };
          busy ??= key;
        }
        if (busy !== undefined) return { status: 'busy', key: busy };
        for (const key of keys) this.#upsert.run(key, token, now + ttlMs);
        return { status: 'reserved' };
      });
    });
    this.#claimTx = (claims, token, ttlMs) => claim.immediate(claims, token, ttlMs);
    const commit = db.transaction((key: string, token: string, ttlMs: number) => {
      const now = this.#now();
      const row = this.#get.get(key);
      const free = row === undefined || row.expires_at <= now || row.token === null || row.token === token;
      if (free) this.#upsert.run(key, null, now + ttlMs);
      return free;
    });
    this.#commitTx = (key, token, ttlMs) => commit.immediate(key, token, ttlMs);
  }

  get stats(): SqliteIdempotencyStoreStats {
    return {
      transactions: this.#transactions,
      commitsRefused: this.#commitsRefused,
      failures: this.#failures,
      swept: this.#swept,
    };
  }

  async has(key: string): Promise<boolean> {
    checkKey(key);
    return this.#run('has', () => this.#has.get(key, this.#now()) !== undefined);
  }

  async reserve(key: string, ttlMs: number): Promise<boolean> {
    const [answer] = await this.claimMany([[key]], ttlMs);
    return answer?.status === 'reserved';
  }

  async claimMany(
    claims: readonly (readonly string[])[],
    ttlMs: number,
  ): Promise<readonly IdempotencyClaim[]> {
    const ttl = intOption('ttlMs', ttlMs, 0, 1, 2 ** 31);
    for (const claim of claims) {
      if (!Array.isArray(claim) || claim.length === 0)
        throw invalid('claim', claim, 'a non-empty array of keys');
      for (const key of claim) checkKey(key);
    }
    if (claims.length === 0) return [];
    const token = `${this.#owner}${(this.#nextToken++).toString(36)}`;
    const answers = this.#run('claim', () => this.#claimTx(claims, token, ttl));
    claims.forEach((claim, i) => {
      if (answers[i]?.status === 'reserved') for (const key of claim) this.#tokens.set(key, token);
    });
    this.#wrote();
    return answers;
  }

  async commit(key: string, ttlMs: number): Promise<void> {
    checkKey(key);
    const ttl = this.#ttlMs ?? intOption('ttlMs', ttlMs, 0, 1, 2 ** 31);
    const token = this.#tokens.get(key) ?? '';
    const ok = this.#run('commit', () => this.#commitTx(key, token, ttl));
    this.#tokens.delete(key);
    if (!ok) this.#commitsRefused += 1;
    this.#wrote();
  }

  async release(key: string): Promise<void> {
    checkKey(key);
    const token = this.#tokens.get(key);
    if (token === undefined) return;
    this.#run('release', () => this.#release.run(key, token));
    this.#tokens.delete(key);
  }

  /** Closes the database when the store opened it (from `path`). */
  close(): void {
    if (this.#ownsDb && this.#db.open) this.#db.close();
  }

  #wrote(): void {
    this.#writes += 1;
    if (this.#writes % SWEEP_EVERY !== 0) return;
    try {
      this.#swept += this.#sweep.run(this.#now()).changes;
    } catch {
      // a busy sweep is skipped: the next one takes it
    }
  }

  #run<R>(operation: string, fn: () => R): R {
    this.#transactions += 1;
    try {
      return fn();
    } catch (error) {
      this.#failures += 1;
      const code = (error as { code?: unknown }).code;
      throw new MnsServiceError({
        code: typeof code === 'string' ? code : 'SQLITE_ERROR',
        fault: 'server',
        message: `SQLite ${operation} failed: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`,
        operation: `sqlite ${operation}`,
        cause: error,
      });
    }
  }
}
