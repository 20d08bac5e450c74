import { join } from 'node:path';
import { Events, type Client } from 'discord.js';
import type { Logger } from 'pino';
import { commandDefinitions, commands, messageCommands } from '../commands/index.ts';
import type { Config } from './config.ts';
import { GuildKnowledge } from './core/guildKnowledge.ts';
import { buildKnowledge, loadCuratedData } from './core/knowledge.ts';
import { openDatabase } from './core/store/database.ts';
import { FactStore } from './core/store/factStore.ts';
import { QuizStore } from './core/store/quizStore.ts';
import { loadQuizBank, QUIZ_FILE } from './core/quiz/loadBank.ts';
import { createClient } from './discord/client.ts';
import { addFactModal, editFactModal } from './discord/factadmin/factModal.ts';
import { gapAddButton } from './discord/factadmin/gapButton.ts';
import { cancelButton, confirmRemoveButton, undoRemoveButton } from './discord/factadmin/removal.ts';
import { QuizHost } from './discord/quiz/quizHost.ts';
import { quizAnswerButton, quizRevealButton } from './discord/quiz/quizButtons.ts';
import { createRouter } from './discord/router.ts';
import { showFactButton } from './discord/showFactButton.ts';
import { timelinePageButton } from './discord/timeline.ts';
import { createRest, syncCommands } from './discord/syncCommands.ts';
import { voteButton } from './discord/voteButton.ts';

export interface RunningBot {
  client: Client;
  /** Resolves once the gateway is ready and the commands are registered. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

const BUTTONS = [
  showFactButton,
  voteButton,
  confirmRemoveButton,
  cancelButton,
  undoRemoveButton,
  gapAddButton,
  quizAnswerButton,
  quizRevealButton,
  timelinePageButton,
];
const MODALS = [addFactModal, editFactModal];

/** The composition root: config -> facts -> store -> search -> client. */
export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  const curated = loadCuratedData(config.DATA_DIR);
  const bank = loadQuizBank(join(config.DATA_DIR, QUIZ_FILE), curated.facts);
  const db = openDatabase(config.DATA_DIR);
  const store = new FactStore(db, curated.facts);
  const knowledge = new GuildKnowledge(store, buildKnowledge(curated.facts));
  const quizzes = new QuizHost({
    bank,
    curated: curated.facts,
    quizStore: new QuizStore(db),
    knowledgeFor: (guildId) => knowledge.for(guildId),
    logger,
    nextRoundDelayMs: config.QUIZ_REVEAL_PAUSE_MS,
  });
  logger.info({ facts: curated.facts.length, quizItems: bank.items.length, dataDir: config.DATA_DIR }, 'facts loaded');

  const client = createClient(config.DISCORD_API_BASE);
  const handle = createRouter(
    { commands, messageCommands, buttons: BUTTONS, modals: MODALS },
    {
      knowledgeFor: (guildId) => knowledge.for(guildId),
      logger,
      store,
      paragraphs: curated.paragraphs,
      moderatorRoleIds: config.MODERATOR_ROLE_IDS,
      quizzes,
    },
  );
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
          commandDefinitions,
        );
        logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, commands: outcome }, 'ready');
        resolve();
        await quizzes.recover(readyClient);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
  // Keep an unobserved rejection from crashing the process; callers await `ready`.
  ready.catch(() => undefined);

  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    client,
    ready,
    async stop() {
      await quizzes.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'could not end running quizzes'));
      await client.destroy();
      db.close();
    },
  };
}
