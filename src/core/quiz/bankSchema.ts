import { z } from 'zod';
import { requiredText } from '../validation.ts';
import { factIdSchema, TOPIC_IDS } from '../facts/schema.ts';

export const QUIZ_SCHEMA_VERSION = 1;

/** Options become Discord button labels (80 characters at most); the rest is shown in an embed. */
export const QUIZ_LIMITS = {
  idLength: 72,
  questionLength: 200,
  optionLength: 80,
  explanationLength: 200,
  wrongCount: 3,
} as const;

const text = requiredText;

const option = text(QUIZ_LIMITS.optionLength);

export const quizItemIdSchema = z
  .string()
  .regex(/^q-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must start with "q-" and be lowercase words joined by hyphens, like "q-summit-host-1"')
  .max(QUIZ_LIMITS.idLength, `must be at most ${QUIZ_LIMITS.idLength} characters`);

/**
 * One multiple-choice question about one fact. The fact's source paragraph is the item's citation:
 * it is not repeated here, so a moderator's fix to the fact cannot leave a stale copy behind.
 */
export const quizItemSchema = z.strictObject({
  id: quizItemIdSchema,
  factId: factIdSchema,
  topic: z.enum(TOPIC_IDS, { error: `must be one of: ${TOPIC_IDS.join(', ')}` }),
  question: text(QUIZ_LIMITS.questionLength),
  correct: option,
  wrong: z.array(option).length(QUIZ_LIMITS.wrongCount, `must hold exactly ${QUIZ_LIMITS.wrongCount} wrong answers`),
  explanation: text(QUIZ_LIMITS.explanationLength),
  /** Optional: factHash(fact) when the item was written; a different hash now marks the item for review. */
  factHash: z
    .string()
    .regex(/^[0-9a-f]{12}$/, 'must be the 12 hex digits factHash() gives')
    .optional(),
});

export type QuizItem = z.infer<typeof quizItemSchema>;

/** Structure only; cross-checks against the facts (ids, topics, coverage) live in checkQuizBank. */
export const quizBankSchema = z.object({
  schemaVersion: z.literal(QUIZ_SCHEMA_VERSION),
  items: z.array(quizItemSchema).min(1, 'must hold at least one item'),
});

export type QuizBank = z.infer<typeof quizBankSchema>;
