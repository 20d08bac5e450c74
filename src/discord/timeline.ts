import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import { TOPICS, TOPIC_IDS, type Fact, type Topic } from '../core/facts/schema.ts';
import type { ButtonHandler } from './command.ts';
import { COLORS, CUSTOM_ID } from './constants.ts';
import { footer, plain, reply, truncate, type Reply } from './replies.ts';

/** Events per page: a page reads on one phone screen. */
export const TIMELINE_PAGE_SIZE = 6;

/**
 * One page of the dated facts, oldest first. Longer timelines get Previous/Next
 * buttons that turn the page for everyone reading the message together.
 */
export function timelineReply(events: readonly Fact[], topic: Topic | undefined, page = 0): Reply {
  const pages = Math.max(1, Math.ceil(events.length / TIMELINE_PAGE_SIZE));
  const current = Math.min(Math.max(page, 0), pages - 1);
  const shown = events.slice(current * TIMELINE_PAGE_SIZE, (current + 1) * TIMELINE_PAGE_SIZE);
  const lines = shown.map((f) => `**${plain(f.date!.label)}** — ${plain(f.answer)} (¶${f.source.paragraph})`);
  const embed = new EmbedBuilder()
    .setColor(COLORS.answer)
    .setTitle(topic ? `Timeline: ${TOPICS[topic]}` : 'Timeline of the story')
    .setDescription(lines.length > 0 ? truncate(lines.join('\n\n'), 4096) : 'The article gives no dated events on this topic.')
    .setFooter({ text: `${pages > 1 ? `Page ${current + 1} of ${pages} · ` : ''}${footer().text}` });
  if (pages === 1) return reply({ embeds: [embed], components: [] });
  const turn = (label: string, target: number, disabled: boolean) =>
    new ButtonBuilder()
      .setCustomId(`${CUSTOM_ID.timelinePage}${topic ?? 'all'}:${target}`)
      .setLabel(label)
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(disabled);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    turn('◀ Earlier', current - 1, current === 0),
    turn('Later ▶', current + 1, current === pages - 1),
  );
  return reply({ embeds: [embed], components: [row] });
}

/** Turning a timeline page edits the shared message in place. */
export const timelinePageButton: ButtonHandler = {
  prefix: CUSTOM_ID.timelinePage,
  async execute(interaction, payload, ctx) {
    const [topicText = 'all', pageText = '0'] = payload.split(':');
    const topic = (TOPIC_IDS as readonly string[]).includes(topicText) ? (topicText as Topic) : undefined;
    const events = ctx.knowledgeFor(interaction.guildId).facts.timeline(topic);
    const { embeds, components, allowedMentions } = timelineReply(events, topic, Number(pageText) || 0);
    await interaction.update({ embeds, components, allowedMentions });
  },
};
