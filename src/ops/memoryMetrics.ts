import type { GuildKnowledge } from '../core/guildKnowledge.ts';
import type { FactStore } from '../core/store/factStore.ts';
import type { BotContext } from '../discord/command.ts';
import type { QuizHost } from '../discord/quiz/quizHost.ts';
import type { Metrics } from './metrics.ts';

/** What the composition root holds that keeps entries per member, channel or server (each bounded by MEMORY_BOUNDS). */
export interface BoundedParts {
  guards: BotContext['guards'];
  quizzes: QuizHost;
  store: FactStore;
  knowledge: GuildKnowledge;
}

/** Serve the size of every bounded structure on /metrics, as factbot_<name>_entries gauges. */
export function trackBoundedStructures(metrics: Metrics, { guards, quizzes, store, knowledge }: BoundedParts): void {
  metrics.trackSize('ask_rate_limit_entries', 'Members the /ask rate limit remembers (forgotten when their window passes; bounded).', () => guards.ask.size);
  metrics.trackSize('quiz_start_rate_limit_entries', 'Members the /quiz start rate limit remembers (bounded).', () => guards.quizStart.size);
  metrics.trackSize('recent_public_answers_entries', 'Answers remembered as posted in a channel, against duplicates (bounded).', () => guards.publicAnswers.size);
  metrics.trackSize('quizzes_running_entries', 'Quizzes running now (capped in all and per server).', () => quizzes.sizes.running);
  metrics.trackSize('quizzes_ended_entries', 'Ended quizzes kept for late clicks (bounded).', () => quizzes.sizes.ended);
  metrics.trackSize('store_revision_entries', 'Servers whose fact revision is held in memory (bounded).', () => store.cachedRevisions);
  metrics.trackSize('search_overlay_servers_entries', 'Servers whose own facts are indexed in memory over the shared index (bounded).', () => knowledge.sizes.servers);
  metrics.trackSize('search_overlay_facts_entries', 'Facts of servers’ own held in those indexes, in all.', () => knowledge.sizes.ownFacts);
}
