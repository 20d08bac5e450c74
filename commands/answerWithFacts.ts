import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType } from 'discord.js';
import { answerQuestion, MAX_QUESTION_LENGTH } from '../src/core/answers/answerQuestion.ts';
import { asksSomething, isNoise } from '../src/core/answers/chatter.ts';
import { UserError } from '../src/core/errors.ts';
import type { MessageCommand } from '../src/discord/command.ts';
import { slowDown } from '../src/discord/guards.ts';
import { answerReply, noiseHintReply } from '../src/discord/replies.ts';
import { noteUnanswered } from '../src/discord/unanswered.ts';

/**
 * Right-click a member's message > Apps > "Answer with facts": the bot answers the question they
 * typed in chat, publicly, quoting it, so helpers need not retype it. Anything that would only add
 * noise to the channel (no answer, a guess, a message that asks nothing) goes to the helper alone.
 */
export default {
  data: new ContextMenuCommandBuilder()
    .setName('Answer with facts')
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild)
    .toJSON(),

  async execute(interaction, ctx) {
    // Public answers on demand: the same flood limit as /ask.
    slowDown(ctx.guards.ask.take(interaction.user.id), 'asking');
    const message = interaction.targetMessage;
    const text = message.content.replace(/\s+/g, ' ').trim();
    if (text === '') throw new UserError('That message has no text I can answer (only images, embeds or stickers).');
    // The question usually ends a long message, so its end is what is kept.
    const answer = answerQuestion(ctx.knowledgeFor(interaction.guildId), text.length > MAX_QUESTION_LENGTH ? text.slice(-MAX_QUESTION_LENGTH) : text);
    if (isNoise(text, answer)) {
      await interaction.reply(noiseHintReply());
      return;
    }
    const asks = asksSomething(text);
    // The same answer already posted in this channel a moment ago goes only to the helper who asked for it
    // (checked only for an answer that would be public, so a private one does not count as posted).
    const repeat = asks && answer.fact !== null && ctx.guards.publicAnswers.seenRecently(interaction.channelId, answer.fact.id);
    const ephemeral = repeat || !asks || answer.tier !== 'answer';
    const built = answerReply(answer, ephemeral, { votes: interaction.guildId !== null, quoting: { authorId: message.author.id, text } });
    if (!asks) built.content = `${built.content ?? ''}\n(That message doesn’t ask anything, so only you see this.)`;
    else if (repeat) built.content = `${built.content ?? ''}\n(This was answered in this channel a moment ago, so only you see it.)`;
    await interaction.reply(built);
    // A remark that asks nothing is no gap in the facts.
    if (asks) noteUnanswered(ctx, interaction, answer);
  },
} satisfies MessageCommand;
