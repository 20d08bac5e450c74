/**
 * Many servers: the bot in 1 to 5,000 servers, some of which added a fact of their own, under a
 * steady load of /ask from a different member each time. Everything is measured from outside the
 * bot process (as `npm start` runs it), except the event-loop stall, which its /metrics reports.
 */
import { rmSync } from 'node:fs';
import { loadCuratedData } from '../src/core/knowledge.ts';
import { openDatabase } from '../src/core/store/database.ts';
import { FactStore } from '../src/core/store/factStore.ts';
import { freePort, freshDataDir } from '../test/e2e/botHarness.ts';
import { slash, startFakeDiscord, type FakeDiscord } from '../test/support/fakeDiscord.ts';
import { startBotProcess } from './botProcess.ts';
import { percentile } from './stats.ts';

export interface ServerScenario {
  joined: number;
  /** The first `edited` servers each added one fact of their own before the bot started. */
  edited: number;
}

export interface LoadShape {
  total: number;
  perSecond: number;
}

/** Discord's deadline for the first response to an interaction; the fake refuses later ones. */
export const DEADLINE_MS = 3000;
const CURATED_QUESTIONS = ['how many ppl fled karabach', 'where did they last meet', 'who mediates', 'what is the population of armenia'];
/** The question each edited server's own fact answers. */
const OWN_QUESTION = 'when does our reading club meet to discuss the talks';

/** Each server adds the same kind of fact (its reading club's meeting), through FactStore as /factadmin add would, in one transaction. */
function addOwnFacts(dataDir: string, guildIds: readonly string[]): void {
  const curated = loadCuratedData(dataDir).facts;
  const db = openDatabase(dataDir);
  try {
    const store = new FactStore(db, curated);
    const source = curated[0]!.source;
    db.transaction(() => {
      guildIds.forEach((guildId, i) =>
        store.addFact(
          guildId,
          {
            id: 'reading-club',
            topic: 'outlook',
            question: 'When does our reading club meet to discuss the talks?',
            questions: ['when do we meet about the summit', 'reading club meeting time'],
            answer: `The club meets on day ${(i % 28) + 1} of each month at 18:00 to go through the news on the talks.`,
            keywords: ['reading club', 'club meeting'],
            aliases: [],
            source,
            related: [],
          },
          { id: '1300000000000000999', name: 'bench-moderator' },
        ),
      );
    })();
  } finally {
    db.close();
  }
}

/**
 * The bot's worst event-loop stall while `watching` runs: prom-client's event loop lag maximum,
 * reset at every scrape, scraped once a second. A scrape the bot has not answered counts as a
 * stall of at least as long as it has waited.
 */
export async function watchStalls(port: number, watching: Promise<unknown>): Promise<number> {
  let worstMs = 0;
  let done = false;
  void watching.finally(() => (done = true));
  const scrape = async () => {
    const sent = performance.now();
    const pending = fetch(`http://127.0.0.1:${port}/metrics`)
      .then((r) => r.text())
      .catch(() => undefined);
    const text = await Promise.race([pending, watching.then(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000)))]);
    if (text === undefined) return performance.now() - sent;
    const lag = /^factbot_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text);
    return Math.max(Number(lag?.[1] ?? 0) * 1000, 0);
  };
  await scrape(); // resets the histogram, so start-up does not count
  while (!done) {
    const [stallMs] = await Promise.all([scrape(), new Promise((r) => setTimeout(r, 1000))]);
    worstMs = Math.max(worstMs, stallMs);
  }
  return Math.max(worstMs, await scrape());
}

/** `total` /ask at `perSecond`, round-robin over `guildIds`, each from a member never seen before; latency to the first response. */
export async function askLoad(fake: FakeDiscord, guildIds: readonly string[], load: LoadShape, edited: boolean) {
  const latencies: number[] = [];
  let unanswered = 0;
  const answers: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < load.total; i++) {
    // Paced by the clock, so timer jitter does not slow the rate.
    const wait = started + (i * 1000) / load.perSecond - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const question = edited && i % 2 === 0 ? OWN_QUESTION : CURATED_QUESTIONS[i % CURATED_QUESTIONS.length]!;
    const member = { guildId: guildIds[i % guildIds.length]!, userId: `1300000000${String(i).padStart(9, '0')}`, username: `member${i}` };
    const sent = performance.now();
    const handle = fake.interact(slash('ask', { question }, member));
    answers.push(
      handle.response(DEADLINE_MS + 500).then(
        () => void latencies.push(performance.now() - sent),
        () => void (unanswered += 1),
      ),
    );
  }
  await Promise.all(answers);
  // Unanswered questions count as slower than any answer, so a p99 among them reads as Infinity.
  const all = [...latencies, ...Array<number>(unanswered).fill(Infinity)];
  return { askP99: percentile(all, 99), unanswered };
}

/** Start-up, idle and loaded memory, /ask p99, unanswered questions and the worst stall for one scenario. */
export async function serverFigures(scenario: ServerScenario, load: LoadShape, settleMs = 2000) {
  const guildIds = Array.from({ length: scenario.joined }, (_, i) => (1300000000000010000n + BigInt(i) * 10n).toString());
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 5000, guildIds, interactionDeadlineMs: DEADLINE_MS });
  const dataDir = freshDataDir();
  try {
    const targets = scenario.edited > 0 ? guildIds.slice(0, scenario.edited) : guildIds;
    if (scenario.edited > 0) addOwnFacts(dataDir, targets);
    const port = await freePort();
    const bot = await startBotProcess(fake, dataDir, { HEALTH_PORT: String(port) });
    try {
      await new Promise((r) => setTimeout(r, settleMs));
      const idleBytes = bot.residentBytes();
      const asking = askLoad(fake, targets, load, scenario.edited > 0);
      const [asked, worstStallMs] = await Promise.all([asking, watchStalls(port, asking)]);
      await new Promise((r) => setTimeout(r, settleMs));
      return { startupMs: bot.startupMs, idleBytes, loadedBytes: bot.residentBytes(), ...asked, worstStallMs };
    } finally {
      await bot.stop();
    }
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
