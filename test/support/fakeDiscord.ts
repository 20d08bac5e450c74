/**
 * A fake Discord (REST + gateway) on 127.0.0.1 for end-to-end tests with the real discord.js:
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
 *   await client.login(fake.token);
 *   const handle = fake.interact(slash('ask', { question: 'who?' }));
 *   const { type, data } = await handle.response();
 *
 * discord.js fetches the gateway URL from GET /gateway/bot, so `rest.api` redirects everything.
 * Everything the bot sends is validated against Discord's limits and refused in Discord's error
 * format; every REST request is recorded in `fake.requests`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIInteraction } from 'discord-api-types/v10';
import { FakeGateway } from './fakeDiscordGateway.ts';
import type { ReceivedGatewayPayload } from './fakeDiscordGateway.ts';
import { FileStore, InteractionRecord } from './fakeDiscordInteractions.ts';
import type { InteractionHandle } from './fakeDiscordInteractions.ts';
import { deleteMessage, handleRest } from './fakeDiscordRest.ts';
import type { FaultResponse, RestState } from './fakeDiscordRest.ts';
import type { FakeAttachment, FakeMessage, RecordedRequest } from './fakeDiscordTypes.ts';
import {
  botUser,
  channelIdFor,
  DEFAULT_APPLICATION_ID,
  DEFAULT_BOT_USER_ID,
  DEFAULT_GUILD_ID,
} from './interactionPayloads.ts';
import type { InteractionInit } from './interactionPayloads.ts';

export * from './interactionPayloads.ts';
export type * from './fakeDiscordTypes.ts';
export type { InteractionHandle } from './fakeDiscordInteractions.ts';
export type { FaultResponse } from './fakeDiscordRest.ts';
export type { ReceivedGatewayPayload } from './fakeDiscordGateway.ts';

export interface FakeDiscordOptions {
  /** port on 127.0.0.1 (default: any free port) */
  port?: number;
  /** HELLO heartbeat_interval (default 1000) */
  heartbeatIntervalMs?: number;
  /** guilds the bot is in (default [DEFAULT_GUILD_ID]); each gets a text channel channelIdFor(id) */
  guildIds?: string[];
  /** a callback later than this after interact() → 404 10062 Unknown interaction (default 3000) */
  interactionDeadlineMs?: number;
  /** interaction webhook token lifetime (default 15 minutes) */
  tokenLifetimeMs?: number;
}

export interface FakeDiscordFaults {
  /** close the bot's socket with a code (default 4000); the client is expected to resume */
  closeGateway(code?: number): void;
  /** terminate the TCP socket abruptly (close code 1006 on the client) */
  dropGateway(): void;
  /** send op 7 Reconnect */
  requestReconnect(): void;
  /** send op 9 Invalid Session; when not resumable the session is forgotten */
  invalidateSession(resumable: boolean): void;
  stopHeartbeatAcks(stop: boolean): void;
  /**
   * Answer the next `times` (default 1) REST requests matching `routeMatch` with `response`.
   * The regexp is tested against the path without the /api/vN prefix (e.g.
   * "/interactions/1/tok/callback") and against "METHOD /path". A 429 gets Discord-like
   * defaults (retry_after 0.05 s, Retry-After header) unless given.
   */
  failNext(routeMatch: RegExp, response: FaultResponse, times?: number): void;
}

