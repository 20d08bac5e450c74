import { UserError } from '../errors.ts';
import { FACTS_SCHEMA_VERSION, type Fact, type FactFile } from '../facts/schema.ts';
import type { Db } from './database.ts';
import { FactEngine, storedFact, type FactChange } from './engine.ts';
import { GapLog, type Gap } from './gaps.ts';
import {
  checkFact,
  parseFieldList,
  parseSnapshot,
  sameContent,
  type Actor,
  type FactVersion,
  type StoreProblem,
  type StoredFact,
} from './records.ts';
import { planImport, type ImportPlan, type ImportSnapshot, type ImportSummary } from './importPlan.ts';
import { applyImportPlan, StaleImportError } from './transfer.ts';
import { VoteLog, type UnhelpfulFact, type VoteResult } from './votes.ts';

export { StaleEditError } from './staleEdit.ts';
export type { FactChange } from './engine.ts';
export { StaleImportError } from './transfer.ts';
export type { ImportPlan, ImportSnapshot, ImportSummary } from './importPlan.ts';
export type { Gap } from './gaps.ts';
export type { UnhelpfulFact, VoteResult } from './votes.ts';
export type { Actor, FactAction, FactOrigin, FactVersion, HistoryAction, StoreProblem, StoredFact } from './records.ts';

/** Said when a vote names a fact the server does not have (removed since the answer, or a forged button). */
export const NO_SUCH_FACT_TO_VOTE_ON = 'This answer’s fact is not in this server’s facts (it may have been removed since), so your vote was not recorded.';

/** How often importFacts plans again when another process changed the server meanwhile. */
const IMPORT_ATTEMPTS = 3;

/** Said when the server's facts keep changing while an import is checked. */
export const STALE_IMPORT = 'This server’s facts changed while the file was being checked, so nothing was imported. Import it again.';

export interface FactStoreOptions {
  /** The clock for history, gaps and votes; tests pass a fixed one. Default: the real time. */
  now?: () => Date;
}

/**
 * Each server's ("guild's") facts: the curated facts, shadowed by the
 * server's edits, minus its removals, plus its additions. A new curated
 * release (a store built with other curated facts) reaches every fact a server
 * did not change. Every change is one transaction together with its history row.
 *
 * Damaged rows (a stored snapshot that is no longer a valid fact) never make a
 * read throw: the fact falls back to its curated text (or is left out, for a
 * server's own fact) and the row is listed in problems().
 */
export class FactStore {
  private readonly engine: FactEngine;
  private readonly gapLog: GapLog;
  private readonly voteLog: VoteLog;

  constructor(db: Db, curatedFacts: readonly Fact[], options: FactStoreOptions = {}) {
    this.engine = new FactEngine(db, curatedFacts, options.now ?? (() => new Date()));
    this.gapLog = new GapLog(db);
    this.voteLog = new VoteLog(db);
  }

  /** The facts the server sees: curated order first (edits applied, removals left out), then its additions. One query. */
  effectiveFacts(guildId: string): Fact[] {
    return this.engine.effectiveFacts(guildId);
  }

  /** Each fact the server changed, with its text read on demand: what the search builds a server's own index from. */
  changes(guildId: string): FactChange[] {
    return this.engine.changes(guildId);
  }

  /** The fact as the server has it, removed ones included (removed: true); undefined if unknown. */
  getFact(guildId: string, id: string): StoredFact | undefined {
    const state = this.engine.state(guildId, id);
    return state?.content ? storedFact(state, state.content) : undefined;
  }

  /** UserError (saying the cap) if the server already holds CAPS.serverFacts facts of its own: told before a form is filled in. */
  checkRoom(guildId: string): void {
    this.engine.checkRoom(guildId);
  }

  /** A new fact of the server's own (version 1). Refused if the id exists there in any form, removed included. */
  addFact(guildId: string, fact: Fact, actor: Actor): StoredFact {
    const next = checkFact(fact, 'The new fact');
    return this.engine.write(() => {
      const existing = this.engine.state(guildId, next.id);
      if (existing) {
        const where = existing.removed
          ? 'a removed fact in this server (undo the removal or restore it instead)'
          : existing.head?.origin === 'added'
            ? 'a fact this server added'
            : 'a curated fact (edit it instead)';
        throw new UserError(`A fact with id "${next.id}" already exists: ${where}. Pick another id.`);
      }
      this.engine.checkRoom(guildId);
      this.engine.checkRelated(guildId, next, undefined);
      return this.engine.apply(guildId, next.id, undefined, { action: 'add', content: next, removed: false, followsCurated: false }, actor);
    });
  }

