import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.ts';
import { factFileSchema, type Fact } from '../../../src/core/facts/schema.ts';
import { FactStore, StaleEditError } from '../../../src/core/store/factStore.ts';
import { ANA, BEN, CURATED, GUILD, OTHER_GUILD, StoreHarness, fact, minute, minuteClock } from './storeFixtures.ts';

let h: StoreHarness;
let store: FactStore;
beforeEach(() => {
  h = new StoreHarness();
  store = h.store;
});
afterEach(() => h.dispose());

const ids = (facts: readonly Fact[]) => facts.map((f) => f.id);
const edited = (id: string, over: Partial<Fact>): Fact => ({ ...store.getFact(GUILD, id)!.fact, ...over });
const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
};

describe('a server that changed nothing', () => {
  it('GIVEN a new server THEN it sees the curated facts at version 0, revision 0, with the curated text as history', () => {
    expect(store.effectiveFacts(GUILD)).toEqual(CURATED);
    expect(store.revision(GUILD)).toBe(0);
    expect(store.getFact(GUILD, 'summit-day')).toEqual({ fact: CURATED[1], version: 0, origin: 'curated', removed: false });
    expect(store.history(GUILD, 'summit-day')).toEqual([
      { version: 0, action: 'curated', actorId: null, actorName: null, at: null, changedFields: [], fact: CURATED[1] },
    ]);
    expect(store.getFact(GUILD, 'no-such-fact')).toBeUndefined();
    expect(store.history(GUILD, 'no-such-fact')).toEqual([]);
  });
});

describe('adding facts', () => {
  it('GIVEN two additions THEN they come after the curated facts in the order they were added, at version 1', () => {
    const saved = store.addFact(GUILD, fact('ceasefire-terms'), ANA);
    store.addFact(GUILD, fact('aid-corridor'), BEN);
    expect(saved).toEqual({ fact: fact('ceasefire-terms'), version: 1, origin: 'added', removed: false });
    expect(ids(store.effectiveFacts(GUILD))).toEqual(['summit-host', 'summit-day', 'nobel-bid', 'ceasefire-terms', 'aid-corridor']);
    expect(store.history(GUILD, 'aid-corridor')).toEqual([
      { version: 1, action: 'add', actorId: BEN.id, actorName: 'Ben', at: minute(1), changedFields: [], fact: fact('aid-corridor') },
    ]);
  });

  it.each([
    ['a curated fact', 'summit-day', () => {}, /already exists: a curated fact/],
    ['a curated fact it edited', 'summit-day', () => store.editFact(GUILD, edited('summit-day', { answer: 'New.' }), 0, ANA), /already exists: a curated fact/],
    ['a fact it added', 'aid-corridor', () => store.addFact(GUILD, fact('aid-corridor'), ANA), /already exists: a fact this server added/],
    ['a fact it removed', 'nobel-bid', () => store.removeFact(GUILD, 'nobel-bid', 0, ANA), /already exists: a removed fact/],
  ])('GIVEN the id of %s THEN adding is refused and nothing changes', (_what, id, setUp, message) => {
    setUp();
    const before = { facts: store.effectiveFacts(GUILD), revision: store.revision(GUILD) };
    const error = thrown(() => store.addFact(GUILD, fact(id, { answer: 'Something else entirely.' }), BEN));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`"${id}"`);
    expect({ facts: store.effectiveFacts(GUILD), revision: store.revision(GUILD) }).toEqual(before);
  });

  it('GIVEN an invalid fact or a related id the server lacks THEN adding is refused with the field named', () => {
    expect(() => store.addFact(GUILD, { ...fact('bad-one'), answer: '  ' }, ANA)).toThrow(/answer: must not be empty/);
    expect(() => store.addFact(GUILD, fact('new-one', { related: ['missing-fact'] }), ANA)).toThrow(/related lists "missing-fact"/);
    expect(store.revision(GUILD)).toBe(0);
  });
});

