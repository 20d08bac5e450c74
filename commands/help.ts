import { SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/discord/command.ts';
import { helpReply } from '../src/discord/replies.ts';

export default {
  data: new SlashCommandBuilder().setName('help').setDescription('What this bot knows, how to ask, and where its facts come from').toJSON(),

  async execute(interaction, ctx) {
    await interaction.reply(helpReply(ctx.knowledgeFor(interaction.guildId).facts));
  },
} satisfies SlashCommand;
