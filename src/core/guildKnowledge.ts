import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Knowledge } from './answers/answerQuestion.ts';
import { LruMap } from './bounded.ts';
import { FactBase } from './facts/factBase.ts';
import type { Fact } from './facts/schema.ts';
import { serverFacts } from './facts/serverFacts.ts';
import { MEMORY_BOUNDS } from './memoryBounds.ts';
import { indexFact, type FactIndex } from './search/factIndex.ts';
import { OverlayIndex } from './search/overlayIndex.ts';
import { SearchIndex, type SearchEngine } from './search/searchIndex.ts';
import { SearchView } from './search/searchView.ts';
import type { FactChange } from './store/engine.ts';

/** What the cache needs from the store: a counter that moves when a server's facts change, and the changes. */
export interface GuildFactSource {
  revision(guildId: string): number;
  changes(guildId: string): FactChange[];
}

/**
 * How the work of reading and indexing a server's own facts is spread. One fact
 * takes about 0.5 ms, so a save (one fact) is done in the question that finds
 * it and answered at once. A server with thousands of facts of its own (after
 * a restart, or an import) is brought up to date a slice at a time, letting
 * every other server's questions through between slices, while its previous
 * knowledge (or the curated one) answers it. A worker thread would not help:
 * copying an index back costs about as much as building it (2,000 facts: 1.5 s
 * to build, 0.44 s to deserialise), in one block.
 */
export const OVERLAY_WORK = {
  /** Longest slice of work before other questions get their turn. */
  sliceMs: 4,
} as const;

export interface GuildKnowledgeOptions {
  /** Told of a failed background update (the server is started afresh on its next question). */
  onError?: (error: unknown) => void;
  maxServers?: number;
  maxOwnFacts?: number;
  /** Longest slice of work; tests set it to take timing out of what they check. */
  sliceMs?: number;
}

interface GuildState {
  revision: number;
  overlay: OverlayIndex;
  /** The overlay's facts when it was put in place (it changes in place later), for the memory budget. */
  held: number;
  /** The version each of the overlay's facts was indexed at. */
  versions: Map<string, number>;
  knowledge: Knowledge;
}

/** Bringing one server's overlay up to a revision, resumable between slices. */
interface Job {
  revision: number;
  changes: FactChange[];
  overlay: OverlayIndex;
  versions: Map<string, number>;
  /** The next change to look at. */
  next: number;
}

/**
 * Each server's knowledge (facts + search index). Servers that never changed a
 * fact share the curated knowledge; a changed server gets a view of the shared
 * curated index with its own facts in a small overlay, updated fact by fact as
 * its revision moves: a server that edited one fact costs that one fact.
 */
export class GuildKnowledge {
  readonly curated: Knowledge;
  private readonly base: FactIndex;
  private readonly states: LruMap<string, GuildState>;
  /** Facts held in all the servers' overlays. */
  private ownFacts = 0;
  private readonly jobs: LruMap<string, Job>;
  /** Servers whose update goes on in the background. */
  private readonly scheduled = new Set<string>();
  /** Background work runs one server after another, so many at once cannot crowd out the questions. */
  private queue: Promise<void> = Promise.resolve();

  private readonly onError: (error: unknown) => void;
  private readonly maxOwnFacts: number;
  private readonly sliceMs: number;

  constructor(
    private readonly store: GuildFactSource,
    private readonly engine: SearchEngine,
    private readonly curatedFacts: readonly Fact[],
    {
      onError = () => undefined,
      maxServers = MEMORY_BOUNDS.searchOverlays,
      maxOwnFacts = MEMORY_BOUNDS.searchOverlayFacts,
      sliceMs = OVERLAY_WORK.sliceMs,
    }: GuildKnowledgeOptions = {},
  ) {
    this.onError = onError;
    this.maxOwnFacts = maxOwnFacts;
    this.sliceMs = sliceMs;
    this.states = new LruMap(maxServers, (evicted) => (this.ownFacts -= evicted.held));
    this.jobs = new LruMap(maxServers);
    this.base = engine.indexFacts(curatedFacts);
    this.curated = { facts: new FactBase(curatedFacts), index: new SearchIndex(engine, new SearchView(this.base)) };
  }

