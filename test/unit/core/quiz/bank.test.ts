import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../../src/core/errors.ts';
import type { Fact } from '../../../../src/core/facts/schema.ts';
import { loadCuratedData } from '../../../../src/core/knowledge.ts';
import { QUIZ_LIMITS, type QuizBank } from '../../../../src/core/quiz/bankSchema.ts';
import {
  checkQuizBank,
  factHash,
  itemsNeedingReview,
  loadQuizBank,
  NOT_QUIZZABLE,
  parseQuizBank,
  reviewQuizItems,
} from '../../../../src/core/quiz/loadBank.ts';

const BANK_PATH = 'data/quiz.json';
const { facts } = loadCuratedData('data');
const bank = loadQuizBank(BANK_PATH, facts);
const rawBank = () => JSON.parse(readFileSync(BANK_PATH, 'utf8')) as { schemaVersion: number; items: Array<Record<string, unknown>> };

/** The DataError message parseQuizBank throws for a bank edited by `edit`. */
function problemsAfter(edit: (file: ReturnType<typeof rawBank>) => void, withFacts: readonly Fact[] = facts): string {
  const file = rawBank();
  edit(file);
  try {
    parseQuizBank(JSON.stringify(file), 'data/quiz.json', withFacts);
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as Error).message;
  }
  throw new Error('expected the bank to be rejected');
}

describe('the quiz bank (data/quiz.json)', () => {
  it('GIVEN the real bank and the real facts THEN it validates and has 45-60 items', () => {
    expect(checkQuizBank(bank, facts)).toEqual([]);
    expect(bank.items.length).toBeGreaterThanOrEqual(45);
    expect(bank.items.length).toBeLessThanOrEqual(60);
  });

  it('GIVEN every fact THEN each one is asked about, unless listed as not quizzable with a reason (at most 5)', () => {
    const exempt = Object.entries(NOT_QUIZZABLE);
    expect(exempt.length).toBeLessThanOrEqual(5);
    for (const [id, reason] of exempt) {
      expect(facts.map((f) => f.id), id).toContain(id);
      expect(reason.length, id).toBeGreaterThan(10);
    }
    const covered = new Set(bank.items.map((item) => item.factId));
    for (const fact of facts) {
      if (!(fact.id in NOT_QUIZZABLE)) expect(covered.has(fact.id), fact.id).toBe(true);
    }
  });

  it('GIVEN every item THEN its four options are distinct, short enough for a button, and the explanation fits', () => {
    for (const item of bank.items) {
      const options = [item.correct, ...item.wrong];
      expect(options, item.id).toHaveLength(4);
      expect(new Set(options.map((o) => o.trim().toLowerCase())).size, item.id).toBe(4);
      for (const option of options) expect(option.length, `${item.id}: ${option}`).toBeLessThanOrEqual(QUIZ_LIMITS.optionLength);
      expect(item.explanation.length, item.id).toBeLessThanOrEqual(200);
      expect(item.explanation, item.id).not.toMatch(/paragraph \d/i);
    }
  });

  it('GIVEN every item THEN its topic is its fact topic and its id names the fact', () => {
    const byId = new Map(facts.map((f) => [f.id, f]));
    for (const item of bank.items) {
      expect(byId.get(item.factId)?.topic, item.id).toBe(item.topic);
      expect(item.id.startsWith(`q-${item.factId}-`), item.id).toBe(true);
    }
  });

  it('GIVEN items with numbers, dates or places THEN the correct answer is in the cited paragraph (spot check)', () => {
    const { paragraphs } = loadCuratedData('data');
    const byId = new Map(facts.map((f) => [f.id, f]));
    const spot: Array<[itemId: string, inArticle: string]> = [
      ['q-last-meeting-1', 'Abu Dhabi'],
      ['q-displaced-armenians-1', '100,000'],
      ['q-eu-process-collapse-2', '2023'],
      ['q-nobel-award-date-1', 'December'],
      ['q-summit-day-1', 'Friday'],
      ['q-karabakh-status-1', 'Azerbaijan'],
    ];
    for (const [itemId, text] of spot) {
      const item = bank.items.find((i) => i.id === itemId);
      expect(item, itemId).toBeDefined();
      expect(item!.correct).toContain(text);
      const fact = byId.get(item!.factId)!;
      expect(paragraphs[fact.source.paragraph - 1], itemId).toContain(text);
    }
  });
});

