import { DiscordAPIError, RESTJSONErrorCodes, type AutocompleteInteraction, type Interaction, type RepliableInteraction } from 'discord.js';
import { UserError } from '../core/errors.ts';
import { MEMORY_BOUNDS } from '../core/memoryBounds.ts';
import type { BotContext, ButtonHandler, MessageCommand, ModalHandler, SlashCommand } from './command.ts';
import { APOLOGY, RESTARTING } from './constants.ts';
import type { Outcome } from '../ops/metrics.ts';
import { isModerator, requireModerator } from './permissions.ts';
import { edit, errorReply } from './replies.ts';

export interface Handlers {
  commands: readonly SlashCommand[];
  messageCommands: readonly MessageCommand[];
  buttons: readonly ButtonHandler[];
  modals: readonly ModalHandler[];
}

/**
 * Routes every interaction to its handler. A UserError becomes a short
 * ephemeral message; anything else is logged and the member gets an apology.
 * The bot never goes silent and one bad interaction never crashes it.
 */
export function createRouter(handlers: Handlers, ctx: BotContext) {
  const byName = new Map(handlers.commands.map((c) => [c.data.name, c]));
  const messageCommandsByName = new Map(handlers.messageCommands.map((c) => [c.data.name, c]));
  const byPrefix = <T extends { prefix: string }>(list: readonly T[], customId: string) =>
    list.find((h) => customId.startsWith(h.prefix));

  /**
   * The metrics label, from a fixed set: a registered command, a known component family, or
   * `unknown`. Command names and custom ids arrive from clients, and each label value is a
   * Prometheus series kept until restart, so forged ones must not make new ones.
   */
  function labelOf(interaction: Interaction): string {
    if (interaction.isAutocomplete()) return byName.has(interaction.commandName) ? `${interaction.commandName}:autocomplete` : UNKNOWN_LABEL;
    if (interaction.isChatInputCommand()) return byName.has(interaction.commandName) ? interaction.commandName : UNKNOWN_LABEL;
    if (interaction.isMessageContextMenuCommand()) return messageCommandsByName.has(interaction.commandName) ? interaction.commandName : UNKNOWN_LABEL;
    if (interaction.isButton()) return componentLabel(byPrefix(handlers.buttons, interaction.customId));
    if (interaction.isModalSubmit()) return componentLabel(byPrefix(handlers.modals, interaction.customId));
    return UNKNOWN_LABEL;
  }

  const inFlight = new Set<Promise<void>>();
  const seen = new RecentIds(MEMORY_BOUNDS.recentInteractionIds);
  ctx.metrics.trackSize('recent_interaction_ids_entries', 'Interaction ids remembered to ignore a replayed one (bounded).', () => seen.size);
  let stopping = false;

  /** Handle one interaction; tracked so a shutdown can let in-flight answers finish. */
  function handle(interaction: Interaction): Promise<void> {
    // A resumed gateway session can deliver an interaction again; it was already answered.
    if (seen.has(interaction.id)) {
      ctx.logger.warn({ interactionId: interaction.id }, 'duplicate interaction ignored');
      return Promise.resolve();
    }
    seen.add(interaction.id);
    const done = route(interaction).finally(() => inFlight.delete(done));
    inFlight.add(done);
    return done;
  }

  /**
   * Stop taking work: anything arriving from now on gets a short "restarting" note, then this
   * resolves when every interaction already being answered is done (or `timeoutMs` passed).
   */
  async function drain(timeoutMs: number): Promise<void> {
    stopping = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([Promise.allSettled([...inFlight]).then(() => undefined), timeout]);
  }

  async function route(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const label = labelOf(interaction);
    let outcome: Outcome = 'ok';
    const logger = ctx.logger.child({
      interactionId: interaction.id,
      guildId: interaction.guildId,
      userId: interaction.user.id,
      command: 'commandName' in interaction ? interaction.commandName : undefined,
      customId: 'customId' in interaction ? interaction.customId : undefined,
    });
    const scoped: BotContext = { ...ctx, logger };
    try {
      if (stopping) {
        if (interaction.isAutocomplete()) await interaction.respond([]);
        else if (interaction.isRepliable()) await interaction.reply(errorReply(RESTARTING));
        return;
      }
      if (interaction.isAutocomplete()) {
        await autocomplete(interaction, scoped);
      } else if (interaction.isChatInputCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) throw new UserError('I don’t know that command any more. It may have been removed; try `/help`.');
        if (command.moderatorOnly) requireModerator(interaction, scoped);
        await command.execute(interaction, scoped);
      } else if (interaction.isMessageContextMenuCommand()) {
        const command = messageCommandsByName.get(interaction.commandName);
        if (!command) throw new UserError('I don’t know that command any more; try `/help`.');
        if (command.moderatorOnly) requireModerator(interaction, scoped);
        await command.execute(interaction, scoped);
      } else if (interaction.isButton()) {
        const button = byPrefix(handlers.buttons, interaction.customId);
        if (!button) throw new UserError('This button has expired. Ask again with `/ask`.');
        if (button.moderatorOnly) requireModerator(interaction, scoped);
        await button.execute(interaction, interaction.customId.slice(button.prefix.length), scoped);
      } else if (interaction.isModalSubmit()) {
        const modal = byPrefix(handlers.modals, interaction.customId);
        if (!modal) throw new UserError('This form has expired. Please open it again.');
        if (modal.moderatorOnly) requireModerator(interaction, scoped);
        await modal.execute(interaction, interaction.customId.slice(modal.prefix.length).replace(/^:/, ''), scoped);
      }
    } catch (error) {
      outcome = error instanceof UserError ? 'user_error' : 'error';
      if (interaction.isRepliable()) await reportError(interaction, error, logger);
      else logger.error({ err: error }, 'interaction failed');
    }
    const seconds = (performance.now() - started) / 1000;
    ctx.metrics.interaction(label, outcome, seconds);
    logger.info({ outcome, latencyMs: Math.round(seconds * 1000) }, 'interaction');
  }

  async function autocomplete(interaction: AutocompleteInteraction, scoped: BotContext): Promise<void> {
    const command = byName.get(interaction.commandName);
    try {
      if (!command?.autocomplete) throw new Error(`no autocomplete for /${interaction.commandName}`);
      // Suggestions would show fact ids (even removed ones) to people who may not manage them.
      if (command.moderatorOnly && !isModerator(interaction, scoped.moderatorRoleIds)) {
        await interaction.respond([]);
        return;
      }
      await command.autocomplete(interaction, scoped);
    } catch (error) {
      // Autocomplete cannot show an error; an empty list is the honest answer.
      scoped.logger.warn({ err: error }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  return { handle, drain };
}

/** The metrics label of whatever the bot does not know: a forged command name or custom id adds no series. */
const UNKNOWN_LABEL = 'unknown';

/** `component:fact` for the handler of `fact:`; only the bot's own handlers name a series. */
function componentLabel(handler: { prefix: string } | undefined): string {
  return handler ? `component:${handler.prefix.replace(/:$/, '')}` : UNKNOWN_LABEL;
}

/** Discord will take no further answer to this interaction: it expired or was already answered. */
const UNANSWERABLE = new Set([RESTJSONErrorCodes.UnknownInteraction, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged]);

async function reportError(interaction: RepliableInteraction, error: unknown, logger: BotContext['logger']): Promise<void> {
  if (error instanceof DiscordAPIError && UNANSWERABLE.has(error.code as RESTJSONErrorCodes)) {
    logger.error({ err: error }, 'answer could not be delivered');
    return;
  }
  const isUserError = error instanceof UserError;
  if (isUserError) logger.info({ reason: error.message }, 'user error');
  else logger.error({ err: error }, 'interaction failed');
  const message = errorReply(isUserError ? error.message : APOLOGY);
  try {
    if (interaction.deferred && !interaction.replied) await interaction.editReply(edit({ content: message.content ?? APOLOGY }));
    else if (interaction.replied) await interaction.followUp(message);
    else await interaction.reply(message);
  } catch (replyError) {
    logger.error({ err: replyError }, 'could not deliver the error reply');
  }
}

/** The last `capacity` ids, oldest forgotten first. */
class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
  }
}
