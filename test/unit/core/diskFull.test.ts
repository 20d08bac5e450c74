import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StorageError, UserError } from '../../../src/core/errors.ts';
import type { Db } from '../../../src/core/store/database.ts';
import { FactStore } from '../../../src/core/store/factStore.ts';
import { QuizStore } from '../../../src/core/store/quizStore.ts';
import { WRITE_CHECK_INTERVAL_MS, guardWrite, isWritable } from '../../../src/core/store/writes.ts';
import { startHealthServer } from '../../../src/ops/healthServer.ts';
import { Metrics } from '../../../src/ops/metrics.ts';
import { ANA, CURATED, GUILD, StoreHarness, fact } from './storeFixtures.ts';

let h: StoreHarness;
beforeEach(() => {
  h = new StoreHarness();
});
afterEach(() => {
  vi.useRealTimers();
  h.dispose();
});

/** No page may be added to the file any more: SQLite answers SQLITE_FULL, as on a full disk. */
function fillDisk(db: Db): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}

function freeDisk(db: Db): void {
  db.pragma('max_page_count = 1073741823');
}

/** What a moderator could see change: the server's facts, its revision and its history rows. */
function snapshot(store: FactStore, db: Db) {
  return {
    facts: store.effectiveFacts(GUILD),
    revision: store.revision(GUILD),
    versions: db.prepare('SELECT count(*) FROM fact_versions').pluck().get(),
  };
}

const bigFact = (id: string) => fact(id, { answer: `${'The article says a great deal about this. '.repeat(23)}`.slice(0, 1000) });

/** Add facts until the full disk refuses one; returns that refusal, checking it changed nothing. */
function saveUntilRefused(store: FactStore, db: Db): unknown {
  for (let i = 0; i < 50; i++) {
    const before = snapshot(store, db);
    try {
      store.addFact(GUILD, bigFact(`full-disk-${i}`), ANA);
    } catch (error) {
      expect(snapshot(store, db)).toEqual(before);
      expect(store.getFact(GUILD, `full-disk-${i}`)).toBeUndefined();
      return error;
    }
  }
  throw new Error('the disk never filled');
}

describe('a save the disk refuses', () => {
  it('GIVEN a full disk WHEN a moderator saves THEN they read "Could not save: the disk is full." and nothing changed; once space is freed the save goes through', () => {
    fillDisk(h.db);
    const refused = saveUntilRefused(h.store, h.db);
    expect(refused).toBeInstanceOf(StorageError);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as StorageError).code).toBe('SQLITE_FULL');
    expect((refused as Error).message).toMatch(/^Could not save: the disk is full\. Nothing was changed; /);
    expect(h.db.inTransaction).toBe(false);

    freeDisk(h.db);
    expect(h.store.addFact(GUILD, bigFact('after-space-freed'), ANA)).toMatchObject({ version: 1 });
  });

  it('GIVEN a read-only database THEN saves, votes, gaps and quiz scores all say "Could not save: the database is read-only." and change nothing', () => {
    h.store.addFact(GUILD, fact('own-fact'), ANA);
    const readOnly = new Database(join(h.dataDir, 'factbot.db'), { readonly: true });
    try {
      const store = new FactStore(readOnly, CURATED);
      const attempts: Array<[string, () => unknown]> = [
        ['edit', () => store.editFact(GUILD, fact('own-fact', { answer: 'Never saved.' }), 1, ANA)],
        ['vote', () => store.vote(GUILD, 'own-fact', ANA.id, false)],
        ['gap', () => store.recordUnanswered(GUILD, 'is the road open', ANA.id)],
        ['quiz scores', () => new QuizStore(readOnly).addScores(GUILD, [{ userId: ANA.id, points: 3 }])],
      ];
      for (const [what, attempt] of attempts) {
        expect(attempt, what).toThrow(StorageError);
        expect(attempt, what).toThrow(/^Could not save: the database is read-only\. Nothing was changed; /);
      }
      expect(h.store.getFact(GUILD, 'own-fact')).toMatchObject({ version: 1, fact: fact('own-fact') });
      expect(h.store.gaps(GUILD)).toEqual([]);
      expect(h.store.unhelpfulFacts(GUILD)).toEqual([]);
    } finally {
      readOnly.close();
    }
  });

  it.each([
    ['SQLITE_FULL', /^Could not save: the disk is full\./],
    ['SQLITE_READONLY_DBMOVED', /^Could not save: the database is read-only\./],
    ['SQLITE_IOERR_WRITE', /^Could not save: the disk failed while writing\./],
    ['SQLITE_IOERR_FSYNC', /^Could not save: the disk failed while writing\./],
    ['SQLITE_CORRUPT', /^Could not save: the database file is damaged\./],
  ])('GIVEN SQLite answering %s THEN the member reads a plain sentence saying so', (code, message) => {
    const error = thrownBy(() => guardWrite(h.db, () => {
      throw new Database.SqliteError('low-level words', code);
    }));
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(message);
  });

  it('GIVEN any other SQLite error (a broken constraint) THEN it is passed on as it is: a bug, not the disk', () => {
    const original = new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE');
    expect(thrownBy(() => guardWrite(h.db, () => {
      throw original;
    }))).toBe(original);
    expect(isWritable(h.db)).toBe(true);
  });
});

describe('/healthz while writes fail', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  async function healthz(): Promise<{ status: number; body: unknown }> {
    server ??= await startHealthServer(0, '127.0.0.1', { gatewayConnected: () => true, databaseWritable: () => isWritable(h.db) }, new Metrics());
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
    return { status: response.status, body: await response.json() };
  }
  const healthy = { status: 200, body: { ok: true, gateway: true, database: true } };
  const unhealthy = { status: 503, body: { ok: false, gateway: true, database: false } };

  it('GIVEN a save refused by a full disk THEN /healthz turns unhealthy, and healthy again once a save succeeds', async () => {
    expect(await healthz()).toEqual(healthy);
    fillDisk(h.db);
    saveUntilRefused(h.store, h.db);
    expect(await healthz()).toEqual(unhealthy);
    expect(await healthz()).toEqual(unhealthy);

    freeDisk(h.db);
    h.store.addFact(GUILD, bigFact('after-space-freed'), ANA);
    expect(await healthz()).toEqual(healthy);
  });

  it('GIVEN writes refused while nobody saves THEN /healthz finds out with a write of its own within 30 s, and sees the recovery the same way', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    expect(await healthz()).toEqual(healthy);
    const checks = () => h.db.prepare('SELECT at FROM write_checks').pluck().get();
    const firstCheck = checks();
    expect(firstCheck).toEqual(expect.any(String));

    h.db.pragma('query_only = ON');
    vi.setSystemTime(Date.now() + WRITE_CHECK_INTERVAL_MS);
    expect(await healthz()).toEqual(unhealthy);

    h.db.pragma('query_only = OFF');
    expect(await healthz()).toEqual(unhealthy);
    vi.setSystemTime(Date.now() + WRITE_CHECK_INTERVAL_MS);
    expect(await healthz()).toEqual(healthy);
    expect(checks()).not.toBe(firstCheck);
  });
});

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
