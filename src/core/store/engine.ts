import { LruMap } from '../bounded.ts';
import { UserError } from '../errors.ts';
import { CAPS } from '../facts/caps.ts';
import type { Fact } from '../facts/schema.ts';
import { serverFacts, type TouchedFact } from '../facts/serverFacts.ts';
import { MEMORY_BOUNDS } from '../memoryBounds.ts';
import type { Db } from './database.ts';
import { FactRows, type HeadRow } from './factRows.ts';
import {
  FACT_FIELDS,
  changedFields,
  checkActor,
  parseSnapshot,
  serializeFact,
  type Actor,
  type FactAction,
  type StoreProblem,
  type StoredFact,
} from './records.ts';
import { StaleEditError } from './staleEdit.ts';
import { guardWrite } from './writes.ts';

/** A fact as a server has it now, with what is needed to change it. `content` is undefined only for a damaged row. */
export interface FactState {
  head: HeadRow | undefined;
  curated: Fact | undefined;
  content: Fact | undefined;
  version: number;
  removed: boolean;
  followsCurated: boolean;
}

/** One version to write, fully worked out: the transaction only inserts it and moves the head. */
export interface VersionWrite {
  guildId: string;
  factId: string;
  action: FactAction;
  version: number;
  origin: 'curated' | 'added';
  /** The head's created_seq; undefined for a fact the server never touched. */
  createdSeq: number | undefined;
  /** Set on the first change to a curated fact: the curated text, stored as version 0. */
  versionZero: string | undefined;
  changedFields: string[];
  /** The new content as stored JSON. */
  fact: string;
  removed: boolean;
  followsCurated: boolean;
}

/** One fact a server changed, in the order the server first touched it. */
export interface FactChange extends TouchedFact {
  version: number;
  /** That text; undefined for a damaged row (see problems()). */
  content(): Fact | undefined;
}

export interface Change {
  action: FactAction;
  content: Fact;
  removed: boolean;
  followsCurated: boolean;
}

/**
 * The mechanics under FactStore: reading a server's state of a fact, and
 * writing a change as a new version plus the moved head. Writes must run
 * inside write() so each change is one transaction with its history row.
 */
export class FactEngine {
  readonly rows: FactRows;
  readonly curated: ReadonlyMap<string, Fact>;
  /** Revisions of the servers asked about most recently; a server forgotten is counted again when next asked about. */
  private readonly revisions = new LruMap<string, number>(MEMORY_BOUNDS.storeRevisions);
  /** SQLite's data_version: it moves when another connection (npm run facts import) commits. */
  private dataVersion = -1;
  private readonly damaged = new Map<string, StoreProblem>();

  constructor(
    private readonly db: Db,
    readonly curatedFacts: readonly Fact[],
    readonly now: () => Date,
  ) {
    this.rows = new FactRows(db);
    this.curated = new Map(curatedFacts.map((fact) => [fact.id, fact]));
  }

  /** Run `fn` in one read transaction: every query in it sees the same database. */
  read<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  /**
   * Run `fn` in one IMMEDIATE transaction: the write lock is taken first, so a version check cannot
   * race another writer. A disk that refuses it (full, read-only) throws StorageError; nothing is kept.
   */
  write<T>(fn: () => T): T {
    return guardWrite(this.db, () => this.db.transaction(fn).immediate());
  }

  /** Curated order first (edits applied, removals left out), then the server's additions in creation order. */
  effectiveFacts(guildId: string): Fact[] {
    const heads = this.rows.heads(guildId);
    if (heads.length === 0) return [...this.curatedFacts];
    const touched = heads.map((head) => ({ ...this.touched(head), head }));
    return withoutDanglingRelated(serverFacts(this.curatedFacts, touched, (t) => this.resolve(guildId, t.head, this.curated.get(t.factId))));
  }

  /** How a head row reads to the merge (serverFacts) and the search. */
  private touched(head: Omit<HeadRow, 'fact'>): TouchedFact {
    const curated = this.curated.has(head.fact_id);
    return {
      factId: head.fact_id,
      removed: head.removed === 1,
      curated,
      own: head.removed === 0 && !(head.follows_curated === 1 && curated),
    };
  }