export interface FakeDiscord {
  /** what a client passes as `rest.api`, e.g. "http://127.0.0.1:PORT/api" (@discordjs/rest appends /v10) */
  apiBase: string;
  /** ws://127.0.0.1:PORT — returned by GET /gateway/bot */
  gatewayUrl: string;
  /** the bot token the fake accepts */
  token: string;
  applicationId: string;
  botUserId: string;
  guildIds: string[];
  /** resolves when a client is connected and has been sent READY + GUILD_CREATEs, or RESUMED */
  waitForReady(timeoutMs?: number): Promise<void>;
  /** application commands as currently registered (after validation); global when guildId is undefined */
  commands(guildId?: string): APIApplicationCommand[];
  /** how many command writes (PUT/POST/PATCH/DELETE) succeeded */
  readonly commandWrites: number;
  /** dispatch INTERACTION_CREATE to the connected bot (queued for replay while it is disconnected) */
  interact(payload: InteractionInit): InteractionHandle;
  /** every interaction dispatched so far */
  readonly interactions: InteractionHandle[];
  /** every REST request received, in order */
  readonly requests: RecordedRequest[];
  /** requests answered with status >= 400 (validation failures, 404s, injected faults, ...) */
  readonly failedRequests: RecordedRequest[];
  /** messages the bot posted with POST /channels/{id}/messages (edited in place by PATCH /channels/{id}/messages/{id}) */
  channelMessages(channelId?: string): FakeMessage[];
  /**
   * Delete a message as a moderator would (a channel message, or an interaction's @original or
   * followup): the bot's later edits of it answer 404 Unknown Message. False when there is none.
   */
  deleteMessage(messageId: string): boolean;
  /** serve bytes at http://127.0.0.1:PORT/attachments/... and return an API attachment for them */
  hostFile(name: string, content: string | Uint8Array, contentType?: string): FakeAttachment;
  faults: FakeDiscordFaults;
  /** accepted websocket connections */
  readonly gatewayConnections: number;
  readonly identifyCount: number;
  readonly resumeCount: number;
  /** payloads the client sent on the gateway (tokens redacted) */
  readonly gatewayReceived: ReceivedGatewayPayload[];
  /** can be changed at runtime */
  interactionDeadlineMs: number;
  /** interaction webhook token lifetime; can be changed at runtime (e.g. to expire a running quiz's token) */
  tokenLifetimeMs: number;
  close(): Promise<void>;
}

