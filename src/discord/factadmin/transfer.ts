import { AttachmentBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { UserError } from '../../core/errors.ts';
import { CAPS } from '../../core/facts/caps.ts';
import { checkImport } from '../../core/facts/importFacts.ts';
import type { BotContext } from '../command.ts';
import { edit, reply, truncate } from '../replies.ts';
import { actorOf } from './actor.ts';

/** The server's effective facts as a file in the data/facts.json format. */
export async function exportFacts(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const file = ctx.store.exportFacts(interaction.guildId!);
  const attachment = new AttachmentBuilder(Buffer.from(`${JSON.stringify(file, null, 2)}\n`), {
    name: `facts-${interaction.guildId}.json`,
  });
  await interaction.reply(reply({ content: `This server’s ${file.facts.length} facts, in the data/facts.json format.`, files: [attachment] }, true));
}

/** Validate the whole file first, then apply all of it or none. */
export async function importFacts(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const attachment = interaction.options.getAttachment('file', true);
  if (attachment.size > CAPS.importBytes) {
    throw new UserError(`That file is ${attachment.size} bytes; the limit is ${CAPS.importBytes}. Nothing was imported.`);
  }
  // Downloading and applying can take longer than Discord's 3-second deadline.
  await interaction.deferReply({ flags: 'Ephemeral' });
  const response = await fetch(attachment.url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new UserError('I could not download that file from Discord. Please attach it again.');
  const text = await response.text();
  if (text.length > CAPS.importBytes) throw new UserError('That file is too large. Nothing was imported.');
  const checked = checkImport(text, ctx.paragraphs);
  if (!checked.ok) {
    ctx.logger.info({ action: 'import', problems: checked.problems.length, complete: checked.complete }, 'import refused');
    await interaction.editReply(edit(problemsReport(checked.problems, checked.complete)));
    return;
  }
  const summary = ctx.store.importFacts(interaction.guildId!, checked.facts, actorOf(interaction));
  ctx.logger.info({ action: 'import', added: summary.added.length, updated: summary.updated.length }, 'facts imported');
  await interaction.editReply(
    edit({
      content: truncate(
        `Imported: ${summary.added.length} added, ${summary.updated.length} updated, ${summary.unchanged} unchanged.` +
          (summary.added.length + summary.updated.length > 0
            ? `\n${[...summary.added.map((id) => `+ \`${id}\``), ...summary.updated.map((id) => `~ \`${id}\``)].join(' ')}`
            : ''),
        2000,
      ),
    }),
  );
}

const PROBLEMS_FILE = 'import-problems.txt';

/** Every problem found: in the message when they fit, otherwise the first ones there and all of them as a text file. */
function problemsReport(problems: readonly string[], complete: boolean): { content: string; files?: AttachmentBuilder[] } {
  const heading = complete
    ? `Nothing was imported: the file has ${problems.length} problem(s).`
    : `Nothing was imported: the file has more than ${problems.length} problems, so I stopped after the first ${problems.length}. Fix these and import it again to see the rest.`;
  const lines = problems.map((p) => `• ${p}`);
  const full = `${heading}\n${lines.join('\n')}`;
  if (full.length <= 2000) return { content: full };
  const note = `\n…and more: every problem listed is in ${PROBLEMS_FILE}.`;
  let content = heading;
  for (const line of lines) {
    const next = `${content}\n${truncate(line, 300)}`;
    if (next.length + note.length > 2000) break;
    content = next;
  }
  const file = new AttachmentBuilder(Buffer.from(`${full}\n`), { name: PROBLEMS_FILE });
  return { content: `${content}${note}`, files: [file] };
}
