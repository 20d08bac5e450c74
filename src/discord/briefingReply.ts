import { EmbedBuilder } from 'discord.js';
import type { Briefing } from '../core/answers/briefings.ts';
import { COLORS } from './constants.ts';
import { footer, plain, reply, truncate, type Reply } from './replies.ts';

/** One briefing line at most: a moderator's long answer is cut, so the whole briefing stays a phone screen or two. */
const LINE_LIMIT = 200;

/**
 * An answer's first sentence, the part a briefing needs; "Yes." alone says nothing, so a
 * sentence that short takes the next one with it.
 */
export function firstSentence(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+(?=["“A-Z0-9])/);
  let out = '';
  for (const sentence of sentences) {
    out = out ? `${out} ${sentence}` : sentence;
    if (out.length >= 20) break;
  }
  return out;
}

/** /meeting, /refugees, /mediators: a titled list, one short line per fact, each citing its paragraph. */
export function briefingReply(brief: Briefing, ephemeral = false): Reply {
  const lines = brief.facts.map((fact) => `• ${plain(truncate(firstSentence(fact.answer), LINE_LIMIT))} (¶${fact.source.paragraph})`);
  const embed = new EmbedBuilder()
    .setColor(COLORS.answer)
    .setTitle(brief.title)
    .setDescription(
      lines.length > 0 ? truncate(lines.join('\n'), 4096) : 'The facts for this briefing have been removed by this server’s moderators.',
    )
    .setFooter(footer());
  return reply({ embeds: [embed] }, ephemeral);
}
