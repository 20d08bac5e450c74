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
import type { Fact } from '../core/facts/schema.ts';
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

/** Related facts and the two vote buttons share one row, which holds five buttons. */
const ROW_BUTTONS = 5;

/** A related fact's label: short, so a row of them reads as one line on a phone. */
const SHORT_LABEL = 40;

/** A label cut at a word boundary, so a short label never ends mid-word. */
export function shortLabel(text: string, max = SHORT_LABEL): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

function relatedButtons(facts: readonly Fact[], max: number): ButtonBuilder[] {
  return facts.slice(0, max).map((fact) =>
    new ButtonBuilder().setCustomId(`${CUSTOM_ID.showFact}${fact.id}`).setLabel(shortLabel(fact.question)).setStyle(ButtonStyle.Secondary),
  );
}

/** No row at all when there is nothing to click. */
function oneRow(buttons: readonly ButtonBuilder[]): ActionRowBuilder<ButtonBuilder>[] {
  return buttons.length === 0 ? [] : [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(0, ROW_BUTTONS))];
}

/** Buttons that open related facts; at most one row of five. */
export function factButtons(facts: readonly Fact[]): ActionRowBuilder<ButtonBuilder>[] {
  return oneRow(relatedButtons(facts, ROW_BUTTONS));
}

/** One fact with its source, as /fact and the related-fact buttons show it: the source once, in one field. */
export function factEmbed(fact: Fact, title = plain(fact.question)): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(COLORS.answer)
    .setTitle(truncate(title, 256))
    .setDescription(plain(fact.answer))
    .addFields({ name: SOURCE_LINE, value: truncate(citation(fact), 1024) });
}

/** The name of an answer's one source field: the paragraph and quote follow in its value. */
const SOURCE_LINE = 'Source: the article, written before the summit';

export function factReply(fact: Fact, related: readonly Fact[], ephemeral = false): Reply {
  return reply({ embeds: [factEmbed(fact)], components: factButtons(related) }, ephemeral);
}

/** 👍 / 👎 under an answer, so moderators learn which facts need work; emoji only, to stay small. */
export function voteButtons(factId: string): ButtonBuilder[] {
  return [
    new ButtonBuilder().setCustomId(`${CUSTOM_ID.vote}1:${factId}`).setEmoji('👍').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(`${CUSTOM_ID.vote}0:${factId}`).setEmoji('👎').setStyle(ButtonStyle.Secondary),
  ];
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
    const votes = options.votes ? voteButtons(answer.fact.id) : [];
    const components = oneRow([...relatedButtons(answer.suggestions, ROW_BUTTONS - votes.length), ...votes]);
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
    embed.setTitle(truncate(`Not quite: ${plain(fact.question)}`, 256)).setDescription(plain(fact.answer));
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
  const others = alternatives.filter((f) => f.id !== fact.id);
  return oneRow([show, ...relatedButtons(others, 3)]);
}

/** What a greeting or a one-word reaction gets: a private nudge, never a post in the channel. */
export function noiseHintReply(): Reply {
  return reply({ content: NOISE_HINT }, true);
}

const NOISE_HINT = 'I answer questions about the Armenia–Azerbaijan talks: ask one in words, e.g. “where did the leaders last meet?” (`/help` lists what I cover).';

export function errorReply(message: string): Reply {
  return reply({ content: truncate(message, 2000) }, true);
}

