import type { Knowledge } from './answers/answerQuestion.ts';
import type { Fact } from './facts/schema.ts';
import { buildKnowledge } from './knowledge.ts';

/** What the cache needs from the store: each server's facts and a counter that moves when they change. */
export interface GuildFactSource {
  revision(guildId: string): number;
  effectiveFacts(guildId: string): Fact[];
}

/** Servers whose own index stays in memory (about 2 MB each); others rebuild on their next question. */
const MAX_CACHED_GUILDS = 25;

/**
 * Each server's knowledge (facts + search index). Servers that never edited a
 * fact share the curated index; an edited server gets its own, rebuilt only
 * when its revision moves, so a saved fact is searchable at once.
 */
export class GuildKnowledge {
  private readonly cache = new Map<string, { revision: number; knowledge: Knowledge }>();

  constructor(
    private readonly store: GuildFactSource,
    readonly curated: Knowledge,
  ) {}

  for(guildId: string | null): Knowledge {
    if (guildId === null) return this.curated;
    const revision = this.store.revision(guildId);
    if (revision === 0) return this.curated;
    const cached = this.cache.get(guildId);
    if (cached && cached.revision === revision) {
      // Re-insert to keep the most recently used servers at the end of the Map.
      this.cache.delete(guildId);
      this.cache.set(guildId, cached);
      return cached.knowledge;
    }
    const knowledge = buildKnowledge(this.store.effectiveFacts(guildId));
    this.cache.delete(guildId);
    this.cache.set(guildId, { revision, knowledge });
    if (this.cache.size > MAX_CACHED_GUILDS) this.cache.delete(this.cache.keys().next().value!);
    return knowledge;
  }
}
