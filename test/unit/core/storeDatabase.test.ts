import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataError, UserError } from '../../../src/core/errors.ts';
import { backupDatabase } from '../../../src/core/store/backup.ts';
import { MIGRATIONS, integrityProblem, migrate, openDatabase, openMemoryDatabase } from '../../../src/core/store/database.ts';
import { FactStore, NO_SUCH_FACT_TO_VOTE_ON } from '../../../src/core/store/factStore.ts';
import { MAX_GAPS_PER_GUILD } from '../../../src/core/store/gaps.ts';
import { ANA, BEN, CURATED, GUILD, OTHER_GUILD, StoreHarness, fact, minute } from './storeFixtures.ts';

let h: StoreHarness;
beforeEach(() => {
  h = new StoreHarness();
});
afterEach(() => h.dispose());

describe('unanswered questions (gaps)', () => {
  it('GIVEN the same question typed differently by three members THEN it is counted once per member, with the latest wording and time', () => {
    const { store } = h;
    store.recordUnanswered(GUILD, 'Who is Pashinyan?', 'u1');
    store.recordUnanswered(GUILD, '  who is   PASHINYÁN!! ', 'u2');
    store.recordUnanswered(GUILD, 'What about the oil pipeline?', 'u1');
    store.recordUnanswered(GUILD, 'who is pashinyan', 'u3');
    expect(store.gaps(GUILD)).toEqual([
      { question: 'who is pashinyan', count: 3, lastAskedAt: minute(3) },
      { question: 'What about the oil pipeline?', count: 1, lastAskedAt: minute(2) },
    ]);
  });

  it('GIVEN equal counts THEN the most recently asked comes first, and the limit is respected', () => {
    const { store } = h;
    const asked: Array<[string, string]> = [
      ['first question', 'u1'],
      ['second question', 'u1'],
      ['third question', 'u1'],
      ['first question', 'u2'],
      ['third question', 'u2'],
    ];
    for (const [q, member] of asked) store.recordUnanswered(GUILD, q, member);
    expect(store.gaps(GUILD).map((g) => [g.question, g.count])).toEqual([
      ['third question', 2],
      ['first question', 2],
      ['second question', 1],
    ]);
    expect(store.gaps(GUILD, 1).map((g) => g.question)).toEqual(['third question']);
  });

  it('GIVEN a long question, an empty one and another server THEN the example is cut to 200, the empty one ignored, servers apart', () => {
    const { store } = h;
    expect(store.recordUnanswered(GUILD, `why ${'very '.repeat(80)}long?`, 'u1')).toBe(true);
    expect(store.recordUnanswered(GUILD, ' ?!… ', 'u1')).toBe(false);
    const [gap] = store.gaps(GUILD);
    expect(gap!.question.length).toBeLessThanOrEqual(200);
    expect(gap!.question.startsWith('why very very')).toBe(true);
    expect(store.gaps(GUILD)).toHaveLength(1);
    expect(store.gaps(OTHER_GUILD)).toEqual([]);
  });

  it('GIVEN one member asking the same thing 4 times THEN moderators see it asked once, below what two members asked', () => {
    const { store } = h;
    for (let i = 0; i < 4; i++) store.recordUnanswered(GUILD, 'is the pipeline open?', 'u1');
    store.recordUnanswered(GUILD, 'who pays for the corridor', 'u2');
    store.recordUnanswered(GUILD, 'who pays for the corridor?', 'u3');
    expect(store.gaps(GUILD).map((g) => [g.question, g.count])).toEqual([
      ['who pays for the corridor?', 2],
      ['is the pipeline open?', 1],
    ]);
  });

  it('GIVEN 600 unique junk questions from 600 members THEN a question three members asked is still listed, first, and the list stays at its cap', () => {
    const { store, db } = h;
    for (const member of ['u1', 'u2', 'u3']) store.recordUnanswered(GUILD, 'when does the border reopen', member);
    for (let i = 0; i < 600; i++) store.recordUnanswered(GUILD, `junk ${i} zzqx${i.toString(36)}`, `junk-member-${i}`);
    const gaps = store.gaps(GUILD, MAX_GAPS_PER_GUILD + 10);
    expect(gaps).toHaveLength(MAX_GAPS_PER_GUILD);
    expect(gaps[0]).toMatchObject({ question: 'when does the border reopen', count: 3 });
    // The oldest junk went first, and who asked it went with it.
    expect(gaps.some((g) => g.question === 'junk 0 zzqx0')).toBe(false);
    expect(db.prepare('SELECT count(*) FROM gap_askers WHERE guild_id = ?').pluck().get(GUILD)).toBe(MAX_GAPS_PER_GUILD - 1 + 3);
  });
});

