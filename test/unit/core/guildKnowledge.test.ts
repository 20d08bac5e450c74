import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../src/core/answers/answerQuestion.ts';
import { GuildKnowledge, type GuildFactSource } from '../../../src/core/guildKnowledge.ts';
import type { Fact } from '../../../src/core/facts/schema.ts';
import { loadCuratedData } from '../../../src/core/knowledge.ts';
import { defaultEngine } from '../../../src/core/search/searchIndex.ts';
import type { FactChange } from '../../../src/core/store/engine.ts';

const curated = loadCuratedData('data').facts;
const engine = defaultEngine();
/** Slices by the clock would make these tests depend on the machine's load: small changes get all the time they need, large ones one fact per slice. */
const unhurried = { sliceMs: 60_000 };
const factBySlice = { sliceMs: 0 };

/** A store of per-server changes in memory: each change moves the server's revision. */
class FakeStore implements GuildFactSource {
  private readonly byGuild = new Map<string, Map<string, { version: number; removed: boolean; fact: Fact | null }>>();
  private readonly revisions = new Map<string, number>();
  reads = 0;

  revision(guildId: string): number {
    return this.revisions.get(guildId) ?? 0;
  }

  changes(guildId: string): FactChange[] {
    return [...(this.byGuild.get(guildId) ?? new Map()).entries()].map(([factId, head]) => ({
      factId,
      version: head.version,
      removed: head.removed,
      curated: curated.some((f) => f.id === factId),
      own: !head.removed && head.fact !== null,
      content: () => {
        this.reads++;
        return head.fact ?? undefined;
      },
    }));
  }

  save(guildId: string, fact: Fact): void {
    this.write(guildId, fact.id, { removed: false, fact });
  }

  remove(guildId: string, id: string): void {
    this.write(guildId, id, { removed: true, fact: null });
  }

  private write(guildId: string, id: string, head: { removed: boolean; fact: Fact | null }): void {
    const heads = this.byGuild.get(guildId) ?? new Map();
    heads.set(id, { version: (heads.get(id)?.version ?? 0) + 1, ...head });
    this.byGuild.set(guildId, heads);
    this.revisions.set(guildId, this.revision(guildId) + 1);
  }
}

const reuters: Fact = {
  ...curated.find((f) => f.id === 'summit-draft-unveiling')!,
  id: 'reuters-agency',
  question: 'Which news agency reported the peace draft?',
  questions: [],
  keywords: ['news agency'],
  aliases: [],
  related: [],
};
const asked = (knowledge: ReturnType<GuildKnowledge['for']>, question: string) => answerQuestion(knowledge, question);

