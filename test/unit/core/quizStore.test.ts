import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuizItem } from '../../../src/core/quiz/bankSchema.ts';
import { applyQuizEvent, createQuiz, type QuizState } from '../../../src/core/quiz/engine.ts';
import { mergeLeaderboard, rankLeaderboard, type LeaderboardEntry } from '../../../src/core/quiz/scoring.ts';
import { openMemoryDatabase, type Db } from '../../../src/core/store/database.ts';
import { QuizStore } from '../../../src/core/store/quizStore.ts';

const GUILD = 'guild-1';
const OTHER_GUILD = 'guild-2';
const T0 = 1_700_000_000_000;

const items: QuizItem[] = [1, 2, 3, 4].map((n) => ({
  id: `q-fact-${n}-1`,
  factId: `fact-${n}`,
  topic: 'summit',
  question: `Question ${n}?`,
  correct: `Right ${n}`,
  wrong: [`Wrong ${n}a`, `Wrong ${n}b`, `Wrong ${n}c`],
  explanation: `Because ${n}.`,
}));

function quiz(channelId: string, guildId = GUILD, id = `quiz-${channelId}`): QuizState {
  return createQuiz({ id, channelId, guildId, starterId: 'starter', items, rounds: 3, random: () => 0.5, now: T0 });
}

let db: Db;
let store: QuizStore;
let clock: Date;

beforeEach(() => {
  db = openMemoryDatabase();
  clock = new Date('2025-08-08T10:00:00.000Z');
  store = new QuizStore(db, () => clock);
});

afterEach(() => db.close());

describe('running quizzes (quiz_sessions)', () => {
  it('GIVEN nothing saved THEN saved() is empty', () => {
    expect(store.saved()).toEqual([]);
  });

  it('GIVEN a quiz saved mid-round THEN it comes back equal, answers and all', () => {
    let state = applyQuizEvent(quiz('c1'), { type: 'start', at: T0 }).state;
    state = applyQuizEvent(state, { type: 'answer', userId: 'ana', optionIndex: 2, round: 1, at: T0 + 1500 }).state;
    store.save(state);
    expect(store.saved()).toEqual([state]);
    expect(store.saved()[0]!.rounds[0]!.answers).toHaveLength(1);
  });

  it('GIVEN the same channel saved again THEN the newer state replaces the older, with the newer time', () => {
    const first = quiz('c1');
    store.save(first);
    clock = new Date('2025-08-08T10:05:00.000Z');
    const started = applyQuizEvent(first, { type: 'start', at: T0 }).state;
    store.save(started);
    expect(store.saved()).toEqual([started]);
    expect(db.prepare('SELECT updated_at FROM quiz_sessions WHERE channel_id = ?').pluck().get('c1')).toBe('2025-08-08T10:05:00.000Z');
  });

  it('GIVEN quizzes in several channels THEN each is kept, and remove() drops only its channel', () => {
    const a = quiz('c1');
    const b = quiz('c2', OTHER_GUILD);
    store.save(a);
    store.save(b);
    expect(store.saved().sort((x, y) => x.channelId.localeCompare(y.channelId))).toEqual([a, b]);
    store.remove('c1');
    expect(store.saved()).toEqual([b]);
    store.remove('c1');
    store.remove('no-such-channel');
    expect(store.saved()).toEqual([b]);
  });

  it('GIVEN an unreadable row THEN saved() skips it and deletes it, keeping the readable ones', () => {
    const good = quiz('c1');
    store.save(good);
    db.prepare('INSERT INTO quiz_sessions (channel_id, guild_id, state, updated_at) VALUES (?, ?, ?, ?)').run('c-bad', GUILD, '{"version":1,', 'x');
    expect(store.saved()).toEqual([good]);
    expect(db.prepare('SELECT channel_id FROM quiz_sessions').pluck().all()).toEqual(['c1']);
  });

  it('GIVEN a store reopened on the same database THEN it sees what the first one saved', () => {
    const a = quiz('c1');
    store.save(a);
    expect(new QuizStore(db).saved()).toEqual([a]);
  });
});

describe('a quiz ending (finish)', () => {
  it('GIVEN a running quiz WHEN it finishes THEN its saved state is gone and its scores are added, together', () => {
    store.save(quiz('c1'));
    store.finish('c1', GUILD, [{ userId: 'ana', points: 2 }]);
    expect(store.saved()).toEqual([]);
    expect(store.leaderboard(GUILD)).toEqual([{ userId: 'ana', points: 2, quizzes: 1 }]);
  });

  it('GIVEN the scores cannot be written THEN the quiz stays saved, so a restart can still count it', () => {
    store.save(quiz('c1'));
    expect(() => store.finish('c1', GUILD, [{ userId: 'ana', points: -1 }])).toThrow();
    expect(store.saved().map((q) => q.channelId)).toEqual(['c1']);
  });
});

