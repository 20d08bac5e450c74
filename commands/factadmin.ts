import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type SlashCommandSubcommandBuilder } from 'discord.js';
import { suggestFacts } from '../src/core/answers/suggest.ts';
import { UserError } from '../src/core/errors.ts';
import { factToForm } from '../src/core/facts/factForm.ts';
import type { BotContext, SlashCommand } from '../src/discord/command.ts';
import { CUSTOM_ID, MAX_CHOICES } from '../src/discord/constants.ts';
import { actorOf } from '../src/discord/factadmin/actor.ts';
import { editModalFor, factModal } from '../src/discord/factadmin/factModal.ts';
import { confirmRemovalReply } from '../src/discord/factadmin/removal.ts';
import { exportFacts, importFacts } from '../src/discord/factadmin/transfer.ts';
import { gapsReply, historyReply } from '../src/discord/factadmin/views.ts';
import { factChoice, quoteUserText, reply } from '../src/discord/replies.ts';

/** A subcommand that acts on one fact, picked by id with autocomplete. */
const withId = (name: string, description: string) => (s: SlashCommandSubcommandBuilder) =>
  s
    .setName(name)
    .setDescription(description)
    .addStringOption((o) => o.setName('id').setDescription('The fact (start typing to search)').setRequired(true).setMaxLength(64).setAutocomplete(true));

function factOrThrow(ctx: BotContext, guildId: string, id: string) {
  const found = ctx.store.getFact(guildId, id);
  if (!found) throw new UserError(`There is no fact \`${quoteUserText(id, 64)}\` in this server. Pick one from the list as you type.`);
  return found;
}

export default {
  moderatorOnly: true,
  data: new SlashCommandBuilder()
    .setName('factadmin')
    .setDescription('Moderators: add, edit, remove and review this server’s facts')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) => s.setName('add').setDescription('Add a fact (opens a form)'))
    .addSubcommand(withId('edit', 'Edit a fact (opens the form filled in)'))
    .addSubcommand(withId('remove', 'Remove a fact from this server (asks first; can be undone)'))
    .addSubcommand(withId('history', 'Every version of a fact, who changed it and when'))
    .addSubcommand((s) =>
      withId('restore', 'Restore an earlier version of a fact')(s).addIntegerOption((o) =>
        o.setName('version').setDescription('The version number, from /factadmin history').setRequired(true).setMinValue(0),
      ),
    )
    .addSubcommand((s) => s.setName('gaps').setDescription('Questions members asked that had no answer, and unhelpful facts'))
    .addSubcommand((s) => s.setName('export').setDescription('Download this server’s facts as a JSON file'))
    .addSubcommand((s) =>
      s
        .setName('import')
        .setDescription('Replace facts from a JSON file (all or nothing)')
        .addAttachmentOption((o) => o.setName('file').setDescription('A file in the data/facts.json format').setRequired(true)),
    )
    .toJSON(),

  async execute(interaction, ctx) {
    const guildId = interaction.guildId!;
    const id = interaction.options.getString('id')?.trim().toLowerCase() ?? '';
    switch (interaction.options.getSubcommand()) {
      case 'add':
        ctx.store.checkRoom(guildId);
        await interaction.showModal(factModal(CUSTOM_ID.addModal, 'Add a fact'));
        return;
      case 'edit': {
        const found = factOrThrow(ctx, guildId, id);
        if (found.removed) throw new UserError(`\`${id}\` is removed. Restore it first with /factadmin restore.`);
        await interaction.showModal(editModalFor(id, found.version, factToForm(found.fact)));
        return;
      }
      case 'remove': {
        const found = factOrThrow(ctx, guildId, id);
        if (found.removed) throw new UserError(`\`${id}\` is already removed.`);
        await interaction.reply(confirmRemovalReply(id, found.version, quoteUserText(found.fact.question, 100)));
        return;
      }
      case 'history':
        factOrThrow(ctx, guildId, id);
        await interaction.reply(historyReply(id, ctx.store.history(guildId, id)));
        return;
      case 'restore': {
        factOrThrow(ctx, guildId, id);
        const version = interaction.options.getInteger('version', true);
        const saved = ctx.store.restore(guildId, id, version, actorOf(interaction));
        ctx.logger.info({ factId: id, action: 'restore', from: version, version: saved.version }, 'fact restored');
        await interaction.reply(reply({ content: `Restored version ${version} of \`${id}\`; it is now version ${saved.version}.` }, true));
        return;
      }
      case 'gaps':
        await interaction.reply(gapsReply(ctx.store.gaps(guildId, 10), ctx.store.unhelpfulFacts(guildId, 5), ctx.quizzes.itemsForReview(guildId)));
        return;
      case 'export':
        return exportFacts(interaction, ctx);
      case 'import':
        return importFacts(interaction, ctx);
      default:
        throw new UserError('Unknown subcommand; see /help.');
    }
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    const facts = suggestFacts(ctx.knowledgeFor(interaction.guildId), typed, MAX_CHOICES);
    const removed = interaction.guildId ? ctx.store.getFact(interaction.guildId, typed.trim().toLowerCase()) : undefined;
    const choices = facts.map((f) => factChoice(f));
    if (removed?.removed) choices.unshift(factChoice(removed.fact, '[removed] '));
    await interaction.respond(choices.slice(0, MAX_CHOICES));
  },
} satisfies SlashCommand;
