import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors.ts';
import type { QuizItem } from '../../../../src/core/quiz/bankSchema.ts';
import { createQuiz, type QuizState } from '../../../../src/core/quiz/engine.ts';
import { QuizRegistry } from '../../../../src/core/quiz/registry.ts';

const T0 = 1_700_000_000_000;
const items: QuizItem[] = Array.from({ length: 5 }, (_, i) => ({
  id: `q-f${i}-1`,
  factId: `f${i}`,
  topic: 'summit',
  question: `Q${i}?`,
  correct: `R${i}`,
  wrong: [`W${i}a`, `W${i}b`, `W${i}c`],
  explanation: `E${i}.`,
}));
const quiz = (channelId: string, guildId = 'g', id = `quiz-${channelId}`): QuizState =>
  createQuiz({ id, channelId, guildId, starterId: 'starter', items, random: () => 0.5, now: T0 });
const limits = { running: 5, runningPerServer: 2, ended: 3 };

function stopped(registry: QuizRegistry, channelId: string): void {
  registry.dispatch(channelId, { type: 'start', at: T0 });
  registry.dispatch(channelId, { type: 'stop', byUserId: 'starter', at: T0 + 1 });
}

describe('QuizRegistry bounds', () => {
  it('GIVEN a server at its cap THEN its next quiz is refused, other servers may start, and one ending frees a place', () => {
    const registry = new QuizRegistry([], limits);
    registry.start(quiz('a1', 'A'));
    registry.start(quiz('a2', 'A'));
    expect(() => registry.start(quiz('a3', 'A'))).toThrow(UserError);
    expect(() => registry.start(quiz('a3', 'A'))).toThrow(/already has 2 quizzes running/);
    expect(registry.start(quiz('b1', 'B')).channelId).toBe('b1');
    stopped(registry, 'a1');
    expect(registry.start(quiz('a3', 'A')).channelId).toBe('a3');
  });

  it('GIVEN the bot at its cap THEN a new quiz anywhere is refused until one ends', () => {
    const registry = new QuizRegistry([], limits);
    for (let i = 0; i < 5; i++) registry.start(quiz(`c${i}`, `server-${i}`));
    expect(() => registry.start(quiz('c5', 'server-5'))).toThrow(/Too many quizzes are running right now/);
    stopped(registry, 'c0');
    expect(registry.start(quiz('c5', 'server-5')).channelId).toBe('c5');
    expect(registry.sizes.running).toBe(5);
  });

  it('GIVEN many quizzes ended THEN only the latest are kept, and a late click on the latest still hears it ended', () => {
    const registry = new QuizRegistry([], limits);
    for (let i = 0; i < 50; i++) {
      registry.start(quiz(`c${i}`, `server-${i}`));
      stopped(registry, `c${i}`);
      expect(registry.sizes.ended).toBeLessThanOrEqual(3);
    }
    expect(registry.sizes).toEqual({ running: 0, ended: 3 });
    expect(registry.get('c0')).toBeUndefined();
    expect(registry.dispatch('c49', { type: 'answer', userId: 'late', optionIndex: 0, round: 1, at: T0 + 2 })?.effects).toEqual([
      { kind: 'quiz-ended', userId: 'late' },
    ]);
  });
});

describe('QuizRegistry', () => {
  it('GIVEN a running quiz in a channel THEN a second one there is refused, but other channels are free', () => {
    const registry = new QuizRegistry();
    registry.start(quiz('c1', 'g', 'one'));
    expect(() => registry.start(quiz('c1', 'g', 'two'))).toThrow(UserError);
    expect(() => registry.start(quiz('c1', 'g', 'two'))).toThrow(/already running in this channel/);
    expect(registry.start(quiz('c2', 'g', 'three')).id).toBe('three');
    expect(registry.running().map((q) => q.id).sort()).toEqual(['one', 'three']);
  });

  it('GIVEN events THEN the registry keeps the new state; after the quiz ends a new one may start', () => {
    const registry = new QuizRegistry();
    registry.start(quiz('c1', 'g', 'one'));
    expect(registry.dispatch('c1', { type: 'start', at: T0 })?.effects[0]?.kind).toBe('round-opened');
    expect(registry.get('c1')?.phase).toBe('asking');
    expect(registry.dispatch('nowhere', { type: 'tick', at: T0 })).toBeUndefined();
    registry.dispatch('c1', { type: 'stop', byUserId: 'starter', at: T0 + 1000 });
    expect(registry.isRunning('c1')).toBe(false);
    expect(registry.dispatch('c1', { type: 'answer', userId: 'x', optionIndex: 0, at: T0 + 2000 })?.effects).toEqual([
      { kind: 'quiz-ended', userId: 'x' },
    ]);
    expect(registry.start(quiz('c1', 'g', 'two')).id).toBe('two');
  });

  it('GIVEN a snapshot saved as JSON THEN a new registry restores the quizzes and still enforces one per channel', () => {
    const registry = new QuizRegistry();
    registry.start(quiz('c1', 'g', 'one'));
    registry.dispatch('c1', { type: 'start', at: T0 });
    const restored = new QuizRegistry(JSON.parse(JSON.stringify(registry.snapshot())) as QuizState[]);
    expect(restored.get('c1')).toEqual(registry.get('c1'));
    expect(() => restored.start(quiz('c1', 'g', 'two'))).toThrow(UserError);
    expect(restored.remove('c1')?.id).toBe('one');
    expect(restored.isRunning('c1')).toBe(false);
  });
});
