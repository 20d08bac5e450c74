import { describe, expect, it } from 'vitest';
import { buildScoreboard, mergeLeaderboard, rankLeaderboard, type LeaderboardEntry } from '../../../../src/core/quiz/scoring.ts';

describe('buildScoreboard', () => {
  it.each([
    {
      name: 'more points first',
      answers: [
        { userId: 'a', correct: false, at: 1 },
        { userId: 'b', correct: true, at: 2 },
      ],
      expected: ['b', 'a'],
    },
    {
      name: 'equal points: the earlier first right answer first',
      answers: [
        { userId: 'a', correct: true, at: 5 },
        { userId: 'b', correct: true, at: 3 },
      ],
      expected: ['b', 'a'],
    },
    {
      name: 'nobody right: the earlier first answer first',
      answers: [
        { userId: 'z', correct: false, at: 1 },
        { userId: 'y', correct: false, at: 2 },
      ],
      expected: ['z', 'y'],
    },
    {
      name: 'a full tie: by user id, never by arrival in a Map',
      answers: [
        { userId: 'm', correct: true, at: 1 },
        { userId: 'k', correct: true, at: 1 },
      ],
      expected: ['k', 'm'],
    },
  ])('GIVEN $name THEN the order is $expected', ({ answers, expected }) => {
    const board = buildScoreboard(answers.map((a) => ({ ...a, optionIndex: 0 })));
    expect(board.map((entry) => entry.userId)).toEqual(expected);
  });
});

describe('mergeLeaderboard', () => {
  it('GIVEN a server leaderboard and a scoreboard THEN points add up and everyone who played gets one more quiz', () => {
    const existing = new Map<string, LeaderboardEntry>([
      ['alice', { points: 10, quizzes: 3 }],
      ['bob', { points: 4, quizzes: 1 }],
    ]);
    const merged = mergeLeaderboard(existing, [
      { userId: 'alice', points: 2 },
      { userId: 'carol', points: 0 },
    ]);
    expect(Object.fromEntries(merged)).toEqual({
      alice: { points: 12, quizzes: 4 },
      bob: { points: 4, quizzes: 1 },
      carol: { points: 0, quizzes: 1 },
    });
    expect(existing.get('alice')).toEqual({ points: 10, quizzes: 3 });
  });

  it('GIVEN a leaderboard THEN it ranks by points, then by fewer quizzes', () => {
    const board = new Map<string, LeaderboardEntry>([
      ['a', { points: 5, quizzes: 4 }],
      ['b', { points: 5, quizzes: 2 }],
      ['c', { points: 9, quizzes: 9 }],
    ]);
    expect(rankLeaderboard(board).map((e) => e.userId)).toEqual(['c', 'b', 'a']);
    expect(rankLeaderboard(board, 1)).toEqual([{ userId: 'c', points: 9, quizzes: 9 }]);
  });
});
