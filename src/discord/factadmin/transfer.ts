import { AttachmentBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { UserError } from '../../core/errors.ts';
import { CAPS } from '../../core/facts/caps.ts';
import { ImportChecker } from '../../core/store/importChecker.ts';
import { STALE_IMPORT, StaleImportError, type Actor, type ImportSummary } from '../../core/store/factStore.ts';
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

/** One checker for the whole bot: its worker threads and waiting line are shared by every server. */
const checker = new ImportChecker();
/** Servers with an import under way: one at a time each. */
const importing = new Set<string>();

/** Validate the whole file first (in a worker thread if it is large), then apply all of it or none. */
export async function importFacts(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const guildId = interaction.guildId!;
  const attachment = interaction.options.getAttachment('file', true);
  if (attachment.size > CAPS.importBytes) {
    throw new UserError(`That file is ${attachment.size} bytes; the limit is ${CAPS.importBytes}. Nothing was imported.`);
  }
  if (importing.has(guildId)) throw new UserError('An import is already under way in this server: wait for its reply, then try again. Nothing was imported.');
  importing.add(guildId);
  try {
    // Downloading and checking can take longer than Discord's 3-second deadline.
    await interaction.deferReply({ flags: 'Ephemeral' });
    const response = await fetch(attachment.url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new UserError('I could not download that file from Discord. Please attach it again.');
    const text = await response.text();
    if (text.length > CAPS.importBytes) throw new UserError('That file is too large. Nothing was imported.');
    await interaction.editReply(edit(await checkAndApply(text, guildId, actorOf(interaction), ctx)));
  } finally {
    importing.delete(guildId);
  }
}

async function checkAndApply(text: string, guildId: string, actor: Actor, ctx: BotContext): Promise<ReplyContent> {
  // Planned from a snapshot; if a moderator changes the server while a large file is checked, check again once.
  for (let attempt = 1; ; attempt += 1) {
    const prepared = await checker.prepare({ text, paragraphs: ctx.paragraphs, snapshot: () => ctx.store.importSnapshot(guildId) });
    if (!prepared.ok) {
      ctx.logger.info({ action: 'import', problems: prepared.problems.length, complete: prepared.complete }, 'import refused');
      return problemsReport(prepared.problems, prepared.complete);
    }
    try {
      const summary = ctx.store.applyImport(prepared.plan, actor);
      ctx.logger.info({ action: 'import', added: summary.added.length, updated: summary.updated.length }, 'facts imported');
      return { content: summaryText(summary) };
    } catch (error) {
      if (!(error instanceof StaleImportError)) throw error;
      if (attempt === 2) throw new UserError(STALE_IMPORT);
    }
  }
}

function summaryText(summary: ImportSummary): string {
  const changed = [...summary.added.map((id) => `+ \`${id}\``), ...summary.updated.map((id) => `~ \`${id}\``)];
  return truncate(
    `Imported: ${summary.added.length} added, ${summary.updated.length} updated, ${summary.unchanged} unchanged.` +
      (changed.length > 0 ? `\n${changed.join(' ')}` : ''),
    2000,
  );
}

type ReplyContent = { content: string; files?: AttachmentBuilder[] };

const PROBLEMS_FILE = 'import-problems.txt';

/** Every problem found: in the message when they fit, otherwise the first ones there and all of them as a text file. */
function problemsReport(problems: readonly string[], complete: boolean): ReplyContent {
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
