import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  MessageFlags,
  escapeMarkdown,
  userMention,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
} from 'discord.js';
import type { Answer } from '../core/answers/answerQuestion.ts';
import type { Briefing } from '../core/answers/briefings.ts';
import type { FactBase } from '../core/facts/factBase.ts';
import { TOPICS, TOPIC_IDS, type Fact } from '../core/facts/schema.ts';
import { COLORS, CUSTOM_ID, SOURCE_NAME } from './constants.ts';

/** Every reply goes through here: nothing the bot sends may ping anyone. */
export type Reply = InteractionReplyOptions & { allowedMentions: { parse: [] } };

export function reply(options: Omit<InteractionReplyOptions, 'allowedMentions'>, ephemeral = false): Reply {
  return {
    ...options,
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    allowedMentions: { parse: [] },
  } as Reply;
}

/** For editReply after a defer: the ephemeral flag was fixed by the defer, mentions still never ping. */
export function edit(options: Omit<InteractionEditReplyOptions, 'allowedMentions'>): InteractionEditReplyOptions {
  return { ...options, allowedMentions: { parse: [] } };
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Text shown exactly as typed: markdown, masked links, mentions and code fences are
 * neutralised, so nothing a member or moderator wrote can change how a reply looks.
 */
export function plain(text: string): string {
  return escapeMarkdown(text)
    .replace(/[[\]<>]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b');
}

/** A member's text shown back to them on one line, cut to `max` characters. */
export function quoteUserText(text: string, max = 200): string {
  return plain(truncate(text.replace(/\s+/g, ' '), max));
}

export function citation(fact: Fact): string {
  return `¶${fact.source.paragraph} — “${plain(fact.source.quote)}”`;
}

export function footer(fact?: Fact): { text: string } {
  const where = fact ? `, paragraph ${fact.source.paragraph}` : '';
  return { text: `${SOURCE_NAME}${where}. The article was written before the summit.` };
}

/** A fact as an autocomplete choice for an id option: its question and id, within Discord's 100 characters. */
export function factChoice(fact: Fact, prefix = ''): { name: string; value: string } {
  return { name: truncate(`${prefix}${fact.question} (${fact.id})`, 100), value: fact.id };
}

/** Buttons that open related facts; at most one row of five. */
export function factButtons(facts: readonly Fact[]): ActionRowBuilder<ButtonBuilder>[] {
  if (facts.length === 0) return [];
  const buttons = facts.slice(0, 5).map((fact) =>
    new ButtonBuilder()
      .setCustomId(`${CUSTOM_ID.showFact}${fact.id}`)
      .setLabel(truncate(fact.question, 80))
      .setStyle(ButtonStyle.Secondary),
  );
  return [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)];
}

/** One fact with its source, as /fact and the related-fact buttons show it. */
export function factEmbed(fact: Fact, title = plain(fact.question)): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(COLORS.answer)
    .setTitle(truncate(title, 256))
    .setDescription(plain(fact.answer))
    .addFields({ name: 'Source', value: truncate(citation(fact), 1024) })
    .setFooter(footer(fact));
}

export function factReply(fact: Fact, related: readonly Fact[], ephemeral = false): Reply {
  return reply({ embeds: [factEmbed(fact)], components: factButtons(related) }, ephemeral);
}

/** "Helpful" / "Not helpful" under an answer, so moderators learn which facts need work. */
export function voteButtons(factId: string): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`${CUSTOM_ID.vote}1:${factId}`).setLabel('Helpful').setEmoji('👍').setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(`${CUSTOM_ID.vote}0:${factId}`).setLabel('Not helpful').setEmoji('👎').setStyle(ButtonStyle.Secondary),
  );
}

export interface AnswerOptions {
  /** Add "Helpful" / "Not helpful" buttons (answers in a server). */
  votes?: boolean;
  /** The chat message being answered ("Answer with facts"), quoted above the answer. */
  quoting?: { authorId: string; text: string };
  /** Address the answer to this member: they are pinged, nobody else is. */
  shareWith?: string;
}

/** The reply to /ask: the answer with its source, a "did you mean", or an honest "the article doesn't say". */
export function answerReply(answer: Answer, ephemeral: boolean, options: AnswerOptions = {}): Reply {
  const header = [
    options.shareWith ? `Answer for ${userMention(options.shareWith)}` : '',
    options.quoting ? `> ${quoteUserText(options.quoting.text, 300)}
— ${userMention(options.quoting.authorId)} asked:` : '',
  ]
    .filter((line) => line !== '')
    .join('\n');
  const base = header ? { content: header } : {};
  let built: Reply;
  if (answer.answered && answer.fact) {
    const components = [...factButtons(answer.suggestions), ...(options.votes ? [voteButtons(answer.fact.id)] : [])];
    built = reply({ ...base, embeds: [answerEmbed(answer, answer.fact)], components }, ephemeral);
  } else if (answer.didYouMean) {
    built = reply({ ...base, embeds: [didYouMeanEmbed(answer, answer.didYouMean)], components: didYouMeanButtons(answer.didYouMean, answer.suggestions) }, ephemeral);
  } else {
    const nearest = answer.suggestions[0];
    const embed = new EmbedBuilder()
      .setColor(COLORS.notCovered)
      .setTitle('The article doesn’t say')
      .setDescription(
        answer.missing === 'name' && nearest
          ? `The article doesn’t give that name. What it does say: ${plain(nearest.answer)}` +
              (answer.suggestions.length > 1 ? '\nOther close facts:' : '')
          : `I couldn’t find that in the article: “${quoteUserText(answer.question)}”.` +
              (answer.suggestions.length > 0 ? '\nClosest facts it does cover:' : '\nTry `/help` to see what it covers.'),
      )
      .setFooter(footer(answer.missing === 'name' ? nearest : undefined));
    const listed = answer.missing === 'name' ? answer.suggestions.slice(1) : answer.suggestions;
    for (const fact of listed) {
      embed.addFields({ name: truncate(plain(fact.question), 256), value: `¶${fact.source.paragraph}` });
    }
    built = reply({ ...base, embeds: [embed], components: factButtons(listed) }, ephemeral);
  }
  // parse stays empty: only the member the answer is shared with may be pinged.
  if (options.shareWith) built.allowedMentions = { parse: [], users: [options.shareWith] } as Reply['allowedMentions'];
  return built;
}

