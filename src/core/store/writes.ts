import Database from 'better-sqlite3';
import { StorageError } from '../errors.ts';
import type { Db } from './database.ts';

/** How long the latest write's outcome answers /healthz before the check commits a write of its own. */
export const WRITE_CHECK_INTERVAL_MS = 30_000;

/** What a member is told when the disk refuses a save, by SQLite's primary result code. */
const REFUSED: ReadonlyMap<string, string> = new Map([
  ['SQLITE_FULL', 'Could not save: the disk is full. Nothing was changed; ask whoever hosts the bot to free some space, then try again.'],
  ['SQLITE_READONLY', 'Could not save: the database is read-only. Nothing was changed; ask whoever hosts the bot to make its data folder writable, then try again.'],
  ['SQLITE_IOERR', 'Could not save: the disk failed while writing. Nothing was changed; ask whoever hosts the bot to check the disk, then try again.'],
  ['SQLITE_CORRUPT', 'Could not save: the database file is damaged. Nothing was changed; ask whoever hosts the bot to restore it from a backup.'],
  ['SQLITE_NOTADB', 'Could not save: the database file is damaged. Nothing was changed; ask whoever hosts the bot to restore it from a backup.'],
]);

interface WriteOutcome {
  ok: boolean;
  /** Date.now() when it happened. */
  at: number;
}

/** The latest write's outcome per connection: every store writing through one connection shares it. */
const latest = new WeakMap<Db, WriteOutcome>();

/**
 * Run a write (a transaction, or a single statement) and note how it went for /healthz. A write the
 * disk refuses (full, read-only, failing, damaged) becomes a StorageError saying so in plain words;
 * SQLite has rolled it back, so nothing was changed. Any other error is passed on as it is.
 */
export function guardWrite<T>(db: Db, write: () => T): T {
  let result: T;
  try {
    result = write();
  } catch (error) {
    const refused = asStorageError(error);
    if (!refused) throw error;
    latest.set(db, { ok: false, at: Date.now() });
    throw refused;
  }
  latest.set(db, { ok: true, at: Date.now() });
  return result;
}

/** The plain-words StorageError for a refused write, or undefined for any other error. */
function asStorageError(error: unknown): StorageError | undefined {
  if (error instanceof StorageError) return error;
  if (!(error instanceof Database.SqliteError)) return undefined;
  // Extended codes name the primary one first: SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED.
  const primary = /^SQLITE_[A-Z]+/.exec(error.code)?.[0] ?? error.code;
  const message = REFUSED.get(primary);
  return message === undefined ? undefined : new StorageError(message, error.code);
}

/**
 * For /healthz: do writes reach the disk? The latest write's outcome (a member's save or this
 * check's own) answers for WRITE_CHECK_INTERVAL_MS, so a refused save turns it unhealthy at once and
 * a successful one healthy again; once that outcome is older, one row is rewritten and committed to
 * find out. Only a commit needs room on the disk: taking the write lock and letting go (BEGIN
 * IMMEDIATE, ROLLBACK) still passes on a full one. At most one such write per interval, however
 * often /healthz is polled.
 */
export function isWritable(db: Db, now: number = Date.now()): boolean {
  const last = latest.get(db);
  if (last && now - last.at < WRITE_CHECK_INTERVAL_MS) return last.ok;
  try {
    guardWrite(db, () =>
      db
        .prepare('INSERT INTO write_checks (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at')
        .run(new Date(now).toISOString()),
    );
    return true;
  } catch {
    // Whatever stopped it (a full disk, a lock held past the busy timeout), writes do not go through now.
    latest.set(db, { ok: false, at: Date.now() });
    return false;
  }
}
