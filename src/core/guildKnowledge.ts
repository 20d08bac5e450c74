import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Knowledge } from './answers/answerQuestion.ts';
import { LruMap } from './bounded.ts';
import { FactBase } from './facts/factBase.ts';
import type { Fact } from './facts/schema.ts';
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
 * How the work of indexing a server's own facts is spread. Indexing one fact
 * takes about 0.5 ms, so a save (one fact) is indexed at once and answered
 * from its next question; a server with thousands of its own facts (after a
 * restart, or an import) is indexed a slice at a time, letting every other
 * server's questions through between slices, while its previous index (or the
 * curated one) keeps answering it. A worker thread would not help: copying an
 * index back costs about as much as building it (2,000 facts: 1.5 s to build,
 * 0.44 s to deserialise), in one block.
 */
export const OVERLAY_WORK = {
  /** Facts indexed at once, in the question that finds them changed (about 4 ms). */
  indexNow: 8,
  /** Longest slice of background indexing before other work gets its turn. */
  sliceMs: 4,
} as const;

interface GuildState {
  revision: number;
  overlay: OverlayIndex;
  /** The version each of the overlay's facts was indexed at. */
  versions: Map<string, number>;
  knowledge: Knowledge;
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
  /** Servers being indexed in the background, with the revision being built. */
  private readonly building = new Map<string, number>();
  /** Background builds run one after another, so many at once cannot crowd out the questions. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: GuildFactSource,
    private readonly engine: SearchEngine,
    private readonly curatedFacts: readonly Fact[],
    private readonly onError: (error: unknown) => void = () => undefined,
    maxServers: number = MEMORY_BOUNDS.searchOverlays,
  ) {
    this.states = new LruMap(maxServers);
    this.base = engine.indexFacts(curatedFacts);
    this.curated = { facts: new FactBase(curatedFacts), index: new SearchIndex(engine, new SearchView(this.base)) };
  }

  for(guildId: string | null): Knowledge {
    if (guildId === null) return this.curated;
    const revision = this.store.revision(guildId);
    if (revision === 0) return this.curated;
    const state = this.states.get(guildId);
    if (state && state.revision === revision) return state.knowledge;
    const changes = this.store.changes(guildId);
    const stale = changes.filter((c) => c.own && state?.versions.get(c.factId) !== c.version).length;
    if (stale <= OVERLAY_WORK.indexNow) return this.update(guildId, state, changes, revision).knowledge;
    this.updateLater(guildId, revision);
    // Until the background build is done, the server's facts are current (reading them is cheap:
    // about 20 µs a fact) and only the search index lags; answers show the current text.
    const indexed = state ?? { revision: 0, overlay: new OverlayIndex(), versions: new Map<string, number>(), knowledge: this.curated };
    const facts = this.effectiveFacts(changes, (change) =>
      indexed.versions.get(change.factId) === change.version ? indexed.overlay.get(change.factId)?.fact : change.content(),
    );
    const interim = { ...indexed, revision, knowledge: { facts: new FactBase(facts), index: indexed.knowledge.index } };
    this.states.set(guildId, interim);
    return interim.knowledge;
  }

  /** Servers with an index of their own in memory, and the facts those hold in all (for /metrics). */
  get sizes(): { servers: number; ownFacts: number } {
    let ownFacts = 0;
    for (const state of this.states.values()) ownFacts += state.overlay.count;
    return { servers: this.states.size, ownFacts };
  }