/** The answer, framed as a correction when the question's premise contradicts it, or with what the article leaves out. */
function answerEmbed(answer: Answer, fact: Fact): EmbedBuilder {
  const embed = factEmbed(fact);
  if (answer.correction) {
    embed.setTitle(truncate(`Not quite: ${plain(fact.question)}`, 256)).setDescription(`The article says otherwise. ${plain(fact.answer)}`);
  } else if (answer.missing === 'year') {
    embed.setDescription(`The article doesn’t give the year. ${plain(fact.answer)}`);
  }
  return embed;
}

/** "Did you mean": the likeliest fact's question, its answer one click away. */
function didYouMeanEmbed(answer: Answer, fact: Fact): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(COLORS.notCovered)
    .setTitle(truncate(`Did you mean: ${plain(fact.question)}`, 256))
    .setDescription(
      `I’m not sure I understood “${quoteUserText(answer.question)}”. ` +
        (answer.suggestions.length > 0 ? 'Show the answer to this question, or pick another below.' : 'Show the answer to this question.'),
    )
    .setFooter(footer());
}

/** One row: "Show answer" for the likeliest fact, then the next alternatives. */
function didYouMeanButtons(fact: Fact, alternatives: readonly Fact[]): ActionRowBuilder<ButtonBuilder>[] {
  const show = new ButtonBuilder().setCustomId(`${CUSTOM_ID.showFact}${fact.id}`).setLabel('Show answer').setStyle(ButtonStyle.Primary);
  const others = alternatives
    .filter((f) => f.id !== fact.id)
    .slice(0, 3)
    .map((f) => new ButtonBuilder().setCustomId(`${CUSTOM_ID.showFact}${f.id}`).setLabel(truncate(f.question, 80)).setStyle(ButtonStyle.Secondary));
  return [new ActionRowBuilder<ButtonBuilder>().addComponents(show, ...others)];
}

/** /meeting, /refugees, /mediators: a titled list of facts, each with its paragraph. */
export function briefingReply(brief: Briefing): Reply {
  const embed = new EmbedBuilder()
    .setColor(COLORS.answer)
    .setTitle(brief.title)
    .setDescription(brief.intro)
    .setFooter(footer());
  // Discord refuses an embed over 6,000 characters in all; long moderator answers are shortened to fit.
  const facts = brief.facts.slice(0, 25);
  const fixed = brief.title.length + brief.intro.length + footer().text.length;
  const perField = Math.max(80, Math.floor((EMBED_TOTAL_LIMIT - fixed) / Math.max(facts.length, 1)));
  for (const fact of facts) {
    const name = truncate(plain(fact.question), Math.min(256, perField - 40));
    const citationText = ` (¶${fact.source.paragraph})`;
    const value = `${truncate(plain(fact.answer), Math.min(1024, perField - name.length) - citationText.length)}${citationText}`;
    embed.addFields({ name, value });
  }
  if (brief.facts.length === 0) embed.setDescription('The facts for this briefing have been removed by this server’s moderators.');
  return reply({ embeds: [embed] });
}

/** Discord's limit on all the text of one embed. */
const EMBED_TOTAL_LIMIT = 6000;

export function errorReply(message: string): Reply {
  return reply({ content: truncate(message, 2000) }, true);
}

/** /help: what the bot covers, how to ask, and the source. */
export function helpReply(facts: FactBase): Reply {
  const topics = TOPIC_IDS.filter((t) => facts.byTopic(t).length > 0).map((t) => TOPICS[t]);
  const embed = new EmbedBuilder()
    .setColor(COLORS.answer)
    .setTitle('factbot: answers about the Armenia–Azerbaijan White House talks')
    .setDescription(
      `I answer from ${facts.size} curated facts drawn from one news article, and every answer cites the paragraph it comes from. ` +
        'If the article doesn’t cover something, I say so instead of guessing.',
    )
    .addFields(
      { name: 'Ask anything', value: '`/ask question:` in your own words, typos welcome (e.g. “how many ppl fled karabakh”). Add `private:True` to see the answer alone.' },
      { name: 'Briefings', value: '`/meeting` the leaders’ meetings · `/refugees` the displaced people · `/mediators` who mediates · `/timeline` dated events' },
      { name: 'One fact', value: '`/fact id:` start typing and pick from the list.' },
      { name: 'Topics covered', value: truncate(topics.join(' · '), 1024) },
    )
    .setFooter(footer());
  return reply({ embeds: [embed] }, true);
}
