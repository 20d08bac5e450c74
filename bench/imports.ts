/**
 * Imports against everyone else: the bot in 1,000 servers under the servers section's /ask load
 * (over every server but the importing ones) while 10,000 facts are imported, through Discord
 * (/factadmin import) or through `npm run facts -- import` (another process writing the same
 * database). One server may hold 5,000 facts of its own and one import 2,000, so the 10,000 are
 * five imports of 2,000 into five servers, one after another. After each import its server asks
 * one of the new questions until the answer comes from the new fact. Oversized imports are timed
 * from sending to their refusal.
 */
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { APIAttachment } from 'discord-api-types/v10';
import { CAPS } from '../src/core/facts/caps.ts';
import { TOPIC_IDS, type Fact, type Topic } from '../src/core/facts/schema.ts';
import { loadCuratedData } from '../src/core/knowledge.ts';
import { freePort, freshDataDir } from '../test/e2e/botHarness.ts';
import { DEFERRED, MOD_PERMISSIONS } from '../test/support/discordConstants.ts';
import { slash, startFakeDiscord, subcommand, type FakeAttachment, type FakeCallback, type FakeDiscord } from '../test/support/fakeDiscord.ts';
import { startBotProcess } from './botProcess.ts';
import { askLoad, DEADLINE_MS, watchStalls, type LoadShape } from './servers.ts';

export type ImportRoute = 'none' | 'discord' | 'cli';

/** Five imports of CAPS.importFacts: 10,000 facts, the size of the offline import that took the bot down (issue 9). */
export const IMPORTS = 5;
const JOINED = 1000;
/** Into the load, so its p99 covers questions before, during and after the imports. */
const IMPORTS_START_MS = 3000;
const PROBE_EVERY_MS = 100;
const PROBE_GIVE_UP_MS = 20_000;
const SETTLE_MS = 2000;
/** Which fact of each file its server asks about once imported: one in the middle. */
const PROBED = 1234;

const SUBJECTS: Record<Topic, string> = {
  summit: 'the White House summit',
  'previous-talks': 'the earlier rounds of talks',
  'nagorno-karabakh': 'Nagorno-Karabakh',
  displacement: 'the displaced people',
  trump: 'Trump’s motives',
  'other-deals': 'Trump’s other deals',
  nobel: 'the Nobel Peace Prize',
  mediation: 'the mediators',
  outlook: 'the open issues',
};
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A made-up club name per k: three syllables of 14 onsets × 5 vowels (343,000), scattered so neighbours differ. */
function clubName(k: number): string {
  const onsets = 'bdfgklmnprstvz';
  const vowels = 'aeiou';
  let n = (k * 7919) % 343_000;
  let name = '';
  for (let s = 0; s < 3; s++, n = Math.floor(n / 70)) name += onsets[n % 70 % 14]! + vowels[Math.floor((n % 70) / 14)]!;
  return name[0]!.toUpperCase() + name.slice(1);
}

/** Words `from` to `from + count` of the paragraph, cut from its own text so the quote is verbatim. */
function quoteFrom(paragraph: string, from: number, count: number): string {
  const words = [...paragraph.matchAll(/\S+/g)];
  const start = from % Math.max(1, words.length - count);
  const last = words[Math.min(words.length - 1, start + count - 1)]!;
  return paragraph.slice(words[start]!.index, last.index + last[0].length);
}

/** File `batch`'s facts: a community's reading clubs, each with its own name, topic, day and a verbatim quote. */
export function clubFacts(paragraphs: readonly string[], batch: number): Fact[] {
  return Array.from({ length: CAPS.importFacts }, (_, i) => {
    const k = batch * CAPS.importFacts + i;
    const name = clubName(k);
    const topic = TOPIC_IDS[k % TOPIC_IDS.length]!;
    const paragraph = k % paragraphs.length;
    return {
      id: `club-${name.toLowerCase()}`,
      topic,
      question: `When does the ${name} club meet to talk about ${SUBJECTS[topic]}?`,
      questions: [`${name} club meeting time`],
      answer: `The ${name} club meets on ${DAYS[k % 7]}s at ${17 + (k % 4)}:00 to talk about ${SUBJECTS[topic]}.`,
      keywords: ['club', 'meeting'],
      aliases: [name],
      source: { paragraph: paragraph + 1, quote: quoteFrom(paragraphs[paragraph]!, k * 7, 8 + (k % 7)) },
      related: [],
    };
  });
}

export const factFile = (facts: readonly unknown[]) => JSON.stringify({ schemaVersion: 1, facts });

let askers = 0;
const moderator = (guildId: string) => ({ guildId, userId: '1400000000000000001', username: 'bench-moderator', permissions: MOD_PERMISSIONS });

/**
 * The attachment as Discord sends it: without the fake's copy of the file's text, which the
 * fake's interaction payload would otherwise carry over the gateway (4 MB for the largest file).
 */
const asSent = ({ content: _content, ...attachment }: FakeAttachment): APIAttachment => attachment;

/** Send /factadmin import with the file attached; the final reply's text (after a deferral) and how long it took. */
async function importThroughDiscord(fake: FakeDiscord, guildId: string, text: string): Promise<{ reply: string; ms: number }> {
  const file = asSent(fake.hostFile('facts.json', text)); // uploaded before the command is sent, as a member's client does
  const sent = performance.now();
  const handle = fake.interact(subcommand('factadmin', 'import', { file }, moderator(guildId)));
  const first = await handle.response(DEADLINE_MS + 500);
  const reply = first.type === DEFERRED ? (await handle.edit(1, 60_000)).content : (first.data?.content ?? '');
  return { reply, ms: performance.now() - sent };
}

