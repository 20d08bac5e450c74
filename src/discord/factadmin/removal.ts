import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { UserError } from '../../core/errors.ts';
import type { ButtonHandler } from '../command.ts';
import { CUSTOM_ID } from '../constants.ts';
import { reply, type Reply } from '../replies.ts';
import { actorOf } from './actor.ts';

/** The question "remove this fact?" with buttons; nothing changes until Remove is clicked. */
export function confirmRemovalReply(id: string, version: number, question: string): Reply {
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`${CUSTOM_ID.confirmRemove}${id}:${version}`).setLabel('Remove').setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(CUSTOM_ID.cancel).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
  );
  return reply({ content: `Remove \`${id}\` (“${question}”) from this server? You can undo it afterwards.`, components: [row] }, true);
}

function undoRow(id: string) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`${CUSTOM_ID.undoRemove}${id}`).setLabel('Undo').setStyle(ButtonStyle.Primary),
  );
}

export const confirmRemoveButton: ButtonHandler = {
  prefix: CUSTOM_ID.confirmRemove,
  moderatorOnly: true,
  async execute(interaction, payload, ctx) {
    const [id = '', version = ''] = payload.split(':');
    const saved = ctx.store.removeFact(interaction.guildId!, id, Number(version), actorOf(interaction));
    ctx.logger.info({ factId: id, action: 'remove', version: saved.version }, 'fact removed');
    await interaction.update({
      content: `Removed \`${id}\`. /ask no longer uses it in this server.`,
      components: [undoRow(id)],
      allowedMentions: { parse: [] },
    });
  },
};

export const cancelButton: ButtonHandler = {
  prefix: CUSTOM_ID.cancel,
  moderatorOnly: true,
  async execute(interaction) {
    await interaction.update({ content: 'Cancelled; nothing was changed.', components: [], allowedMentions: { parse: [] } });
  },
};

export const undoRemoveButton: ButtonHandler = {
  prefix: CUSTOM_ID.undoRemove,
  moderatorOnly: true,
  async execute(interaction, id, ctx) {
    const current = ctx.store.getFact(interaction.guildId!, id);
    if (!current?.removed) throw new UserError(`\`${id}\` is not removed, so there is nothing to undo.`);
    const saved = ctx.store.undoRemove(interaction.guildId!, id, actorOf(interaction));
    ctx.logger.info({ factId: id, action: 'undo-remove', version: saved.version }, 'fact restored');
    await interaction.update({ content: `Brought \`${id}\` back (version ${saved.version}).`, components: [], allowedMentions: { parse: [] } });
  },
};