describe('editing facts', () => {
  it('GIVEN a curated fact edited twice THEN the edit takes its place and history says who, when and what changed', () => {
    const first = store.editFact(GUILD, edited('summit-day', { answer: 'Friday, 8 August.' }), 0, ANA);
    expect(first).toMatchObject({ version: 1, origin: 'edited', removed: false });
    store.editFact(GUILD, edited('summit-day', { keywords: ['friday'], question: 'When is the summit?' }), 1, BEN);

    expect(store.effectiveFacts(GUILD)[1]).toMatchObject({ id: 'summit-day', answer: 'Friday, 8 August.', question: 'When is the summit?' });
    expect(store.history(GUILD, 'summit-day').map(({ fact: _f, ...v }) => v)).toEqual([
      { version: 0, action: 'curated', actorId: null, actorName: null, at: null, changedFields: [] },
      { version: 1, action: 'edit', actorId: ANA.id, actorName: 'Ana', at: minute(0), changedFields: ['answer'] },
      { version: 2, action: 'edit', actorId: BEN.id, actorName: 'Ben', at: minute(1), changedFields: ['question', 'keywords'] },
    ]);
    expect(store.history(GUILD, 'summit-day')[0]!.fact).toEqual(CURATED[1]);
  });

  it('GIVEN an edit that changes nothing THEN no version is recorded', () => {
    expect(store.editFact(GUILD, edited('nobel-bid', {}), 0, ANA)).toMatchObject({ version: 0, origin: 'curated' });
    expect(store.revision(GUILD)).toBe(0);
    expect(store.history(GUILD, 'nobel-bid')).toHaveLength(1);
  });

  it('GIVEN two moderators editing the same version THEN the second save is refused, says who changed what, and overwrites nothing', () => {
    const startedFrom = store.getFact(GUILD, 'summit-host')!;
    store.editFact(GUILD, { ...startedFrom.fact, answer: 'Ana’s answer.', keywords: ['host', 'venue'] }, startedFrom.version, ANA);
    const revision = store.revision(GUILD);

    const error = thrown(() => store.editFact(GUILD, { ...startedFrom.fact, question: 'Ben’s question?' }, startedFrom.version, BEN));
    expect(error).toBeInstanceOf(StaleEditError);
    expect(error).toBeInstanceOf(UserError);
    const stale = error as StaleEditError;
    expect(stale.message).toContain('Ana');
    expect(stale.message).toContain(minute(0));
    expect(stale.message).toContain('answer, keywords');
    expect(stale.message).toMatch(/now version 1 \(you started from version 0\)/);
    expect(stale.changedFields).toEqual(['answer', 'keywords']);
    expect(stale.current).toMatchObject({ version: 1, origin: 'edited', fact: { answer: 'Ana’s answer.' } });

    expect(store.getFact(GUILD, 'summit-host')!.fact).toMatchObject({ answer: 'Ana’s answer.', question: startedFrom.fact.question });
    expect(store.revision(GUILD)).toBe(revision);
    expect(store.history(GUILD, 'summit-host')).toHaveLength(2);
  });

  it('GIVEN a removed fact THEN editing it is refused', () => {
    store.removeFact(GUILD, 'nobel-bid', 0, ANA);
    expect(() => store.editFact(GUILD, { ...CURATED[2]!, answer: 'Changed.' }, 2, BEN)).toThrow(/has been removed: undo the removal/);
  });

  it('GIVEN an unknown id THEN editing is refused', () => {
    expect(() => store.editFact(GUILD, fact('never-added'), 0, ANA)).toThrow(UserError);
  });
});

