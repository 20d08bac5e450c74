import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { factSchema, type Fact, type FactInput } from '../../../src/core/facts/schema.ts';
import { openDatabase, type Db } from '../../../src/core/store/database.ts';
import { FactStore, type Actor } from '../../../src/core/store/factStore.ts';

export const ANA: Actor = { id: '111', name: 'Ana' };
export const BEN: Actor = { id: '222', name: 'Ben' };
export const GUILD = 'guild-1';
export const OTHER_GUILD = 'guild-2';

export function fact(id: string, over: Partial<FactInput> = {}): Fact {
  return factSchema.parse({
    id,
    topic: 'summit',
    question: `What about ${id}?`,
    answer: `The article says this about ${id}.`,
    keywords: [id.split('-')[0]],
    source: { paragraph: 1, quote: `A quote on ${id}` },
    ...over,
  });
}

export const CURATED: readonly Fact[] = [
  fact('summit-host', { related: ['summit-day'] }),
  fact('summit-day', { date: { sort: '2025-08-08', label: 'Friday' } }),
  fact('nobel-bid', { topic: 'nobel' }),
];

/** A clock that starts at 10:00 UTC and moves one minute each time it is read. */
export function minuteClock(start = '2025-03-01T10:00:00.000Z'): () => Date {
  let next = Date.parse(start);
  return () => {
    const now = new Date(next);
    next += 60_000;
    return now;
  };
}

/** ISO time of the n-th reading (0-based) of a fresh minuteClock. */
export const minute = (n: number) => new Date(Date.parse('2025-03-01T10:00:00.000Z') + n * 60_000).toISOString();

/** A temp data dir with a store over it; reopen() closes and opens the same file again. */
export class StoreHarness {
  readonly dataDir: string;
  db: Db;
  store: FactStore;
  private readonly root: string;

  constructor(curated: readonly Fact[] = CURATED, now: () => Date = minuteClock()) {
    this.root = mkdtempSync(join(tmpdir(), 'factbot-store-'));
    this.dataDir = join(this.root, 'var', 'data');
    this.db = openDatabase(this.dataDir);
    this.store = new FactStore(this.db, curated, { now });
  }

  reopen(curated: readonly Fact[] = CURATED, now: () => Date = minuteClock('2025-04-01T10:00:00.000Z')): FactStore {
    this.db.close();
    this.db = openDatabase(this.dataDir);
    this.store = new FactStore(this.db, curated, { now });
    return this.store;
  }

  dispose(): void {
    if (this.db.open) this.db.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}
