import type { AutocompleteInteraction, Interaction, RepliableInteraction } from 'discord.js';
import { UserError } from '../core/errors.ts';
import type { BotContext, ButtonHandler, SlashCommand } from './command.ts';
import { APOLOGY } from './constants.ts';
import { errorReply } from './replies.ts';

/**
 * Routes every interaction to its handler. A UserError becomes a short
 * ephemeral message; anything else is logged and the member gets an apology.
 * The bot never goes silent and one bad interaction never crashes it.
 */
export function createRouter(commands: readonly SlashCommand[], buttons: readonly ButtonHandler[], ctx: BotContext) {
  const byName = new Map(commands.map((c) => [c.data.name, c]));

  async function handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const log = ctx.logger.child({
      interactionId: interaction.id,
      guildId: interaction.guildId,
      userId: interaction.user.id,
      command: 'commandName' in interaction ? interaction.commandName : undefined,
      customId: 'customId' in interaction ? interaction.customId : undefined,
    });
    try {
      if (interaction.isAutocomplete()) {
        await autocomplete(interaction, log);
      } else if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) throw new UserError('I don’t know that command any more. It may have been removed; try `/help`.');
        await command.execute(interaction, { ...ctx, logger: log });
      } else if (interaction.isButton()) {
        const button = buttons.find((b) => interaction.customId.startsWith(b.prefix));
        if (!button) throw new UserError('This button has expired. Ask again with `/ask`.');
        await button.execute(interaction, interaction.customId.slice(button.prefix.length), { ...ctx, logger: log });
      }
      log.debug({ latencyMs: Math.round(performance.now() - started) }, 'interaction handled');
    } catch (error) {
      if (interaction.isRepliable()) await reportError(interaction, error, log);
      else log.error({ err: error }, 'interaction failed');
    }
  }

  async function autocomplete(interaction: AutocompleteInteraction, log: BotContext['logger']): Promise<void> {
    const command = byName.get(interaction.commandName);
    try {
      if (!command?.autocomplete) throw new Error(`no autocomplete for /${interaction.commandName}`);
      await command.autocomplete(interaction, { ...ctx, logger: log });
    } catch (error) {
      // Autocomplete cannot show an error; an empty list is the honest answer.
      log.warn({ err: error }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  return handle;
}

async function reportError(interaction: RepliableInteraction, error: unknown, log: BotContext['logger']): Promise<void> {
  const isUserError = error instanceof UserError;
  if (isUserError) log.info({ reason: error.message }, 'user error');
  else log.error({ err: error }, 'interaction failed');
  const message = errorReply(isUserError ? error.message : APOLOGY);
  try {
    if (interaction.deferred || interaction.replied) await interaction.followUp(message);
    else await interaction.reply(message);
  } catch (replyError) {
    log.error({ err: replyError }, 'could not deliver the error reply');
  }
}
