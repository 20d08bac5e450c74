import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import type { FactVersion, HistoryAction } from './records.ts';

/** A server's current state of one fact it touched (table guild_facts). */
export interface HeadRow {
  fact_id: string;
  origin: 'curated' | 'added';
  version: number;
  removed: 0 | 1;
  /** 1: show the current curated text (after restoring version 0), so new curated releases reach it. */
  follows_curated: 0 | 1;
  fact: string;
  created_seq: number;
}

/** One version in a fact's history (table fact_versions). */
export interface VersionRow {
  id: number;
  version: number;
  action: HistoryAction;
  actor_id: string | null;
  actor_name: string | null;
  at: string | null;
  changed_fields: string;
  follows_curated: 0 | 1;
  fact: string;
}

/** A history row to write: a FactVersion with its place and the fact as stored JSON. */
export interface NewVersion extends Omit<FactVersion, 'fact'> {
  guildId: string;
  factId: string;
  followsCurated: boolean;
  fact: string;
}

export interface NewHead {
  guildId: string;
  factId: string;
  origin: 'curated' | 'added';
  version: number;
  removed: boolean;
  followsCurated: boolean;
  fact: string;
  createdSeq: number;
}

const HEAD_COLUMNS = 'fact_id, origin, version, removed, follows_curated, fact, created_seq';
const VERSION_COLUMNS = 'id, version, action, actor_id, actor_name, at, changed_fields, follows_curated, fact';

/** The prepared statements behind FactStore; no logic beyond SQL. */
export class FactRows {
  private readonly headsStmt: Statement<[string], HeadRow>;
  private readonly headSummariesStmt: Statement<[string], Omit<HeadRow, 'fact'>>;
  private readonly headStmt: Statement<[string, string], HeadRow>;
  private readonly versionsStmt: Statement<[string, string], VersionRow>;
  private readonly versionStmt: Statement<[string, string, number], VersionRow>;
  private readonly countStmt: Statement<[string], number>;
  private readonly heldStmt: Statement<[string], number>;
  private readonly insertVersionStmt: Statement<unknown[]>;
  private readonly upsertHeadStmt: Statement<unknown[]>;

  constructor(db: Db) {
    this.headsStmt = db.prepare(`SELECT ${HEAD_COLUMNS} FROM guild_facts WHERE guild_id = ? ORDER BY created_seq`);
    this.headSummariesStmt = db.prepare(
      `SELECT ${HEAD_COLUMNS.replace(', fact,', ',')} FROM guild_facts WHERE guild_id = ? ORDER BY created_seq`,
    );
    this.headStmt = db.prepare(`SELECT ${HEAD_COLUMNS} FROM guild_facts WHERE guild_id = ? AND fact_id = ?`);
    this.versionsStmt = db.prepare(
      `SELECT ${VERSION_COLUMNS} FROM fact_versions WHERE guild_id = ? AND fact_id = ? ORDER BY version`,
    );
    this.versionStmt = db.prepare(
      `SELECT ${VERSION_COLUMNS} FROM fact_versions WHERE guild_id = ? AND fact_id = ? AND version = ?`,
    );
    this.countStmt = db.prepare<[string], number>('SELECT count(*) FROM fact_versions WHERE guild_id = ?').pluck();
    this.heldStmt = db.prepare<[string], number>('SELECT count(*) FROM guild_facts WHERE guild_id = ? AND removed = 0').pluck();
    this.insertVersionStmt = db.prepare(
      `INSERT INTO fact_versions (guild_id, fact_id, version, action, actor_id, actor_name, at, changed_fields, follows_curated, fact)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.upsertHeadStmt = db.prepare(
      `INSERT INTO guild_facts (guild_id, fact_id, origin, version, removed, follows_curated, fact, created_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, fact_id) DO UPDATE SET
         version = excluded.version, removed = excluded.removed,
         follows_curated = excluded.follows_curated, fact = excluded.fact`,
    );
  }

  /** Every fact the server touched, in the order it first touched them. */
  heads(guildId: string): HeadRow[] {
    return this.headsStmt.all(guildId);
  }

  /** The same without each fact's text: a server's search reads only the texts that changed. */
  headSummaries(guildId: string): Array<Omit<HeadRow, 'fact'>> {
    return this.headSummariesStmt.all(guildId);
  }

  head(guildId: string, factId: string): HeadRow | undefined {
    return this.headStmt.get(guildId, factId);
  }

  versions(guildId: string, factId: string): VersionRow[] {
    return this.versionsStmt.all(guildId, factId);
  }

  version(guildId: string, factId: string, version: number): VersionRow | undefined {
    return this.versionStmt.get(guildId, factId, version);
  }

  /** How many versions the server has written: grows with every change, 0 for a server that changed nothing. */
  countVersions(guildId: string): number {
    return this.countStmt.get(guildId) ?? 0;
  }

  /** Facts the server holds of its own: added or edited, and not removed (what CAPS.serverFacts counts). */
  countHeld(guildId: string): number {
    return this.heldStmt.get(guildId) ?? 0;
  }

  /** Returns the new row's id (increasing across the whole database). */
  insertVersion(row: NewVersion): number {
    const result = this.insertVersionStmt.run(
      row.guildId,
      row.factId,
      row.version,
      row.action,
      row.actorId,
      row.actorName,
      row.at,
      JSON.stringify(row.changedFields),
      row.followsCurated ? 1 : 0,
      row.fact,
    );
    return Number(result.lastInsertRowid);
  }

  /** Insert the head, or move an existing one to the new version (keeping where it was created). */
  upsertHead(row: NewHead): void {
    this.upsertHeadStmt.run(
      row.guildId,
      row.factId,
      row.origin,
      row.version,
      row.removed ? 1 : 0,
      row.followsCurated ? 1 : 0,
      row.fact,
      row.createdSeq,
    );
  }
}