  /** Bring the server's overlay up to `changes` now, in place. */
  private update(guildId: string, state: GuildState | undefined, changes: readonly FactChange[], revision: number): GuildState {
    let overlay = state?.overlay ?? new OverlayIndex();
    if (overlay.span > 2 * overlay.count + COMPACT_SLACK) {
      const compact = new OverlayIndex();
      for (const entry of overlay.entries()) compact.set(entry);
      overlay = compact;
    }
    const versions = new Map(state?.versions ?? []);
    const own = new Set(changes.filter((c) => c.own).map((c) => c.factId));
    for (const id of versions.keys()) {
      if (own.has(id)) continue;
      overlay.remove(id);
      versions.delete(id);
    }
    for (const change of changes) {
      if (!change.own || versions.get(change.factId) === change.version) continue;
      this.index(overlay, versions, change);
    }
    return this.install(guildId, overlay, versions, changes, revision);
  }

  /** Build the server's overlay afresh in the background, a slice at a time, then put it in place. */
  private updateLater(guildId: string, revision: number): void {
    if ((this.building.get(guildId) ?? -1) >= revision) return;
    this.building.set(guildId, revision);
    const build = async () => {
      // Read when its turn comes: a later save may have moved the revision meanwhile.
      const latest = this.store.revision(guildId);
      const changes = this.store.changes(guildId);
      const state = this.states.get(guildId);
      const overlay = new OverlayIndex();
      const versions = new Map<string, number>();
      let sliceStart = performance.now();
      for (const change of changes) {
        if (!change.own) continue;
        // Facts indexed before at the same version are reused, not indexed again.
        const known = state?.versions.get(change.factId) === change.version ? state.overlay.get(change.factId) : undefined;
        if (known) {
          overlay.set(known);
          versions.set(change.factId, change.version);
        } else this.index(overlay, versions, change);
        if (performance.now() - sliceStart > OVERLAY_WORK.sliceMs) {
          await nextTurn();
          sliceStart = performance.now();
        }
      }
      // Put in place unless a newer revision was indexed meanwhile (an interim state has the old versions).
      const current = this.states.get(guildId);
      if (!current || current.revision <= latest) this.install(guildId, overlay, versions, changes, latest);
    };
    this.queue = this.queue
      .then(build)
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        if (this.building.get(guildId) === revision) this.building.delete(guildId);
      });
  }

  /** Wait for every background build started so far (tests, shutdown). */
  async settled(): Promise<void> {
    await this.queue;
  }

  private index(overlay: OverlayIndex, versions: Map<string, number>, change: FactChange): void {
    const fact = change.content();
    if (fact) overlay.set(indexFact(fact, this.engine.analyzer));
    else overlay.remove(change.factId);
    versions.set(change.factId, change.version);
  }

  /** The server's facts as it sees them: curated order, its edits in place, its removals left out, then its additions. */
  private effectiveFacts(changes: readonly FactChange[], ownFact: (change: FactChange) => Fact | undefined): Fact[] {
    const byId = new Map(changes.map((c) => [c.factId, c]));
    const facts: Fact[] = [];
    for (const fact of this.curatedFacts) {
      const change = byId.get(fact.id);
      if (!change) facts.push(fact);
      else if (change.own) {
        const own = ownFact(change);
        if (own) facts.push(own);
      } else if (!change.removed) facts.push(fact);
    }
    for (const change of changes) {
      const own = change.own && !change.curated ? ownFact(change) : undefined;
      if (own) facts.push(own);
    }
    return facts;
  }

  /** Put a server's overlay in place, with its facts and their view. */
  private install(guildId: string, overlay: OverlayIndex, versions: Map<string, number>, changes: readonly FactChange[], revision: number): GuildState {
    const facts = this.effectiveFacts(changes, (change) => overlay.get(change.factId)?.fact);
    const hidden = changes.filter((c) => c.curated && (c.removed || c.own)).map((c) => c.factId);
    const view = new SearchView(this.base, overlay, hidden);
    const state = { revision, overlay, versions, knowledge: { facts: new FactBase(facts), index: new SearchIndex(this.engine, view) } };
    this.states.set(guildId, state);
    return state;
  }
}

/** An overlay with this many more slots than twice its facts (removed facts leave holes) is rebuilt compact. */
const COMPACT_SLACK = 64;
