import { describe, expect, it } from 'vitest';
import { loadCuratedData } from '../../../../src/core/knowledge.ts';
import { checkQuizBank, loadQuizBank } from '../../../../src/core/quiz/loadBank.ts';

const { facts } = loadCuratedData('data');
const bank = loadQuizBank('data/quiz.json', facts);

describe('a fact named like a property every object has', () => {
  it('GIVEN a fact whose id is "constructor" and no quiz item for it THEN the bank check names it like any other', () => {
    const constructorFact = { ...facts[0]!, id: 'constructor' };
    expect(checkQuizBank(bank, [...facts, constructorFact])).toEqual([
      'fact constructor: has no quiz item; add one with "factId": "constructor" or list the fact in NOT_QUIZZABLE (src/core/quiz/loadBank.ts) with a reason',
    ]);
  });
});