/** `npm run facts -- import --guild <id> <file>` on the bot's data folder, start to exit. */
async function importThroughCli(dataDir: string, guildId: string, file: string): Promise<{ reply: string; ms: number }> {
  const sent = performance.now();
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'facts', '--', 'import', '--guild', guildId, file], {
    env: { ...process.env, DATA_DIR: dataDir },
  });
  return { reply: stdout, ms: performance.now() - sent };
}

/** The fact an /ask reply answered with, read from its "Helpful" button (vote:1:<fact id>). */
function answeredFact(callback: FakeCallback): string | undefined {
  return /"custom_id":"vote:1:([^"]+)"/.exec(JSON.stringify(callback.data?.components ?? []))?.[1];
}

/** Ask the fact's question in the server, from a new member each time, until the answer is that fact: ms after `since`, NaN if never. */
async function askUntilAnswered(fake: FakeDiscord, guildId: string, fact: Fact, since: number): Promise<number> {
  while (performance.now() - since < PROBE_GIVE_UP_MS) {
    askers += 1;
    const member = { guildId, userId: `1400000001${String(askers).padStart(9, '0')}`, username: `prober${askers}` };
    const reply = await fake.interact(slash('ask', { question: fact.question }, member)).response(DEADLINE_MS + 500).catch(() => undefined);
    if (reply && answeredFact(reply) === fact.id) return performance.now() - since;
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  return NaN;
}

/**
 * The five imports one after another, each followed by its server's question: their total time,
 * how many were then answered from the new fact and the longest wait for that, and when the last
 * one ended (from the start of the load).
 */
async function importAll(route: Exclude<ImportRoute, 'none'>, fake: FakeDiscord, dataDir: string, importers: readonly string[]) {
  const { paragraphs } = loadCuratedData(dataDir);
  const files = importers.map((_, b) => {
    const facts = clubFacts(paragraphs, b);
    const path = join(dataDir, `import-${b}.json`);
    const text = factFile(facts);
    writeFileSync(path, text);
    return { facts, path, text };
  });
  const started = performance.now();
  await new Promise((r) => setTimeout(r, IMPORTS_START_MS));
  let importMs = 0;
  let answered = 0;
  let worstWaitMs = 0;
  for (const [b, guildId] of importers.entries()) {
    const file = files[b]!;
    const done = route === 'discord' ? await importThroughDiscord(fake, guildId, file.text) : await importThroughCli(dataDir, guildId, file.path);
    if (!done.reply.includes(`${CAPS.importFacts} added`)) throw new Error(`import ${b + 1} through ${route} failed: ${done.reply}`);
    importMs += done.ms;
    const waitMs = await askUntilAnswered(fake, guildId, file.facts[PROBED]!, performance.now());
    if (Number.isFinite(waitMs)) answered += 1;
    worstWaitMs = Math.max(worstWaitMs, Number.isFinite(waitMs) ? waitMs : 0);
  }
  return { importMs, answered, worstWaitMs, endedMs: performance.now() - started };
}

/** The bot (as `npm start` runs it) in `JOINED` servers of a fresh fake Discord and data folder, for the length of `measure`. */
async function withBot<T>(measure: (fake: FakeDiscord, dataDir: string, guildIds: string[], port: number) => Promise<T>): Promise<T> {
  const guildIds = Array.from({ length: JOINED }, (_, i) => (1300000000000010000n + BigInt(i) * 10n).toString());
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 5000, guildIds, interactionDeadlineMs: DEADLINE_MS });
  const dataDir = freshDataDir();
  try {
    const port = await freePort();
    const bot = await startBotProcess(fake, dataDir, { HEALTH_PORT: String(port) });
    try {
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      return await measure(fake, dataDir, guildIds, port);
    } finally {
      await bot.stop();
    }
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** /ask p99, unanswered and worst stall over the other servers while the route imports 10,000 facts (none: the baseline). */
export function importFigures(route: ImportRoute, load: LoadShape) {
  return withBot(async (fake, dataDir, guildIds, port) => {
    const importers = guildIds.slice(-IMPORTS);
    const asking = askLoad(fake, guildIds.slice(0, -IMPORTS), load, false);
    const importing = route === 'none' ? Promise.resolve({ importMs: NaN, answered: NaN, worstWaitMs: NaN, endedMs: NaN }) : importAll(route, fake, dataDir, importers);
    const both = Promise.all([asking, importing]);
    const [[asked, imported], worstStallMs] = await Promise.all([both, watchStalls(port, both)]);
    return { ...asked, worstStallMs, ...imported };
  });
}

/** Send to refusal, through Discord, for the 1 MB file of 333,320 empty facts and for the 10,000 facts in one file. */
export function refusalTimes() {
  return withBot(async (fake, dataDir, guildIds) => {
    const { paragraphs } = loadCuratedData(dataDir);
    const files = {
      emptyFactsMs: factFile(Array<object>(333_320).fill({})),
      tenThousandMs: factFile(Array.from({ length: IMPORTS }, (_, b) => clubFacts(paragraphs, b)).flat()),
    };
    const times = { emptyFactsMs: NaN, tenThousandMs: NaN, tenThousandBytes: Buffer.byteLength(files.tenThousandMs) };
    for (const key of ['emptyFactsMs', 'tenThousandMs'] as const) {
      const { reply, ms } = await importThroughDiscord(fake, guildIds.at(-1)!, files[key]);
      if (!reply.includes('Nothing was imported')) throw new Error(`the oversized import was not refused: ${reply}`);
      times[key] = ms;
    }
    return times;
  });
}
