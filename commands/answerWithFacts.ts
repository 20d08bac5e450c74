import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType } from 'discord.js';
import { answerQuestion, MAX_QUESTION_LENGTH } from '../src/core/answers/answerQuestion.ts';
import { UserError } from '../src/core/errors.ts';
import type { MessageCommand } from '../src/discord/command.ts';
import { answerReply } from '../src/discord/replies.ts';

/**
 * Right-click a member's message > Apps > "Answer with facts": the bot answers
 * the question they typed in chat, publicly, quoting it, so helpers need not retype it.
 */
export default {
  data: new ContextMenuCommandBuilder()
    .setName('Answer with facts')
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild)
    .toJSON(),

  async execute(interaction, ctx) {
    const message = interaction.targetMessage;
    const text = message.content.replace(/\s+/g, ' ').trim();
    if (text === '') throw new UserError('That message has no text I can answer (only images, embeds or stickers).');
    const question = text.length > MAX_QUESTION_LENGTH ? `${text.slice(0, MAX_QUESTION_LENGTH - 1)}…` : text;
    const answer = answerQuestion(ctx.knowledgeFor(interaction.guildId), question);
    if (!answer.answered) {
      ctx.metrics.unansweredQuestion();
      if (interaction.guildId) ctx.store.recordUnanswered(interaction.guildId, answer.question);
    }
    await interaction.reply(
      answerReply(answer, false, { votes: interaction.guildId !== null, quoting: { authorId: message.author.id, text } }),
    );
  },
} satisfies MessageCommand;
