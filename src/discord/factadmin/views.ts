import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, TimestampStyles, time } from 'discord.js';
import { factIdSchema, type Fact } from '../../core/facts/schema.ts';
import type { FactStore, FactVersion, Gap, StaleEditError } from '../../core/store/factStore.ts';
import { COLORS, CUSTOM_ID } from '../constants.ts';
import { plain, quoteUserText, reply, truncate, type Reply } from '../replies.ts';

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
export function gapsReply(
  gaps: readonly Gap[],
  unhelpful: ReturnType<FactStore['unhelpfulFacts']>,
  quizReview: ReadonlyArray<{ item: { id: string; factId: string }; reason: string }> = [],
): Reply {
  const heading = '**Unanswered questions (most asked first)**';
  // The description (4096 characters) holds all of them; a field (1024) would cut the list short.
  const unanswered = wholeLines(
    gaps.map((g) => `**${g.count}×** “${quoteUserText(g.question, 120)}” · last ${when(g.lastAskedAt)}`),
    'None yet: every question asked here was answered.',
    4096 - heading.length - 1,
  );
  const embed = new EmbedBuilder().setColor(COLORS.moderation).setTitle('Gaps in this server’s facts').setDescription(`${heading}\n${unanswered}`);
  embed.addFields({
    name: 'Facts marked “not helpful”',
    value: wholeLines(unhelpful.map((f) => `${factIdText(f.factId)} · ${f.unhelpful} not helpful, ${f.helpful} helpful`), 'None.'),
  });
  if (quizReview.length > 0) {
    embed.addFields({
      name: 'Quiz questions left out until reviewed (their fact was edited or removed here)',
      value: wholeLines(
        quizReview.map((r) => `\`${r.item.id}\` on \`${r.item.factId}\` · ${r.reason.replace(/-/g, ' ')}`),
        'None.',
      ),
    });
  }
  const shown = gaps.slice(0, MAX_GAP_BUTTONS);
  const ids = gapButtonIds(shown.map((g) => g.question));
  const buttons = shown.flatMap((g, i) => {
    const customId = ids[i];
    if (customId === undefined) return [];
    return [new ButtonBuilder().setCustomId(customId).setLabel(truncate(`Add: ${g.question}`, 80)).setStyle(ButtonStyle.Secondary)];
  });
  const components = [];
  for (let i = 0; i < buttons.length; i += 5) components.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + 5)));
  return reply({ embeds: [embed], components }, true);
}

/**
 * A fact id from the votes table: a valid id in a code span; anything else (a vote stored before
 * votes were checked against the server's facts) shown as inert plain text.
 */
function factIdText(id: string): string {
  return factIdSchema.safeParse(id).success ? `\`${id}\`` : quoteUserText(id, 100);
}

/** As many whole lines as fit in an embed field (never a line cut in the middle of a timestamp), noting how many were left out. */
function wholeLines(lines: readonly string[], empty: string, max = 1024): string {
  if (lines.length === 0) return empty;
  let value = '';
  for (const [i, line] of lines.entries()) {
    const next = value === '' ? truncate(line, max - 20) : `${value}\n${line}`;
    const more = lines.length - i - 1;
    const note = more > 0 ? `\n…and ${more} more` : '';
    if (next.length + note.length > max && value !== '') return `${value}\n…and ${lines.length - i} more`;
    value = next;
  }
  return value;
}

/** /factadmin gaps lists ten gaps; each gets its Add button, five to a row. */
const MAX_GAP_BUTTONS = 10;

const GAP_ID_ROOM = 100 - CUSTOM_ID.gapAdd.length;
const GAP_TAIL = 30;

/**
 * fa-gap:<question> for each gap, unique within the message as Discord requires.
 * A question too long for a custom id keeps its start and its end (where
 * similar long questions usually differ); a collision shortens the start
 * until the id is unique. undefined: no unique id found (no button).
 */
function gapButtonIds(questions: readonly string[]): (string | undefined)[] {
  const used = new Set<string>();
  return questions.map((question) => {
    const chars = Array.from(question);
    for (let cut = 0; cut < 60; cut++) {
      const text =
        cut === 0 && question.length <= GAP_ID_ROOM
          ? question
          : `${chars.slice(0, Math.max(1, GAP_ID_ROOM - GAP_TAIL - 1 - cut)).join('').trimEnd()}…${chars.slice(-GAP_TAIL).join('').trimStart()}`;
      const id = `${CUSTOM_ID.gapAdd}${text}`;
      if (id.length <= 100 && !used.has(id)) {
        used.add(id);
        return id;
      }
    }
    return undefined;
  });
}

/** A field's value as a moderator reads it. */
function showValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ') || '(none)';
  if (value !== null && typeof value === 'object') {
    const v = value as { paragraph?: number; quote?: string; label?: string };
    if (v.paragraph !== undefined) return `¶${v.paragraph}: ${v.quote ?? ''}`;
    if (v.label !== undefined) return v.label;
  }
  return value === undefined || value === '' ? '(none)' : String(value);
}

/** The refusal of a stale save: who changed what, each changed field as it is now and as this moderator typed it. */
export function staleEditReply(error: StaleEditError, typed: Fact): Reply {
  const now = error.current.fact;
  const embed = new EmbedBuilder().setColor(COLORS.moderation).setTitle(truncate(`What changed in ${error.factId}`, 256));
  const fields = error.changedFields.slice(0, 12);
  // Two values per field within Discord's 6,000 characters for the whole embed.
  const room = Math.min(1024, Math.floor(5000 / Math.max(1, fields.length * 2)));
  for (const field of fields) {
    const key = field as keyof Fact;
    embed.addFields(
      { name: `${field}: now`, value: truncate(plain(showValue(now[key])), room) },
      { name: `${field}: yours (not saved)`, value: truncate(plain(showValue(typed[key])), room) },
    );
  }
  return reply({ content: truncate(error.message, 2000), embeds: error.changedFields.length > 0 ? [embed] : [] }, true);
}
