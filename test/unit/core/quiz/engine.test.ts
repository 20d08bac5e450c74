import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../src/core/errors.ts';
import type { Topic } from '../../../../src/core/facts/schema.ts';
import { loadCuratedData } from '../../../../src/core/knowledge.ts';
import type { QuizItem } from '../../../../src/core/quiz/bankSchema.ts';
import {
  applyQuizEvent,
  createQuiz,
  currentRound,
  nextDeadline,
  quizScoreboard,
  type CreateQuizOptions,
  type QuizEffect,
  type QuizEvent,
  type QuizState,
} from '../../../../src/core/quiz/engine.ts';
import { loadQuizBank } from '../../../../src/core/quiz/loadBank.ts';

/** A small seeded PRNG so every "random" quiz here is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T0 = 1_700_000_000_000;
const STARTER = 'u-starter';

function item(n: number, factId = `fact-${n}`, topic: Topic = 'summit'): QuizItem {
  return {
    id: `q-${factId}-${n}`,
    factId,
    topic,
    question: `Question ${n}?`,
    correct: `Right ${n}`,
    wrong: [`Wrong ${n}a`, `Wrong ${n}b`, `Wrong ${n}c`],
    explanation: `Because ${n}.`,
  };
}

const ITEMS = Array.from({ length: 10 }, (_, i) => item(i + 1));

function newQuiz(overrides: Partial<CreateQuizOptions> = {}): QuizState {
  return createQuiz({
    id: 'quiz-1',
    channelId: 'c-1',
    guildId: 'g-1',
    starterId: STARTER,
    items: ITEMS,
    random: mulberry32(42),
    now: T0,
    ...overrides,
  });
}

/** Apply events in order; returns the final state and every effect. */
function run(state: QuizState, ...events: QuizEvent[]): { state: QuizState; effects: QuizEffect[] } {
  const effects: QuizEffect[] = [];
  for (const event of events) {
    const result = applyQuizEvent(state, event);
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects };
}

const started = (overrides: Partial<CreateQuizOptions> = {}) => run(newQuiz(overrides), { type: 'start', at: T0 }).state;
const rightIndex = (state: QuizState) => currentRound(state)!.correctIndex;
const wrongIndex = (state: QuizState) => (rightIndex(state) + 1) % 4;
const answer = (userId: string, optionIndex: number, at: number): QuizEvent => ({ type: 'answer', userId, optionIndex, at });