const FAKE_TOKEN = `${Buffer.from(DEFAULT_APPLICATION_ID).toString('base64url')}.ZmFrZQ.fake-discord-bot-token-for-tests-only`;

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const guildIds = [...(options.guildIds ?? [DEFAULT_GUILD_ID])];
  let port = 0;
  const httpBase = (): string => `http://127.0.0.1:${port}`;
  const wsBase = (): string => `ws://127.0.0.1:${port}`;
  const user = botUser();

  const state: RestState = {
    token: FAKE_TOKEN,
    applicationId: DEFAULT_APPLICATION_ID,
    botUser: user,
    guildIds,
    gatewayUrl: wsBase,
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60_000,
    interactions: new Map(),
    interactionsByToken: new Map(),
    commandStore: new Map(),
    commandWrites: 0,
    channelMessages: new Map(),
    files: new FileStore(httpBase),
    requests: [],
    faults: [],
  };
  const gateway = new FakeGateway({
    token: FAKE_TOKEN,
    applicationId: DEFAULT_APPLICATION_ID,
    botUser: user,
    guildIds,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1000,
    resumeUrl: () => `${wsBase()}/resume`,
  });

  const server = createServer((req, res) => {
    handleRest(state, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, message: `500: fake discord crashed: ${String(error)}` }));
    });
  });
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const records: InteractionRecord[] = [];

  const prepare = (input: InteractionInit): APIInteraction => {
    const p = structuredClone(input);
    const raw = p as unknown as Record<string, unknown>;
    raw.application_id = state.applicationId;
    const first = guildIds[0];
    // Builders default to DEFAULT_GUILD_ID; map it onto this fake's first guild.
    if (p.guild_id === DEFAULT_GUILD_ID && first !== undefined && !guildIds.includes(DEFAULT_GUILD_ID)) {
      const oldChannel = channelIdFor(DEFAULT_GUILD_ID);
      raw.guild_id = first;
      if (p.guild) p.guild.id = first;
      if (p.channel_id === oldChannel) raw.channel_id = channelIdFor(first);
      const channel = raw.channel as Record<string, unknown> | undefined;
      if (channel && channel.id === oldChannel) Object.assign(channel, { id: channelIdFor(first), guild_id: first });
      raw.authorizing_integration_owners = { '0': first };
      const message = raw.message as Record<string, unknown> | undefined;
      if (message && message.channel_id === oldChannel) message.channel_id = channelIdFor(first);
    }
    // Use the registered command's id (guild command first, then global) when there is one.
    if (p.type === 2 || p.type === 4) {
      const data = p.data as unknown as Record<string, unknown>;
      const type = typeof data.type === 'number' ? data.type : 1;
      const guildCmd = p.guild_id ? state.commandStore.get(p.guild_id)?.find((c) => c.name === data.name && c.type === type) : undefined;
      const cmd = guildCmd ?? state.commandStore.get('global')?.find((c) => c.name === data.name && c.type === type);
      if (cmd) {
        data.id = cmd.id;
        if (guildCmd && p.guild_id) data.guild_id = p.guild_id;
      }
    }
    return p;
  };


  /** Roles this fake has told the client about, per guild (Discord announces every role a member can have). */
  const announcedRoles = new Map<string, Set<string>>();
  /** Like Discord, announce a role (GUILD_ROLE_CREATE) before any interaction from a member who has it. */
  const announceRoles = (payload: APIInteraction): void => {
    const guildId = payload.guild_id;
    const roles = payload.member?.roles ?? [];
    if (!guildId) return;
    const known = announcedRoles.get(guildId) ?? new Set<string>([guildId]);
    announcedRoles.set(guildId, known);
    for (const id of roles) {
      if (known.has(id)) continue;
      known.add(id);
      gateway.dispatch('GUILD_ROLE_CREATE', {
        guild_id: guildId,
        role: { id, name: `role-${id.slice(-4)}`, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, icon: null, unicode_emoji: null, position: 1, permissions: '0', managed: false, mentionable: false, flags: 0 },
      });
    }
  };

  const fake: FakeDiscord = {
    apiBase: `${httpBase()}/api`,
    gatewayUrl: wsBase(),
    token: FAKE_TOKEN,
    applicationId: DEFAULT_APPLICATION_ID,
    botUserId: DEFAULT_BOT_USER_ID,
    guildIds,
    waitForReady: (timeoutMs) => gateway.waitForReady(timeoutMs),
    commands: (guildId) => [...(state.commandStore.get(guildId ?? 'global') ?? [])],
    get commandWrites() {
      return state.commandWrites;
    },
    interact(input) {
      const payload = prepare(input);
      announceRoles(payload);
      const rec = new InteractionRecord(payload, state.requests);
      state.interactions.set(rec.id, rec);
      state.interactionsByToken.set(rec.token, rec);
      records.push(rec);
      gateway.dispatch('INTERACTION_CREATE', payload);
      return rec;
    },
    get interactions() {
      return [...records];
    },
    get requests() {
      return state.requests;
    },
    get failedRequests() {
      return state.requests.filter((r) => r.status >= 400);
    },
    channelMessages: (channelId) => [...(state.channelMessages.get(channelId ?? channelIdFor(guildIds[0] ?? DEFAULT_GUILD_ID)) ?? [])],
    deleteMessage: (messageId) => deleteMessage(state, messageId),
    hostFile: (name, content, contentType) => state.files.host(name, content, contentType),
    faults: {
      closeGateway: (code) => gateway.closeGateway(code),
      dropGateway: () => gateway.dropGateway(),
      requestReconnect: () => gateway.requestReconnect(),
      invalidateSession: (resumable) => gateway.invalidateSession(resumable),
      stopHeartbeatAcks: (stop) => gateway.stopHeartbeatAcks(stop),
      failNext: (routeMatch, response, times = 1) => {
        state.faults.push({ match: routeMatch, response, remaining: times });
      },
    },
    get gatewayConnections() {
      return gateway.connections;
    },
    get identifyCount() {
      return gateway.identifyCount;
    },
    get resumeCount() {
      return gateway.resumeCount;
    },
    get gatewayReceived() {
      return gateway.received;
    },
    get interactionDeadlineMs() {
      return state.interactionDeadlineMs;
    },
    set interactionDeadlineMs(ms: number) {
      state.interactionDeadlineMs = ms;
    },
    get tokenLifetimeMs() {
      return state.tokenLifetimeMs;
    },
    set tokenLifetimeMs(ms: number) {
      state.tokenLifetimeMs = ms;
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
