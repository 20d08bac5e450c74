import { UserError } from '../errors.ts';
import type { FactBase } from '../facts/factBase.ts';
import type { Fact } from '../facts/schema.ts';
import type { SearchIndex } from '../search/searchIndex.ts';

/** Longest question accepted; Discord's option is limited to the same. */
export const MAX_QUESTION_LENGTH = 300;

/**
 * Below this score the bot says the article does not cover the question.
 * Calibrated with `npm run eval` on test/fixtures/questions.json, midway
 * between the highest off-topic score (0.55) and the lowest score of an
 * in-scope question answered correctly (0.68); test/fixtures/heldout.json,
 * never tuned on, checks that it generalises. The score is the share of the
 * question's information one fact explains (see SearchIndex), so a question
 * whose distinctive word the fact base never uses ("population", "born")
 * stays below it.
 */
export const ANSWER_THRESHOLD = 0.6;

export interface Answer {
  question: string;
  answered: boolean;
  /** The fact answering the question; null when the article does not cover it. */
  fact: Fact | null;
  score: number;
  /** Closely related facts (when answered) or the nearest ones (when not). */
  suggestions: Fact[];
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

/** Answer a question from the facts, or say honestly that the article does not cover it. */
export function answerQuestion(knowledge: Knowledge, rawQuestion: string): Answer {
  const question = cleanQuestion(rawQuestion);
  const ranked = knowledge.index.search(question, 4);
  const top = ranked[0];
  if (top && top.score >= ANSWER_THRESHOLD) {
    return {
      question,
      answered: true,
      fact: top.fact,
      score: top.score,
      suggestions: knowledge.facts.related(top.fact, 3),
    };
  }
  return {
    question,
    answered: false,
    fact: null,
    score: top?.score ?? 0,
    suggestions: ranked.slice(0, 3).map((r) => r.fact),
  };
}
