import { Client, GatewayIntentBits, LimitedCollection, Options, type CacheFactory } from 'discord.js';

/**
 * The bot answers interactions only, and every interaction carries what it reads: the server and
 * channel ids, the member's permissions and role ids, the message a button sits on. Replies, quiz
 * posts and edits go through the interaction's webhook. So nothing is cached per server: a guild
 * object with its channels, roles and member managers costs kilobytes per server joined and
 * nothing here reads it. Interactions from servers not in the cache are what discord.js calls
 * "raw" guild interactions (`interaction.inRawGuild()`), which it fully supports.
 *
 * GuildManager and ChannelManager are the roots: a Guild is reachable from no other cache, and
 * its channels, roles and members go with it. discord.js warns once at start-up that overriding
 * these two caches is unsupported (UnsupportedCacheOverwriteWarning): it breaks `interaction.guild`,
 * `interaction.channel` and `member.roles.cache`, which nothing in this bot reads
 * (test/e2e/manyServers.test.ts proves the commands still work), so `npm start` silences that
 * one warning with --disable-warning.
 */
const UNCACHED_ROOTS = new Set(['GuildManager', 'ChannelManager']);

const perManager = Options.cacheWithLimits({
  ...Options.DefaultMakeCacheSettings,
  MessageManager: 0,
  GuildMessageManager: 0,
  DMMessageManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  PresenceManager: 0,
  VoiceStateManager: 0,
  GuildEmojiManager: 0,
  GuildStickerManager: 0,
  GuildScheduledEventManager: 0,
  StageInstanceManager: 0,
  ThreadManager: 0,
  ThreadMemberManager: 0,
  GuildInviteManager: 0,
  GuildBanManager: 0,
  AutoModerationRuleManager: 0,
  ApplicationCommandManager: 0,
  // Every interaction's user would otherwise be kept; only the bot's own user is read (client.user).
  UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
  GuildMemberManager: 0,
});

const makeCache: CacheFactory = (managerType, holds, manager) =>
  // The typings leave these two out of the cache options on purpose (see above); the names are compared as strings.
  UNCACHED_ROOTS.has(manager.name as string) ? new LimitedCollection({ maxSize: 0 }) : perManager(managerType, holds, manager);

/**
 * Nearly everything the bot sends is an interaction response or a message through an
 * interaction's webhook, which Discord exempts from its global rate limit (50 requests a second).
 * discord.js counts them against it all the same, so 300 quizzes revealing at once, or a burst of
 * questions, would queue behind each other for seconds. Its client-side global limiter is off;
 * Discord's per-route limits, and a global 429 should one come, are still honoured by
 * @discordjs/rest.
 */
const REST_OPTIONS = { globalRequestsPerSecond: Infinity } as const;

/** A client with only the Guilds intent and no per-server cache. */
export function createClient(api: string | undefined): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { ...REST_OPTIONS, ...(api ? { api } : {}) },
    allowedMentions: { parse: [] },
    makeCache,
  });
}
