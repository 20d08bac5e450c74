import { pathToFileURL } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import type { Logger } from 'pino';
import { startBot, type RunningBot } from './bot.ts';
import { loadConfig, type Config } from './config.ts';
import { DataError } from './core/errors.ts';
import { inviteUrl } from './discord/invite.ts';
import { explainStartupError } from './discord/setupErrors.ts';
import { createLogger, logDestination } from './logger.ts';

/** How long a shutdown may take before the process exits anyway. */
const STOP_TIMEOUT_MS = 5000;

/** The real startup path: environment -> config -> bot. Tests call it with their own environment. */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<RunningBot> {
  const config = loadConfig(env);
  return launch(config, createLogger(config.LOG_LEVEL, logDestination(config.LOG_FORMAT, process.stdout)));
}

/** Start the bot; a first-run mistake (bad token, wrong client id, server not joined, no network) becomes a DataError of one sentence. */
async function launch(config: Config, logger: Logger): Promise<RunningBot> {
  const explained = (error: unknown) => {
    const sentence = explainStartupError(error, config.DISCORD_API_BASE);
    return sentence === undefined ? error : new DataError(sentence);
  };
  const bot = await startBot(config, logger).catch((error: unknown) => {
    throw explained(error);
  });
  await bot.ready.catch(async (error: unknown) => {
    await bot.stop().catch(() => undefined);
    throw explained(error);
  });
  logger.info({ invite: inviteUrl(config.DISCORD_CLIENT_ID) }, 'invite link (open it to add the bot to a server)');
  return bot;
}

/** `npm start`: config and data errors print their one message and exit 1; a signal stops the bot cleanly. */
export async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let logger: Logger;
  let bot: RunningBot;
  try {
    const config = loadConfig();
    logger = createLogger(config.LOG_LEVEL, logDestination(config.LOG_FORMAT, process.stdout));
    bot = await launch(config, logger);
  } catch (error) {
    // These name the variable or file and the fix; a stack would only bury the sentence.
    console.error(error instanceof DataError ? error.message : error);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing the interactions in flight');
    const force = setTimeout(() => {
      logger.error(`not stopped within ${STOP_TIMEOUT_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    force.unref();
    bot.stop().then(
      () => {
        logger.info('stopped: gateway closed, database closed');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'could not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
