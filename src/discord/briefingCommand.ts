import { SlashCommandBuilder } from 'discord.js';
import { briefing, type BriefingName } from '../core/answers/briefings.ts';
import type { SlashCommand } from './command.ts';
import { briefingReply } from './replies.ts';

/** /meeting, /refugees and /mediators differ only in which briefing they show. */
export function briefingCommand(name: BriefingName, description: string): SlashCommand {
  return {
    data: new SlashCommandBuilder().setName(name).setDescription(description).toJSON(),
    async execute(interaction, ctx) {
      await interaction.reply(briefingReply(briefing(name, ctx.knowledgeFor(interaction.guildId).facts)));
    },
  };
}