describe('GuildKnowledge: one shared index, small overlays', () => {
  it('GIVEN a server that added one fact THEN it is answered there at once, and another server does not see it', () => {
    const store = new FakeStore();
    const knowledge = new GuildKnowledge(store, engine, curated, unhurried);
    store.save('a', reuters);
    expect(asked(knowledge.for('a'), reuters.question).fact?.id).toBe('reuters-agency');
    expect(asked(knowledge.for('b'), reuters.question).fact?.id).not.toBe('reuters-agency');
    expect(knowledge.for('b')).toBe(knowledge.curated);
    expect(knowledge.sizes).toEqual({ servers: 1, ownFacts: 1 });
  });

  it('GIVEN a server that edited a curated fact THEN its text replaces the curated one there only, at the same place', () => {
    const store = new FakeStore();
    const knowledge = new GuildKnowledge(store, engine, curated, unhurried);
    const host = curated[0]!;
    store.save('a', { ...host, answer: 'Edited: the talks are at the White House.' });
    const facts = knowledge.for('a').facts;
    expect(facts.get(host.id)!.answer).toBe('Edited: the talks are at the White House.');
    expect(facts.facts.map((f) => f.id)).toEqual(curated.map((f) => f.id));
    expect(asked(knowledge.for('a'), host.question).fact?.answer).toBe('Edited: the talks are at the White House.');
    expect(knowledge.curated.facts.get(host.id)!.answer).toBe(host.answer);
  });

  it('GIVEN a server that removed a curated fact THEN it is neither listed nor answered there', () => {
    const store = new FakeStore();
    const knowledge = new GuildKnowledge(store, engine, curated, unhurried);
    const host = curated[0]!;
    store.remove('a', host.id);
    expect(knowledge.for('a').facts.get(host.id)).toBeUndefined();
    expect(asked(knowledge.for('a'), host.question).fact?.id).not.toBe(host.id);
    expect(knowledge.for('a').index.search(host.question, 10).map((r) => r.fact.id)).not.toContain(host.id);
  });

  it('GIVEN a second save THEN only the fact that changed is read and indexed again', () => {
    const store = new FakeStore();
    const knowledge = new GuildKnowledge(store, engine, curated, unhurried);
    store.save('a', reuters);
    store.save('a', { ...reuters, id: 'other-fact', question: 'What other fact is there?' });
    knowledge.for('a');
    const before = store.reads;
    store.save('a', { ...reuters, answer: 'Reuters (edited).' });
    expect(knowledge.for('a').facts.get('reuters-agency')!.answer).toBe('Reuters (edited).');
    expect(store.reads - before).toBe(1);
  });

  it('GIVEN a server with more new facts than fit in one slice of work THEN its previous knowledge answers until the rest is done in the background', async () => {
    const store = new FakeStore();
    const knowledge = new GuildKnowledge(store, engine, curated, factBySlice);
    const many = Array.from({ length: 300 }, (_, i) => ({ ...reuters, id: `imported-${i}`, question: `Imported question number ${i}?` }));
    for (const fact of many) store.save('a', fact);
    const meanwhile = knowledge.for('a');
    expect(meanwhile).toBe(knowledge.curated);
    await knowledge.settled();
    const after = knowledge.for('a');
    expect(after.facts.size).toBe(curated.length + many.length);
    expect(answerQuestion(after, 'Imported question number 299?').fact?.id).toBe('imported-299');
  });

  it('GIVEN saves arriving while a server is being indexed THEN the work done is kept and the latest revision is put in place', async () => {
    const store = new FakeStore();
    const knowledge = new GuildKnowledge(store, engine, curated, factBySlice);
    for (let i = 0; i < 300; i++) store.save('a', { ...reuters, id: `imported-${i}`, question: `Imported question number ${i}?` });
    knowledge.for('a');
    for (let edit = 0; edit < 5; edit++) {
      store.save('a', { ...reuters, answer: `Reuters, edit ${edit}.` });
      knowledge.for('a');
      await new Promise((r) => setImmediate(r));
    }
    await knowledge.settled();
    const after = knowledge.for('a');
    expect(after.facts.get('reuters-agency')!.answer).toBe('Reuters, edit 4.');
    expect(answerQuestion(after, 'Imported question number 7?').fact?.id).toBe('imported-7');
  });

  it('GIVEN servers holding more facts of their own than the budget THEN the least recently asked are forgotten, whatever their number', () => {
    const store = new FakeStore();
    const knowledge = new GuildKnowledge(store, engine, curated, { ...unhurried, maxServers: 100, maxOwnFacts: 3 });
    for (const guild of ['a', 'b']) {
      store.save(guild, reuters);
      store.save(guild, { ...reuters, id: 'second', question: 'A second question?' });
      knowledge.for(guild);
    }
    expect(knowledge.sizes).toEqual({ servers: 1, ownFacts: 2 });
    expect(answerQuestion(knowledge.for('a'), reuters.question).fact?.id).toBe('reuters-agency');
  });

  it('GIVEN more servers with facts of their own than the bound THEN the least recently asked is forgotten, and re-indexed when asked again', () => {
    const store = new FakeStore();
    const knowledge = new GuildKnowledge(store, engine, curated, { ...unhurried, maxServers: 2 });
    for (const guild of ['a', 'b', 'c']) store.save(guild, reuters);
    knowledge.for('a');
    knowledge.for('b');
    knowledge.for('c');
    expect(knowledge.sizes.servers).toBe(2);
    expect(answerQuestion(knowledge.for('a'), reuters.question).fact?.id).toBe('reuters-agency');
  });
});