  /**
   * Each fact the server changed, as the search needs it: its version, whether it is removed or
   * shows the server's own text (an addition, or an edit that no longer follows the curated text),
   * and that text, read only when asked for (so unchanged facts are never parsed again).
   */
  changes(guildId: string): FactChange[] {
    return this.rows.headSummaries(guildId).map((summary) => ({
      ...this.touched(summary),
      version: summary.version,
      content: () => {
        const head = this.rows.head(guildId, summary.fact_id);
        return head ? this.resolve(guildId, head, this.curated.get(summary.fact_id)) : undefined;
      },
    }));
  }

  /** The count of versions the server wrote, cached until its next change here or in another process. */
  revision(guildId: string): number {
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    if (dataVersion !== this.dataVersion) {
      this.dataVersion = dataVersion;
      this.revisions.clear();
    }
    let revision = this.revisions.get(guildId);
    if (revision === undefined) {
      revision = this.rows.countVersions(guildId);
      this.revisions.set(guildId, revision);
    }
    return revision;
  }

  get cachedRevisions(): number {
    return this.revisions.size;
  }

  problems(): StoreProblem[] {
    return [...this.damaged.values()];
  }

  /** The fact's current state in the server; undefined if the id is unknown there. */
  state(guildId: string, id: string): FactState | undefined {
    const head = this.rows.head(guildId, id);
    const curated = this.curated.get(id);
    if (!head) {
      return curated ? { head, curated, content: curated, version: 0, removed: false, followsCurated: true } : undefined;
    }
    const content = this.resolve(guildId, head, curated);
    return { head, curated, content, version: head.version, removed: head.removed === 1, followsCurated: head.follows_curated === 1 };
  }

  existing(guildId: string, id: string): FactState {
    const state = this.state(guildId, id);
    if (!state) throw new UserError(`There is no fact "${id}" in this server.`);
    return state;
  }

  readable(id: string, state: FactState): Fact {
    if (!state.content) throw new UserError(`The stored copy of "${id}" is damaged: restore an earlier version from its history.`);
    return state.content;
  }

  /** Write the change as the next version and move the head to it (state undefined = a new fact). */
  apply(guildId: string, id: string, state: FactState | undefined, change: Change, actor: Actor): StoredFact {
    const origin = state ? (state.head?.origin ?? 'curated') : 'added';
    const version = (state?.version ?? 0) + 1;
    this.writeVersion(
      {
        guildId, factId: id, action: change.action, version, origin, createdSeq: state?.head?.created_seq,
        // First change to a curated fact: keep the text the server started from as version 0.
        versionZero: state && !state.head ? serializeFact(this.readable(id, state)) : undefined,
        changedFields: !state ? [] : state.content ? changedFields(state.content, change.content) : [...FACT_FIELDS],
        fact: serializeFact(change.content), removed: change.removed, followsCurated: change.followsCurated,
      },
      actor,
    );
    const shown = change.followsCurated && state?.curated ? state.curated : change.content;
    return { fact: shown, version, origin: origin === 'added' ? 'added' : 'edited', removed: change.removed };
  }

  /** Write a version whose content and changed fields are already worked out (by apply, or by an import's plan). */
  writeVersion(write: VersionWrite, actor: Actor): void {
    checkActor(actor);
    const at = this.now().toISOString();
    const { guildId, factId } = write;
    let createdSeq = write.createdSeq;
    if (write.versionZero !== undefined) {
      createdSeq = this.rows.insertVersion({
        guildId, factId, version: 0, action: 'curated', actorId: null, actorName: null, at: null,
        changedFields: [], followsCurated: true, fact: write.versionZero,
      });
    }
    const rowId = this.rows.insertVersion({
      guildId, factId, version: write.version, action: write.action, actorId: actor.id, actorName: actor.name,
      at, changedFields: write.changedFields, followsCurated: write.followsCurated, fact: write.fact,
    });
    this.rows.upsertHead({
      guildId, factId, origin: write.origin, version: write.version, removed: write.removed, followsCurated: write.followsCurated,
      fact: write.fact, createdSeq: createdSeq ?? rowId,
    });
    // Cleared even if the transaction later rolls back: it is simply re-read.
    this.revisions.delete(guildId);
  }

  /** Refuse a change that would make the server hold one fact more than CAPS.serverFacts. */
  checkRoom(guildId: string): void {
    if (this.rows.countHeld(guildId) < CAPS.serverFacts) return;
    throw new UserError(serverFull());
  }

