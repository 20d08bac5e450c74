import { z } from 'zod';
import { requiredText } from '../validation.ts';

/** Topics group facts for /timeline, /quiz and the moderators' modal; slugs are stable ids. */
export const TOPICS = {
  summit: 'The White House summit',
  'previous-talks': 'Earlier rounds of talks',
  'nagorno-karabakh': 'Nagorno-Karabakh',
  displacement: 'The displaced people',
  trump: "Trump's role and motives",
  'other-deals': 'Other deals Trump claims',
  nobel: 'Nobel Peace Prize',
  mediation: 'Who mediates',
  outlook: 'Outlook and open issues',
} as const;

export type Topic = keyof typeof TOPICS;
export const TOPIC_IDS = Object.keys(TOPICS) as [Topic, ...Topic[]];

/** Discord shows at most 4096 characters in an embed description; we keep answers far shorter. */
export const LIMITS = {
  idLength: 64,
  questionLength: 100,
  answerLength: 1000,
  quoteLength: 300,
  termLength: 60,
  maxTerms: 40,
  maxQuestions: 20,
} as const;

const text = requiredText;

export const factIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, like "summit-day"')
  .max(LIMITS.idLength, `must be at most ${LIMITS.idLength} characters`);

export const sourceSchema = z.object({
  paragraph: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
  quote: text(LIMITS.quoteLength),
});

/** A point in time for the timeline; `sort` orders events, `label` is what the article says. */
export const factDateSchema = z.object({
  sort: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must look like 2023, 2023-09 or 2023-09-19'),
  label: text(60),
});

export const factSchema = z.object({
  id: factIdSchema,
  topic: z.enum(TOPIC_IDS, { error: `must be one of: ${TOPIC_IDS.join(', ')}` }),
  /** The canonical question: shown in autocomplete, buttons and titles. */
  question: text(LIMITS.questionLength),
  /** Other natural phrasings members use; they feed retrieval. */
  questions: z.array(text(200)).max(LIMITS.maxQuestions).default([]),
  answer: text(LIMITS.answerLength),
  keywords: z.array(text(LIMITS.termLength)).max(LIMITS.maxTerms).default([]),
  /** Other names and spellings: transliterations, misspellings, short forms. */
  aliases: z.array(text(LIMITS.termLength)).max(LIMITS.maxTerms).default([]),
  source: sourceSchema,
  date: factDateSchema.optional(),
  related: z.array(factIdSchema).max(5).default([]),
});

export type Fact = z.infer<typeof factSchema>;
export type FactInput = z.input<typeof factSchema>;

export const FACTS_SCHEMA_VERSION = 1;

const factFileShape = z.object({
  schemaVersion: z.literal(FACTS_SCHEMA_VERSION),
  facts: z.array(factSchema).min(1, 'must hold at least one fact'),
});
type FactFileShape = z.infer<typeof factFileShape>;

function checkUniqueIds(file: FactFileShape, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  file.facts.forEach((fact, index) => {
    if (seen.has(fact.id)) ctx.addIssue({ code: 'custom', path: ['facts', index, 'id'], message: `duplicate id "${fact.id}"` });
    seen.add(fact.id);
  });
}

function checkRelatedIds(file: FactFileShape, ctx: z.RefinementCtx): void {
  const ids = new Set(file.facts.map((fact) => fact.id));
  file.facts.forEach((fact, index) => {
    fact.related.forEach((id, r) => {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['facts', index, 'related', r], message: `unknown fact id "${id}"` });
    });
  });
}

/** A complete fact base (data/facts.json, an export): ids unique, every related id inside the file. */
export const factFileSchema = factFileShape.superRefine((file, ctx) => {
  checkUniqueIds(file, ctx);
  checkRelatedIds(file, ctx);
});

/** An import may hold only some facts: its related ids may name facts the server already has. */
export const factImportSchema = factFileShape.superRefine(checkUniqueIds);

export type FactFile = z.infer<typeof factFileSchema>;