  /**
   * Save an edit made from `expectedVersion`. If someone saved in between, throws
   * StaleEditError and writes nothing. An edit that changes nothing records nothing.
   */
  editFact(guildId: string, fact: Fact, expectedVersion: number, actor: Actor): StoredFact {
    const next = checkFact(fact, `The edited fact "${String((fact as { id?: unknown } | null)?.id)}"`);
    return this.engine.write(() => {
      const state = this.engine.existing(guildId, next.id);
      if (state.removed) throw new UserError(`"${next.id}" has been removed: undo the removal before editing it.`);
      this.engine.checkVersion(guildId, next.id, state, expectedVersion);
      if (state.content && sameContent(state.content, next)) return storedFact(state, state.content);
      // The first edit of a curated fact makes it the server's own.
      if (!state.head) this.engine.checkRoom(guildId);
      this.engine.checkRelated(guildId, next, state.content);
      return this.engine.apply(guildId, next.id, state, { action: 'edit', content: next, removed: false, followsCurated: false }, actor);
    });
  }

  /** Hide the fact from the server; it stays in getFact and history so it can be brought back. */
  removeFact(guildId: string, id: string, expectedVersion: number, actor: Actor): StoredFact {
    return this.engine.write(() => {
      const state = this.engine.existing(guildId, id);
      if (state.removed) throw new UserError(`"${id}" is already removed.`);
      this.engine.checkVersion(guildId, id, state, expectedVersion);
      const content = this.engine.readable(id, state);
      return this.engine.apply(guildId, id, state, { action: 'remove', content, removed: true, followsCurated: state.followsCurated }, actor);
    });
  }

  /** Bring a removed fact back as it was just before the removal (a new version). */
  undoRemove(guildId: string, id: string, actor: Actor): StoredFact {
    return this.engine.write(() => {
      const state = this.engine.existing(guildId, id);
      if (!state.removed) throw new UserError(`"${id}" is not removed, so there is nothing to undo.`);
      this.engine.checkRoom(guildId);
      const before = this.engine.versionContent(guildId, id, state.version - 1, state.curated);
      return this.engine.apply(guildId, id, state, { action: 'undo-remove', content: before.content, removed: false, followsCurated: before.followsCurated }, actor);
    });
  }

  /**
   * Make an earlier version's content current again, as a new version (a removed
   * fact comes back). Version 0 of a curated fact means the current curated
   * text, and the fact then follows later curated releases again.
   */
  restore(guildId: string, id: string, version: number, actor: Actor): StoredFact {
    return this.engine.write(() => {
      const state = this.engine.existing(guildId, id);
      const first = state.head?.origin === 'added' ? 1 : 0;
      if (!Number.isInteger(version) || version < first || version > state.version) {
        const range = first === state.version ? `only version ${first}` : `versions ${first} to ${state.version}`;
        throw new UserError(`"${id}" has no version ${version}: it has ${range}.`);
      }
      if (version === state.version && !state.removed) {
        throw new UserError(`Version ${version} is already the current version of "${id}".`);
      }
      if (state.removed) this.engine.checkRoom(guildId);
      const target = this.engine.versionContent(guildId, id, version, state.curated);
      return this.engine.apply(guildId, id, state, { action: 'restore', content: target.content, removed: false, followsCurated: target.followsCurated }, actor);
    });
  }

