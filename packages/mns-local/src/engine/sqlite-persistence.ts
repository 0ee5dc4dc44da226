import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Persistence, PersistedMessage, PersistedQueue } from './persistence.js';

interface QueueRow {
  name: string;
  delay_seconds: number;
  maximum_message_size: number;
  message_retention_period: number;
  visibility_timeout: number;
  polling_wait_seconds: number;
  logging_enabled: number;
  create_time: number;
  last_modify_time: number;
}

interface MessageRow {
  id: string;
  body: string;
  body_md5: string;
  priority: number;
  enqueue_time: number;
  expires_at: number;
  seq: number;
  first_dequeue_time: number;
  dequeue_count: number;
  visible_at: number;
  delayed: number;
  receipt_handle: string | null;
}

/** File name of the database inside `dataDir`. */
export const DATABASE_FILE = 'mns-local.sqlite';

/** SQLite `synchronous` level used by {@link openSqlitePersistence}. */
export type SqliteSynchronous = 'normal' | 'full';

/**
 * SQLite persistence (better-sqlite3, synchronous API) in WAL mode. Every change is committed before the
 * call returns, so a response sent afterwards acknowledges a committed change.
 *
 * `synchronous`:
 * - `'normal'` (default): a commit appends to the WAL with `write()`; the data is in the OS page cache when
 *   the call returns. A killed process (SIGKILL, crash, OOM) loses nothing the OS already has, so every
 *   acknowledged change survives a process crash. Only an OS crash or power loss can drop the last commits
 *   (the WAL is fsynced at checkpoints). One commit costs microseconds.
 * - `'full'`: additionally fsyncs the WAL on every commit, so acknowledged changes survive power loss too, at
 *   the cost of one fsync per request (milliseconds on most disks).
 */
