import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseData, parseJsonFile } from '../validation.ts';

/**
 * Labelled questions for `npm run eval` and `npm run fit`. Two formats: the
 * blind sets in test/fixtures/blind/ (written from the article alone, in
 * categories, each question with the fact ids that answer it) and the older
 * fixtures (inScope with one fact id, offTopic).
 */

export interface LabelledQuestion {
  id: string;
  category: string;
  question: string;
  /** Facts whose answer is right; empty when the bot should decline. */
  factIds: string[];
  /** Declining is right too: the article does not answer it, though a fact says so. */
  declineOk: boolean;
}

export interface QuestionSet {
  name: string;
  questions: LabelledQuestion[];
}

const blindSchema = z.object({
  questions: z
    .array(
      z.object({
        id: z.string().min(1),
        category: z.string().min(1),
        question: z.string(),
        factIds: z.array(z.string().min(1)),
      }),
    )
    .min(1),
});

const legacySchema = z.object({
  inScope: z.array(z.object({ question: z.string().min(1), factId: z.string().min(1) })).min(1),
  offTopic: z.array(z.string().min(1)).min(1),
});

/** Categories whose questions the article does not answer, even where a fact says so. */
const UNANSWERED_CATEGORIES = new Set(['near-topic', 'off-topic']);

export function parseQuestionSet(json: unknown, name: string): QuestionSet {
  if (json !== null && typeof json === 'object' && 'inScope' in json) {
    const legacy = parseData(legacySchema, json, name);
    return {
      name,
      questions: [
        ...legacy.inScope.map((q, i) => ({ id: `in-${i + 1}`, category: 'in-scope', question: q.question, factIds: [q.factId], declineOk: false })),
        ...legacy.offTopic.map((question, i) => ({ id: `off-${i + 1}`, category: 'not-covered', question, factIds: [], declineOk: true })),
      ],
    };
  }
  const blind = parseData(blindSchema, json, name);
  return {
    name,
    questions: blind.questions.map((q) => ({
      id: q.id,
      category: q.category,
      question: q.question,
      factIds: q.factIds,
      declineOk: q.factIds.length === 0 || UNANSWERED_CATEGORIES.has(q.category),
    })),
  };
}

export function loadQuestionSet(path: string): QuestionSet {
  return parseQuestionSet(parseJsonFile(readFileSync(path, 'utf8'), path), path);
}

/** The sets the answer model is fitted on; the held-out set is never among them. */
export const TUNING_SETS = [
  'test/fixtures/blind/tuning-a.json',
  'test/fixtures/blind/tuning-b.json',
  'test/fixtures/blind/tuning-c.json',
  'test/fixtures/blind/tuning-d.json',
  'test/fixtures/blind/tuning-e.json',
  'test/fixtures/blind/tuning-f.json',
  'test/fixtures/blind/tuning-g.json',
  'test/fixtures/blind/tuning-h.json',
  'test/fixtures/blind/tuning-i.json',
  'test/fixtures/blind/tuning-j.json',
  'test/fixtures/blind/tuning-k.json',
  'test/fixtures/blind/tuning-l.json',
  'test/fixtures/questions.json',
  'test/fixtures/questions-earlier.json',
] as const;

/** Written from the article alone and committed before any tuning; reported, never tuned on. */
export const HELD_OUT_SET = 'test/fixtures/blind/heldout.json';
