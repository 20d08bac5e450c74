import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Knowledge } from '../core/answers/answerQuestion.ts';

/** What every handler is handed; handlers never reach into process.env or the file system. */
export interface BotContext {
  /** The facts one server sees (guildId null in DMs). */
  knowledgeFor(guildId: string | null): Knowledge;
  logger: Logger;
}

export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A button family, matched by custom id prefix; `payload` is the rest of the id. */
export interface ButtonHandler {
  prefix: string;
  execute(interaction: ButtonInteraction, payload: string, ctx: BotContext): Promise<void>;
}
