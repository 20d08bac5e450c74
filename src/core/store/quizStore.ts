import type { QuizState } from '../quiz/engine.ts';
import { mergeLeaderboard, type LeaderboardEntry, type ScoreEntry } from '../quiz/scoring.ts';
import type { Db } from './database.ts';
import { guardWrite } from './writes.ts';

/**
 * Running quizzes (so a restart can end them cleanly) and each server's standings; tables from
 * migration 2. A write the disk refuses throws StorageError (see guardWrite) and changes nothing.
 */
export class QuizStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Keep a running quiz's state, replacing the channel's previous one. */
  save(state: QuizState): void {
    const save = this.db.prepare('INSERT OR REPLACE INTO quiz_sessions (channel_id, guild_id, state, updated_at) VALUES (?, ?, ?, ?)');
    guardWrite(this.db, () => save.run(state.channelId, state.guildId, JSON.stringify(state), this.now().toISOString()));
  }

  remove(channelId: string): void {
    const remove = this.db.prepare('DELETE FROM quiz_sessions WHERE channel_id = ?');
    guardWrite(this.db, () => remove.run(channelId));
  }

  /** Quizzes that were running when the process last stopped; unreadable rows are dropped. */
  saved(): QuizState[] {
    const rows = this.db.prepare('SELECT channel_id, state FROM quiz_sessions').all() as Array<{ channel_id: string; state: string }>;
    return rows.flatMap((row) => {
      try {
        return [JSON.parse(row.state) as QuizState];
      } catch {
        this.remove(row.channel_id);
        return [];
      }
    });
  }

  /** A quiz ended: forget its saved state and add its scores, in one transaction so a crash loses neither. */
  finish(channelId: string, guildId: string, scoreboard: ReadonlyArray<Pick<ScoreEntry, 'userId' | 'points'>>): void {
    guardWrite(this.db, () =>
      this.db.transaction(() => {
        this.remove(channelId);
        this.addScores(guildId, scoreboard);
      })(),
    );
  }

  /** Add a finished (or stopped) quiz's scoreboard to the server's standings, in one transaction. */
  addScores(guildId: string, scoreboard: ReadonlyArray<Pick<ScoreEntry, 'userId' | 'points'>>): void {
    if (scoreboard.length === 0) return;
    const read = this.db.prepare('SELECT points, quizzes FROM quiz_scores WHERE guild_id = ? AND user_id = ?');
    const write = this.db.prepare('INSERT OR REPLACE INTO quiz_scores (guild_id, user_id, points, quizzes) VALUES (?, ?, ?, ?)');
    guardWrite(this.db, () =>
      this.db.transaction(() => {
        const existing = new Map<string, LeaderboardEntry>();
        for (const { userId } of scoreboard) {
          const row = read.get(guildId, userId) as LeaderboardEntry | undefined;
          if (row) existing.set(userId, row);
        }
        for (const [userId, entry] of mergeLeaderboard(existing, scoreboard)) write.run(guildId, userId, entry.points, entry.quizzes);
      })(),
    );
  }

  /** Best first: points, then fewer quizzes (a better average), then user id, as rankLeaderboard orders them. */
  leaderboard(guildId: string, limit = 10): Array<{ userId: string } & LeaderboardEntry> {
    return this.db
      .prepare(
        `SELECT user_id AS userId, points, quizzes FROM quiz_scores WHERE guild_id = ?
         ORDER BY points DESC, quizzes ASC, user_id ASC LIMIT ?`,
      )
      .all(guildId, limit) as Array<{ userId: string } & LeaderboardEntry>;
  }
}
