import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import type { RateLimiter, RecentPosts } from '../core/abuse.ts';
import type { Knowledge } from '../core/answers/answerQuestion.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { FactStore } from '../core/store/factStore.ts';
import type { QuizHost } from './quiz/quizHost.ts';

/** What every handler is handed; handlers never reach into process.env or the file system. */
export interface BotContext {
  /** The facts one server sees (guildId null in DMs). */
  knowledgeFor(guildId: string | null): Knowledge;
  logger: Logger;
  /** Per-server fact edits, history, gaps and votes. */
  store: FactStore;
  /** The article's paragraphs, to check moderators' quotes. */
  paragraphs: readonly string[];
  moderatorRoleIds: readonly string[];
  quizzes: QuizHost;
  metrics: Metrics;
  /** Flood protection: per-member rate limits and no duplicate public answers. */
  guards: { ask: RateLimiter; quizStart: RateLimiter; publicAnswers: RecentPosts };
}

/** Moderator-only handlers are refused by the router, at run time, for everyone else. */
interface Guarded {
  moderatorOnly?: boolean;
}

export interface SlashCommand extends Guarded {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A right-click "Apps" command on a message. */
export interface MessageCommand extends Guarded {
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

/** A button family, matched by custom id prefix; `payload` is the rest of the id. */
export interface ButtonHandler extends Guarded {
  prefix: string;
  execute(interaction: ButtonInteraction, payload: string, ctx: BotContext): Promise<void>;
}

/** A modal family, matched by custom id prefix like buttons. */
export interface ModalHandler extends Guarded {
  prefix: string;
  execute(interaction: ModalSubmitInteraction, payload: string, ctx: BotContext): Promise<void>;
}
