import type { Statement } from 'better-sqlite3';
import { foldText } from '../search/normalise.ts';
import type { Db } from './database.ts';

/** A question the bot could not answer, as moderators see it in the gaps list. */
export interface Gap {
  /** The latest wording someone used (at most EXAMPLE_LENGTH characters). */
  question: string;
  count: number;
  lastAskedAt: string;
}

export const EXAMPLE_LENGTH = 200;
/** Distinct unanswered questions kept per server; members cannot grow the table without bound. */
export const MAX_GAPS_PER_GUILD = 500;
/** Longer questions are still counted; their key is cut to this length. */
const KEY_LENGTH = 300;

/** The same question however it is typed: lowercase, accents folded, no punctuation, single spaces. */
export function normalizeQuestion(question: string): string {
  return foldText(question).replace(/\s+/g, ' ').slice(0, KEY_LENGTH).trim();
}

/** Whitespace collapsed and cut to `max` UTF-16 units without splitting a surrogate pair. */
export function shortExample(question: string, max = EXAMPLE_LENGTH): string {
  const text = question.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

interface GapRow {
  question: string;
  count: number;
  lastAskedAt: string;
}

/** Unanswered questions per server, counted by their normalised text. */
export class GapLog {
  private readonly upsert: Statement<[string, string, string, string]>;
  private readonly prune: Statement<[string, string, number]>;
  private readonly top: Statement<[string, number], GapRow>;

  constructor(db: Db) {
    this.upsert = db.prepare(
      `INSERT INTO gaps (guild_id, normalized, example, count, last_asked_at) VALUES (?, ?, ?, 1, ?)
       ON CONFLICT (guild_id, normalized) DO UPDATE SET
         count = count + 1, example = excluded.example, last_asked_at = excluded.last_asked_at`,
    );
    // Keep each server's list bounded: the least asked, oldest questions go first.
    this.prune = db.prepare(
      `DELETE FROM gaps WHERE guild_id = ? AND normalized IN (
         SELECT normalized FROM gaps WHERE guild_id = ? ORDER BY count DESC, last_asked_at DESC LIMIT -1 OFFSET ?)`,
    );
    this.top = db.prepare(
      `SELECT example AS question, count, last_asked_at AS lastAskedAt FROM gaps
       WHERE guild_id = ? ORDER BY count DESC, last_asked_at DESC, normalized LIMIT ?`,
    );
  }

  /** Returns false (and records nothing) when nothing is left after normalising, e.g. "?!". */
  record(guildId: string, question: string, at: Date): boolean {
    const key = normalizeQuestion(question);
    if (key === '') return false;
    this.upsert.run(guildId, key, shortExample(question), at.toISOString());
    this.prune.run(guildId, guildId, MAX_GAPS_PER_GUILD);
    return true;
  }

  /** Most asked first; ties go to the most recently asked. */
  list(guildId: string, limit: number): Gap[] {
    return this.top.all(guildId, checkLimit(limit));
  }
}

export function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number of 1 or more, got ${limit}`);
  return limit;
}
