import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answers/answerQuestion.ts';
import { byCategory, grade, gradeSet, summarize } from '../../../src/core/answers/evaluate.ts';
import { HELD_OUT_SET, loadQuestionSet, parseQuestionSet, TUNING_SETS, type LabelledQuestion } from '../../../src/core/answers/questionSet.ts';
import { DataError } from '../../../src/core/errors.ts';
import { buildKnowledge, loadCuratedData } from '../../../src/core/knowledge.ts';
import { defaultAnswerModel } from '../../../src/core/search/answerModel.ts';
import { setGrader } from '../../../src/cli/fitting.ts';

const facts = loadCuratedData('data').facts;
const knowledge = buildKnowledge(facts);
const fact = facts[0]!;
const other = facts[1]!;

const question = (factIds: string[], category = 'direct'): LabelledQuestion => ({
  id: 'q',
  category,
  question: 'q',
  factIds,
  declineOk: factIds.length === 0 || category === 'near-topic',
});
const answer = (tier: Answer['tier'], id: string | null): Answer => ({
  question: 'q',
  tier,
  answered: tier === 'answer',
  fact: tier === 'answer' && id ? (facts.find((f) => f.id === id) ?? null) : null,
  didYouMean: tier === 'suggest' && id ? (facts.find((f) => f.id === id) ?? null) : null,
  score: 0.5,
  suggestions: [],
  correction: false,
  missing: null,
});

describe('grading one question', () => {
  it.each([
    ['an answer with a right fact', [fact.id], answer('answer', fact.id), 'correct'],
    ['an answer with another fact', [fact.id], answer('answer', other.id), 'wrong'],
    ['an answer to a question the article cannot answer', [], answer('answer', fact.id), 'wrong'],
    ['a "did you mean" with the right fact', [fact.id], answer('suggest', fact.id), 'suggested'],
    ['a "did you mean" with another fact', [fact.id], answer('suggest', other.id), 'declined'],
    ['a "did you mean" for a question to decline', [], answer('suggest', fact.id), 'offered'],
    ['a miss for a question to decline', [], answer('miss', null), 'correct'],
    ['a miss for a question a fact answers', [fact.id], answer('miss', null), 'declined'],
  ] as const)('GIVEN %s THEN it counts as %s', (_name, ids, given, outcome) => {
    expect(grade(question([...ids]), given)).toBe(outcome);
  });

  it('GIVEN a near-topic question a fact happens to address THEN both that answer and a miss count as correct', () => {
    expect(grade(question([fact.id], 'near-topic'), answer('answer', fact.id))).toBe('correct');
    expect(grade(question([fact.id], 'near-topic'), answer('miss', null))).toBe('correct');
  });
});

describe('question sets', () => {
  it('GIVEN the shipped held-out and tuning sets THEN each loads, and every fact id they name exists', () => {
    const ids = new Set(facts.map((f) => f.id));
    for (const path of [HELD_OUT_SET, ...TUNING_SETS]) {
      const set = loadQuestionSet(path);
      expect(set.questions.length, path).toBeGreaterThan(100);
      for (const q of set.questions) for (const id of q.factIds) expect(ids.has(id), `${path} ${q.id}: ${id}`).toBe(true);
    }
  });

  it('GIVEN the held-out set THEN it has at least 200 questions in the eight categories the issue names', () => {
    const set = loadQuestionSet(HELD_OUT_SET);
    expect(set.questions.length).toBeGreaterThanOrEqual(200);
    expect(new Set(set.questions.map((q) => q.category))).toEqual(
      new Set(['direct', 'paraphrase', 'chat-typos', 'in-context', 'time-order', 'false-premise', 'near-topic', 'off-topic']),
    );
  });

  it('GIVEN a broken set THEN loading stops with the field to fix', () => {
    expect(() => parseQuestionSet({ questions: [{ id: 'a', category: 'x', question: 'q' }] }, 'set.json')).toThrow(DataError);
    expect(() => parseQuestionSet({ questions: [{ id: 'a', category: 'x', question: 'q' }] }, 'set.json')).toThrow(/questions\[0\]\.factIds/);
  });
});

describe('the answer model on the sets', () => {
  // Each tuning question is asked without its own fold's example questions, as `npm run eval` does.
  const grade = setGrader(facts, defaultAnswerModel().file.lexiconSenses);
  const graded = TUNING_SETS.map(loadQuestionSet).flatMap(grade);
  const figures = summarize(graded);

  it('GIVEN the off-topic questions of the tuning sets THEN none is answered, and at most a few get a private "did you mean"', () => {
    const offTopic = graded.filter((g) => g.question.category === 'off-topic');
    expect(offTopic.filter((g) => g.answer.tier === 'answer')).toEqual([]);
    expect(figures.offTopicDeclined).toBeGreaterThanOrEqual(0.97);
  });

  it('GIVEN the tuning sets, each question asked as if new (without its own copy among the examples) THEN confident answers are wrong for at most 3% of the questions', () => {
    expect(figures.wrongConfident).toBeLessThanOrEqual(0.03);
  });

  it('GIVEN the held-out set THEN it is graded by category with every question counted once', () => {
    const held = gradeSet(knowledge, loadQuestionSet(HELD_OUT_SET));
    const rows = [...byCategory(held).values()];
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(held.length);
    for (const r of rows) expect(r.correct + r.suggested + r.wrong + r.declined + r.offered).toBe(r.total);
  });
});
