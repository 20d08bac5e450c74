import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.ts';
import { CAPS, IMPORT_CHECKS } from '../../../src/core/facts/caps.ts';
import { checkImport } from '../../../src/core/facts/importFacts.ts';
import type { Fact } from '../../../src/core/facts/schema.ts';
import { fileOf, ownFacts } from '../../support/generatedFacts.ts';
import { loadCuratedData } from '../../../src/core/knowledge.ts';
import { FactStore, StaleImportError } from '../../../src/core/store/factStore.ts';
import { ImportChecker, type ImportCheckLimits } from '../../../src/core/store/importChecker.ts';
import { planImport } from '../../../src/core/store/importPlan.ts';
import { prepareImport, type PreparedImport } from '../../../src/core/store/prepareImport.ts';
import { ANA, BEN, GUILD, OTHER_GUILD, StoreHarness, minuteClock } from './storeFixtures.ts';

const curated = loadCuratedData('data');
const { paragraphs } = curated;

/** The 1 MB file of issue 9: 333,320 empty facts. */
const EMPTY_FACTS_FILE = JSON.stringify({ schemaVersion: 1, facts: Array<object>(333_320).fill({}) });

function problemsOf(result: PreparedImport | ReturnType<typeof checkImport>): { problems: string[]; complete: boolean; total?: number } {
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
      total: 1,
    });
  });

  it('GIVEN one fact more than the cap THEN it is refused before any fact is checked; at the cap it is accepted', () => {
    expect(problemsOf(checkImport(fileOf(ownFacts(CAPS.importFacts + 1)), paragraphs)).problems).toEqual([
      'The file holds 2,001 facts; one import may hold at most 2,000. Split it into smaller files.',
    ]);
    const atCap = checkImport(fileOf(ownFacts(CAPS.importFacts)), paragraphs);
    expect(atCap.ok && atCap.facts).toHaveLength(CAPS.importFacts);
  });

  it('GIVEN a file with more problems than the report holds THEN the first 100 are listed and every one is counted', () => {
    const perFact = problemsOf(checkImport(fileOf([{ id: 'Not An Id' }]), paragraphs)).problems.length;
    const result = problemsOf(checkImport(fileOf(Array<object>(2000).fill({ id: 'Not An Id' })), paragraphs));
    expect(CAPS.reportedProblems).toBe(100);
    expect(result.complete).toBe(false);
    expect(result.problems).toHaveLength(CAPS.reportedProblems);
    expect(result.total).toBe(2000 * perFact);
    expect(result.problems[0]).toMatch(/^fact "Not An Id" \(#1\) id: must be lowercase words/);
  });

  it('GIVEN a file with the wrong version and no list of facts THEN both problems are listed and counted', () => {
    const result = problemsOf(checkImport(JSON.stringify({ schemaVersion: 2, facts: 'none' }), paragraphs));
    expect(result).toMatchObject({ complete: true, total: 2 });
    expect(result.problems).toHaveLength(2);
  });

  it('GIVEN exactly as many problems as the report holds THEN all are listed and the report is complete', () => {
    const facts = ownFacts(CAPS.reportedProblems + 5).map((f, i) => (i < CAPS.reportedProblems ? { ...f, topic: 'weather' } : f));
    const result = problemsOf(checkImport(fileOf(facts), paragraphs));
    expect(result).toMatchObject({ complete: true, total: CAPS.reportedProblems });
    expect(result.problems).toHaveLength(CAPS.reportedProblems);
  });

  it('GIVEN a fact with a huge id THEN its problems quote only the start of it', () => {
    const [problem] = problemsOf(checkImport(fileOf([{ ...ownFacts(1)[0], id: 'X'.repeat(500_000) }]), paragraphs)).problems;
    expect(problem).toMatch(/^fact "X{64}…" \(#1\) id: /);
    expect(problem!.length).toBeLessThan(300);
  });

  it('GIVEN a fact whose id is "constructor" THEN it is accepted like any other; the other prototype keys are refused as ids, each named', () => {
    const [template] = ownFacts(1);
    const accepted = checkImport(fileOf([{ ...template, id: 'constructor' }]), paragraphs);
    expect(accepted.ok && accepted.facts.map((f) => f.id)).toEqual(['constructor']);
    const keys = ['__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    const refused = problemsOf(checkImport(fileOf(keys.map((id) => ({ ...template, id }))), paragraphs));
    expect(refused.problems).toEqual(keys.map((id, i) => `fact "${id}" (#${i + 1}) id: must be lowercase words joined by hyphens, like "summit-day"`));
  });

  it('GIVEN a fact with a "__proto__" field holding a topic THEN its own topic still counts as missing', () => {
    const withoutTopic: Partial<Fact> = { ...ownFacts(1)[0]! };
    delete withoutTopic.topic;
    const text = fileOf([withoutTopic]).replace('{"id"', '{"__proto__":{"topic":"summit"},"id"');
    expect(text).toContain('"__proto__":{"topic":"summit"}');
    expect(problemsOf(checkImport(text, paragraphs)).problems).toEqual([expect.stringMatching(/^fact "own-0" \(#1\) topic: /)]);
  });

  it('GIVEN the same id twice THEN the second is named as a duplicate', () => {
    const [one] = ownFacts(1);
    expect(problemsOf(checkImport(fileOf([one, one]), paragraphs)).problems).toEqual(['fact "own-0" (#2) id: duplicate id "own-0"']);
  });

  it('GIVEN a quote written with a straight apostrophe and a hyphen where the article has ’ and – THEN it is accepted and stored as the article writes it', () => {
    const [one] = ownFacts(1);
    const typed = { ...one!, source: { paragraph: 7, quote: "Trump's earlier involvement in the Democratic Republic of Congo-Rwanda" } };
    const result = checkImport(fileOf([typed]), paragraphs);
    expect(result.ok && result.facts[0]!.source.quote).toBe('Trump’s earlier involvement in the Democratic Republic of Congo–Rwanda');
  });

  it('GIVEN a quote the paragraph does not hold THEN the problem names the closest passage there', () => {
    const [one] = ownFacts(1);
    const wrong = { ...one!, source: { paragraph: 7, quote: 'Trump’s early involvement in the Republic of Congo' } };
    expect(problemsOf(checkImport(fileOf([wrong]), paragraphs)).problems).toEqual([
      'fact "own-0" source.quote is not verbatim in paragraph 7; the closest passage there is "Trump’s earlier involvement in the Democratic Republic of"; copy the quote from the article',
    ]);
  });
});

describe('what one server may hold', () => {
  let h: StoreHarness;
  let store: FactStore;
  beforeEach(() => {
    h = new StoreHarness(curated.facts, minuteClock());
    store = h.store;
  });
  afterEach(() => h.dispose());

  /** Imports of the server's own facts until it holds `held` of them. */
  function fill(held: number): void {
    for (let start = 0; start < held; start += CAPS.importFacts) {
      const facts = ownFacts(Math.min(CAPS.importFacts, held - start), `held-${start}`);
      store.importFacts(GUILD, facts, ANA);
    }
  }
  const curatedFact = curated.facts[0]!;

  it('GIVEN a server at its cap THEN adding, a first edit of a curated fact, and importing a new fact are refused with the cap; nothing changes', () => {
    fill(CAPS.serverFacts);
    const revision = store.revision(GUILD);
    expect(() => store.checkRoom(GUILD)).toThrow(/already holds 5,000 facts of its own .* Nothing was saved\./);
    expect(() => store.addFact(GUILD, ownFacts(1, 'one-more')[0]!, ANA)).toThrow(/already holds 5,000 facts/);
    expect(() => store.editFact(GUILD, { ...curatedFact, answer: 'An edit.' }, 0, ANA)).toThrow(/already holds 5,000 facts/);
    expect(() => store.importFacts(GUILD, ownFacts(1, 'one-more'), ANA)).toThrow(
      'This import would bring the server to 5,001 facts of its own (added or edited); one server may hold at most 5,000. Remove facts it no longer needs or import fewer. Nothing was imported.',
    );
    expect(store.revision(GUILD)).toBe(revision);
    // Facts it already holds can still change, and other servers are not affected.
    expect(store.importFacts(GUILD, [{ ...ownFacts(1, 'held-0')[0]!, answer: 'Changed.' }], BEN).updated).toEqual(['held-0-0']);
    expect(store.addFact(OTHER_GUILD, ownFacts(1, 'elsewhere')[0]!, ANA).version).toBe(1);
  });

  it('GIVEN a server at its cap WHEN a fact is removed THEN there is room for one, and undoing the removal is refused while full', () => {
    fill(CAPS.serverFacts);
    store.removeFact(GUILD, 'held-0-0', 1, ANA);
    store.addFact(GUILD, ownFacts(1, 'one-more')[0]!, ANA);
    expect(() => store.undoRemove(GUILD, 'held-0-0', ANA)).toThrow(/already holds 5,000 facts/);
    expect(() => store.restore(GUILD, 'held-0-0', 1, ANA)).toThrow(/already holds 5,000 facts/);
    expect(store.getFact(GUILD, 'held-0-0')?.removed).toBe(true);
  });

  it('GIVEN a plan made before another change in the server THEN applying it writes nothing and says it is stale', () => {
    const plan = planImport(store.importSnapshot(GUILD), ownFacts(3));
    store.editFact(GUILD, { ...curatedFact, answer: 'Edited meanwhile.' }, 0, BEN);
    const revision = store.revision(GUILD);
    expect(() => store.applyImport(plan, ANA)).toThrow(StaleImportError);
    expect(store.revision(GUILD)).toBe(revision);
    expect(store.getFact(GUILD, 'own-0')).toBeUndefined();
  });

  it('GIVEN 2,000 facts WHEN the write fails at the last one THEN none is applied; WHEN it succeeds THEN all are', () => {
    let reads = 0;
    const clock = minuteClock();
    const failing = new FactStore(h.db, curated.facts, {
      now: () => {
        reads += 1;
        if (reads === CAPS.importFacts) throw new Error('disk full');
        return clock();
      },
    });
    const facts = [...ownFacts(CAPS.importFacts - 1), { ...curatedFact, answer: 'Imported.' }];
    expect(() => failing.importFacts(GUILD, facts, ANA)).toThrow('disk full');
    expect(failing.revision(GUILD)).toBe(0);
    expect(failing.getFact(GUILD, 'own-0')).toBeUndefined();

    expect(store.importFacts(GUILD, facts, ANA)).toMatchObject({ updated: [curatedFact.id], unchanged: 0 });
    expect(store.effectiveFacts(GUILD)).toHaveLength(curated.facts.length + CAPS.importFacts - 1);
    expect(store.getFact(GUILD, curatedFact.id)?.fact.answer).toBe('Imported.');
  });
});

describe('checking large imports in a worker thread', () => {
  let h: StoreHarness;
  beforeEach(() => {
    h = new StoreHarness(curated.facts, minuteClock());
  });
  afterEach(() => h.dispose());

  const limits = (over: Partial<ImportCheckLimits>): ImportCheckLimits => ({ ...IMPORT_CHECKS, inlineBytes: 0, ...over });
  const request = (text: string) => ({ text, paragraphs, snapshot: () => h.store.importSnapshot(GUILD) });

  it('GIVEN a file WHEN checked in a worker THEN the plan is the one made in this thread, and it applies', async () => {
    const text = fileOf([...ownFacts(3), { ...curated.facts[1]!, answer: 'Imported.' }]);
    const prepared = await new ImportChecker(limits({})).prepare(request(text));
    expect(prepared).toEqual(prepareImport({ text, paragraphs, snapshot: h.store.importSnapshot(GUILD) }));
    if (!prepared.ok) throw new Error(prepared.problems.join('\n'));
    expect(h.store.applyImport(prepared.plan, ANA)).toMatchObject({ added: ['own-0', 'own-1', 'own-2'], updated: [curated.facts[1]!.id] });
  });

  it('GIVEN the 1 MB file of 333,320 empty facts WHEN checked in a worker THEN it is refused with the cap', async () => {
    const prepared = await new ImportChecker(limits({})).prepare(request(EMPTY_FACTS_FILE));
    expect(problemsOf(prepared).problems).toEqual(['The file holds 333,320 facts; one import may hold at most 2,000. Split it into smaller files.']);
  });

  it('GIVEN every worker busy and the line full THEN another import is refused at once, and the first still finishes', async () => {
    const checker = new ImportChecker(limits({ workers: 1, waiting: 0 }));
    const first = checker.prepare(request(fileOf(ownFacts(10))));
    await expect(checker.prepare(request(fileOf(ownFacts(10))))).rejects.toThrow(
      'Other servers are importing facts right now. Nothing was imported; please try again in a minute.',
    );
    expect((await first).ok).toBe(true);
    expect(checker.load).toEqual({ running: 0, waiting: 0 });
  });

  it('GIVEN every worker busy THEN the next import waits its turn and is then checked', async () => {
    const checker = new ImportChecker(limits({ workers: 1, waiting: 1 }));
    const both = [checker.prepare(request(fileOf(ownFacts(10, 'a')))), checker.prepare(request(fileOf(ownFacts(10, 'b'))))];
    expect(checker.load).toEqual({ running: 1, waiting: 1 });
    expect((await Promise.all(both)).map((p) => p.ok)).toEqual([true, true]);
  });

  it('GIVEN a check that outlasts the time limit THEN it is stopped with a clear message and the worker is free again', async () => {
    const checker = new ImportChecker(limits({ workers: 1, timeoutMs: 1 }));
    const error = await checker.prepare(request(fileOf(ownFacts(10)))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe('Checking the file took more than 0.001 seconds, so I stopped. Nothing was imported; try a smaller file.');
    expect(checker.load).toEqual({ running: 0, waiting: 0 });
  });
});
