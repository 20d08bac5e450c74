import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataError } from '../../../src/core/errors.ts';
import { MIGRATIONS, migrate, openDatabase, openMemoryDatabase } from '../../../src/core/store/database.ts';
import { FactStore } from '../../../src/core/store/factStore.ts';
import { ANA, BEN, CURATED, GUILD, OTHER_GUILD, StoreHarness, fact, minute } from './storeFixtures.ts';

let h: StoreHarness;
beforeEach(() => {
  h = new StoreHarness();
});
afterEach(() => h.dispose());

describe('unanswered questions (gaps)', () => {
  it('GIVEN the same question typed differently THEN it is counted once, with the latest wording and time', () => {
    const { store } = h;
    store.recordUnanswered(GUILD, 'Who is Pashinyan?');
    store.recordUnanswered(GUILD, '  who is   PASHINYÁN!! ');
    store.recordUnanswered(GUILD, 'What about the oil pipeline?');
    store.recordUnanswered(GUILD, 'who is pashinyan');
    expect(store.gaps(GUILD)).toEqual([
      { question: 'who is pashinyan', count: 3, lastAskedAt: minute(3) },
      { question: 'What about the oil pipeline?', count: 1, lastAskedAt: minute(2) },
    ]);
  });

  it('GIVEN equal counts THEN the most recently asked comes first, and the limit is respected', () => {
    const { store } = h;
    for (const q of ['first question', 'second question', 'third question', 'first question', 'third question']) {
      store.recordUnanswered(GUILD, q);
    }
    expect(store.gaps(GUILD).map((g) => [g.question, g.count])).toEqual([
      ['third question', 2],
      ['first question', 2],
      ['second question', 1],
    ]);
    expect(store.gaps(GUILD, 1).map((g) => g.question)).toEqual(['third question']);
  });

  it('GIVEN a long question, an empty one and another server THEN the example is cut to 200, the empty one ignored, servers apart', () => {
    const { store } = h;
    expect(store.recordUnanswered(GUILD, `why ${'very '.repeat(80)}long?`)).toBe(true);
    expect(store.recordUnanswered(GUILD, ' ?!… ')).toBe(false);
    const [gap] = store.gaps(GUILD);
    expect(gap!.question.length).toBeLessThanOrEqual(200);
    expect(gap!.question.startsWith('why very very')).toBe(true);
    expect(store.gaps(GUILD)).toHaveLength(1);
    expect(store.gaps(OTHER_GUILD)).toEqual([]);
  });
});

describe('votes', () => {
  it('GIVEN one member voting again THEN it is one vote, which they can change', () => {
    const { store } = h;
    expect(store.vote(GUILD, 'answer-1', 'summit-day', ANA.id, false)).toBe('recorded');
    expect(store.vote(GUILD, 'answer-1', 'summit-day', ANA.id, false)).toBe('unchanged');
    expect(store.vote(GUILD, 'answer-1', 'summit-day', ANA.id, true)).toBe('changed');
    expect(store.vote(GUILD, 'answer-1', 'summit-day', BEN.id, false)).toBe('recorded');
    expect(store.vote(GUILD, 'answer-2', 'summit-day', ANA.id, false)).toBe('recorded');
    expect(store.unhelpfulFacts(GUILD)).toEqual([{ factId: 'summit-day', unhelpful: 2, helpful: 1 }]);
  });

  it('GIVEN votes on several facts THEN the most unhelpful come first and facts with none are left out', () => {
    const { store } = h;
    const votes: Array<[string, string, string, boolean]> = [
      ['a1', 'summit-host', 'u1', false],
      ['a2', 'summit-day', 'u1', false],
      ['a2', 'summit-day', 'u2', false],
      ['a3', 'summit-day', 'u3', true],
      ['a4', 'nobel-bid', 'u1', true],
      ['a5', 'summit-host', 'u2', true],
    ];
    for (const [answer, factId, user, helpful] of votes) store.vote(GUILD, answer, factId, user, helpful);
    store.vote(OTHER_GUILD, 'a9', 'nobel-bid', 'u1', false);
    expect(store.unhelpfulFacts(GUILD)).toEqual([
      { factId: 'summit-day', unhelpful: 2, helpful: 1 },
      { factId: 'summit-host', unhelpful: 1, helpful: 1 },
    ]);
    expect(store.unhelpfulFacts(GUILD, 1)).toHaveLength(1);
    expect(store.unhelpfulFacts(OTHER_GUILD)).toEqual([{ factId: 'nobel-bid', unhelpful: 1, helpful: 0 }]);
  });
});

