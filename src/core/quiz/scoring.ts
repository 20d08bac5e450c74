/** One accepted answer, as the engine records it. */
export interface RecordedAnswer {
  userId: string;
  optionIndex: number;
  correct: boolean;
  at: number;
}

export interface ScoreEntry {
  userId: string;
  /** One point per right answer. */
  points: number;
  /** How many rounds the person answered at all. */
  answered: number;
  /** When their first right answer came in (ms); null if none. Breaks ties: earlier ranks higher. */
  firstCorrectAt: number | null;
}

/**
 * Everyone who answered at least once, best first: points desc, then the earlier first right
 * answer, then the earlier first answer, then user id (so the order never depends on Map order).
 */
export function buildScoreboard(answers: Iterable<RecordedAnswer>): ScoreEntry[] {
  const byUser = new Map<string, ScoreEntry & { firstAt: number }>();
  for (const answer of answers) {
    let entry = byUser.get(answer.userId);
    if (entry === undefined) {
      entry = { userId: answer.userId, points: 0, answered: 0, firstCorrectAt: null, firstAt: answer.at };
      byUser.set(answer.userId, entry);
    }
    entry.answered += 1;
    entry.firstAt = Math.min(entry.firstAt, answer.at);
    if (answer.correct) {
      entry.points += 1;
      entry.firstCorrectAt = entry.firstCorrectAt === null ? answer.at : Math.min(entry.firstCorrectAt, answer.at);
    }
  }
  const never = Number.POSITIVE_INFINITY;
  return [...byUser.values()]
    .sort(
      (a, b) =>
        b.points - a.points ||
        (a.firstCorrectAt ?? never) - (b.firstCorrectAt ?? never) ||
        a.firstAt - b.firstAt ||
        (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
    )
    .map(({ userId, points, answered, firstCorrectAt }) => ({ userId, points, answered, firstCorrectAt }));
}

export interface LeaderboardEntry {
  points: number;
  quizzes: number;
}

/**
 * A server's running totals after one more quiz: points added, and one more quiz for everyone on
 * the scoreboard. Returns a new Map; `existing` is left as it was.
 */
export function mergeLeaderboard(
  existing: ReadonlyMap<string, LeaderboardEntry>,
  scoreboard: ReadonlyArray<Pick<ScoreEntry, 'userId' | 'points'>>,
): Map<string, LeaderboardEntry> {
  const merged = new Map<string, LeaderboardEntry>();
  for (const [userId, entry] of existing) merged.set(userId, { points: entry.points, quizzes: entry.quizzes });
  for (const { userId, points } of scoreboard) {
    const before = merged.get(userId) ?? { points: 0, quizzes: 0 };
    merged.set(userId, { points: before.points + points, quizzes: before.quizzes + 1 });
  }
  return merged;
}

/** The leaderboard best first: points desc, then fewer quizzes (better average), then user id. */
export function rankLeaderboard(
  board: ReadonlyMap<string, LeaderboardEntry>,
  limit = Number.POSITIVE_INFINITY,
): Array<{ userId: string } & LeaderboardEntry> {
  return [...board]
    .map(([userId, entry]) => ({ userId, points: entry.points, quizzes: entry.quizzes }))
    .sort((a, b) => b.points - a.points || a.quizzes - b.quizzes || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
    .slice(0, limit);
}
