import { describe, expect, it } from 'vitest';
import { suggestFacts, suggestQuestions } from '../../../src/core/answers/suggest.ts';
import { buildKnowledge, loadCuratedData } from '../../../src/core/knowledge.ts';

const knowledge = buildKnowledge(loadCuratedData('data').facts);

describe('suggestQuestions (autocomplete for /ask)', () => {
  it('GIVEN an empty box THEN it shows real questions, at most 25, each fitting a Discord choice', () => {
    const suggestions = suggestQuestions(knowledge, '');
    expect(suggestions.length).toBe(25);
    for (const s of suggestions) expect(s.length).toBeLessThanOrEqual(100);
  });

  it('GIVEN a half-typed word THEN questions about it come first', () => {
    const suggestions = suggestQuestions(knowledge, 'abu dh');
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions[0]!.toLowerCase()).toContain('abu dhabi');
  });

  it('GIVEN a typo THEN it still suggests questions on the topic', () => {
    expect(suggestQuestions(knowledge, 'refugess karabach').join(' ').toLowerCase()).toMatch(/displac|refugee|fled/);
  });

  it('GIVEN emoji only THEN it falls back to the canonical questions rather than throwing', () => {
    expect(suggestQuestions(knowledge, '🙂🙂🙂')).toEqual(suggestQuestions(knowledge, ''));
  });

  it('GIVEN gibberish THEN nothing unrelated is suggested', () => {
    expect(suggestQuestions(knowledge, 'qwxzvbn')).toEqual([]);
  });
});

describe('suggestFacts (autocomplete for fact ids)', () => {
  it('GIVEN an exact id THEN that fact is first', () => {
    expect(suggestFacts(knowledge, 'ceasefire-2020')[0]!.id).toBe('ceasefire-2020');
  });

  it('GIVEN words instead of an id THEN it finds the fact by meaning', () => {
    expect(suggestFacts(knowledge, 'nobel').map((f) => f.id)).toContain('nobel-nominations');
  });
});
