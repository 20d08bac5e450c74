import { z } from 'zod';
import { UserError } from '../errors.ts';
import { answerQuestion, type Answer, type Knowledge } from './answerQuestion.ts';

export const evalFixtureSchema = z.object({
  inScope: z.array(z.object({ question: z.string().min(1), factId: z.string().min(1) })).min(1),
  offTopic: z.array(z.string().min(1)).min(1),
});
export type EvalFixture = z.infer<typeof evalFixtureSchema>;

export interface EvalMiss {
  question: string;
  expected: string | null;
  got: string | null;
  score: number;
}

export interface EvalReport {
  inScope: number;
  offTopic: number;
  /** Share of in-scope questions answered with the expected fact. */
  top1: number;
  /** Mean reciprocal rank of the expected fact among the ranked candidates (abstained or not). */
  mrr: number;
  /** Share of in-scope questions the bot wrongly declined to answer. */
  falseAbstention: number;
  /** Share of off-topic questions the bot correctly declined to answer. */
  offTopicAbstention: number;
  /** Lowest score among in-scope questions answered with the expected fact (1 when none). */
  lowestCorrectScore: number;
  /** Highest top score among off-topic questions (0 when none): the threshold must sit above it. */
  highestOffTopicScore: number;
  misses: EvalMiss[];
}

/** Like answerQuestion, but a question with nothing to search for counts as declined. */
function answerOrDecline(knowledge: Knowledge, question: string): Answer {
  try {
    return answerQuestion(knowledge, question);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { question, answered: false, fact: null, score: 0, suggestions: [] };
  }
}

/** Run every fixture question through the same path as /ask and score the results. */
export function evaluate(knowledge: Knowledge, fixture: EvalFixture): EvalReport {
  const misses: EvalMiss[] = [];
  let correct = 0;
  let reciprocalRanks = 0;
  let abstained = 0;
  let lowestCorrectScore = 1;
  let highestOffTopicScore = 0;
  for (const { question, factId } of fixture.inScope) {
    const answer = answerOrDecline(knowledge, question);
    const rank = knowledge.index.search(question, 10).findIndex((r) => r.fact.id === factId);
    reciprocalRanks += rank === -1 ? 0 : 1 / (rank + 1);
    if (!answer.answered) abstained++;
    if (answer.fact?.id === factId) {
      correct++;
      lowestCorrectScore = Math.min(lowestCorrectScore, answer.score);
    } else misses.push({ question, expected: factId, got: answer.fact?.id ?? null, score: answer.score });
  }
  let declined = 0;
  for (const question of fixture.offTopic) {
    const answer = answerOrDecline(knowledge, question);
    highestOffTopicScore = Math.max(highestOffTopicScore, answer.score);
    if (!answer.answered) declined++;
    else misses.push({ question, expected: null, got: answer.fact?.id ?? null, score: answer.score });
  }
  const n = fixture.inScope.length;
  return {
    inScope: n,
    offTopic: fixture.offTopic.length,
    top1: correct / n,
    mrr: reciprocalRanks / n,
    falseAbstention: abstained / n,
    offTopicAbstention: declined / fixture.offTopic.length,
    lowestCorrectScore,
    highestOffTopicScore,
    misses,
  };
}