  for(guildId: string | null): Knowledge {
    if (guildId === null) return this.curated;
    const revision = this.store.revision(guildId);
    if (revision === 0) return this.curated;
    const state = this.states.get(guildId);
    if (state && state.revision === revision) return state.knowledge;
    const done = this.advance(guildId, revision, performance.now() + this.sliceMs);
    if (done) return done.knowledge;
    this.continueLater(guildId);
    return state?.knowledge ?? this.curated;
  }

  /** Servers with an index of their own in memory, and the facts those hold in all (for /metrics). */
  get sizes(): { servers: number; ownFacts: number } {
    return { servers: this.states.size, ownFacts: this.ownFacts };
  }

  /** Wait for the background work started so far (tests, shutdown). */
  async settled(): Promise<void> {
    await this.queue;
  }

  /** Work on the server's update until `deadline`; its new state once complete, else undefined (the work is kept). */
  private advance(guildId: string, revision: number, deadline: number): GuildState | undefined {
    let job = this.jobs.get(guildId);
    if (!job || job.revision !== revision) job = this.startJob(guildId, revision);
    while (job.next < job.changes.length) {
      const change = job.changes[job.next++]!;
      if (change.own && job.versions.get(change.factId) !== change.version) {
        const fact = change.content();
        if (fact) job.overlay.set(indexFact(fact, this.engine.analyzer));
        else job.overlay.remove(change.factId);
        job.versions.set(change.factId, change.version);
      }
      if (job.next < job.changes.length && performance.now() > deadline) return undefined;
    }
    this.jobs.delete(guildId);
    return this.install(guildId, job);
  }

  /**
   * The changes to apply, on the server's current overlay: facts that are no longer its own
   * (removed, or back to the curated text) leave at once; the others are indexed by advance().
   */
  private startJob(guildId: string, revision: number): Job {
    // Work already done for an older revision is kept: its overlay holds what it indexed.
    const from = this.jobs.get(guildId) ?? this.states.get(guildId);
    const changes = this.store.changes(guildId);
    const overlay = from?.overlay ?? new OverlayIndex();
    const versions = new Map(from?.versions ?? []);
    const own = new Set(changes.filter((c) => c.own).map((c) => c.factId));
    for (const id of [...versions.keys()]) {
      if (own.has(id)) continue;
      overlay.remove(id);
      versions.delete(id);
    }
    const job = { revision, changes, overlay, versions, next: 0 };
    this.jobs.set(guildId, job);
    return job;
  }

  private continueLater(guildId: string): void {
    if (this.scheduled.has(guildId)) return;
    this.scheduled.add(guildId);
    const work = async () => {
      // The revision is read at each turn: a later save may have moved it meanwhile.
      while (!this.advance(guildId, this.store.revision(guildId), performance.now() + this.sliceMs)) await nextTurn();
    };
    this.queue = this.queue
      .then(work)
      .catch((error: unknown) => {
        // Started afresh on the server's next question.
        this.jobs.delete(guildId);
        this.onError(error);
      })
      .finally(() => this.scheduled.delete(guildId));
  }

  /** Put a finished update in place: the server's facts and their view. */
  private install(guildId: string, job: Job): GuildState {
    const { overlay, versions, changes, revision } = job;
    const facts = serverFacts(this.curatedFacts, changes, (change) => overlay.get(change.factId)?.fact);
    const hidden = changes.filter((c) => c.curated && (c.removed || c.own)).map((c) => c.factId);
    const view = new SearchView(this.base, overlay, hidden);
    const state = { revision, overlay, held: overlay.count, versions, knowledge: { facts: new FactBase(facts), index: new SearchIndex(this.engine, view) } };
    this.ownFacts += state.held - (this.states.get(guildId)?.held ?? 0);
    this.states.set(guildId, state);
    // Bounded by the facts held as well as by the servers: the least recently asked go first.
    while (this.ownFacts > this.maxOwnFacts && this.states.size > 1) {
      const [, evicted] = this.states.shift()!;
      this.ownFacts -= evicted.held;
    }
    return state;
  }
}