describe('createQuiz: choosing the questions', () => {
  it('GIVEN the same seed THEN the same questions come in the same order with the same option order', () => {
    const a = newQuiz({ random: mulberry32(7) });
    const b = newQuiz({ random: mulberry32(7) });
    expect(a).toEqual(b);
    const c = newQuiz({ random: mulberry32(8) });
    expect(c.rounds.map((r) => r.itemId)).not.toEqual(a.rounds.map((r) => r.itemId));
  });

  it('GIVEN a quiz THEN no question repeats and each round shows its item\'s four options with the right one recorded', () => {
    const quiz = newQuiz({ rounds: 10 });
    expect(new Set(quiz.rounds.map((r) => r.itemId)).size).toBe(10);
    for (const round of quiz.rounds) {
      const source = ITEMS.find((i) => i.id === round.itemId)!;
      expect([...round.options].sort()).toEqual([source.correct, ...source.wrong].sort());
      expect(round.options[round.correctIndex]).toBe(source.correct);
    }
  });

  it('GIVEN many quizzes THEN the right answer is not always in the same position', () => {
    const positions = new Set(newQuiz({ rounds: 10 }).rounds.map((r) => r.correctIndex));
    expect(positions.size).toBeGreaterThan(1);
  });

  it.each([
    [undefined, 5],
    [1, 3],
    [3, 3],
    [7, 7],
    [15, 15],
    [40, 15],
    [Number.NaN, 5],
    [4.6, 5],
  ])('GIVEN rounds=%s THEN the quiz has %i rounds (clamped to 3-15)', (rounds, expected) => {
    const many = Array.from({ length: 20 }, (_, i) => item(i + 1));
    const quiz = newQuiz({ items: many, rounds });
    expect(quiz.rounds).toHaveLength(expected);
    expect(quiz.requestedRounds).toBe(expected);
    expect(quiz.notice).toBeNull();
  });

  it('GIVEN fewer questions than rounds THEN the quiz is shorter and says so', () => {
    const quiz = newQuiz({ items: ITEMS.slice(0, 4), rounds: 8 });
    expect(quiz.rounds).toHaveLength(4);
    expect(quiz.requestedRounds).toBe(8);
    expect(quiz.notice).toBe('Only 4 questions are available, so this quiz has 4 rounds instead of 8.');
  });

  it('GIVEN a topic THEN only its questions are asked; GIVEN a topic with none THEN a UserError', () => {
    const mixed = [...ITEMS.slice(0, 6), item(11, 'n-1', 'nobel'), item(12, 'n-2', 'nobel')];
    const quiz = newQuiz({ items: mixed, topic: 'nobel' });
    expect(quiz.rounds.map((r) => r.topic)).toEqual(['nobel', 'nobel']);
    expect(quiz.topic).toBe('nobel');
    expect(quiz.notice).toMatch(/Only 2 questions are available on "Nobel Peace Prize"/);
    expect(() => newQuiz({ items: mixed, topic: 'outlook' })).toThrow(UserError);
  });

  it('GIVEN two items per fact THEN a quiz asks about as many different facts as it can', () => {
    const twice = ['a', 'b', 'c', 'd', 'e'].flatMap((f, i) => [item(i * 2 + 1, `fact-${f}`), item(i * 2 + 2, `fact-${f}`)]);
    for (let seed = 1; seed <= 20; seed++) {
      const quiz = newQuiz({ items: twice, rounds: 5, random: mulberry32(seed) });
      expect(new Set(quiz.rounds.map((r) => r.factId)).size).toBe(5);
    }
  });

  it('GIVEN the real bank and a seed THEN the selection is deterministic', () => {
    const { facts } = loadCuratedData('data');
    const bank = loadQuizBank('data/quiz.json', facts);
    const pick = (seed: number) => newQuiz({ items: bank.items, rounds: 15, random: mulberry32(seed) }).rounds.map((r) => r.itemId);
    expect(pick(2024)).toEqual(pick(2024));
    expect(new Set(pick(2024)).size).toBe(15);
  });
});

