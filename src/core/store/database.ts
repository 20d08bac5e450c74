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
 * - gaps: questions the bot could not answer, per normalised text; since
 *   migration 4 `count` is the number of members who asked (gap_askers).
 * - votes: one helpful/unhelpful vote per member per fact since migration 3
 *   (per answer shown before).
 * - write_checks: the one row /healthz rewrites to find out whether a write
 *   still reaches the disk (migration 5).
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
  {
    version: 3,
    name: 'one vote per member per fact',
    // A member who voted on several answers of the same fact keeps their latest vote (by time, then
    // by the newest answer: answer ids are Discord snowflakes, which grow with time).
    sql: `
      CREATE TABLE fact_votes (
        guild_id TEXT NOT NULL,
        fact_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        at TEXT,
        PRIMARY KEY (guild_id, fact_id, user_id)
      ) WITHOUT ROWID;
      INSERT INTO fact_votes (guild_id, fact_id, user_id, helpful, at)
        SELECT guild_id, fact_id, user_id, helpful, at FROM (
          SELECT *, row_number() OVER (
            PARTITION BY guild_id, fact_id, user_id
            ORDER BY at IS NULL, at DESC, length(answer_id) DESC, answer_id DESC
          ) AS latest
          FROM votes
        )
        WHERE latest = 1;
      DROP TABLE votes;
      ALTER TABLE fact_votes RENAME TO votes;
    `,
  },
  {
    version: 4,
    name: 'who asked each unanswered question',
    // gaps.count becomes the number of members who asked. Rows from before keep their count of
    // times asked (who asked was not kept); a member asking one of those again adds one.
    sql: `
      CREATE TABLE gap_askers (
        guild_id TEXT NOT NULL,
        normalized TEXT NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (guild_id, normalized, user_id),
        FOREIGN KEY (guild_id, normalized) REFERENCES gaps (guild_id, normalized) ON DELETE CASCADE
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'write check for /healthz',
    sql: `
      CREATE TABLE write_checks (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        at TEXT NOT NULL
      );
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
 * configured, checked intact (PRAGMA quick_check) and migrated: there is no
 * separate set-up step. A damaged file is refused with a DataError that names it
 * and says how to recover, before anything reads or writes it.
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
    const problem = integrityProblem(db);
    if (problem !== undefined) throw new DataError(damagedMessage(path, problem));
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof DataError) throw error;
    if (isDamage(error)) throw new DataError(damagedMessage(path, (error as Error).message));
    throw new DataError(`${path}: cannot be opened as the factbot database (${(error as Error).message}). Check the file is a factbot database and the folder is writable, or move it away to start afresh.`);
  }
}

/** The first problems PRAGMA quick_check finds (it reads every page), or undefined when the file is intact. */
export function integrityProblem(db: Db): string | undefined {
  try {
    const found = db.prepare('PRAGMA quick_check(3)').pluck().all() as string[];
    return found.length === 1 && found[0] === 'ok' ? undefined : found.join('; ').replace(/\s+/g, ' ').slice(0, 300);
  } catch (error) {
    // A page too damaged to read throws instead of being listed.
    if (isDamage(error)) return (error as Error).message;
    throw error;
  }
}

function isDamage(error: unknown): boolean {
  return error instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code);
}

/** One paragraph for the console: which file, what is wrong, and the two ways out. */
export function damagedMessage(path: string, problem: string): string {
  return (
    `${path}: the database file is damaged (${problem}), so the bot will not start on it. ` +
    `To recover, stop the bot and either restore a backup made with "npm run facts -- backup" ` +
    `(copy it over ${path} and delete ${path}-wal and ${path}-shm if they exist), ` +
    `or move the damaged file and its -wal and -shm files aside to start with an empty database ` +
    `(the curated facts stay; the servers' own edits, gaps, votes and quiz scores start afresh).`
  );
}

/** An in-memory database with the same schema, for tools and tests that need no file. */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:');
  configure(db);
  migrate(db);
  return db;
}
