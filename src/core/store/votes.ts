import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import { checkLimit } from './gaps.ts';

export type VoteResult = 'recorded' | 'changed' | 'unchanged';

/** A fact's vote counts, as unhelpfulFacts() lists them. */
export interface UnhelpfulFact {
  factId: string;
  unhelpful: number;
  helpful: number;
}

/**
 * Helpful / not helpful votes: one per member per fact, however many answers of it they were shown,
 * which the member may change. A member who saw the same fact ten times still counts once.
 */
export class VoteLog {
  private readonly find: Statement<[string, string, string], { helpful: 0 | 1 }>;
  private readonly upsert: Statement<[string, string, string, number, string]>;
  private readonly ranking: Statement<[string, number], UnhelpfulFact>;

  constructor(db: Db) {
    this.find = db.prepare('SELECT helpful FROM votes WHERE guild_id = ? AND fact_id = ? AND user_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO votes (guild_id, fact_id, user_id, helpful, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, fact_id, user_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
    );
    this.ranking = db.prepare(
      `SELECT fact_id AS factId, sum(helpful = 0) AS unhelpful, sum(helpful = 1) AS helpful FROM votes
       WHERE guild_id = ? GROUP BY fact_id HAVING sum(helpful = 0) >= 1
       ORDER BY unhelpful DESC, helpful ASC, fact_id LIMIT ?`,
    );
  }

  /** Record or change the member's vote on the fact. Call inside a write transaction (FactStore.vote). */
  vote(guildId: string, factId: string, userId: string, helpful: boolean, at: Date): VoteResult {
    const previous = this.find.get(guildId, factId, userId);
    if (previous && (previous.helpful === 1) === helpful) return 'unchanged';
    this.upsert.run(guildId, factId, userId, helpful ? 1 : 0, at.toISOString());
    return previous ? 'changed' : 'recorded';
  }

  /** Facts with at least one unhelpful vote, most unhelpful first (ties: fewer helpful votes first). */
  unhelpful(guildId: string, limit: number): UnhelpfulFact[] {
    return this.ranking.all(guildId, checkLimit(limit));
  }
}