export function openSqlitePersistence(
  dataDir: string,
  synchronous: SqliteSynchronous = 'normal',
): Persistence {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma(synchronous === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS queues (
      name TEXT PRIMARY KEY,
      delay_seconds INTEGER NOT NULL,
      maximum_message_size INTEGER NOT NULL,
      message_retention_period INTEGER NOT NULL,
      visibility_timeout INTEGER NOT NULL,
      polling_wait_seconds INTEGER NOT NULL,
      logging_enabled INTEGER NOT NULL,
      create_time INTEGER NOT NULL,
      last_modify_time INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS messages (
      queue TEXT NOT NULL,
      id TEXT NOT NULL,
      body TEXT NOT NULL,
      body_md5 TEXT NOT NULL,
      priority INTEGER NOT NULL,
      enqueue_time INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      first_dequeue_time INTEGER NOT NULL,
      dequeue_count INTEGER NOT NULL,
      visible_at INTEGER NOT NULL,
      delayed INTEGER NOT NULL,
      receipt_handle TEXT,
      PRIMARY KEY (queue, id)
    );
  `);
  const upsertQueue = db.prepare(
    `INSERT INTO queues VALUES (@name, @delay_seconds, @maximum_message_size, @message_retention_period,
       @visibility_timeout, @polling_wait_seconds, @logging_enabled, @create_time, @last_modify_time)
     ON CONFLICT(name) DO UPDATE SET delay_seconds = excluded.delay_seconds,
       maximum_message_size = excluded.maximum_message_size,
       message_retention_period = excluded.message_retention_period,
       visibility_timeout = excluded.visibility_timeout, polling_wait_seconds = excluded.polling_wait_seconds,
       logging_enabled = excluded.logging_enabled, create_time = excluded.create_time,
       last_modify_time = excluded.last_modify_time`,
  );
  const deleteQueueRow = db.prepare('DELETE FROM queues WHERE name = ?');
  const deleteQueueMessages = db.prepare('DELETE FROM messages WHERE queue = ?');
  const insertMessage = db.prepare(
    `INSERT INTO messages VALUES (@queue, @id, @body, @body_md5, @priority, @enqueue_time, @expires_at, @seq,
       @first_dequeue_time, @dequeue_count, @visible_at, @delayed, @receipt_handle)`,
  );
  const updateMessage = db.prepare(
    `UPDATE messages SET first_dequeue_time = @first_dequeue_time, dequeue_count = @dequeue_count,
       visible_at = @visible_at, delayed = @delayed, receipt_handle = @receipt_handle
     WHERE queue = @queue AND id = @id`,
  );
  const deleteMessage = db.prepare('DELETE FROM messages WHERE queue = ? AND id = ?');
  const selectQueues = db.prepare<[], QueueRow>('SELECT * FROM queues ORDER BY name');
  const selectMessages = db.prepare<[string], MessageRow>(
    'SELECT * FROM messages WHERE queue = ? ORDER BY seq',
  );

  const messageParams = (queue: string, m: PersistedMessage) => ({
    queue,
    id: m.id,
    body: m.body,
    body_md5: m.bodyMd5,
    priority: m.priority,
    enqueue_time: m.enqueueTime,
    expires_at: m.expiresAt,
    seq: m.seq,
    first_dequeue_time: m.firstDequeueTime,
    dequeue_count: m.dequeueCount,
    visible_at: m.visibleAt,
    delayed: m.delayed ? 1 : 0,
    receipt_handle: m.receiptHandle ?? null,
  });
  const insertMany = db.transaction((queue: string, list: readonly PersistedMessage[]) => {
    for (const m of list) insertMessage.run(messageParams(queue, m));
  });
  const updateMany = db.transaction((queue: string, list: readonly PersistedMessage[]) => {
    for (const m of list) updateMessage.run(messageParams(queue, m));
  });
  const deleteMany = db.transaction((queue: string, ids: readonly string[]) => {
    for (const id of ids) deleteMessage.run(queue, id);
  });
  const dropQueue = db.transaction((name: string) => {
    deleteQueueMessages.run(name);
    deleteQueueRow.run(name);
  });

  return {
    loadQueues: () =>
      selectQueues.all().map(
        (r): PersistedQueue => ({
          name: r.name,
          attributes: {
            delaySeconds: r.delay_seconds,
            maximumMessageSize: r.maximum_message_size,
            messageRetentionPeriod: r.message_retention_period,
            visibilityTimeout: r.visibility_timeout,
            pollingWaitSeconds: r.polling_wait_seconds,
            loggingEnabled: r.logging_enabled === 1,
          },
          createTime: r.create_time,
          lastModifyTime: r.last_modify_time,
        }),
      ),
    loadMessages: (queue) =>
      selectMessages.all(queue).map(
        (r): PersistedMessage => ({
          id: r.id,
          body: r.body,
          bodyMd5: r.body_md5,
          priority: r.priority,
          enqueueTime: r.enqueue_time,
          expiresAt: r.expires_at,
          seq: r.seq,
          firstDequeueTime: r.first_dequeue_time,
          dequeueCount: r.dequeue_count,
          visibleAt: r.visible_at,
          delayed: r.delayed === 1,
          receiptHandle: r.receipt_handle ?? undefined,
        }),
      ),
    saveQueue: (q) =>
      upsertQueue.run({
        name: q.name,
        delay_seconds: q.attributes.delaySeconds,
        maximum_message_size: q.attributes.maximumMessageSize,
        message_retention_period: q.attributes.messageRetentionPeriod,
        visibility_timeout: q.attributes.visibilityTimeout,
        polling_wait_seconds: q.attributes.pollingWaitSeconds,
        logging_enabled: q.attributes.loggingEnabled ? 1 : 0,
        create_time: q.createTime,
        last_modify_time: q.lastModifyTime,
      }),
    deleteQueue: (name) => dropQueue(name),
    insertMessages: (queue, list) => {
      if (list.length > 0) insertMany(queue, list);
    },
    updateMessages: (queue, list) => {
      if (list.length > 0) updateMany(queue, list);
    },
    deleteMessages: (queue, ids) => {
      if (ids.length > 0) deleteMany(queue, ids);
    },
    purgeQueue: (queue) => {
      deleteQueueMessages.run(queue);
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
