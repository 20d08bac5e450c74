import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, button, slash, startFakeDiscord, type FakeDiscord, type InteractionHandle } from '../support/fakeDiscord.ts';
import { envFor, freshDataDir } from './botHarness.ts';

const TOTAL = 5000;
const MEMBERS = 1000;
const PER_SECOND = 100;
const QUESTIONS = [
  'how many ppl fled karabach',
  'where did the leaders last meet',
  'who is mediating the talks',
  'what did the 2020 ceasefire do',
  'who nominated trump for the nobel',
  'what is the population of armenia',
  'is pashinian going to the white house',
  'what issues are still unresolved',
];

function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? NaN) * 1024;
}

/** A realistic mix: mostly questions, some autocomplete, help, facts and related-fact buttons. */
function interactionFor(i: number) {
  const member = { userId: `13000000001${String(i % MEMBERS).padStart(8, '0')}`, username: `member${i % MEMBERS}` };
  const question = QUESTIONS[i % QUESTIONS.length]!;
  switch (i % 10) {
    case 0:
      return autocomplete('ask', { name: 'question', value: question.slice(0, 4 + (i % 9)) }, undefined, member);
    case 1:
      return slash('help', undefined, member);
    case 2:
      return slash('fact', { id: 'ceasefire-2020' }, member);
    case 3:
      return button('fact:last-meeting', member);
    default:
      return slash('ask', { question }, member);
  }
}

let fake: FakeDiscord;
let dataDir: string;
let bot: ReturnType<typeof spawn>;
let stdout = '';

beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 1000 });
  dataDir = freshDataDir();
  // The bot runs as its own process with npm start's V8 flag (from source, to skip a build), so its memory is measured alone.
  bot = spawn(process.execPath, ['--max-semi-space-size=2', '--import', import.meta.resolve('tsx'), resolve('src/index.ts')], {
    cwd: dataDir,
    env: { PATH: process.env.PATH, ...envFor(fake, dataDir, { LOG_LEVEL: 'warn', ASK_LIMIT: '5', DUPLICATE_ANSWER_WINDOW_S: '60' }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  bot.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  bot.stderr!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await fake.waitForReady(15_000);
  await new Promise((r) => setTimeout(r, 500));
}, 30_000);

afterAll(async () => {
  bot?.kill('SIGTERM');
  await new Promise((r) => bot?.once('exit', r));
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('soak', () => {
  it(
    `GIVEN ${TOTAL} interactions from ${MEMBERS} members at ${PER_SECOND}/s THEN each is answered exactly once, nothing is logged as an error, and memory stays flat`,
    async () => {
      const handles: InteractionHandle[] = [];
      const samples: number[] = [];
      const started = performance.now();
      for (let i = 0; i < TOTAL; i++) {
        // Pace by the clock rather than per-send sleeps, so timer jitter does not slow the rate.
        const due = started + (i * 1000) / PER_SECOND;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        handles.push(fake.interact(interactionFor(i)));
        if (i % 500 === 499) samples.push(residentBytes(bot.pid!));
      }
      await Promise.all(handles.map((h) => h.response(10_000)));
      await new Promise((r) => setTimeout(r, 300));

      const answeredOnce = handles.filter((h) => h.callbacks.length === 1 && h.rejected.length === 0).length;
      expect(answeredOnce).toBe(TOTAL);
      expect(fake.failedRequests).toEqual([]);
      expect(stdout).not.toMatch(/"level":(50|60)/);
      // After warm-up (the first 1,000), resident memory may wobble with garbage collection but not grow.
      const warm = samples[1]!;
      const last = samples.at(-1)!;
      console.log(`soak: RSS after warm-up ${(warm / 1048576).toFixed(1)} MB, at end ${(last / 1048576).toFixed(1)} MB; ${((performance.now() - started) / 1000).toFixed(1)} s`);
      expect(last).toBeLessThan(warm * 1.2 + 10 * 1048576);
    },
    120_000,
  );
});
