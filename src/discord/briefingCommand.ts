import { SlashCommandBuilder } from 'discord.js';
import { briefing, type BriefingName } from '../core/answers/briefings.ts';
import { briefingReply } from './briefingReply.ts';
import type { SlashCommand } from './command.ts';

/** /meeting, /refugees and /mediators differ only in which briefing they show. */
export function briefingCommand(name: BriefingName, description: string): SlashCommand {
  return {
    data: new SlashCommandBuilder()
      .setName(name)
      .setDescription(description)
      .addBooleanOption((o) => o.setName('private').setDescription('Only you see the briefing'))
      .toJSON(),
    async execute(interaction, ctx) {
      const ephemeral = interaction.options.getBoolean('private') ?? false;
      await interaction.reply(briefingReply(briefing(name, ctx.knowledgeFor(interaction.guildId).facts), ephemeral));
    },
  };
}