describe('playing a round', () => {
  it('GIVEN start THEN round 1 opens with a deadline roundSeconds from now', () => {
    const { state, effects } = run(newQuiz({ roundSeconds: 30 }), { type: 'start', at: T0 + 500 });
    expect(state.phase).toBe('asking');
    expect(nextDeadline(state)).toBe(T0 + 500 + 30_000);
    expect(effects).toEqual([
      expect.objectContaining({ kind: 'round-opened', round: 1, totalRounds: 5, deadline: T0 + 30_500, question: state.rounds[0]!.question }),
    ]);
    expect(run(state, { type: 'start', at: T0 + 600 }).effects).toEqual([expect.objectContaining({ kind: 'ignored', event: 'start' })]);
  });

  it('GIVEN a right and a wrong answer THEN each person is told privately', () => {
    const state = started();
    const { effects } = run(state, answer('alice', rightIndex(state), T0 + 1000), answer('bob', wrongIndex(state), T0 + 2000));
    expect(effects).toEqual([
      { kind: 'answered', userId: 'alice', round: 1, optionIndex: rightIndex(state), correct: true },
      { kind: 'answered', userId: 'bob', round: 1, optionIndex: wrongIndex(state), correct: false },
    ]);
  });

  it('GIVEN a second click by the same person THEN it is refused and the first answer stands', () => {
    const first = run(started(), answer('alice', 0, T0 + 1000)).state;
    const second = applyQuizEvent(first, answer('alice', 1, T0 + 1500));
    expect(second.effects).toEqual([{ kind: 'already-answered', userId: 'alice', round: 1 }]);
    expect(second.state).toBe(first);
    expect(currentRound(second.state)!.answers).toHaveLength(1);
  });

  it('GIVEN an answer after the reveal THEN it is too late and scores nothing', () => {
    const state = started();
    const revealed = run(state, { type: 'reveal', byUserId: STARTER, at: T0 + 3000 }).state;
    const late = applyQuizEvent(revealed, answer('carol', rightIndex(state), T0 + 3500));
    expect(late.effects).toEqual([{ kind: 'too-late', userId: 'carol', round: 1 }]);
    expect(late.state).toBe(revealed);
  });

  it("GIVEN a click on an earlier round's button THEN it is too late for that round", () => {
    let state = run(started(), { type: 'reveal', byUserId: STARTER, at: T0 + 1000 }, { type: 'next', at: T0 + 2000 }).state;
    const stale = applyQuizEvent(state, { type: 'answer', userId: 'dave', optionIndex: 0, at: T0 + 2500, round: 1 });
    expect(stale.effects).toEqual([{ kind: 'too-late', userId: 'dave', round: 1 }]);
    state = applyQuizEvent(state, { type: 'answer', userId: 'dave', optionIndex: 0, at: T0 + 2500, round: 2 }).state;
    expect(currentRound(state)!.answers.map((a) => a.userId)).toEqual(['dave']);
  });

  it('GIVEN an answer before start or after the end THEN the person is told so', () => {
    expect(applyQuizEvent(newQuiz(), answer('erin', 0, T0)).effects).toEqual([{ kind: 'not-started', userId: 'erin' }]);
    const stopped = run(started(), { type: 'stop', byUserId: STARTER, at: T0 + 1000 }).state;
    expect(applyQuizEvent(stopped, answer('erin', 0, T0 + 2000)).effects).toEqual([{ kind: 'quiz-ended', userId: 'erin' }]);
  });

  it('GIVEN an option that does not exist THEN it is ignored', () => {
    const state = started();
    const result = applyQuizEvent(state, answer('alice', 7, T0 + 1000));
    expect(result.effects).toEqual([expect.objectContaining({ kind: 'ignored', event: 'answer' })]);
    expect(result.state).toBe(state);
  });
});

