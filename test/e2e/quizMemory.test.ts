import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMORY_BOUNDS } from '../../src/core/memoryBounds.ts';
import { subcommand, type InteractionContext } from '../support/fakeDiscord.ts';
import { CHANNEL_MESSAGE } from '../support/discordConstants.ts';
import { freePort, startBotUnderTest, type BotUnderTest } from './botHarness.ts';

// Issue 13: quizzes started and stopped in thousands of channels used to leave about 7 KB each behind for good.


const GUILD = '1300000000000000100';
/** More channels than ended quizzes are kept, so the oldest must go. */
const CHANNELS = MEMORY_BOUNDS.endedQuizzesKept + 100;
/** Quizzes running at once: one server may run this many. */
const AT_ONCE = MEMORY_BOUNDS.runningQuizzesPerServer;

let t: BotUnderTest;
let port: number;

beforeAll(async () => {
  port = await freePort();
  t = await startBotUnderTest({ fake: { guildIds: [GUILD] }, env: { HEALTH_PORT: String(port) } });
});

afterAll(async () => {
  await t?.stop();
});

async function gauge(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = new RegExp(`^factbot_${name} (\\d+)$`, 'm').exec(text)?.[1];
  expect(value, name).toBeDefined();
  return Number(value);
}

/** A member in a channel of their own: the n-th of many. */
function inChannel(n: number): InteractionContext {
  return { guildId: GUILD, channelId: (1400000000000000000n + BigInt(n)).toString(), userId: (1500000000000000000n + BigInt(n)).toString(), username: `member${n}` };
}

async function startAndStop(n: number): Promise<void> {
  const started = await t.fake.interact(subcommand('quiz', 'start', { rounds: 3 }, inChannel(n))).response();
  expect(started.type).toBe(CHANNEL_MESSAGE);
  const stop = t.fake.interact(subcommand('quiz', 'stop', undefined, inChannel(n)));
  await stop.response();
  expect((await stop.edit(1)).content).toBe('Quiz stopped; the scores are posted in the channel.');
}

describe('quizzes in many channels', () => {
  it(`GIVEN quizzes started and stopped in ${CHANNELS} channels THEN none is left running and only the latest ${MEMORY_BOUNDS.endedQuizzesKept} ended ones are kept`, async () => {
    for (let n = 0; n < CHANNELS; n += AT_ONCE) {
      await Promise.all(Array.from({ length: Math.min(AT_ONCE, CHANNELS - n) }, (_, i) => startAndStop(n + i)));
    }
    expect(await gauge('quizzes_running_entries')).toBe(0);
    expect(await gauge('quizzes_ended_entries')).toBe(MEMORY_BOUNDS.endedQuizzesKept);
  }, 120_000);
});
