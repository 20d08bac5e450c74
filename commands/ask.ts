import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion, MAX_QUESTION_LENGTH } from '../src/core/answers/answerQuestion.ts';
import { suggestQuestions } from '../src/core/answers/suggest.ts';
import type { SlashCommand } from '../src/discord/command.ts';
import { MAX_CHOICES } from '../src/discord/constants.ts';
import { answerReply } from '../src/discord/replies.ts';

export default {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question about the Armenia–Azerbaijan White House talks')
    .addStringOption((o) =>
      o
        .setName('question')
        .setDescription('Your question, e.g. "where did the leaders last meet?"')
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_LENGTH)
        .setAutocomplete(true),
    )
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'))
    .toJSON(),

  async execute(interaction, ctx) {
    const question = interaction.options.getString('question', true);
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    const answer = answerQuestion(ctx.knowledgeFor(interaction.guildId), question);
    ctx.logger.info({ answered: answer.answered, factId: answer.fact?.id ?? null, score: answer.score }, 'ask');
    if (!answer.answered && interaction.guildId) ctx.store.recordUnanswered(interaction.guildId, answer.question);
    await interaction.reply(answerReply(answer, ephemeral, { votes: interaction.guildId !== null }));
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    const questions = suggestQuestions(ctx.knowledgeFor(interaction.guildId), typed, MAX_CHOICES);
    await interaction.respond(questions.map((q) => ({ name: q, value: q })));
  },
} satisfies SlashCommand;
