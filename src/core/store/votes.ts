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

/** Helpful / not helpful votes: one per member per answer, which the member may change. */
export class VoteLog {
  private readonly find: Statement<[string, string, string], { helpful: 0 | 1; fact_id: string }>;
  private readonly upsert: Statement<[string, string, string, string, number, string]>;
  private readonly ranking: Statement<[string, number], UnhelpfulFact>;

  constructor(private readonly db: Db) {
    this.find = db.prepare('SELECT helpful, fact_id FROM votes WHERE guild_id = ? AND answer_id = ? AND user_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO votes (guild_id, answer_id, user_id, fact_id, helpful, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, answer_id, user_id) DO UPDATE SET
         fact_id = excluded.fact_id, helpful = excluded.helpful, at = excluded.at`,
    );
    this.ranking = db.prepare(
      `SELECT fact_id AS factId, sum(helpful = 0) AS unhelpful, sum(helpful = 1) AS helpful FROM votes
       WHERE guild_id = ? GROUP BY fact_id HAVING sum(helpful = 0) >= 1
       ORDER BY unhelpful DESC, helpful ASC, fact_id LIMIT ?`,
    );
  }

  vote(guildId: string, answerId: string, factId: string, userId: string, helpful: boolean, at: Date): VoteResult {
    return this.db
      .transaction((): VoteResult => {
        const previous = this.find.get(guildId, answerId, userId);
        if (previous && (previous.helpful === 1) === helpful && previous.fact_id === factId) return 'unchanged';
        this.upsert.run(guildId, answerId, userId, factId, helpful ? 1 : 0, at.toISOString());
        return previous ? 'changed' : 'recorded';
      })
      .immediate();
  }

  /** Facts with at least one unhelpful vote, most unhelpful first (ties: fewer helpful votes first). */
  unhelpful(guildId: string, limit: number): UnhelpfulFact[] {
    return this.ranking.all(guildId, checkLimit(limit));
  }
}
