import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DataError } from '../errors.ts';

export type Db = Database.Database;

export const DATABASE_FILE = 'factbot.db';

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 1_000;

export interface Migration {
  /** 1, 2, 3…: applied in this order, each exactly once. */
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, oldest first. Never edit a released migration: append a new one.
 *
 * - fact_versions: every version of every fact a server touched (its history).
 *   Version 0 (action 'curated', no actor) is the curated text the server
 *   started from, written when the server first changes a curated fact.
 * - guild_facts: one row per fact a server touched, pointing at its current
 *   version; curated facts without a row are shown as curated.
 * - gaps: questions the bot could not answer, counted per normalised text.
 * - votes: one helpful/unhelpful vote per member per answer.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'facts, history, gaps and votes',
    sql: `
      CREATE TABLE fact_versions (
        id INTEGER PRIMARY KEY,
        guild_id TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 0),
        action TEXT NOT NULL CHECK (action IN ('curated', 'add', 'edit', 'remove', 'undo-remove', 'restore', 'import')),
        actor_id TEXT,
        actor_name TEXT,
        at TEXT,
        changed_fields TEXT NOT NULL DEFAULT '[]',
        follows_curated INTEGER NOT NULL CHECK (follows_curated IN (0, 1)),
        fact TEXT NOT NULL,
        CHECK ((action = 'curated') = (actor_id IS NULL) AND (action = 'curated') = (at IS NULL)),
        UNIQUE (guild_id, fact_id, version)
      );

      CREATE TABLE guild_facts (
        guild_id TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('curated', 'added')),
        version INTEGER NOT NULL,
        removed INTEGER NOT NULL CHECK (removed IN (0, 1)),
        follows_curated INTEGER NOT NULL CHECK (follows_curated IN (0, 1)),
        fact TEXT NOT NULL,
        created_seq INTEGER NOT NULL,
        PRIMARY KEY (guild_id, fact_id),
        FOREIGN KEY (guild_id, fact_id, version) REFERENCES fact_versions (guild_id, fact_id, version)
      ) WITHOUT ROWID;

      CREATE TABLE gaps (
        guild_id TEXT NOT NULL,
        normalized TEXT NOT NULL,
        example TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count >= 1),
        last_asked_at TEXT NOT NULL,
        PRIMARY KEY (guild_id, normalized)
      ) WITHOUT ROWID;
      CREATE INDEX gaps_by_count ON gaps (guild_id, count DESC, last_asked_at DESC);

      CREATE TABLE votes (
        guild_id TEXT NOT NULL,
        answer_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        at TEXT,
        PRIMARY KEY (guild_id, answer_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX votes_by_fact ON votes (guild_id, fact_id);
    `,
  },
  {
    version: 2,
    name: 'quiz sessions and leaderboard',
    sql: `
      CREATE TABLE quiz_sessions (
        channel_id TEXT PRIMARY KEY,
        guild_id TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE quiz_scores (
        guild_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        points INTEGER NOT NULL CHECK (points >= 0),
        quizzes INTEGER NOT NULL CHECK (quizzes >= 0),
        PRIMARY KEY (guild_id, user_id)
      ) WITHOUT ROWID;
  `,
  },
];

/**
 * Apply the migrations this database has not had yet, each in its own
 * transaction together with its row in schema_migrations. Returns the
 * versions applied now (empty when already up to date).
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const known = new Set(migrations.map((m) => m.version));
  const appliedVersions = () =>
    new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const unknown = [...appliedVersions()].filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new DataError(
      `${db.name}: was migrated by a newer factbot (schema version ${Math.max(...unknown)}; this one knows up to ${Math.max(0, ...known)}). Run the newer version or restore a backup.`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    // IMMEDIATE takes the write lock first, so two processes opening the same
    // file at once cannot both apply a migration: the second sees it applied.
    db.transaction(() => {
      if (appliedVersions().has(migration.version)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      done.push(migration.version);
    }).immediate();
  }
  return done;
}

/** Connection settings: WAL so readers never block the writer, FULL so a committed edit survives a power cut. */
export function configure(db: Db): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/**
 * Open (creating the folder and the file if missing) `${dataDir}/factbot.db`,
 * configured and migrated: there is no separate set-up step.
 */
export function openDatabase(dataDir: string, fileName: string = DATABASE_FILE): Db {
  const path = join(dataDir, fileName);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new DataError(`${dataDir}: cannot create the data folder (${(error as NodeJS.ErrnoException).code ?? 'error'}). Point the data directory at a writable folder.`);
  }
  let db: Db | undefined;
  try {
    db = new Database(path);
    configure(db);
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof DataError) throw error;
    throw new DataError(`${path}: cannot be opened as the factbot database (${(error as Error).message}). Check the file is a factbot database and the folder is writable, or move it away to start afresh.`);
  }
}

/** An in-memory database with the same schema, for tools and tests that need no file. */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:');
  configure(db);
  migrate(db);
  return db;
}

/** True when a write lock can be taken right now (for /healthz); takes it and gives it back at once. */
export function isWritable(db: Db): boolean {
  try {
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare('ROLLBACK').run();
    return true;
  } catch {
    return false;
  }
}