describe('removing and undoing', () => {
  it('GIVEN a removed curated fact THEN it leaves the list, getFact still finds it, and undo brings the same text back', () => {
    store.editFact(GUILD, edited('summit-host', { answer: 'Edited before removal.' }), 0, ANA);
    const removed = store.removeFact(GUILD, 'summit-host', 1, BEN);
    expect(removed).toMatchObject({ version: 2, removed: true });
    expect(ids(store.effectiveFacts(GUILD))).toEqual(['summit-day', 'nobel-bid']);
    expect(store.getFact(GUILD, 'summit-host')).toMatchObject({ version: 2, removed: true, fact: { answer: 'Edited before removal.' } });

    const back = store.undoRemove(GUILD, 'summit-host', ANA);
    expect(back).toMatchObject({ version: 3, removed: false, fact: { answer: 'Edited before removal.' } });
    expect(ids(store.effectiveFacts(GUILD))).toEqual(ids(CURATED));
    expect(store.history(GUILD, 'summit-host').map((v) => [v.version, v.action, v.actorName])).toEqual([
      [0, 'curated', null],
      [1, 'edit', 'Ana'],
      [2, 'remove', 'Ben'],
      [3, 'undo-remove', 'Ana'],
    ]);
  });

  it('GIVEN a stale version, an already removed fact or nothing to undo THEN the change is refused', () => {
    store.editFact(GUILD, edited('nobel-bid', { answer: 'Changed.' }), 0, ANA);
    expect(() => store.removeFact(GUILD, 'nobel-bid', 0, BEN)).toThrow(StaleEditError);
    expect(() => store.undoRemove(GUILD, 'nobel-bid', BEN)).toThrow(/not removed/);
    store.removeFact(GUILD, 'nobel-bid', 1, BEN);
    expect(() => store.removeFact(GUILD, 'nobel-bid', 2, BEN)).toThrow(/already removed/);
  });

  it('GIVEN a removed fact that another fact lists as related THEN the list and the export drop that link', () => {
    store.removeFact(GUILD, 'summit-day', 0, ANA);
    expect(store.effectiveFacts(GUILD)[0]).toMatchObject({ id: 'summit-host', related: [] });
    expect(() => factFileSchema.parse(store.exportFacts(GUILD))).not.toThrow();
  });
});

describe('restoring a version', () => {
  it('GIVEN an edited fact THEN restoring an earlier version records a new version with that content', () => {
    store.editFact(GUILD, edited('summit-day', { answer: 'First edit.' }), 0, ANA);
    store.editFact(GUILD, edited('summit-day', { answer: 'Second edit.' }), 1, BEN);
    const restored = store.restore(GUILD, 'summit-day', 1, ANA);
    expect(restored).toMatchObject({ version: 3, fact: { answer: 'First edit.' } });
    expect(store.history(GUILD, 'summit-day').at(-1)).toMatchObject({ version: 3, action: 'restore', actorName: 'Ana', changedFields: ['answer'] });

    const original = store.restore(GUILD, 'summit-day', 0, BEN);
    expect(original).toMatchObject({ version: 4, origin: 'edited', fact: CURATED[1] });
    expect(store.effectiveFacts(GUILD)).toEqual(CURATED);
  });

  it.each([
    ['an unknown version', 'summit-day', 7, /no version 7: it has versions 0 to 1/],
    ['a negative version', 'summit-day', -1, /no version -1: it has versions 0 to 1/],
    ['version 0 of an added fact', 'own-fact', 0, /no version 0: it has only version 1/],
    ['the current version', 'summit-day', 1, /already the current version/],
  ])('GIVEN %s THEN restore is refused with the valid range', (_what, id, version, message) => {
    store.editFact(GUILD, edited('summit-day', { answer: 'Edit.' }), 0, ANA);
    store.addFact(GUILD, fact('own-fact'), ANA);
    const error = thrown(() => store.restore(GUILD, id, version, BEN));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(message);
  });

  it('GIVEN a removed fact THEN restoring an earlier version brings it back', () => {
    store.editFact(GUILD, edited('nobel-bid', { answer: 'Edit.' }), 0, ANA);
    store.removeFact(GUILD, 'nobel-bid', 1, ANA);
    expect(store.restore(GUILD, 'nobel-bid', 0, BEN)).toMatchObject({ version: 3, removed: false, fact: CURATED[2] });
    expect(ids(store.effectiveFacts(GUILD))).toContain('nobel-bid');
  });
});