  /** Every version, oldest first; curated facts start at version 0 (the curated text, no actor). Damaged rows are left out. */
  history(guildId: string, id: string): FactVersion[] {
    const rows = this.engine.rows.versions(guildId, id);
    if (rows.length === 0) {
      const curated = this.engine.curated.get(id);
      return curated ? [{ version: 0, action: 'curated', actorId: null, actorName: null, at: null, changedFields: [], fact: curated }] : [];
    }
    return rows.flatMap((row): FactVersion[] => {
      const fact = parseSnapshot(row.fact);
      const fields = parseFieldList(row.changed_fields);
      if (typeof fact === 'string' || !fields) {
        const message = typeof fact === 'string' ? fact : 'changed_fields is not a list of field names';
        this.engine.problem({ table: 'fact_versions', guildId, factId: id, version: row.version, message });
        return [];
      }
      return [{ version: row.version, action: row.action, actorId: row.actor_id, actorName: row.actor_name, at: row.at, changedFields: fields, fact }];
    });
  }

  /**
   * Import facts, all or nothing in one transaction: equal facts are skipped, others edited or
   * added (action 'import'); the server's facts missing from the file are left alone. Planned
   * before the transaction, so the write lock is held only while rows are inserted.
   */
  importFacts(guildId: string, facts: readonly Fact[], actor: Actor): ImportSummary {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return this.applyImport(planImport(this.importSnapshot(guildId), facts), actor);
      } catch (error) {
        // Another process (the bot, npm run facts) changed this server in between: plan again.
        if (!(error instanceof StaleImportError)) throw error;
        if (attempt === IMPORT_ATTEMPTS) throw new UserError(STALE_IMPORT);
      }
    }
  }

  /** What planImport needs, read in one transaction: the server's touched facts and the revision they are at. */
  importSnapshot(guildId: string): ImportSnapshot {
    return this.engine.read(() => ({
      guildId,
      revision: this.engine.rows.countVersions(guildId),
      heads: this.engine.rows.heads(guildId),
      curated: this.engine.curatedFacts,
    }));
  }

  /** Write a plan from planImport in one transaction; StaleImportError, writing nothing, if the server changed since its snapshot. */
  applyImport(plan: ImportPlan, actor: Actor): ImportSummary {
    return this.engine.write(() => applyImportPlan(this.engine, plan, actor));
  }

  /** The server's facts as a fact file; it passes factFileSchema. UserError if every fact is removed. */
  exportFacts(guildId: string): FactFile {
    const facts = this.effectiveFacts(guildId);
    if (facts.length === 0) throw new UserError('This server has no facts to export: every fact is removed.');
    return { schemaVersion: FACTS_SCHEMA_VERSION, facts };
  }

  /**
   * Moves on every fact change in the server and is 0 while it has none: rebuild
   * a cached search index when it moves. Gaps and votes do not move it. Cached in
   * memory (one count query per server, then none until its next change), which
   * assumes this store is the only writer of the database.
   */
  revision(guildId: string): number {
    return this.engine.revision(guildId);
  }

  /** Servers whose revision is held in memory (for the metrics; bounded by MEMORY_BOUNDS.storeRevisions). */
  get cachedRevisions(): number {
    return this.engine.cachedRevisions;
  }

  /** Rows that could not be read back since this store was created (each listed once). */
  problems(): StoreProblem[] {
    return this.engine.problems();
  }

  /**
   * Note a question the bot could not answer, asked by `askerId`: each member counts once per question.
   * Returns false (nothing recorded) if it has no words. StorageError if the disk refuses it.
   */
  recordUnanswered(guildId: string, question: string, askerId: string): boolean {
    return this.gapLog.record(guildId, question, askerId, this.engine.now());
  }

  /** The unanswered questions most members asked first (ties: most recently asked). */
  gaps(guildId: string, limit = 10): Gap[] {
    return this.gapLog.list(guildId, limit);
  }

  /**
   * One vote per member per fact, which they may change. Only for a fact the server has now (curated
   * and not removed, or its own): anything else is refused with a UserError and nothing is recorded.
   */
  vote(guildId: string, factId: string, userId: string, helpful: boolean): VoteResult {
    return this.engine.write(() => {
      const state = this.engine.state(guildId, factId);
      if (!state || state.removed) throw new UserError(NO_SUCH_FACT_TO_VOTE_ON);
      return this.voteLog.vote(guildId, factId, userId, helpful, this.engine.now());
    });
  }

  /** Facts with at least one unhelpful vote, most unhelpful first. */
  unhelpfulFacts(guildId: string, limit = 5): UnhelpfulFact[] {
    return this.voteLog.unhelpful(guildId, limit);
  }
}
