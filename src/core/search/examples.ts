import { z } from 'zod';
import examplesJson from '../../../data/example-questions.json' with { type: 'json' };
import { parseData } from '../validation.ts';

/**
 * Example questions for the curated facts: the labelled questions of the tuning sets
 * (test/fixtures/blind/tuning-*.json and the older fixtures), copied by `npm run fit` into
 * data/example-questions.json. The search treats them like a fact's own phrasings, so a
 * question worded the way other members worded it finds its fact (the training examples of an
 * intent classifier). Never the held-out set's questions, and while fitting, never a question's
 * own fold: the answer model learns from features a new question would get.
 */
export const examplesFileSchema = z.object({
  generatedBy: z.string().min(1),
  fittedOn: z.array(z.string()),
  /** Fact id → example questions. */
  examples: z.record(z.string().min(1), z.array(z.string().min(1).max(500)).max(1000)),
  /** Questions about the story the article does not answer (see unanswerable.ts). */
  unanswerable: z.array(z.string().min(1).max(500)).max(5000).default([]),
});

export type ExamplesFile = z.infer<typeof examplesFileSchema>;

/** Fact id → example questions. */
export type Examples = ReadonlyMap<string, readonly string[]>;

export const NO_EXAMPLES: Examples = new Map();

/**
 * A question labelled with more facts than this ("give me the whole timeline") says little about
 * any one of them, and is not made an example.
 */
export const MAX_FACTS_PER_EXAMPLE = 2;

/** Labelled questions as examples: each to every fact it is labelled with, once per fact. */
export function examplesFrom(questions: ReadonlyArray<{ question: string; factIds: readonly string[] }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const { question, factIds } of questions) {
    const text = question.trim();
    if (text === '' || factIds.length === 0 || factIds.length > MAX_FACTS_PER_EXAMPLE) continue;
    for (const id of factIds) {
      const key = `${id}\u0000${text.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = out.get(id) ?? [];
      list.push(text);
      out.set(id, list);
    }
  }
  return out;
}

/** Categories of labelled questions about the story that the article does not answer. */
const UNANSWERABLE_CATEGORIES = new Set(['near-topic', 'not-covered', 'off-topic']);

/** The labelled questions about the story that no fact answers, once each. */
export function unanswerableFrom(questions: ReadonlyArray<{ question: string; factIds: readonly string[]; category: string }>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const { question, factIds, category } of questions) {
    const text = question.trim();
    if (text === '' || factIds.length > 0 || !UNANSWERABLE_CATEGORIES.has(category) || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
  }
  return out;
}

let bundled: ExamplesFile | undefined;
const bundledFile = (): ExamplesFile => (bundled ??= parseData(examplesFileSchema, examplesJson, 'data/example-questions.json'));

let bundledExamples: Examples | undefined;

export function defaultExamples(): Examples {
  bundledExamples ??= new Map(Object.entries(bundledFile().examples));
  return bundledExamples;
}

export function defaultUnanswerable(): readonly string[] {
  return bundledFile().unanswerable;
}