describe('importing and exporting', () => {
  it('GIVEN a file with equal, changed and new facts THEN it skips, updates and adds, and leaves the rest alone', () => {
    const summary = store.importFacts(GUILD, [CURATED[0]!, { ...CURATED[1]!, answer: 'Imported answer.' }, fact('imported-fact')], ANA);
    expect(summary).toEqual({ added: ['imported-fact'], updated: ['summit-day'], unchanged: 1, notInFile: 1 });
    expect(store.effectiveFacts(GUILD).map((f) => [f.id, f.answer])).toEqual([
      ['summit-host', CURATED[0]!.answer],
      ['summit-day', 'Imported answer.'],
      ['nobel-bid', CURATED[2]!.answer],
      ['imported-fact', fact('imported-fact').answer],
    ]);
    expect(store.history(GUILD, 'summit-day').at(-1)).toMatchObject({ action: 'import', actorName: 'Ana', changedFields: ['answer'] });
    expect(store.history(GUILD, 'imported-fact')).toMatchObject([{ version: 1, action: 'import' }]);

    const revision = store.revision(GUILD);
    expect(store.importFacts(GUILD, store.exportFacts(GUILD).facts, BEN)).toEqual({ added: [], updated: [], unchanged: 4, notInFile: 0 });
    expect(store.revision(GUILD)).toBe(revision);
  });

  it.each([
    ['an invalid fact in the middle', (facts: Fact[]) => [facts[0]!, { ...facts[1]!, answer: '' }, facts[2]!], {}],
    ['the same id twice', (facts: Fact[]) => [...facts, facts[0]!], {}],
    ['a failure while writing the third fact', (facts: Fact[]) => facts, { failOnWrite: 3 }],
  ])('GIVEN %s THEN nothing of the import is applied', (_what, build, { failOnWrite }: { failOnWrite?: number }) => {
    let writes = 0;
    const clock = minuteClock();
    const failing = new FactStore(h.db, CURATED, {
      now: () => {
        writes += 1;
        if (writes === failOnWrite) throw new Error('disk full');
        return clock();
      },
    });
    const facts = [{ ...CURATED[0]!, answer: 'Changed 1.' }, fact('new-one'), { ...CURATED[2]!, answer: 'Changed 3.' }];
    expect(() => failing.importFacts(GUILD, build(facts), ANA)).toThrow();
    expect(failing.effectiveFacts(GUILD)).toEqual(CURATED);
    expect(failing.revision(GUILD)).toBe(0);
    expect(failing.history(GUILD, 'summit-host')).toHaveLength(1);
    expect(failing.getFact(GUILD, 'new-one')).toBeUndefined();
  });

  it('GIVEN a removed fact in the imported file THEN it comes back as updated', () => {
    store.removeFact(GUILD, 'nobel-bid', 0, ANA);
    expect(store.importFacts(GUILD, [CURATED[2]!], BEN)).toEqual({ added: [], updated: ['nobel-bid'], unchanged: 0, notInFile: 2 });
    expect(store.getFact(GUILD, 'nobel-bid')).toMatchObject({ removed: false, version: 2 });
  });

  it('GIVEN an edited server THEN its export passes factFileSchema and imports into another server identically', () => {
    store.editFact(GUILD, edited('summit-day', { answer: 'Edited.', date: undefined }), 0, ANA);
    store.addFact(GUILD, fact('own-fact', { related: ['summit-day'], aliases: ['Own'] }), ANA);
    store.removeFact(GUILD, 'nobel-bid', 0, BEN);

    const file = store.exportFacts(GUILD);
    const parsed = factFileSchema.parse(JSON.parse(JSON.stringify(file)));
    expect(parsed).toEqual(file);
    expect(parsed.facts).toEqual(store.effectiveFacts(GUILD));

    store.importFacts(OTHER_GUILD, parsed.facts, BEN);
    expect(store.effectiveFacts(OTHER_GUILD).filter((f) => f.id !== 'nobel-bid')).toEqual(store.effectiveFacts(GUILD));
  });

  it('GIVEN every fact removed THEN export refuses with a clear message', () => {
    for (const f of CURATED) store.removeFact(GUILD, f.id, 0, ANA);
    expect(() => store.exportFacts(GUILD)).toThrow(/no facts to export/);
  });
});