describe('closing a round', () => {
  it('GIVEN ticks THEN the round stays open until the deadline and closes at it with the winners', () => {
    let state = started({ roundSeconds: 20 });
    state = run(state, answer('bob', wrongIndex(state), T0 + 3000), answer('alice', rightIndex(state), T0 + 4000), answer('zoe', rightIndex(state), T0 + 5000)).state;
    const early = applyQuizEvent(state, { type: 'tick', at: T0 + 19_999 });
    expect(early.effects).toEqual([]);
    expect(early.state).toBe(state);
    const closed = applyQuizEvent(state, { type: 'tick', at: T0 + 20_000 });
    expect(closed.state.phase).toBe('revealed');
    expect(nextDeadline(closed.state)).toBeNull();
    const round = currentRound(state)!;
    expect(closed.effects).toEqual([
      {
        kind: 'round-closed',
        round: 1,
        totalRounds: 5,
        isLastRound: false,
        closedBy: 'timer',
        itemId: round.itemId,
        factId: round.factId,
        correctIndex: round.correctIndex,
        correctText: round.options[round.correctIndex],
        explanation: round.explanation,
        winners: ['alice', 'zoe'],
      },
    ]);
    expect(applyQuizEvent(closed.state, { type: 'tick', at: T0 + 30_000 }).effects).toEqual([]);
  });

  it('GIVEN an answer after the deadline but before the tick THEN the round closes and the answer is too late', () => {
    const state = started({ roundSeconds: 10 });
    const { state: after, effects } = run(state, answer('alice', rightIndex(state), T0 + 10_000));
    expect(effects.map((e) => e.kind)).toEqual(['round-closed', 'too-late']);
    expect(after.phase).toBe('revealed');
    expect(currentRound(after)!.answers).toEqual([]);
  });

  it.each([
    { who: 'the starter', byUserId: STARTER, byModerator: false, allowed: true },
    { who: 'a moderator', byUserId: 'u-mod', byModerator: true, allowed: true },
    { who: 'another player', byUserId: 'u-other', byModerator: false, allowed: false },
  ])('GIVEN a reveal by $who THEN allowed=$allowed', ({ byUserId, byModerator, allowed }) => {
    const state = started();
    const result = applyQuizEvent(state, { type: 'reveal', byUserId, byModerator, at: T0 + 2000 });
    if (allowed) {
      expect(result.state.phase).toBe('revealed');
      expect(result.effects).toEqual([expect.objectContaining({ kind: 'round-closed', closedBy: 'reveal' })]);
    } else {
      expect(result.state).toBe(state);
      expect(result.effects).toEqual([{ kind: 'not-allowed', userId: byUserId, action: 'reveal' }]);
    }
  });

  it('GIVEN next while the round is open THEN it is ignored; after the reveal it opens the next round', () => {
    const state = started({ roundSeconds: 20 });
    expect(applyQuizEvent(state, { type: 'next', at: T0 + 1000 }).effects).toEqual([expect.objectContaining({ kind: 'ignored', event: 'next' })]);
    const { state: second, effects } = run(state, { type: 'reveal', byUserId: STARTER, at: T0 + 5000 }, { type: 'next', at: T0 + 8000 });
    expect(effects[1]).toEqual(expect.objectContaining({ kind: 'round-opened', round: 2, deadline: T0 + 28_000 }));
    expect(second.current).toBe(1);
    expect(second.phase).toBe('asking');
  });
});

