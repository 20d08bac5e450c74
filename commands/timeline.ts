import { SlashCommandBuilder } from 'discord.js';
import { TOPICS, TOPIC_IDS } from '../src/core/facts/schema.ts';
import type { SlashCommand } from '../src/discord/command.ts';
import { timelineReply } from '../src/discord/timeline.ts';
import { topicOption } from '../src/discord/topicOption.ts';

export default {
  data: new SlashCommandBuilder()
    .setName('timeline')
    .setDescription('The dated events of the story, in order')
    .addStringOption((o) =>
      o
        .setName('topic')
        .setDescription('Only events on this topic')
        .addChoices(TOPIC_IDS.map((id) => ({ name: TOPICS[id], value: id }))),
    )
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the timeline'))
    .toJSON(),

  async execute(interaction, ctx) {
    const topic = topicOption(interaction.options.getString('topic'));
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    const events = ctx.knowledgeFor(interaction.guildId).facts.timeline(topic);
    await interaction.reply(timelineReply(events, { topic, page: 0, ownerId: interaction.user.id }, ephemeral));
  },
} satisfies SlashCommand;