describe('servers and curated releases', () => {
  it('GIVEN two servers THEN neither sees the other’s edits, additions or removals', () => {
    store.editFact(GUILD, edited('summit-host', { answer: 'Only in guild 1.' }), 0, ANA);
    store.addFact(GUILD, fact('guild-one-fact'), ANA);
    store.removeFact(GUILD, 'nobel-bid', 0, ANA);

    expect(store.effectiveFacts(OTHER_GUILD)).toEqual(CURATED);
    expect(store.getFact(OTHER_GUILD, 'guild-one-fact')).toBeUndefined();
    expect(store.getFact(OTHER_GUILD, 'summit-host')).toMatchObject({ version: 0, origin: 'curated' });
    expect(store.revision(OTHER_GUILD)).toBe(0);
    expect(store.revision(GUILD)).toBeGreaterThan(0);
    store.addFact(OTHER_GUILD, fact('guild-one-fact'), BEN);
  });

  it('GIVEN a new curated release THEN it reaches facts a server did not edit and keeps the ones it did', () => {
    store.editFact(GUILD, edited('summit-day', { answer: 'Guild 1 wording.' }), 0, ANA);
    store.restore(GUILD, 'summit-day', 0, ANA); // back to curated: follows releases again
    store.editFact(GUILD, edited('summit-host', { answer: 'Guild 1 host.' }), 0, ANA);
    store.removeFact(GUILD, 'nobel-bid', 0, ANA);
    store.editFact(OTHER_GUILD, { ...CURATED[1]!, answer: 'Guild 2 wording.' }, 0, BEN);

    const release = [
      { ...CURATED[0]!, answer: 'Release 2 host.' },
      { ...CURATED[1]!, answer: 'Release 2 day.' },
      CURATED[2]!,
      fact('new-curated'),
    ];
    const next = h.reopen(release);
    expect(next.effectiveFacts(GUILD).map((f) => [f.id, f.answer])).toEqual([
      ['summit-host', 'Guild 1 host.'],
      ['summit-day', 'Release 2 day.'],
      ['new-curated', fact('new-curated').answer],
    ]);
    expect(next.effectiveFacts(OTHER_GUILD).map((f) => f.answer)).toEqual(['Release 2 host.', 'Guild 2 wording.', CURATED[2]!.answer, fact('new-curated').answer]);
    expect(next.effectiveFacts('untouched-guild')).toEqual(release);
    // The history still shows the curated text the server started from.
    expect(next.history(OTHER_GUILD, 'summit-day')[0]!.fact).toEqual(CURATED[1]);
  });
});

describe('revision', () => {
  it('GIVEN changes, refused changes, gaps and votes THEN only the changes move the revision', () => {
    const seen = [store.revision(GUILD)];
    store.addFact(GUILD, fact('own-fact'), ANA);
    seen.push(store.revision(GUILD));
    store.editFact(GUILD, edited('own-fact', { answer: 'Edited.' }), 1, ANA);
    seen.push(store.revision(GUILD));
    expect(() => store.editFact(GUILD, edited('own-fact', { answer: 'Stale.' }), 1, BEN)).toThrow(StaleEditError);
    store.recordUnanswered(GUILD, 'What is the weather?', BEN.id);
    store.vote(GUILD, 'own-fact', BEN.id, false);
    seen.push(store.revision(GUILD));
    store.removeFact(GUILD, 'own-fact', 2, ANA);
    seen.push(store.revision(GUILD));
    expect(seen).toEqual([0, 1, 2, 2, 3]);
  });
});
