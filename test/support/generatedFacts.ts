import type { Fact } from '../../src/core/facts/schema.ts';
import { loadCuratedData } from '../../src/core/knowledge.ts';

const template = loadCuratedData('data').facts[0]!;

/** `n` valid facts of a file's own, each citing a real quote; small, so 2,000 fit in the 1 MB import cap. */
export function ownFacts(n: number, prefix = 'own'): Fact[] {
  return Array.from({ length: n }, (_, i) => ({
    ...template,
    id: `${prefix}-${i}`,
    question: `What is ${prefix} number ${i}?`,
    questions: [],
    keywords: [],
    aliases: [],
    related: [],
  }));
}

/** A fact file's text, in the data/facts.json format. */
export const fileOf = (facts: readonly unknown[]): string => JSON.stringify({ schemaVersion: 1, facts });
