import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DataError, UserError } from '../errors.ts';
import { BUSY_TIMEOUT_MS, integrityProblem } from './database.ts';

/** What a finished backup holds, for the summary the CLI prints. */
export interface BackupSummary {
  path: string;
  bytes: number;
  /** The newest migration the copy has. */
  schemaVersion: number;
  /** Servers with facts of their own (edited, added or removed) and how many such facts. */
  servers: number;
  facts: number;
}

/** A page count above any database's: the copy is made in one step, so it is one consistent snapshot. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copy the database at `source` to the new file `target` with SQLite's online backup, while a bot
 * may be using it: the copy is one consistent snapshot (writes keep going meanwhile; WAL readers do
 * not block the writer). It is written under a temporary name, checked (PRAGMA quick_check), made a
 * single self-contained file (journal_mode DELETE), and only then renamed to `target`, which must
 * not exist: a failed or interrupted backup leaves no half-written file under the name asked for.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupSummary> {
  checkTarget(source, target);
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    throw new DataError(`${source}: cannot be opened to back it up (${(error as Error).message}).`);
  }
  const partial = `${target}.partial-${process.pid}`;
  try {
    try {
      await db.backup(partial, { progress: () => ALL_PAGES });
    } catch (error) {
      // SQLite's own words say it best here: "database or disk is full", "unable to open database file".
      throw new UserError(`Could not write the backup to ${target}: ${(error as Error).message}. Nothing was written there.`);
    }
    const summary = checkCopy(partial, target);
    if (existsSync(target)) throw new UserError(`--out ${target} appeared while the backup was made; it was left alone. Name a new file.`);
    renameSync(partial, target);
    return summary;
  } finally {
    db.close();
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(leftover, { force: true });
  }
}

/** Refuse a target that exists, sits in a missing folder, or is the live database or one of its files. */
function checkTarget(source: string, target: string): void {
  const live = resolve(source);
  if ([live, `${live}-wal`, `${live}-shm`, `${live}-journal`].includes(resolve(target))) {
    throw new UserError(`--out ${target} is the bot's own database; name a new file, e.g. --out factbot-backup.db`);
  }
  if (existsSync(target)) throw new UserError(`--out ${target} already exists; name a new file (a backup never overwrites one).`);
  const folder = dirname(resolve(target));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UserError(`--out ${target}: the folder ${folder} does not exist; create it first.`);
}

/** Open the copy, make it one self-contained file, check every page, and count what it holds. */
function checkCopy(partial: string, target: string): BackupSummary {
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
    const problem = integrityProblem(copy);
    if (problem !== undefined) throw new UserError(`The backup did not read back intact (${problem}); nothing was written to ${target}. Check the disk, then try again.`);
    const schemaVersion = copy.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null;
    const held = copy.prepare('SELECT count(DISTINCT guild_id) AS servers, count(*) AS facts FROM guild_facts').get() as { servers: number; facts: number };
    return { path: target, bytes: statSync(partial).size, schemaVersion: schemaVersion ?? 0, ...held };
  } finally {
    copy.close();
  }
}
