import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import { TOPICS, TOPIC_IDS, type Fact, type Topic } from '../core/facts/schema.ts';
import { firstSentence } from './briefingReply.ts';
import type { ButtonHandler } from './command.ts';
import { COLORS, CUSTOM_ID } from './constants.ts';
import { footer, plain, reply, truncate, type Reply } from './replies.ts';

/** Events per page: a page reads on one phone screen. */
export const TIMELINE_PAGE_SIZE = 5;

/** Who may turn the pages of a timeline message: the member who opened it. */
export interface TimelineView {
  topic: Topic | undefined;
  page: number;
  ownerId: string;
}

/**
 * One page of the dated facts, oldest first. Longer timelines get Earlier/Later buttons that
 * only the member who opened the timeline turns; anyone else clicking gets their own copy.
 */
export function timelineReply(events: readonly Fact[], view: TimelineView, ephemeral = false): Reply {
  const { topic, ownerId } = view;
  const pages = Math.max(1, Math.ceil(events.length / TIMELINE_PAGE_SIZE));
  const current = Math.min(Math.max(view.page, 0), pages - 1);
  const shown = events.slice(current * TIMELINE_PAGE_SIZE, (current + 1) * TIMELINE_PAGE_SIZE);
  const lines = shown.map((f) => `**${plain(f.date!.label)}** — ${plain(truncate(firstSentence(f.answer), 200))} (¶${f.source.paragraph})`);
  const embed = new EmbedBuilder()
    .setColor(COLORS.answer)
    .setTitle(topic ? `Timeline: ${TOPICS[topic]}` : 'Timeline of the story')
    .setDescription(lines.length > 0 ? truncate(lines.join('\n\n'), 4096) : 'The article gives no dated events on this topic.')
    .setFooter({ text: `${pages > 1 ? `Page ${current + 1} of ${pages} · ` : ''}${footer().text}` });
  if (pages === 1) return reply({ embeds: [embed], components: [] }, ephemeral);
  const turn = (label: string, target: number, disabled: boolean) =>
    new ButtonBuilder()
      .setCustomId(`${CUSTOM_ID.timelinePage}${topic ?? 'all'}:${target}:${ownerId}`)
      .setLabel(label)
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(disabled);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    turn('◀ Earlier', current - 1, current === 0),
    turn('Later ▶', current + 1, current === pages - 1),
  );
  return reply({ embeds: [embed], components: [row] }, ephemeral);
}

/**
 * Turning a page edits the message in place for the member who opened it. In a busy channel
 * others must not flip it under them: anyone else gets their own private copy at that page.
 * (Buttons from before owners were recorded have no owner; anyone may turn those.)
 */
export const timelinePageButton: ButtonHandler = {
  prefix: CUSTOM_ID.timelinePage,
  async execute(interaction, payload, ctx) {
    const [topicText = 'all', pageText = '0', ownerId] = payload.split(':');
    const topic = (TOPIC_IDS as readonly string[]).includes(topicText) ? (topicText as Topic) : undefined;
    const events = ctx.knowledgeFor(interaction.guildId).facts.timeline(topic);
    const page = Number(pageText) || 0;
    const clicker = interaction.user.id;
    if (ownerId && ownerId !== clicker) {
      await interaction.reply(timelineReply(events, { topic, page, ownerId: clicker }, true));
      return;
    }
    const { embeds, components, allowedMentions } = timelineReply(events, { topic, page, ownerId: ownerId ?? clicker });
    await interaction.update({ embeds, components, allowedMentions });
  },
};
