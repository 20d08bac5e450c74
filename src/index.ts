import { pathToFileURL } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { startBot, type RunningBot } from './bot.ts';
import { loadConfig } from './config.ts';
import { DataError } from './core/errors.ts';
import { createLogger } from './logger.ts';

/** The real startup path: environment -> config -> bot. Tests call it with their own environment. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<RunningBot> {
  const config = loadConfig(env);
  const logger = createLogger(config.LOG_LEVEL);
  const bot = await startBot(config, logger);
  await bot.ready;
  return bot;
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let bot: RunningBot;
  try {
    bot = await start();
  } catch (error) {
    // Config and data errors name the variable or file and the fix; no stack needed.
    console.error(error instanceof DataError ? error.message : error);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal} received, shutting down`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void bot.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