describe('a broken quiz bank', () => {
  const cases: Array<{ name: string; edit: (file: ReturnType<typeof rawBank>) => void; expected: RegExp }> = [
    {
      name: 'an option longer than a button label',
      edit: (f) => {
        f.items[2]!.wrong = ['x'.repeat(81), 'b', 'c'];
      },
      expected: /item q-\S+ \(items\[2\]\), field wrong\[0\]: must be at most 80 characters/,
    },
    {
      name: 'two wrong answers instead of three',
      edit: (f) => {
        f.items[4]!.wrong = ['b', 'c'];
      },
      expected: /item q-\S+ \(items\[4\]\), field wrong: must hold exactly 3 wrong answers/,
    },
    {
      name: 'an unknown topic',
      edit: (f) => {
        f.items[1]!.topic = 'weather';
      },
      expected: /item q-summit-host-2 \(items\[1\]\), field topic: must be one of/,
    },
    {
      name: 'a misspelt field',
      edit: (f) => {
        f.items[0]!.explanaton = f.items[0]!.explanation;
      },
      expected: /item q-summit-host-1 \(items\[0\]\), field explanaton: unknown field/,
    },
    {
      name: 'a wrong answer repeating the correct one in another case',
      edit: (f) => {
        f.items[0]!.wrong = ['the white house', 'Moscow', 'Brussels'];
      },
      expected: /item q-summit-host-1 \(items\[0\]\), field wrong\[0\]: repeats correct/,
    },
    {
      name: 'an unknown fact id',
      edit: (f) => {
        f.items[3]!.factId = 'summit-weather';
      },
      expected: /item q-\S+ \(items\[3\]\), field factId: unknown fact "summit-weather"/,
    },
    {
      name: "a topic that is not the fact's",
      edit: (f) => {
        f.items[0]!.topic = 'nobel';
      },
      expected: /item q-summit-host-1 \(items\[0\]\), field topic: is "nobel" but fact summit-host has topic "summit"/,
    },
    {
      name: 'a duplicate item id',
      edit: (f) => {
        f.items[5]!.id = f.items[0]!.id;
      },
      expected: /item q-summit-host-1 \(items\[5\]\), field id: duplicate id, already used by items\[0\]/,
    },
    {
      name: 'a fact left without items',
      edit: (f) => {
        f.items = f.items.filter((item) => item.factId !== 'summit-day');
      },
      expected: /fact summit-day: has no quiz item/,
    },
  ];

  it.each(cases)('GIVEN $name THEN the error names the file, the item id and the field', ({ edit, expected }) => {
    const message = problemsAfter(edit);
    expect(message).toMatch(/^data\/quiz\.json: \d+ problem\(s\)/);
    expect(message).toMatch(expected);
  });

  it('GIVEN text that is not JSON THEN the error names the file', () => {
    expect(() => parseQuizBank('{ nope', 'data/quiz.json', facts)).toThrow(/data\/quiz\.json: is not valid JSON/);
  });

  it('GIVEN a missing file THEN loadQuizBank throws a DataError naming it', () => {
    expect(() => loadQuizBank('data/no-such-quiz.json', facts)).toThrow(DataError);
    expect(() => loadQuizBank('data/no-such-quiz.json', facts)).toThrow(/data\/no-such-quiz\.json: cannot be read/);
  });
});

describe('items needing review after moderators edit facts', () => {
  const edited = (id: string, change: Partial<Fact>): Fact[] => facts.map((f) => (f.id === id ? { ...f, ...change } : f));
  const idsFor = (live: Fact[], b: QuizBank = bank) => itemsNeedingReview(b, live, facts).map((item) => item.id).sort();

  it('GIVEN unchanged facts THEN no item needs review', () => {
    expect(itemsNeedingReview(bank, [...facts], [...facts])).toEqual([]);
  });

  it("GIVEN a fact's answer was edited THEN exactly its items need review", () => {
    const live = edited('last-meeting', { answer: 'The leaders last met in Brussels.' });
    expect(idsFor(live)).toEqual(['q-last-meeting-1', 'q-last-meeting-2']);
    expect(reviewQuizItems(bank, live, facts).map((r) => r.reason)).toEqual(['answer-changed', 'answer-changed']);
  });

  it("GIVEN a fact's source was edited THEN its items need review", () => {
    const fact = facts.find((f) => f.id === 'karabakh-status')!;
    const live = edited('karabakh-status', { source: { ...fact.source, paragraph: 6 } });
    expect(reviewQuizItems(bank, live, facts)).toEqual([
      { item: bank.items.find((i) => i.id === 'q-karabakh-status-1'), reason: 'source-changed' },
    ]);
  });

  it('GIVEN a removed fact THEN its items need review', () => {
    const live = facts.filter((f) => f.id !== 'nobel-endorsers');
    expect(idsFor(live)).toEqual(['q-nobel-endorsers-1', 'q-nobel-endorsers-2']);
  });

  it('GIVEN an item pinned to a factHash THEN a change to the curated fact itself also marks it', () => {
    const item = bank.items.find((i) => i.id === 'q-ceasefire-2020-1')!;
    const fact = facts.find((f) => f.id === 'ceasefire-2020')!;
    const pinned: QuizBank = { ...bank, items: [{ ...item, factHash: factHash(fact) }] };
    expect(idsFor([...facts], pinned)).toEqual([]);
    const changed = { ...fact, answer: `${fact.answer} Edited.` };
    const both = facts.map((f) => (f.id === fact.id ? changed : f));
    expect(reviewQuizItems(pinned, both, both)).toEqual([{ item: pinned.items[0], reason: 'fact-hash-changed' }]);
  });
});