describe('votes', () => {
  it('GIVEN one member voting again THEN it is one vote, which they can change', () => {
    const { store } = h;
    expect(store.vote(GUILD, 'summit-day', ANA.id, false)).toBe('recorded');
    expect(store.vote(GUILD, 'summit-day', ANA.id, false)).toBe('unchanged');
    expect(store.vote(GUILD, 'summit-day', ANA.id, true)).toBe('changed');
    expect(store.vote(GUILD, 'summit-day', BEN.id, false)).toBe('recorded');
    expect(store.unhelpfulFacts(GUILD)).toEqual([{ factId: 'summit-day', unhelpful: 1, helpful: 1 }]);
  });

  it('GIVEN one member voting "Not helpful" on 10 private answers of the same fact THEN it counts once', () => {
    const { store } = h;
    const outcomes = Array.from({ length: 10 }, () => store.vote(GUILD, 'summit-day', ANA.id, false));
    expect(outcomes).toEqual(['recorded', ...Array<string>(9).fill('unchanged')]);
    expect(store.unhelpfulFacts(GUILD)).toEqual([{ factId: 'summit-day', unhelpful: 1, helpful: 0 }]);
  });

  it('GIVEN a vote for a fact the server does not have (unknown, or removed there) THEN it is refused and nothing is recorded', () => {
    const { store, db } = h;
    store.removeFact(GUILD, 'nobel-bid', 0, ANA);
    store.addFact(GUILD, fact('own-fact'), ANA);
    for (const factId of ['no-such-fact', 'nobel-bid', '[x](https://evil.example) @everyone', '']) {
      expect(() => store.vote(GUILD, factId, BEN.id, false)).toThrow(new UserError(NO_SUCH_FACT_TO_VOTE_ON));
    }
    expect(db.prepare('SELECT count(*) FROM votes').pluck().get()).toBe(0);
    // Its own facts and the curated ones it kept take votes; another server still has nobel-bid.
    expect(store.vote(GUILD, 'own-fact', BEN.id, false)).toBe('recorded');
    expect(store.vote(GUILD, 'summit-host', BEN.id, false)).toBe('recorded');
    expect(store.vote(OTHER_GUILD, 'nobel-bid', BEN.id, false)).toBe('recorded');
    expect(() => store.vote(OTHER_GUILD, 'own-fact', BEN.id, false)).toThrow(UserError);
  });

  it('GIVEN votes on several facts THEN the most unhelpful come first and facts with none are left out', () => {
    const { store } = h;
    const votes: Array<[string, string, boolean]> = [
      ['summit-host', 'u1', false],
      ['summit-day', 'u1', false],
      ['summit-day', 'u2', false],
      ['summit-day', 'u3', true],
      ['nobel-bid', 'u1', true],
      ['summit-host', 'u2', true],
    ];
    for (const [factId, user, helpful] of votes) store.vote(GUILD, factId, user, helpful);
    store.vote(OTHER_GUILD, 'nobel-bid', 'u1', false);
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
    store.recordUnanswered(GUILD, 'Is the deal signed?', BEN.id);
    store.vote(GUILD, 'summit-host', BEN.id, false);
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
    expect(reopened.vote(GUILD, 'summit-host', BEN.id, false)).toBe('unchanged');
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

describe('upgrading a database from before one vote per fact', () => {
  it('GIVEN votes kept per answer and counted gaps THEN each member keeps their latest vote per fact and gaps keep their counts', () => {
    h.db.close();
    const path = join(h.dataDir, 'factbot.db');
    rmSync(path);
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    const old = new Database(path);
    migrate(old, MIGRATIONS.filter((m) => m.version <= 2));
    const vote = old.prepare('INSERT INTO votes (guild_id, answer_id, user_id, fact_id, helpful, at) VALUES (?, ?, ?, ?, ?, ?)');
    // u1: Not helpful, then Helpful on a later answer, and an older Not helpful on a third.
    vote.run(GUILD, '1300000000000000002', 'u1', 'summit-day', 0, minute(2));
    vote.run(GUILD, '1300000000000000003', 'u1', 'summit-day', 1, minute(3));
    vote.run(GUILD, '1300000000000000001', 'u1', 'summit-day', 0, minute(1));
    // u2, ten answers without a time: the newest answer (longest, then greatest snowflake) wins.
    for (let i = 0; i < 9; i++) vote.run(GUILD, `99999999999999999${i}`, 'u2', 'summit-day', 1, null);
    vote.run(GUILD, '1300000000000000009', 'u2', 'summit-day', 0, null);
    vote.run(OTHER_GUILD, '1300000000000000004', 'u1', 'summit-day', 0, minute(4));
    old.prepare("INSERT INTO gaps (guild_id, normalized, example, count, last_asked_at) VALUES (?, 'is the deal signed', 'Is the deal signed?', 4, ?)").run(GUILD, minute(5));
    old.close();

    const store = h.reopen();
    expect(h.db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(store.unhelpfulFacts(GUILD)).toEqual([{ factId: 'summit-day', unhelpful: 1, helpful: 1 }]);
    expect(store.unhelpfulFacts(OTHER_GUILD)).toEqual([{ factId: 'summit-day', unhelpful: 1, helpful: 0 }]);
    expect(store.vote(GUILD, 'summit-day', 'u1', true)).toBe('unchanged');
    expect(store.vote(GUILD, 'summit-day', 'u2', false)).toBe('unchanged');
    expect(store.gaps(GUILD)).toEqual([{ question: 'Is the deal signed?', count: 4, lastAskedAt: minute(5) }]);
    store.recordUnanswered(GUILD, 'is the deal signed', 'u9');
    store.recordUnanswered(GUILD, 'is the deal signed', 'u9');
    expect(store.gaps(GUILD)[0]!.count).toBe(5);
  });
});

describe('a damaged database file', () => {
  it('GIVEN an intact file THEN quick_check finds nothing', () => {
    expect(integrityProblem(h.db)).toBeUndefined();
  });

  it('GIVEN a copy with 8 KB of its middle overwritten THEN opening it fails with one plain message naming the file, the backup to restore and how to start empty', () => {
    for (let i = 0; i < 300; i++) h.store.addFact(GUILD, fact(`own-fact-${i}`, { answer: `Answer number ${i}. ${'Long enough to fill pages. '.repeat(20)}` }), ANA);
    h.db.close();
    const dir = mkdtempSync(join(tmpdir(), 'factbot-damaged-'));
    try {
      const path = join(dir, 'factbot.db');
      copyFileSync(join(h.dataDir, 'factbot.db'), path);
      const size = statSync(path).size;
      expect(size).toBeGreaterThan(100_000);
      const fd = openSync(path, 'r+');
      writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2));
      closeSync(fd);

      const error = thrown(() => openDatabase(dir));
      expect(error).toBeInstanceOf(DataError);
      const message = (error as Error).message;
      expect(message).toMatch(new RegExp(`^${escapeRegExp(path)}: the database file is damaged \\(.+\\), so the bot will not start on it\\.`));
      expect(message).toContain('restore a backup made with "npm run facts -- backup"');
      expect(message).toContain('move the damaged file and its -wal and -shm files aside to start with an empty database');
      expect(message).not.toContain('\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run facts -- backup (backupDatabase)', () => {
  it('GIVEN another connection adding facts all along THEN the copy is one consistent snapshot that reads back intact and opens as the bot\'s database', async () => {
    for (let i = 0; i < 100; i++) h.store.addFact(GUILD, fact(`before-${i}`, { answer: `${'Filler text. '.repeat(40)}${i}` }), ANA);
    const writerDb = openDatabase(h.dataDir);
    const writer = new FactStore(writerDb, CURATED);
    const out = join(h.dataDir, '..', 'backup.db');
    let finished = false;
    const backup = backupDatabase(join(h.dataDir, 'factbot.db'), out).finally(() => (finished = true));
    let added = 0;
    while (!finished && added < 2000) {
      writer.addFact(OTHER_GUILD, fact(`during-${added}`), BEN);
      added++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const summary = await backup;
    expect(added).toBeGreaterThan(0);

    const copyDir = join(h.dataDir, '..', 'restored');
    mkdirSync(copyDir);
    renameSync(out, join(copyDir, 'factbot.db'));
    const restored = openDatabase(copyDir);
    try {
      expect(integrityProblem(restored)).toBeUndefined();
      expect(restored.pragma('foreign_key_check')).toEqual([]);
      const copied = new FactStore(restored, CURATED);
      const during = copied.effectiveFacts(OTHER_GUILD).filter((f) => f.id.startsWith('during-')).length;
      // Every fact added before the copy was taken, none half-written: each head has its history row.
      expect(copied.effectiveFacts(GUILD).filter((f) => f.id.startsWith('before-'))).toHaveLength(100);
      expect(during).toBeLessThanOrEqual(added);
      expect(restored.prepare('SELECT count(*) FROM fact_versions').pluck().get()).toBe(100 + during);
      expect(summary).toMatchObject({ schemaVersion: MIGRATIONS.at(-1)!.version, servers: during > 0 ? 2 : 1, facts: 100 + during });
      expect(summary.bytes).toBeGreaterThan(0);
    } finally {
      restored.close();
      writerDb.close();
    }
  });

  it.each([
    ['the bot\'s own database', (dir: string) => join(dir, 'factbot.db'), /is the bot's own database/],
    ['its write-ahead log', (dir: string) => join(dir, 'factbot.db-wal'), /is the bot's own database/],
    ['a file that exists', (dir: string) => join(dir, '..', 'existing.db'), /already exists; name a new file/],
    ['a folder that does not exist', (dir: string) => join(dir, 'no', 'such', 'folder', 'copy.db'), /the folder .* does not exist; create it first/],
  ])('GIVEN --out naming %s THEN the backup is refused with a clear message and nothing is written', async (_what, target, message) => {
    writeFileSync(join(h.dataDir, '..', 'existing.db'), 'keep me');
    const out = target(h.dataDir);
    await expect(backupDatabase(join(h.dataDir, 'factbot.db'), out)).rejects.toThrow(message);
    await expect(backupDatabase(join(h.dataDir, 'factbot.db'), out)).rejects.toBeInstanceOf(UserError);
    expect(readFileSync(join(h.dataDir, '..', 'existing.db'), 'utf8')).toBe('keep me');
    expect(integrityProblem(h.db)).toBeUndefined();
  });
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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
