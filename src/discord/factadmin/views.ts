import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, TimestampStyles, time } from 'discord.js';
import type { FactStore, FactVersion, Gap } from '../../core/store/factStore.ts';
import { COLORS, CUSTOM_ID } from '../constants.ts';
import { quoteUserText, reply, truncate, type Reply } from '../replies.ts';

const when = (iso: string) => time(new Date(iso), TimestampStyles.RelativeTime);

/** Every version of a fact: who, when, what changed. Newest last, trimmed to fit one embed. */
export function historyReply(id: string, versions: readonly FactVersion[]): Reply {
  const lines = versions.map((v) => {
    if (v.at === null) return `**v${v.version}** · the curated text every server starts from`;
    const who = v.actorName ? `by ${quoteUserText(v.actorName, 40)}` : 'by an unknown member';
    const changed = v.changedFields.length > 0 ? ` · changed: ${v.changedFields.join(', ')}` : '';
    return `**v${v.version}** · ${v.action} · ${who} · ${when(v.at)}${changed}`;
  });
  let text = lines.join('\n');
  while (text.length > 4000) {
    lines.splice(1, 1);
    text = ['…', ...lines].join('\n');
  }
  const embed = new EmbedBuilder()
    .setColor(COLORS.moderation)
    .setTitle(truncate(`History of ${id}`, 256))
    .setDescription(text || 'No versions recorded.')
    .setFooter({ text: 'Bring one back with /factadmin restore id version' });
  return reply({ embeds: [embed] }, true);
}

/** What members asked that the bot could not answer, and the facts they found unhelpful. */
export function gapsReply(gaps: readonly Gap[], unhelpful: ReturnType<FactStore['unhelpfulFacts']>): Reply {
  const embed = new EmbedBuilder().setColor(COLORS.moderation).setTitle('Gaps in this server’s facts');
  embed.addFields({
    name: 'Unanswered questions (most asked first)',
    value: truncate(
      gaps.map((g) => `**${g.count}×** “${quoteUserText(g.question, 120)}” · last ${when(g.lastAskedAt)}`).join('\n') ||
        'None yet: every question asked here was answered.',
      1024,
    ),
  });
  embed.addFields({
    name: 'Facts marked “not helpful”',
    value: truncate(
      unhelpful.map((f) => `\`${f.factId}\` · ${f.unhelpful} not helpful, ${f.helpful} helpful`).join('\n') || 'None.',
      1024,
    ),
  });
  const buttons = gaps.slice(0, 5).map((g) =>
    new ButtonBuilder()
      .setCustomId(truncate(`${CUSTOM_ID.gapAdd}${g.question}`, 100).replace(/…$/, ''))
      .setLabel(truncate(`Add: ${g.question}`, 80))
      .setStyle(ButtonStyle.Secondary),
  );
  const components = buttons.length > 0 ? [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)] : [];
  return reply({ embeds: [embed], components }, true);
}