describe('the database file', () => {
  it('GIVEN a missing data folder THEN it is created, in WAL mode with FULL sync and foreign keys, migrated once', () => {
    expect(h.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(h.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(h.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(h.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(h.db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(h.db)).toEqual([]);

    const memory = openMemoryDatabase();
    expect(new FactStore(memory, CURATED).addFact(GUILD, fact('own-fact'), ANA)).toMatchObject({ version: 1 });
    memory.close();
  });

  it('GIVEN a closed and reopened file THEN facts, history, gaps, votes and revision are all kept', () => {
    const { store } = h;
    store.editFact(GUILD, { ...CURATED[0]!, answer: 'Kept.' }, 0, ANA);
    store.addFact(GUILD, fact('own-fact'), BEN);
    store.removeFact(GUILD, 'nobel-bid', 0, ANA);
    store.recordUnanswered(GUILD, 'Is the deal signed?');
    store.vote(GUILD, 'answer-1', 'summit-host', BEN.id, false);
    const before = {
      facts: store.effectiveFacts(GUILD),
      history: store.history(GUILD, 'summit-host'),
      removed: store.getFact(GUILD, 'nobel-bid'),
      gaps: store.gaps(GUILD),
      votes: store.unhelpfulFacts(GUILD),
      revision: store.revision(GUILD),
    };

    const reopened = h.reopen();
    expect(h.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect({
      facts: reopened.effectiveFacts(GUILD),
      history: reopened.history(GUILD, 'summit-host'),
      removed: reopened.getFact(GUILD, 'nobel-bid'),
      gaps: reopened.gaps(GUILD),
      votes: reopened.unhelpfulFacts(GUILD),
      revision: reopened.revision(GUILD),
    }).toEqual(before);
    expect(reopened.vote(GUILD, 'answer-1', 'summit-host', BEN.id, false)).toBe('unchanged');
    reopened.editFact(GUILD, { ...before.facts[0]!, answer: 'After reopening.' }, 1, ANA);
    expect(reopened.revision(GUILD)).toBeGreaterThan(before.revision);
  });

  it('GIVEN a file from a newer factbot or not a database THEN opening fails with a DataError naming it', () => {
    h.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')").run();
    h.db.close();
    expect(() => openDatabase(h.dataDir)).toThrow(/newer factbot \(schema version 99/);

    const dir = mkdtempSync(join(tmpdir(), 'factbot-bad-'));
    try {
      writeFileSync(join(dir, 'factbot.db'), 'this is not sqlite, just text '.repeat(200));
      const error: unknown = (() => {
        try {
          openDatabase(dir);
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(DataError);
      expect((error as Error).message).toContain(join(dir, 'factbot.db'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('damaged rows and the hot path', () => {
  it('GIVEN a damaged stored fact THEN reads do not throw: an edit falls back to curated, an addition is left out, problems() names them', () => {
    const { store, db } = h;
    store.editFact(GUILD, { ...CURATED[1]!, answer: 'Edited.' }, 0, ANA);
    store.addFact(GUILD, fact('own-fact'), ANA);
    db.prepare("UPDATE guild_facts SET fact = '{\"id\": 5' WHERE fact_id = 'summit-day'").run();
    db.prepare("UPDATE guild_facts SET fact = '{\"id\": \"own-fact\"}' WHERE fact_id = 'own-fact'").run();
    db.prepare("UPDATE fact_versions SET fact = 'oops' WHERE fact_id = 'summit-day' AND version = 1").run();

    expect(store.effectiveFacts(GUILD)).toEqual(CURATED);
    expect(store.getFact(GUILD, 'own-fact')).toBeUndefined();
    expect(store.history(GUILD, 'summit-day').map((v) => v.version)).toEqual([0]);
    expect(store.problems()).toEqual([
      expect.objectContaining({ table: 'guild_facts', guildId: GUILD, factId: 'summit-day', message: expect.stringContaining('not valid JSON') }),
      expect.objectContaining({ table: 'guild_facts', guildId: GUILD, factId: 'own-fact', message: expect.stringContaining('not a valid fact') }),
      expect.objectContaining({ table: 'fact_versions', guildId: GUILD, factId: 'summit-day', version: 1 }),
    ]);
    // Editing over the damaged copy repairs it.
    store.editFact(GUILD, { ...CURATED[1]!, answer: 'Repaired.' }, 1, BEN);
    expect(store.effectiveFacts(GUILD)[1]!.answer).toBe('Repaired.');
  });

  it('GIVEN effectiveFacts THEN it runs one query, however many facts and edits', () => {
    const many = Array.from({ length: 200 }, (_, i) => fact(`fact-${i}`));
    const store = new FactStore(h.db, many);
    store.editFact(GUILD, { ...many[5]!, answer: 'Edited.' }, 0, ANA);
    store.addFact(GUILD, fact('own-fact'), ANA);
    const statement = Object.getPrototypeOf(h.db.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
    const spies = (['all', 'get', 'run', 'iterate'] as const).map((method) => vi.spyOn(statement, method));
    try {
      for (const guild of [GUILD, 'untouched']) {
        spies.forEach((spy) => spy.mockClear());
        const facts = store.effectiveFacts(guild);
        expect(facts.length).toBeGreaterThanOrEqual(200);
        expect(spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0)).toBe(1);
      }
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it('GIVEN the head update failing after the history row was written THEN neither is kept', () => {
    const { store, db } = h;
    db.exec("CREATE TRIGGER refuse_head BEFORE UPDATE ON guild_facts BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    store.addFact(GUILD, fact('own-fact'), ANA);
    expect(() => store.editFact(GUILD, fact('own-fact', { answer: 'Never saved.' }), 1, ANA)).toThrow(/disk trouble/);
    expect(db.prepare("SELECT count(*) FROM fact_versions WHERE fact_id = 'own-fact'").pluck().get()).toBe(1);
    expect(store.getFact(GUILD, 'own-fact')).toMatchObject({ version: 1, fact: fact('own-fact') });
    expect(store.revision(GUILD)).toBe(1);
  });

  it('GIVEN two connections THEN a change made through one is read through the other', () => {
    const other = new Database(join(h.dataDir, 'factbot.db'), { readonly: true });
    try {
      h.store.addFact(GUILD, fact('own-fact'), ANA);
      expect(other.prepare("SELECT count(*) FROM guild_facts WHERE fact_id = 'own-fact'").pluck().get()).toBe(1);
    } finally {
      other.close();
    }
  });
});
