import { describe, expect, it } from 'vitest';
import { CAPS } from '../../../src/core/facts/caps.ts';
import { checkImport } from '../../../src/core/facts/importFacts.ts';
import type { Fact } from '../../../src/core/facts/schema.ts';
import { loadCuratedData } from '../../../src/core/knowledge.ts';

const curated = loadCuratedData('data');
const { paragraphs } = curated;

/** n valid facts of the file's own, each citing a real quote; small, so 2,000 fit in the 1 MB cap. */
function ownFacts(n: number, prefix = 'own'): Fact[] {
  const template = curated.facts[0]!;
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
const fileOf = (facts: readonly unknown[]) => JSON.stringify({ schemaVersion: 1, facts });
/** The 1 MB file of issue 9: 333,320 empty facts. */
const EMPTY_FACTS_FILE = JSON.stringify({ schemaVersion: 1, facts: Array<object>(333_320).fill({}) });

function problemsOf(result: ReturnType<typeof checkImport>): { problems: string[]; complete: boolean } {
  if (result.ok) throw new Error('expected the import to be refused');
  return result;
}

describe('what one import may hold', () => {
  it('GIVEN the 1 MB file of 333,320 empty facts THEN it is refused with the cap, as the only problem', () => {
    expect(EMPTY_FACTS_FILE.length).toBeLessThanOrEqual(CAPS.importBytes);
    expect(checkImport(EMPTY_FACTS_FILE, paragraphs)).toEqual({
      ok: false,
      problems: ['The file holds 333,320 facts; one import may hold at most 2,000. Split it into smaller files.'],
      complete: true,
    });
  });

  it('GIVEN one fact more than the cap THEN it is refused before any fact is checked; at the cap it is accepted', () => {
    expect(problemsOf(checkImport(fileOf(ownFacts(CAPS.importFacts + 1)), paragraphs)).problems).toEqual([
      'The file holds 2,001 facts; one import may hold at most 2,000. Split it into smaller files.',
    ]);
    const atCap = checkImport(fileOf(ownFacts(CAPS.importFacts)), paragraphs);
    expect(atCap.ok && atCap.facts).toHaveLength(CAPS.importFacts);
  });

  it('GIVEN a file with more problems than the report holds THEN the first ones are listed and the check says it stopped', () => {
    const result = problemsOf(checkImport(fileOf(Array<object>(2000).fill({ id: 'Not An Id' })), paragraphs));
    expect(result.complete).toBe(false);
    expect(result.problems).toHaveLength(CAPS.reportedProblems);
    expect(result.problems[0]).toMatch(/^fact "Not An Id" \(#1\) id: must be lowercase words/);
  });

  it('GIVEN exactly as many problems as the report holds THEN all are listed and the report is complete', () => {
    const facts = ownFacts(CAPS.reportedProblems + 5).map((f, i) => (i < CAPS.reportedProblems ? { ...f, topic: 'weather' } : f));
    const result = problemsOf(checkImport(fileOf(facts), paragraphs));
    expect(result).toMatchObject({ complete: true });
    expect(result.problems).toHaveLength(CAPS.reportedProblems);
  });

  it('GIVEN a fact with a huge id THEN its problems quote only the start of it', () => {
    const [problem] = problemsOf(checkImport(fileOf([{ ...ownFacts(1)[0], id: 'X'.repeat(500_000) }]), paragraphs)).problems;
    expect(problem).toMatch(/^fact "X{64}…" \(#1\) id: /);
    expect(problem!.length).toBeLessThan(300);
  });

  it('GIVEN the same id twice THEN the second is named as a duplicate', () => {
    const [one] = ownFacts(1);
    expect(problemsOf(checkImport(fileOf([one, one]), paragraphs)).problems).toEqual(['fact "own-0" (#2) id: duplicate id "own-0"']);
  });
});
