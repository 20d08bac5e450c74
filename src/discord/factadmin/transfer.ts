import { AttachmentBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { UserError } from '../../core/errors.ts';
import { CAPS } from '../../core/facts/caps.ts';
import { ImportChecker } from '../../core/store/importChecker.ts';
import { STALE_IMPORT, StaleImportError, type Actor, type ImportSummary } from '../../core/store/factStore.ts';
import type { BotContext } from '../command.ts';
import { edit, quoteUserText, reply, truncate } from '../replies.ts';
import { actorOf } from './actor.ts';

/** The server's effective facts as a file in the data/facts.json format. */
export async function exportFacts(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const file = ctx.store.exportFacts(interaction.guildId!);
  const attachment = new AttachmentBuilder(Buffer.from(`${JSON.stringify(file, null, 2)}\n`), {
    name: `facts-${interaction.guildId}.json`,
  });
  await interaction.reply(reply({ content: `This server’s ${file.facts.length} facts, in the data/facts.json format.`, files: [attachment] }, true));
}

/**
 * Where Discord serves attachments. The host of the API the bot talks to (DISCORD_API_BASE) is
 * trusted too: a proxy in front of Discord, or the fake Discord in tests, serves them there.
 */
const DISCORD_CDN_HOSTS: ReadonlySet<string> = new Set(['cdn.discordapp.com', 'media.discordapp.net']);

const NOT_FROM_DISCORD =
  'That file is not on Discord’s servers, so I did not download it. Attach the file to `/factadmin import` itself. Nothing was imported.';

/**
 * Whether a file URL points at Discord itself. A forged interaction can name any URL, and the bot
 * would fetch it from inside its own network; only Discord's CDN (over https) and the API's own
 * host are fetched.
 */
export function isDiscordFileUrl(url: string, apiBase: string): boolean {
  if (!URL.canParse(url)) return false;
  const file = new URL(url);
  if (file.username !== '' || file.password !== '') return false;
  if (file.protocol === 'https:' && file.port === '' && DISCORD_CDN_HOSTS.has(file.hostname)) return true;
  const api = new URL(apiBase);
  return file.protocol === api.protocol && file.host === api.host;
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
  if (!isDiscordFileUrl(attachment.url, interaction.client.rest.options.api)) {
    ctx.logger.warn({ action: 'import', host: URL.canParse(attachment.url) ? new URL(attachment.url).host : null }, 'import file not on Discord refused');
    throw new UserError(NOT_FROM_DISCORD);
  }
  if (importing.has(guildId)) throw new UserError('An import is already under way in this server: wait for its reply, then try again. Nothing was imported.');
  importing.add(guildId);
  let outcome: ReplyContent;
  try {
    // Downloading and checking can take longer than Discord's 3-second deadline.
    await interaction.deferReply({ flags: 'Ephemeral' });
    const text = await download(attachment.url);
    outcome = await checkAndApply(text, guildId, actorOf(interaction), ctx);
  } finally {
    importing.delete(guildId);
  }
  // The server is free before the reply says so: a moderator who imports again on reading it is not refused.
  await interaction.editReply(edit(outcome));
}

const DOWNLOAD_FAILED = 'I could not download that file from Discord. Please attach it again. Nothing was imported.';

/** The file's text; a UserError when Discord does not hand it over (an error, a timeout, a redirect) or it is too large. */
async function download(url: string): Promise<string> {
  // A redirect could lead anywhere; Discord's CDN answers a file's URL directly.
  const text = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' })
    .then((response) => (response.ok ? response.text() : null))
    .catch(() => null);
  if (text === null) throw new UserError(DOWNLOAD_FAILED);
  if (text.length > CAPS.importBytes) throw new UserError('That file is too large. Nothing was imported.');
  return text;
}

async function checkAndApply(text: string, guildId: string, actor: Actor, ctx: BotContext): Promise<ReplyContent> {
  // Planned from a snapshot; if a moderator changes the server while a large file is checked, check again once.
  for (let attempt = 1; ; attempt += 1) {
    const prepared = await checker.prepare({ text, paragraphs: ctx.paragraphs, snapshot: () => ctx.store.importSnapshot(guildId) });
    if (!prepared.ok) {
      const total = problemTotal(prepared);
      ctx.logger.info({ action: 'import', problems: total, listed: prepared.problems.length }, 'import refused');
      return problemsReport(prepared.problems, total);
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
/** Discord's limit on a message's content. */
const MESSAGE_LIMIT = 2000;
/** A problem line in the message is cut here, so one long line cannot push out all the others. */
const PROBLEM_LINE_LIMIT = 300;

const formatCount = (n: number): string => n.toLocaleString('en-US');

/**
 * How many problems the file has in all. checkImport counts past the ones it lists (`total`); a
 * refusal that names one problem (the server's cap) carries no count and has only that one.
 */
function problemTotal(refusal: { problems: readonly string[] }): number {
  return 'total' in refusal && typeof refusal.total === 'number' ? refusal.total : refusal.problems.length;
}

/**
 * The problems in the message when they fit, otherwise the first ones there and every listed one
 * in a text file; beyond the listed ones only their number. Each line is a moderator's file
 * quoted back (ids, JSON errors quoting its text), so it is shown neutralised like their other text.
 */
function problemsReport(problems: readonly string[], total: number): ReplyContent {
  const unlisted = total - problems.length;
  const heading =
    unlisted === 0
      ? `Nothing was imported: the file has ${formatCount(total)} problem(s).`
      : `Nothing was imported: the file has ${formatCount(total)} problems. Here are the first ${formatCount(problems.length)}; fix them and import it again to see the rest.`;
  const more = unlisted === 0 ? '' : `\n…and ${formatCount(unlisted)} more problems; ${formatCount(total)} in all.`;
  const lines = problems.map((p) => `• ${quoteUserText(p, PROBLEM_LINE_LIMIT)}`);
  const whole = `${heading}\n${lines.join('\n')}${more}`;
  if (whole.length <= MESSAGE_LIMIT) return { content: whole };

  let content = heading;
  let shown = 0;
  const inFile = unlisted === 0 ? `All of them are listed in ${PROBLEMS_FILE}.` : `The first ${formatCount(problems.length)} are listed in ${PROBLEMS_FILE}.`;
  const noteFor = (left: number) => `\n…and ${formatCount(left)} more problems; ${formatCount(total)} in all. ${inFile}`;
  for (const line of lines) {
    const next = `${content}\n${line}`;
    if (next.length + noteFor(total - shown - 1).length > MESSAGE_LIMIT) break;
    content = next;
    shown += 1;
  }
  // The file is read as plain text, not markdown: it lists the problems exactly as found.
  const file = new AttachmentBuilder(Buffer.from(`${heading}\n${problems.map((p) => `• ${p}`).join('\n')}${more}\n`), { name: PROBLEMS_FILE });
  return { content: `${content}${noteFor(total - shown)}`, files: [file] };
}