  /** Throw StaleEditError unless the fact is still at the version the editor started from. */
  checkVersion(guildId: string, id: string, state: FactState, expectedVersion: number): void {
    if (state.version === expectedVersion) return;
    const latest = state.version > 0 ? this.rows.version(guildId, id, state.version) : undefined;
    const from = this.snapshotAt(guildId, id, expectedVersion, state.curated);
    const current = storedFact(state, this.readable(id, state));
    throw new StaleEditError({
      factId: id,
      expectedVersion,
      current,
      changedBy: latest?.actor_name ?? null,
      changedAt: latest?.at ?? null,
      changedFields: from ? changedFields(from, current.fact) : [...FACT_FIELDS],
    });
  }

  /** What bringing back `version` gives: the current curated text if that version followed it, else its snapshot. */
  versionContent(guildId: string, id: string, version: number, curated: Fact | undefined): { content: Fact; followsCurated: boolean } {
    const row = this.rows.version(guildId, id, version);
    if (!row) {
      if (version === 0 && curated) return { content: curated, followsCurated: true };
      throw new UserError(`Version ${version} of "${id}" is missing from its history.`);
    }
    if (row.follows_curated === 1 && curated) return { content: curated, followsCurated: true };
    const fact = parseSnapshot(row.fact);
    if (typeof fact === 'string') {
      this.problem({ table: 'fact_versions', guildId, factId: id, version, message: fact });
      throw new UserError(`Version ${version} of "${id}" is damaged and cannot be brought back; pick another version from its history.`);
    }
    return { content: fact, followsCurated: false };
  }

  /** Related ids a change introduces must be facts the server can see. */
  checkRelated(guildId: string, next: Fact, before: Fact | undefined): void {
    const introduced = next.related.filter((id) => !before?.related.includes(id) && id !== next.id);
    if (introduced.length === 0) return;
    const visible = new Set(this.effectiveFacts(guildId).map((fact) => fact.id));
    const unknown = introduced.filter((id) => !visible.has(id));
    if (unknown.length > 0) {
      const list = unknown.map((id) => `"${id}"`).join(', ');
      throw new UserError(`"${next.id}": related lists ${list}, which this server does not have (unknown or removed).`);
    }
  }

  problem(problem: StoreProblem): void {
    this.damaged.set(`${problem.table}|${problem.guildId}|${problem.factId}|${problem.version ?? ''}`, problem);
  }

  /** One version's content as history shows it (undefined if missing or damaged). */
  private snapshotAt(guildId: string, id: string, version: number, curated: Fact | undefined): Fact | undefined {
    const row = Number.isInteger(version) ? this.rows.version(guildId, id, version) : undefined;
    if (!row) return version === 0 ? curated : undefined;
    const fact = parseSnapshot(row.fact);
    return typeof fact === 'string' ? undefined : fact;
  }

  /** The head's content; a damaged snapshot falls back to the curated text (or nothing) and is listed in problems(). */
  private resolve(guildId: string, head: HeadRow, curated: Fact | undefined): Fact | undefined {
    if (head.follows_curated === 1 && curated) return curated;
    const fact = parseSnapshot(head.fact);
    if (typeof fact !== 'string') return fact;
    this.problem({ table: 'guild_facts', guildId, factId: head.fact_id, version: head.version, message: fact });
    return curated;
  }
}

export function storedFact(state: FactState, fact: Fact): StoredFact {
  const origin = !state.head ? 'curated' : state.head.origin === 'added' ? 'added' : 'edited';
  return { fact, version: state.version, origin, removed: state.removed };
}

/** Drop related ids that point at facts the server does not see, so the list always forms a valid fact file. */
function withoutDanglingRelated(facts: Fact[]): Fact[] {
  const ids = new Set(facts.map((fact) => fact.id));
  return facts.map((fact) =>
    fact.related.every((id) => ids.has(id)) ? fact : { ...fact, related: fact.related.filter((id) => ids.has(id)) },
  );
}

/** What a moderator is told when the server holds CAPS.serverFacts facts. */
export function serverFull(): string {
  const cap = CAPS.serverFacts.toLocaleString('en-US');
  return `This server already holds ${cap} facts of its own (added or edited), the most one server may hold. Remove facts it no longer needs, then try again. Nothing was saved.`;
}
