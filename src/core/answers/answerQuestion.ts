import type { Missing, Tier } from '../search/decide.ts';
import { UserError } from '../errors.ts';
import type { FactBase } from '../facts/factBase.ts';
import type { Fact } from '../facts/schema.ts';
import type { SearchIndex } from '../search/searchIndex.ts';

/** Longest question accepted; Discord's option is limited to the same. */
export const MAX_QUESTION_LENGTH = 300;

export interface Answer {
  question: string;
  /** answer: confident; suggest: "did you mean"; miss: the article doesn't say. */
  tier: Tier;
  answered: boolean;
  /** The fact answering the question (tier answer only). */
  fact: Fact | null;
  /** The fact offered as "did you mean" (tier suggest only). */
  didYouMean: Fact | null;
  /** The answer model's confidence in the best candidate (0..1). */
  score: number;
  /** Closely related facts (when answered), the next alternatives ("did you mean"), or the nearest ones (miss). */
  suggestions: Fact[];
  /** The question's premise contradicts the fact: the reply corrects it. */
  correction: boolean;
  /** What the question asks for that the fact does not give. */
  missing: Missing;
}

/** Something a search can be run against: one server's facts and their index. */
export interface Knowledge {
  facts: FactBase;
  index: SearchIndex;
}

/** Trim and check a question typed in chat; throws UserError with what to do instead. */
export function cleanQuestion(raw: string): string {
  const question = raw.replace(/\s+/g, ' ').trim();
  if (question === '') throw new UserError('Please type a question, for example "where did the leaders last meet?"');
  if (question.length > MAX_QUESTION_LENGTH) {
    throw new UserError(`That question is ${question.length} characters; please keep it under ${MAX_QUESTION_LENGTH}.`);
  }
  if (!/[\p{L}\p{N}]/u.test(question)) {
    throw new UserError('I could not find any words in that. Try asking in words, for example "who is mediating the talks?"');
  }
  return question;
}

/** What a question with nothing to search for gets: a plain miss. */
export function nothingToSearch(question: string): Answer {
  return { question, tier: 'miss', answered: false, fact: null, didYouMean: null, score: 0, suggestions: [], correction: false, missing: null };
}

/** Answer a question from the facts, offer the likeliest fact, or say honestly that the article does not cover it. */
export function answerQuestion(knowledge: Knowledge, rawQuestion: string): Answer {
  const question = cleanQuestion(rawQuestion);
  const decision = knowledge.index.decide(question);
  // The server's current text of a fact; a fact its index still holds but the server no longer has
  // (its index may be a moment behind a large import) is no answer.
  const best = decision.best ? (knowledge.facts.get(decision.best.fact.id) ?? null) : null;
  const tier = best ? decision.tier : 'miss';
  return {
    question,
    tier,
    answered: tier === 'answer',
    fact: tier === 'answer' ? best : null,
    didYouMean: tier === 'suggest' ? best : null,
    score: decision.best?.confidence ?? decision.alternatives[0]?.confidence ?? 0,
    suggestions:
      decision.tier === 'answer' && best
        ? knowledge.facts.related(best, 3)
        : decision.alternatives.flatMap((r) => knowledge.facts.get(r.fact.id) ?? []),
    correction: tier === 'answer' && decision.correction,
    missing: tier === decision.tier ? decision.missing : null,
  };
}