describe('scores and the end of a quiz', () => {
  /**
   * Play the whole quiz: `plan[r]` maps user ids to right (true) or wrong (false) in round r, answered
   * in that order 1s apart from the round's opening; rounds open 15s apart.
   */
  function play(plan: Array<Record<string, boolean>>) {
    let state = started({ rounds: plan.length, items: ITEMS });
    const effects: QuizEffect[] = [];
    plan.forEach((answers) => {
      const base = currentRound(state)!.openedAt!;
      Object.entries(answers).forEach(([userId, right], k) => {
        const result = applyQuizEvent(state, answer(userId, right ? rightIndex(state) : wrongIndex(state), base + 1000 * (k + 1)));
        state = result.state;
        effects.push(...result.effects);
      });
      const end = run(state, { type: 'reveal', byUserId: STARTER, at: base + 10_000 }, { type: 'next', at: base + 15_000 });
      state = end.state;
      effects.push(...end.effects);
    });
    return { state, effects };
  }

  it('GIVEN a full quiz THEN the last next finishes it with the scoreboard by points, then by first right answer', () => {
    const { state, effects } = play([
      { bob: true, alice: true, carol: false },
      { alice: true, bob: false, carol: true },
      { carol: true, bob: true, alice: false },
    ]);
    expect(state.phase).toBe('finished');
    expect(state.endReason).toBe('finished');
    const finished = effects.at(-1);
    expect(finished?.kind).toBe('finished');
    // bob and alice both have 2 points; bob's first right answer came first. carol: 2 points too, but her first right was in round 2.
    expect(finished && 'scoreboard' in finished ? finished.scoreboard.map((s) => [s.userId, s.points]) : []).toEqual([
      ['bob', 2],
      ['alice', 2],
      ['carol', 2],
    ]);
    const closed = effects.filter((e) => e.kind === 'round-closed');
    expect(closed.map((e) => e.isLastRound)).toEqual([false, false, true]);
    expect(closed.map((e) => e.winners)).toEqual([['bob', 'alice'], ['alice', 'carol'], ['carol', 'bob']]);
  });

  it('GIVEN someone who joins in round 3 THEN they are on the scoreboard with fewer points', () => {
    const { effects } = play([{ alice: true }, { alice: true }, { alice: false, late: true }]);
    const finished = effects.at(-1);
    expect(finished?.kind).toBe('finished');
    expect(finished && 'scoreboard' in finished ? finished.scoreboard : []).toEqual([
      { userId: 'alice', points: 2, answered: 3, firstCorrectAt: T0 + 1000 },
      { userId: 'late', points: 1, answered: 1, firstCorrectAt: T0 + 30_000 + 2000 },
    ]);
  });

  it('GIVEN nobody right THEN the scoreboard still lists who played, earliest first', () => {
    const { effects } = play([{ zed: false, amy: false }, {}, {}]);
    const finished = effects.at(-1);
    expect(finished && 'scoreboard' in finished ? finished.scoreboard.map((s) => s.userId) : []).toEqual(['zed', 'amy']);
  });

  it.each([
    { who: 'the starter', byUserId: STARTER, byModerator: false, allowed: true },
    { who: 'a moderator', byUserId: 'u-mod', byModerator: true, allowed: true },
    { who: 'another player', byUserId: 'u-other', byModerator: false, allowed: false },
  ])('GIVEN stop by $who THEN allowed=$allowed', ({ byUserId, byModerator, allowed }) => {
    const state = started();
    const playing = run(state, answer('alice', rightIndex(state), T0 + 1000)).state;
    const result = applyQuizEvent(playing, { type: 'stop', byUserId, byModerator, at: T0 + 2000 });
    if (allowed) {
      expect(result.state.phase).toBe('finished');
      expect(result.state.endReason).toBe('stopped');
      expect(result.effects).toEqual([
        { kind: 'stopped', byUserId, scoreboard: [{ userId: 'alice', points: 1, answered: 1, firstCorrectAt: T0 + 1000 }] },
      ]);
    } else {
      expect(result.state).toBe(playing);
      expect(result.effects).toEqual([{ kind: 'not-allowed', userId: byUserId, action: 'stop' }]);
    }
  });

  it('GIVEN an abort (e.g. a restart) THEN the quiz ends with the reason and the scores so far', () => {
    const state = started();
    const playing = run(state, answer('alice', rightIndex(state), T0 + 1000)).state;
    const { state: aborted, effects } = run(playing, { type: 'abort', reason: 'bot restarting' });
    expect(aborted.phase).toBe('finished');
    expect(aborted.abortReason).toBe('bot restarting');
    expect(effects).toEqual([{ kind: 'aborted', reason: 'bot restarting', scoreboard: quizScoreboard(playing) }]);
    expect(run(aborted, { type: 'abort', reason: 'again' }).effects).toEqual([expect.objectContaining({ kind: 'ignored' })]);
    expect(run(aborted, { type: 'reveal', byUserId: STARTER, at: T0 + 5000 }).effects).toEqual([{ kind: 'quiz-ended', userId: STARTER }]);
  });
});

describe('the quiz state', () => {
  it('GIVEN events THEN the previous state is never modified', () => {
    const state = started();
    const before = structuredClone(state);
    run(state, answer('alice', 0, T0 + 1000), { type: 'tick', at: T0 + 60_000 }, { type: 'next', at: T0 + 61_000 }, { type: 'stop', byUserId: STARTER, at: T0 + 62_000 });
    expect(state).toEqual(before);
  });

  it('GIVEN a state saved as JSON mid-round THEN the restored quiz carries on exactly the same', () => {
    const state = run(started(), answer('alice', 0, T0 + 1000)).state;
    const restored = JSON.parse(JSON.stringify(state)) as QuizState;
    expect(restored).toEqual(state);
    const events: QuizEvent[] = [answer('alice', 1, T0 + 2000), answer('bob', 2, T0 + 3000), { type: 'tick', at: T0 + 20_000 }, { type: 'next', at: T0 + 25_000 }];
    expect(run(restored, ...events)).toEqual(run(state, ...events));
  });
});
