/**
 * Quizzes at once (issue 13): quizzes of 3 rounds of 10 s (the fewest and shortest /quiz start
 * allows), 10 to a server (the most one server may run), that nobody answers, so every round is
 * closed by its timer and followed by the default 3 s pause. A quiz ends on time when its
 * scoreboard reaches Discord 3 × (10 s + 3 s) = 39 s after round 1 did. The bot runs as `npm start`
 * does (build first), against the fake Discord in this process.
 */
import { rmSync } from 'node:fs';
import { freshDataDir } from '../test/e2e/botHarness.ts';
import { channelIdFor, startFakeDiscord, subcommand } from '../test/support/fakeDiscord.ts';
import { startBotProcess } from './botProcess.ts';
import { medianOf, percentile } from './stats.ts';

const ROUNDS = 3;
const ROUND_SECONDS = 10;
const PAUSE_MS = 3000;
const PER_SERVER = 10;
/** From round 1 reaching the channel to the scoreboard, with no delay anywhere. */
export const QUIZ_IDEAL_MS = ROUNDS * (ROUND_SECONDS * 1000 + PAUSE_MS);

/** How late each of `quizzes` quizzes started together posts its last question and its scoreboard. */
export async function quizFigures(quizzes: number) {
  const guildIds = Array.from({ length: Math.ceil(quizzes / PER_SERVER) }, (_, i) => (1300000000000200000n + BigInt(i) * 1000n).toString());
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 5000, guildIds });
  const dataDir = freshDataDir();
  try {
    const bot = await startBotProcess(fake, dataDir, { QUIZ_REVEAL_PAUSE_MS: String(PAUSE_MS) });
    try {
      const runs = await Promise.all(
        Array.from({ length: quizzes }, async (_, i) => {
          const guildId = guildIds[Math.floor(i / PER_SERVER)]!;
          const starter = {
            guildId,
            userId: `1300000000088${String(i).padStart(6, '0')}`,
            username: `starter${i}`,
            channelId: (BigInt(channelIdFor(guildId)) + 10n + BigInt(i % PER_SERVER)).toString(),
          };
          const handle = fake.interact(subcommand('quiz', 'start', { rounds: ROUNDS, seconds: ROUND_SECONDS }, starter));
          try {
            await handle.response(10_000);
            const started = performance.now();
            const lastQuestion = handle.followUp(ROUNDS - 1, QUIZ_IDEAL_MS + 120_000).then(() => performance.now() - started);
            const end = await handle.followUp(ROUNDS, QUIZ_IDEAL_MS + 120_000);
            const ok = end.embeds?.[0]?.title === 'Quiz over! Final scores';
            return { ok, lastQuestionLate: (await lastQuestion) - (ROUNDS - 1) * (ROUND_SECONDS * 1000 + PAUSE_MS), endLate: performance.now() - started - QUIZ_IDEAL_MS };
          } catch {
            return { ok: false, lastQuestionLate: Infinity, endLate: Infinity };
          }
        }),
      );
      const late = runs.map((r) => r.endLate);
      const question = runs.map((r) => r.lastQuestionLate);
      return {
        ended: runs.filter((r) => r.ok).length,
        questionP50: percentile(question, 50),
        questionMax: percentile(question, 100),
        endP50: percentile(late, 50),
        endP90: percentile(late, 90),
        endMax: percentile(late, 100),
      };
    } finally {
      await bot.stop();
    }
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'never');

/** The table: one quiz alone (the baseline, same run) and 300 at once, as in issue 13. */
export async function quizSection(runs: number): Promise<void> {
  console.log(
    `\nQuizzes at once (npm start): each ${ROUNDS} rounds of ${ROUND_SECONDS} s closed by their timers, ${PAUSE_MS / 1000} s pauses, ${PER_SERVER} per server;` +
      `\nlateness after the ideal (round 1 + ${QUIZ_IDEAL_MS / 1000} s for the scoreboard, + ${((ROUNDS - 1) * (ROUND_SECONDS * 1000 + PAUSE_MS)) / 1000} s for the last question), as Discord received them`,
  );
  const table: Record<string, Record<string, string>> = {};
  for (const quizzes of [1, 300]) {
    const f = await medianOf(runs, () => quizFigures(quizzes));
    table[`${quizzes} quiz${quizzes === 1 ? '' : 'zes'}`] = {
      'ended with scoreboard': `${f.ended} of ${quizzes}`,
      'last question late p50': seconds(f.questionP50),
      'last question late max': seconds(f.questionMax),
      'scoreboard late p50': seconds(f.endP50),
      'scoreboard late p90': seconds(f.endP90),
      'scoreboard late max': seconds(f.endMax),
    };
  }
  console.table(table);
}
