import { ApplicationCommandOptionType, EmbedBuilder, SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { FactBase } from '../src/core/facts/factBase.ts';
import { TOPICS, TOPIC_IDS } from '../src/core/facts/schema.ts';
import type { SlashCommand } from '../src/discord/command.ts';
import { COLORS } from '../src/discord/constants.ts';
import { isModerator } from '../src/discord/permissions.ts';
import { footer, reply, truncate, type Reply } from '../src/discord/replies.ts';
import answerWithFacts from './answerWithFacts.ts';
import ask from './ask.ts';
import fact from './fact.ts';
import factadmin from './factadmin.ts';
import mediators from './mediators.ts';
import meeting from './meeting.ts';
import quiz from './quiz.ts';
import refugees from './refugees.ts';
import timeline from './timeline.ts';

type CommandData = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** What each /factadmin subcommand is for, in a member's words (the order moderators need them). */
const FACTADMIN_HELP: Record<string, string> = {
  add: 'a new fact (a form)',
  edit: 'change a fact',
  remove: 'take one out (undoable)',
  history: 'who changed what',
  restore: 'bring back a version',
  gaps: 'questions nobody could answer',
  export: 'download the facts',
  import: 'replace them from a file',
};

const subcommandsOf = (data: CommandData): string[] => (data.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand).map((o) => o.name);
const takesPrivate = (data: CommandData): boolean => (data.options ?? []).some((o) => o.name === 'private');

/** The commands whose replies a member can keep to themselves, read from their own options so help never promises one that lacks it. */
const privateCommands = [ask, fact, meeting, refugees, mediators, timeline].map((c) => c.data).filter(takesPrivate).map((d) => `/${d.name}`);

/** /help: every command a member can use, in the words of someone using it; moderators also see /factadmin. */
export function helpReply(facts: FactBase, moderator: boolean): Reply {
  const topics = TOPIC_IDS.filter((t) => facts.byTopic(t).length > 0).map((t) => TOPICS[t]);
  const quizParts = subcommandsOf(quiz.data).map((s) => `\`/quiz ${s}\``).join(' · ');
  const embed = new EmbedBuilder()
    .setColor(COLORS.answer)
    .setTitle('factbot: answers about the Armenia–Azerbaijan White House talks')
    .setDescription(
      `I answer from ${facts.size} curated facts drawn from one news article, and every answer cites the paragraph it comes from. ` +
        'If the article doesn’t cover something, I say so instead of guessing.',
    )
    .addFields(
      { name: 'Ask anything', value: '`/ask question:` in your own words, typos welcome. Add `share:` and pick a member to address the answer to them (only they are pinged).' },
      { name: 'Answer a message', value: `Right-click a message (long-press on a phone) → Apps → **${answerWithFacts.data.name}**: I answer the question in it.` },
      { name: 'Briefings', value: '`/meeting` the leaders’ meetings · `/refugees` the displaced people · `/mediators` who mediates · `/timeline` dated events' },
      { name: 'One fact', value: '`/fact id:` start typing and pick a question from the list, or type your own question.' },
      { name: 'Quiz', value: `${quizParts}: questions for everyone in the channel.` },
    );
  if (privateCommands.length > 0) embed.addFields({ name: 'Just for you', value: `Add \`private:True\` to ${privateCommands.join(', ')} and only you see the reply. \`/help\` is always private.` });
  if (moderator) {
    const parts = subcommandsOf(factadmin.data).map((s) => `\`${s}\` ${FACTADMIN_HELP[s] ?? ''}`.trim());
    embed.addFields({ name: 'Moderators: /factadmin', value: truncate(parts.join(' · '), 1024) });
  }
  embed.addFields({ name: 'Topics covered', value: truncate(topics.join(' · '), 1024) }).setFooter(footer());
  return reply({ embeds: [embed] }, true);
}

export default {
  data: new SlashCommandBuilder().setName('help').setDescription('What this bot knows, how to ask, and where its facts come from').toJSON(),

  async execute(interaction, ctx) {
    await interaction.reply(helpReply(ctx.knowledgeFor(interaction.guildId).facts, isModerator(interaction, ctx.moderatorRoleIds)));
  },
} satisfies SlashCommand;
