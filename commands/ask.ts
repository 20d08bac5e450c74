import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion, MAX_QUESTION_LENGTH } from '../src/core/answers/answerQuestion.ts';
import { isNoise } from '../src/core/answers/chatter.ts';
import { suggestQuestions } from '../src/core/answers/suggest.ts';
import { UserError } from '../src/core/errors.ts';
import type { SlashCommand } from '../src/discord/command.ts';
import { MAX_CHOICES } from '../src/discord/constants.ts';
import { slowDown } from '../src/discord/guards.ts';
import { answerReply, noiseHintReply } from '../src/discord/replies.ts';
import { noteUnanswered } from '../src/discord/unanswered.ts';

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
    .addUserOption((o) => o.setName('share').setDescription('Address the answer to this member (only they are pinged)'))
    .toJSON(),

  async execute(interaction, ctx) {
    slowDown(ctx.guards.ask.take(interaction.user.id), 'asking');
    const question = interaction.options.getString('question', true);
    const privateOption = interaction.options.getBoolean('private');
    let ephemeral = privateOption ?? false;
    const shareWith = interaction.options.getUser('share');
    if (shareWith && ephemeral) throw new UserError('An answer shared with a member cannot be private; drop one of the two options.');
    const answer = answerQuestion(ctx.knowledgeFor(interaction.guildId), question);
    ctx.logger.info({ tier: answer.tier, factId: answer.fact?.id ?? answer.didYouMean?.id ?? null, score: answer.score }, 'ask');
    // "hi", "lol", "thanks": a private nudge, and not a gap for moderators to fill.
    if (isNoise(question, answer)) {
      await interaction.reply(noiseHintReply());
      return;
    }
    // The same fact posted publicly twice in a minute is noise: the second asker gets it privately.
    const repeat = !ephemeral && !shareWith && answer.fact !== null && ctx.guards.publicAnswers.seenRecently(interaction.channelId, answer.fact.id);
    if (repeat) ephemeral = true;
    // "Did you mean" is a question back to the asker: only they see it, and nobody is pinged with a guess.
    const unsure = answer.tier === 'suggest';
    // "The article doesn't say" helps only the asker, unless they asked for it in the open (share, or private:False).
    const quietMiss = answer.tier === 'miss' && !shareWith && privateOption !== false;
    const share = shareWith && !unsure ? { shareWith: shareWith.id } : {};
    const built = answerReply(answer, ephemeral || unsure || quietMiss, { votes: interaction.guildId !== null, ...share });
    if (repeat) built.content = 'This was answered in this channel a moment ago, so here it is just for you:';
    if (unsure && shareWith) built.content = 'I’m not sure which fact you mean, so I have not shared anything yet: pick one, then share it.';
    await interaction.reply(built);
    noteUnanswered(ctx, interaction, answer);
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    const questions = suggestQuestions(ctx.knowledgeFor(interaction.guildId), typed, MAX_CHOICES);
    await interaction.respond(questions.map((q) => ({ name: q, value: q })));
  },
} satisfies SlashCommand;
