import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningBot } from '../../src/bot.ts';
import { start } from '../../src/index.ts';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type InteractionContext } from '../support/fakeDiscord.ts';

export interface BotUnderTest {
  fake: FakeDiscord;
  bot: RunningBot;
  dataDir: string;
  /** Stop the bot (keeping the fake and the data) and start it again, as a restart would. */
  restart(extraEnv?: NodeJS.ProcessEnv): Promise<void>;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on now, for the bot's health server. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A copy of the curated data in a temp folder, so each test gets its own database. */
export function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'factbot-e2e-'));
  cpSync('data', dir, { recursive: true, filter: (src) => !/\.db(-wal|-shm)?$/.test(src) });
  return dir;
}

export function envFor(fake: FakeDiscord, dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    DISCORD_TOKEN: fake.token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guildIds[0],
    DISCORD_API_BASE: fake.apiBase,
    LOG_LEVEL: process.env.FACTBOT_TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    // Flood protection is tested on its own (operations.test.ts); elsewhere one test member asks many questions.
    ASK_LIMIT: '0',
    DUPLICATE_ANSWER_WINDOW_S: '0',
    ...extra,
  };
}

/** The fake Discord plus the bot started through src/index.ts's real startup path. */
export async function startBotUnderTest(
  options: { fake?: FakeDiscordOptions; env?: NodeJS.ProcessEnv } = {},
): Promise<BotUnderTest> {
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 250, ...options.fake });
  const dataDir = freshDataDir();
  let bot = await start(envFor(fake, dataDir, options.env));
  return {
    fake,
    dataDir,
    get bot() {
      return bot;
    },
    async restart(extraEnv) {
      await bot.stop();
      bot = await start(envFor(fake, dataDir, { ...options.env, ...extraEnv }));
    },
    async stop() {
      await bot.stop();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Members never seen before, one per call (so no rate limit is shared between tests); `idPrefix`
 * (14 digits) keeps each test file's members apart.
 */
export function newMembers(idPrefix: string): (guildId: string, extra?: InteractionContext) => InteractionContext {
  let next = 0;
  return (guildId, extra = {}) => {
    next++;
    return { guildId, userId: `${idPrefix}${String(next).padStart(5, '0')}`, username: `member${next}`, ...extra };
  };
}