describe('standings (quiz_scores)', () => {
  it('GIVEN a first quiz THEN everyone on its scoreboard gets its points and one quiz, zero points included', () => {
    store.addScores(GUILD, [
      { userId: 'ana', points: 3 },
      { userId: 'ben', points: 0 },
    ]);
    expect(store.leaderboard(GUILD)).toEqual([
      { userId: 'ana', points: 3, quizzes: 1 },
      { userId: 'ben', points: 0, quizzes: 1 },
    ]);
  });

  it('GIVEN more quizzes THEN points add up and quizzes count, per member', () => {
    store.addScores(GUILD, [{ userId: 'ana', points: 3 }, { userId: 'ben', points: 1 }]);
    store.addScores(GUILD, [{ userId: 'ben', points: 2 }, { userId: 'cy', points: 1 }]);
    store.addScores(GUILD, [{ userId: 'ben', points: 0 }]);
    expect(store.leaderboard(GUILD)).toEqual([
      { userId: 'ana', points: 3, quizzes: 1 },
      { userId: 'ben', points: 3, quizzes: 3 },
      { userId: 'cy', points: 1, quizzes: 1 },
    ]);
  });

  it('GIVEN an empty scoreboard THEN nothing changes', () => {
    store.addScores(GUILD, [{ userId: 'ana', points: 1 }]);
    store.addScores(GUILD, []);
    expect(store.leaderboard(GUILD)).toEqual([{ userId: 'ana', points: 1, quizzes: 1 }]);
  });

  it('GIVEN two servers THEN their standings stay apart', () => {
    store.addScores(GUILD, [{ userId: 'ana', points: 2 }]);
    store.addScores(OTHER_GUILD, [{ userId: 'ana', points: 5 }, { userId: 'ben', points: 1 }]);
    expect(store.leaderboard(GUILD)).toEqual([{ userId: 'ana', points: 2, quizzes: 1 }]);
    expect(store.leaderboard(OTHER_GUILD)).toEqual([
      { userId: 'ana', points: 5, quizzes: 1 },
      { userId: 'ben', points: 1, quizzes: 1 },
    ]);
    expect(store.leaderboard('guild-without-quizzes')).toEqual([]);
  });

  it('GIVEN ties THEN points first, then fewer quizzes, then user id; and the limit is respected', () => {
    store.addScores(GUILD, [{ userId: 'dee', points: 2 }, { userId: 'ana', points: 2 }, { userId: 'eve', points: 4 }]);
    store.addScores(GUILD, [{ userId: 'cy', points: 2 }, { userId: 'ben', points: 0 }]);
    store.addScores(GUILD, [{ userId: 'cy', points: 0 }, { userId: 'fay', points: 1 }]);
    const expected = [
      { userId: 'eve', points: 4, quizzes: 1 },
      { userId: 'ana', points: 2, quizzes: 1 },
      { userId: 'dee', points: 2, quizzes: 1 },
      { userId: 'cy', points: 2, quizzes: 2 },
      { userId: 'fay', points: 1, quizzes: 1 },
      { userId: 'ben', points: 0, quizzes: 1 },
    ];
    expect(store.leaderboard(GUILD)).toEqual(expected);
    expect(store.leaderboard(GUILD, 3)).toEqual(expected.slice(0, 3));
  });

  it('GIVEN the default limit THEN the top 10 only', () => {
    store.addScores(
      GUILD,
      Array.from({ length: 12 }, (_, i) => ({ userId: `u${String(i).padStart(2, '0')}`, points: i })),
    );
    const board = store.leaderboard(GUILD);
    expect(board).toHaveLength(10);
    expect(board[0]).toEqual({ userId: 'u11', points: 11, quizzes: 1 });
    expect(board[9]).toEqual({ userId: 'u02', points: 2, quizzes: 1 });
  });

  it('GIVEN any sequence of quizzes THEN the stored standings equal the pure mergeLeaderboard + rankLeaderboard', () => {
    const quizzes = [
      [{ userId: 'ana', points: 1 }, { userId: 'ben', points: 2 }],
      [{ userId: 'cy', points: 3 }],
      [{ userId: 'ana', points: 2 }, { userId: 'cy', points: 0 }, { userId: 'dee', points: 3 }],
      [{ userId: 'ben', points: 1 }],
    ];
    let board: ReadonlyMap<string, LeaderboardEntry> = new Map();
    for (const scoreboard of quizzes) {
      store.addScores(GUILD, scoreboard);
      board = mergeLeaderboard(board, scoreboard);
    }
    expect(store.leaderboard(GUILD, 100)).toEqual(rankLeaderboard(board));
  });

  it('GIVEN a write that fails half way THEN no score of that quiz is kept (one transaction)', () => {
    store.addScores(GUILD, [{ userId: 'ana', points: 1 }]);
    // A negative total breaks the table's CHECK on the second row.
    expect(() => store.addScores(GUILD, [{ userId: 'ana', points: 1 }, { userId: 'ben', points: -1 }])).toThrow();
    expect(store.leaderboard(GUILD)).toEqual([{ userId: 'ana', points: 1, quizzes: 1 }]);
  });
});
