import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { UserError } from '../src/core/errors.ts';
import { TOPICS, TOPIC_IDS } from '../src/core/facts/schema.ts';
import { QUIZ_ROUNDS } from '../src/core/quiz/engine.ts';
import type { SlashCommand } from '../src/discord/command.ts';
import { isModerator } from '../src/discord/permissions.ts';
import { QUIZ_SECONDS_OPTION } from '../src/discord/quiz/quizButtons.ts';
import { leaderboardView } from '../src/discord/quiz/quizViews.ts';
import { edit } from '../src/discord/replies.ts';
import { topicOption } from '../src/discord/topicOption.ts';
import { slowDown } from '../src/discord/guards.ts';

export default {
  data: new SlashCommandBuilder()
    .setName('quiz')
    .setDescription('A quiz on the story for everyone in this channel')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('start')
        .setDescription('Start a quiz in this channel')
        .addStringOption((o) => o.setName('topic').setDescription('Only questions on this topic').setAutocomplete(true))
        .addIntegerOption((o) =>
          o
            .setName('rounds')
            .setDescription(`How many questions (${QUIZ_ROUNDS.min}-${QUIZ_ROUNDS.max}, default ${QUIZ_ROUNDS.default})`)
            .setMinValue(QUIZ_ROUNDS.min)
            .setMaxValue(QUIZ_ROUNDS.max),
        )
        .addIntegerOption((o) =>
          o
            .setName('seconds')
            .setDescription(`Seconds per question (${QUIZ_SECONDS_OPTION.min}-${QUIZ_SECONDS_OPTION.max}, default 20)`)
            .setMinValue(QUIZ_SECONDS_OPTION.min)
            .setMaxValue(QUIZ_SECONDS_OPTION.max),
        ),
    )
    .addSubcommand((s) => s.setName('stop').setDescription('Stop the quiz in this channel (its starter or a moderator)'))
    .addSubcommand((s) => s.setName('leaderboard').setDescription('This server’s quiz standings'))
    .toJSON(),

  async execute(interaction, ctx) {
    if (!interaction.inGuild()) throw new UserError('Quizzes run in a server channel.');
    switch (interaction.options.getSubcommand()) {
      case 'start': {
        slowDown(ctx.guards.quizStart.take(interaction.user.id), 'starting quizzes');
        const topic = topicOption(interaction.options.getString('topic'));
        await ctx.quizzes.start(interaction, {
          ...(topic ? { topic } : {}),
          ...(interaction.options.getInteger('rounds') !== null ? { rounds: interaction.options.getInteger('rounds')! } : {}),
          ...(interaction.options.getInteger('seconds') !== null ? { seconds: interaction.options.getInteger('seconds')! } : {}),
        });
        return;
      }
      case 'stop': {
        // Posting the scoreboard can be slow (rate limits); acknowledge first so Discord's 3 s deadline holds.
        await interaction.deferReply({ flags: 'Ephemeral' });
        const outcome = await ctx.quizzes.stop(interaction.channelId, interaction.user.id, isModerator(interaction, ctx.moderatorRoleIds));
        const messages = {
          stopped: 'Quiz stopped; the scores are posted in the channel.',
          'not-allowed': 'Only the person who started the quiz, or a moderator, can stop it.',
          none: 'There is no quiz running in this channel.',
        };
        await interaction.editReply(edit({ content: messages[outcome] }));
        return;
      }
      default:
        await interaction.reply(leaderboardView(ctx.quizzes.leaderboard(interaction.guildId)));
    }
  },

  async autocomplete(interaction) {
    const typed = interaction.options.getFocused().toLowerCase();
    const choices = TOPIC_IDS.filter((id) => id.includes(typed) || TOPICS[id].toLowerCase().includes(typed));
    await interaction.respond(choices.map((id) => ({ name: TOPICS[id], value: id })));
  },
} satisfies SlashCommand;
