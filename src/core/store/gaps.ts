import type { Statement } from 'better-sqlite3';
import { foldText } from '../search/normalise.ts';
import type { Db } from './database.ts';
import { guardWrite } from './writes.ts';

/** A question the bot could not answer, as moderators see it in the gaps list. */
export interface Gap {
  /** The latest wording someone used (at most EXAMPLE_LENGTH characters). */
  question: string;
  /** How many members asked it: asking the same thing again does not add to it. */
  count: number;
  lastAskedAt: string;
}

export const EXAMPLE_LENGTH = 200;
/** Distinct unanswered questions kept per server; members cannot grow the table without bound. */
export const MAX_GAPS_PER_GUILD = 500;
/** Members remembered per question; its count stops there, which is already enough to list it first. */
export const MAX_ASKERS_PER_GAP = 1_000;
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

/**
 * Unanswered questions per server, by their normalised text, each counted by the members who asked
 * it: one member typing the same thing again adds nothing, so many members' question outranks (and
 * outlives, when the list is full) what one member typed, however often or however many variants.
 */
export class GapLog {
  private readonly find: Statement<[string, string], { count: number }>;
  private readonly insert: Statement<[string, string, string, string]>;
  private readonly addAsker: Statement<[string, string, string]>;
  private readonly update: Statement<[number, string, string, string, string]>;
  private readonly prune: Statement<[string, string, number]>;
  private readonly top: Statement<[string, number], GapRow>;

  constructor(private readonly db: Db) {
    this.find = db.prepare('SELECT count FROM gaps WHERE guild_id = ? AND normalized = ?');
    this.insert = db.prepare('INSERT INTO gaps (guild_id, normalized, example, count, last_asked_at) VALUES (?, ?, ?, 1, ?)');
    this.addAsker = db.prepare('INSERT INTO gap_askers (guild_id, normalized, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.update = db.prepare('UPDATE gaps SET count = count + ?, example = ?, last_asked_at = ? WHERE guild_id = ? AND normalized = ?');
    // Keep each server's list bounded: the questions fewest members asked, least recently, go first
    // (their askers with them: gap_askers cascades).
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
  record(guildId: string, question: string, askerId: string, at: Date): boolean {
    const key = normalizeQuestion(question);
    if (key === '') return false;
    const example = shortExample(question);
    guardWrite(this.db, () =>
      this.db
        .transaction(() => {
          const gap = this.find.get(guildId, key);
          if (!gap) this.insert.run(guildId, key, example, at.toISOString());
          const newAsker = (gap?.count ?? 0) < MAX_ASKERS_PER_GAP && this.addAsker.run(guildId, key, askerId).changes === 1;
          if (gap) this.update.run(newAsker ? 1 : 0, example, at.toISOString(), guildId, key);
          this.prune.run(guildId, guildId, MAX_GAPS_PER_GUILD);
        })
        .immediate(),
    );
    return true;
  }

  /** Asked by the most members first; ties go to the most recently asked. */
  list(guildId: string, limit: number): Gap[] {
    return this.top.all(guildId, checkLimit(limit));
  }
}

export function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number of 1 or more, got ${limit}`);
  return limit;
}
