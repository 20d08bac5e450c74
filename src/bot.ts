import { Events, type Client } from 'discord.js';
import type { Logger } from 'pino';
import { commands } from '../commands/index.ts';
import type { Config } from './config.ts';
import type { Knowledge } from './core/answers/answerQuestion.ts';
import { buildKnowledge, loadCuratedData } from './core/knowledge.ts';
import { createClient } from './discord/client.ts';
import { createRouter } from './discord/router.ts';
import { showFactButton } from './discord/showFactButton.ts';
import { createRest, syncCommands } from './discord/syncCommands.ts';

export interface RunningBot {
  client: Client;
  /** Resolves once the gateway is ready and the commands are registered. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** The composition root: config -> facts -> search -> client. */
export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  const curated = loadCuratedData(config.DATA_DIR);
  const knowledge: Knowledge = buildKnowledge(curated.facts);
  logger.info({ facts: curated.facts.length, dataDir: config.DATA_DIR }, 'facts loaded');

  const client = createClient(config.DISCORD_API_BASE);
  const handle = createRouter(commands, [showFactButton], { knowledgeFor: () => knowledge, logger });
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard) => logger.info({ shard }, 'gateway resumed'));

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, async (readyClient) => {
      try {
        const rest = createRest(config.DISCORD_TOKEN, config.DISCORD_API_BASE);
        const outcome = await syncCommands(
          rest,
          { applicationId: config.DISCORD_CLIENT_ID, guildId: config.DISCORD_GUILD_ID },
          commands.map((c) => c.data),
        );
        logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, commands: outcome }, 'ready');
        resolve();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
  // Keep an unobserved rejection from crashing the process; callers await `ready`.
  ready.catch(() => undefined);

  await client.login(config.DISCORD_TOKEN);
  return {
    client,
    ready,
    async stop() {
      await client.destroy();
    },
  };
}
