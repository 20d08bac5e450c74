import type { Server } from 'node:http';
import { join } from 'node:path';
import { Events, Status, type Client } from 'discord.js';
import type { Logger } from 'pino';
import { commandDefinitions, commands, messageCommands } from '../commands/index.ts';
import type { Config } from './config.ts';
import { ABUSE_LIMITS, RateLimiter, RecentPosts } from './core/abuse.ts';
import { GuildKnowledge } from './core/guildKnowledge.ts';
import { loadCuratedData } from './core/knowledge.ts';
import { defaultEngine } from './core/search/searchIndex.ts';
import { loadQuizBank, QUIZ_FILE } from './core/quiz/loadBank.ts';
import { openDatabase } from './core/store/database.ts';
import { FactStore } from './core/store/factStore.ts';
import { QuizStore } from './core/store/quizStore.ts';
import { isWritable } from './core/store/writes.ts';
import { createClient } from './discord/client.ts';
import { addFactModal, editFactModal } from './discord/factadmin/factModal.ts';
import { gapAddButton } from './discord/factadmin/gapButton.ts';
import { cancelButton, confirmRemoveButton, undoRemoveButton } from './discord/factadmin/removal.ts';
import { quizAnswerButton, quizRevealButton } from './discord/quiz/quizButtons.ts';
import { QuizHost } from './discord/quiz/quizHost.ts';
import { createRouter } from './discord/router.ts';
import { showFactButton } from './discord/showFactButton.ts';
import { createRest, syncCommands } from './discord/syncCommands.ts';
import { timelinePageButton } from './discord/timeline.ts';
import { voteButton } from './discord/voteButton.ts';
import { startHealthServer } from './ops/healthServer.ts';
import { trackBoundedStructures } from './ops/memoryMetrics.ts';
import { Metrics } from './ops/metrics.ts';

export interface RunningBot {
  client: Client;
  metrics: Metrics;
  /** Resolves once the gateway is ready and the commands are registered. */
  ready: Promise<void>;
  /** Lets in-flight interactions finish, ends running quizzes, closes the gateway and the database. */
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

/** How long a shutdown waits for interactions already being answered (the whole stop must fit in 5 s). */
const DRAIN_MS = 2000;

/** The composition root: config -> facts -> store -> search -> client. */
export async function startBot(config: Config, logger: Logger): Promise<RunningBot> {
  const curated = loadCuratedData(config.DATA_DIR);
  const bank = loadQuizBank(join(config.DATA_DIR, QUIZ_FILE), curated.facts);
  const db = openDatabase(config.DATA_DIR);
  const store = new FactStore(db, curated.facts);
  const knowledge = new GuildKnowledge(store, defaultEngine(), curated.facts, {
    onError: (error) => logger.error({ err: error }, 'could not index a server’s facts'),
  });
  const metrics = new Metrics();
  const quizzes = new QuizHost({
    bank,
    curated: curated.facts,
    quizStore: new QuizStore(db),
    knowledgeFor: (guildId) => knowledge.for(guildId),
    logger,
    nextRoundDelayMs: config.QUIZ_REVEAL_PAUSE_MS,
  });
  logger.info({ facts: curated.facts.length, quizItems: bank.items.length, dataDir: config.DATA_DIR }, 'facts loaded');

  const guards = {
    ask: new RateLimiter(config.ASK_LIMIT, ABUSE_LIMITS.askWindowMs),
    quizStart: new RateLimiter(ABUSE_LIMITS.quizStartsPerWindow, ABUSE_LIMITS.quizStartWindowMs),
    publicAnswers: new RecentPosts(config.DUPLICATE_ANSWER_WINDOW_S * 1000),
  };
  trackBoundedStructures(metrics, { guards, quizzes, store, knowledge });

  const client = createClient(config.DISCORD_API_BASE);
  const router = createRouter(
    { commands, messageCommands, buttons: BUTTONS, modals: MODALS },
    {
      knowledgeFor: (guildId) => knowledge.for(guildId),
      logger,
      store,
      paragraphs: curated.paragraphs,
      moderatorRoleIds: config.MODERATOR_ROLE_IDS,
      quizzes,
      metrics,
      guards,
    },
  );
  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  // discord.js reports the close that stop() asks for as a reconnect: it is no news then.
  let stopping = false;
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (!stopping) logger.warn({ code: event.code, shard }, 'gateway disconnected');
  });
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) logger.warn({ shard }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard) => {
    metrics.gatewayReconnect();
    logger.info({ shard }, 'gateway resumed');
  });
  let identified = false;
  client.on(Events.ShardReady, (shard) => {
    // The first READY is the start; any later one is a reconnect that could not resume.
    if (identified) {
      metrics.gatewayReconnect();
      logger.info({ shard }, 'gateway re-identified');
    }
    identified = true;
  });

  let health: Server | undefined;
  if (config.HEALTH_PORT !== undefined) {
    health = await startHealthServer(
      config.HEALTH_PORT,
      config.HEALTH_HOST,
      { gatewayConnected: () => client.ws.status === Status.Ready, databaseWritable: () => isWritable(db) },
      metrics,
    );
    logger.info({ port: config.HEALTH_PORT }, 'health and metrics served');
  }

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, async (readyClient) => {
      try {
        const rest = createRest(config.DISCORD_TOKEN, config.DISCORD_API_BASE);
        const outcome = await syncCommands(
          rest,
          { applicationId: config.DISCORD_CLIENT_ID, guildId: config.DISCORD_GUILD_ID },
          commandDefinitions,
        );
        logger.info({ user: readyClient.user.tag, commands: outcome }, 'ready');
        resolve();
        await quizzes.recover(readyClient);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
  // Keep an unobserved rejection from crashing the process; callers await `ready`.
  ready.catch(() => undefined);

  const closeResources = () => {
    health?.close();
    db.close();
  };
  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (error) {
    closeResources();
    throw error;
  }
  return {
    client,
    metrics,
    ready,
    async stop() {
      // New interactions get a "restarting" note while the ones in flight finish; then the gateway closes.
      await router.drain(DRAIN_MS);
      await quizzes.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'could not end running quizzes'));
      stopping = true;
      await client.destroy();
      // Background indexing reads the database: it finishes before the database closes.
      await knowledge.settled().catch((error: unknown) => logger.warn({ err: error }, 'background indexing failed'));
      closeResources();
    },
  };
}
