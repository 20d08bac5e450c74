import { rmSync } from 'node:fs';
import { start } from '../src/index.ts';
import { envFor, freshDataDir } from '../test/e2e/botHarness.ts';
import { autocomplete, slash, startFakeDiscord, type FakeDiscord } from '../test/support/fakeDiscord.ts';
import { startBotProcess } from './botProcess.ts';
import { percentile } from './stats.ts';

async function roundTrips(fake: FakeDiscord, make: (i: number) => Parameters<FakeDiscord['interact']>[0], count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await fake.interact(make(i)).response();
    times.push(performance.now() - started);
  }
  return times;
}

/** Dispatch to reply received through the fake Discord: /ask against /help (no search), and autocomplete. */
export async function interactionLatency(questions: readonly string[], count: number) {
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 5000 });
  const dataDir = freshDataDir();
  const bot = await start(envFor(fake, dataDir, { LOG_LEVEL: 'silent' }));
  try {
    const q = (i: number) => questions[i % questions.length]!;
    await roundTrips(fake, (i) => slash('ask', { question: q(i) }), 30); // warm-up
    const ask = await roundTrips(fake, (i) => slash('ask', { question: q(i) }), count);
    const help = await roundTrips(fake, () => slash('help'), count);
    const complete = await roundTrips(fake, (i) => autocomplete('ask', { name: 'question', value: q(i).slice(0, 3 + (i % 12)) }), count);
    return {
      askP50: percentile(ask, 50),
      askP99: percentile(ask, 99),
      helpP50: percentile(help, 50),
      helpP99: percentile(help, 99),
      autocompleteP50: percentile(complete, 50),
      autocompleteP99: percentile(complete, 99),
    };
  } finally {
    await bot.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const SOAK_QUESTIONS = ['how many ppl fled karabach', 'where did they last meet', 'who mediates', 'what is the population of armenia'];

/**
 * Start-up time (process start to commands registered) and resident memory, as `npm start` runs
 * (build first with `npm run build`): idle after `settleMs`, then after `soak` questions if asked.
 */
export async function processFigures(guildCount: number, options: { settleMs?: number; soak?: number } = {}) {
  const settleMs = options.settleMs ?? 2000;
  const guildIds = Array.from({ length: guildCount }, (_, i) => (1300000000000010000n + BigInt(i) * 10n).toString());
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 5000, guildIds });
  const dataDir = freshDataDir();
  try {
    const bot = await startBotProcess(fake, dataDir);
    try {
      await new Promise((r) => setTimeout(r, settleMs));
      const idleBytes = bot.residentBytes();
      let soakedBytes = NaN;
      if (options.soak) {
        const handles = [];
        for (let i = 0; i < options.soak; i++) {
          const member = { userId: `13000000002${String(i % 1000).padStart(8, '0')}`, guildId: guildIds[i % guildIds.length]! };
          handles.push(fake.interact(slash('ask', { question: SOAK_QUESTIONS[i % SOAK_QUESTIONS.length]! }, member)));
          if (i % 100 === 99) await new Promise((r) => setTimeout(r, 1000));
        }
        await Promise.all(handles.map((h) => h.response(10_000)));
        await new Promise((r) => setTimeout(r, settleMs));
        soakedBytes = bot.residentBytes();
      }
      return { startupMs: bot.startupMs, idleBytes, soakedBytes };
    } finally {
      await bot.stop();
    }
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
