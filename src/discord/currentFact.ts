import type { Fact } from '../core/facts/schema.ts';
import type { BotContext } from './command.ts';

/**
 * A fact as the server has it right now, read from the store: a server's search may be a moment
 * behind a large import (GuildKnowledge indexes it in the background), but a fact shown by id never is.
 */
export function currentFact(ctx: BotContext, guildId: string | null, id: string): Fact | undefined {
  if (guildId === null) return ctx.knowledgeFor(null).facts.get(id);
  const stored = ctx.store.getFact(guildId, id);
  return stored && !stored.removed ? stored.fact : undefined;
}
