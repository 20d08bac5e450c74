import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors.ts';
import type { QuizItem } from '../../../../src/core/quiz/bankSchema.ts';
import { createQuiz, type QuizState } from '../../../../src/core/quiz/engine.ts';
import { QuizRegistry } from '../../../../src/core/quiz/registry.ts';
import { buildScoreboard, mergeLeaderboard, rankLeaderboard, type LeaderboardEntry } from '../../../../src/core/quiz/scoring.ts';

const T0 = 1_700_000_000_000;

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

describe('QuizRegistry', () => {
  const items: QuizItem[] = Array.from({ length: 5 }, (_, i) => ({
    id: `q-f${i}-1`,
    factId: `f${i}`,
    topic: 'summit',
    question: `Q${i}?`,
    correct: `R${i}`,
    wrong: [`W${i}a`, `W${i}b`, `W${i}c`],
    explanation: `E${i}.`,
  }));
  const quiz = (id: string, channelId: string): QuizState =>
    createQuiz({ id, channelId, guildId: 'g', starterId: 'starter', items, random: () => 0.5, now: T0 });

  it('GIVEN a running quiz in a channel THEN a second one there is refused, but other channels are free', () => {
    const registry = new QuizRegistry();
    registry.start(quiz('one', 'c1'));
    expect(() => registry.start(quiz('two', 'c1'))).toThrow(UserError);
    expect(() => registry.start(quiz('two', 'c1'))).toThrow(/already running in this channel/);
    expect(registry.start(quiz('three', 'c2')).id).toBe('three');
    expect(registry.running().map((q) => q.id).sort()).toEqual(['one', 'three']);
  });

  it('GIVEN events THEN the registry keeps the new state; after the quiz ends a new one may start', () => {
    const registry = new QuizRegistry();
    registry.start(quiz('one', 'c1'));
    expect(registry.dispatch('c1', { type: 'start', at: T0 })?.effects[0]?.kind).toBe('round-opened');
    expect(registry.get('c1')?.phase).toBe('asking');
    expect(registry.dispatch('nowhere', { type: 'tick', at: T0 })).toBeUndefined();
    registry.dispatch('c1', { type: 'stop', byUserId: 'starter', at: T0 + 1000 });
    expect(registry.isRunning('c1')).toBe(false);
    expect(registry.dispatch('c1', { type: 'answer', userId: 'x', optionIndex: 0, at: T0 + 2000 })?.effects).toEqual([
      { kind: 'quiz-ended', userId: 'x' },
    ]);
    expect(registry.start(quiz('two', 'c1')).id).toBe('two');
  });

  it('GIVEN a snapshot saved as JSON THEN a new registry restores the quizzes and still enforces one per channel', () => {
    const registry = new QuizRegistry();
    registry.start(quiz('one', 'c1'));
    registry.dispatch('c1', { type: 'start', at: T0 });
    const restored = new QuizRegistry(JSON.parse(JSON.stringify(registry.snapshot())) as QuizState[]);
    expect(restored.get('c1')).toEqual(registry.get('c1'));
    expect(() => restored.start(quiz('two', 'c1'))).toThrow(UserError);
    expect(restored.remove('c1')?.id).toBe('one');
    expect(restored.isRunning('c1')).toBe(false);
  });
});
