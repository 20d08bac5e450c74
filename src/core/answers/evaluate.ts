import { UserError } from '../errors.ts';
import { answerQuestion, nothingToSearch, type Answer, type Knowledge } from './answerQuestion.ts';
import type { LabelledQuestion, QuestionSet } from './questionSet.ts';

/**
 * What the bot did with one labelled question:
 * - correct: answered with a right fact, or declined a question it should decline;
 * - suggested: offered a right fact as "did you mean";
 * - wrong: answered with a wrong fact, or answered a question it should decline;
 * - declined: said the article doesn't say (or offered a wrong fact) when a fact answers it;
 * - offered: offered a "did you mean" for a question it should decline.
 */
export type Outcome = 'correct' | 'suggested' | 'wrong' | 'declined' | 'offered';

export interface Graded {
  question: LabelledQuestion;
  answer: Answer;
  outcome: Outcome;
}

/** Like answerQuestion, but a question with nothing to search for counts as declined. */
function answerOrDecline(knowledge: Knowledge, question: string): Answer {
  try {
    return answerQuestion(knowledge, question);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return nothingToSearch(question);
  }
}

export function grade(question: LabelledQuestion, answer: Answer): Outcome {
  const right = (id: string | undefined) => id !== undefined && question.factIds.includes(id);
  const shouldDecline = question.factIds.length === 0;
  if (answer.tier === 'answer') return right(answer.fact?.id) ? 'correct' : 'wrong';
  if (shouldDecline) return answer.tier === 'miss' ? 'correct' : 'offered';
  if (answer.tier === 'suggest' && right(answer.didYouMean?.id)) return 'suggested';
  return question.declineOk && answer.tier === 'miss' ? 'correct' : 'declined';
}

export function gradeSet(knowledge: Knowledge, set: QuestionSet): Graded[] {
  return set.questions.map((question) => {
    const answer = answerOrDecline(knowledge, question.question);
    return { question, answer, outcome: grade(question, answer) };
  });
}

/** The figures the "done when" asks for, as shares 0..1. */
export interface Summary {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Answerable questions answered with a right fact. */
  answeredCorrectly: number;
  /** Answerable questions answered with a right fact or offered it as "did you mean". */
  correctOrSuggested: number;
  /** All questions answered confidently with a wrong fact (or answered when the article cannot). */
  wrongConfident: number;
  /** Questions the article cannot answer that the bot did not answer (a miss, or a "did you mean" that answers nothing). */
  declinedWhenItShould: number;
  /** Of those, the share given a plain miss rather than a "did you mean". */
  declinedPlainly: number;
  /** Off-topic questions declined with a plain miss (no "did you mean"). */
  offTopicDeclined: number | null;
}

export function summarize(graded: readonly Graded[]): Summary {
  const answerable = graded.filter((g) => g.question.factIds.length > 0);
  const unanswerable = graded.filter((g) => g.question.factIds.length === 0);
  const offTopic = graded.filter((g) => g.question.category === 'off-topic');
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const count = (list: readonly Graded[], test: (g: Graded) => boolean) => list.filter(test).length;
  const answeredRight = (g: Graded) => g.answer.tier === 'answer' && g.outcome === 'correct';
  return {
    questions: graded.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    answeredCorrectly: share(count(answerable, answeredRight), answerable.length),
    correctOrSuggested: share(count(answerable, (g) => answeredRight(g) || g.outcome === 'suggested'), answerable.length),
    wrongConfident: share(count(graded, (g) => g.outcome === 'wrong'), graded.length),
    declinedWhenItShould: share(count(unanswerable, (g) => g.answer.tier !== 'answer'), unanswerable.length),
    declinedPlainly: share(count(unanswerable, (g) => g.answer.tier === 'miss'), unanswerable.length),
    offTopicDeclined: offTopic.length === 0 ? null : share(count(offTopic, (g) => g.answer.tier === 'miss'), offTopic.length),
  };
}

/** Per category: how many questions had each outcome. */
export function byCategory(graded: readonly Graded[]): Map<string, Record<Outcome, number> & { total: number }> {
  const out = new Map<string, Record<Outcome, number> & { total: number }>();
  for (const g of graded) {
    const row = out.get(g.question.category) ?? { total: 0, correct: 0, suggested: 0, wrong: 0, declined: 0, offered: 0 };
    row.total++;
    row[g.outcome]++;
    out.set(g.question.category, row);
  }
  return out;
}
