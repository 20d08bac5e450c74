/**
 * Builders for real Discord API interaction payloads (discord-api-types shapes) as the gateway
 * sends them in INTERACTION_CREATE. Defaults match the fake's default ids, so a builder result
 * can be passed straight to `fake.interact()`.
 */
import type { FakeComponent } from './fakeDiscordTypes.ts';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataOption,
  APIAttachment,
  APIChatInputApplicationCommandInteraction,
  APIInteraction,
  APIInteractionDataResolved,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageApplicationCommandInteraction,
  APIPartialInteractionGuild,
  APIMessageComponentButtonInteraction,
  APIModalSubmitInteraction,
  APIUser,
  GuildMemberFlags,
  InteractionType as InteractionTypeT,
  MessageFlags,
} from 'discord-api-types/v10';

// ---------------------------------------------------------------------------------------------
// Ids

export const DEFAULT_APPLICATION_ID = '1300000000000000001';
/** Bot users share their application's id. */
export const DEFAULT_BOT_USER_ID = DEFAULT_APPLICATION_ID;
export const DEFAULT_GUILD_ID = '1300000000000000100';
export const DEFAULT_USER_ID = '1300000000000000200';
export const DEFAULT_USERNAME = 'tester';
export const DEFAULT_BOT_USERNAME = 'factbot';

/** The text channel the fake creates for a guild: guild id + 1. */
export function channelIdFor(guildId: string): string {
  return (BigInt(guildId) + 1n).toString();
}
export const DEFAULT_CHANNEL_ID = channelIdFor(DEFAULT_GUILD_ID);
/** DM channel used for interactions with `guildId: null`. */
export const DEFAULT_DM_CHANNEL_ID = '1300000000000000300';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;
/** A fresh, real-looking snowflake (timestamp-based, 18-19 digits). */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

let tokenCounter = 0;
export function interactionToken(): string {
  tokenCounter += 1;
  const rnd = Math.random().toString(36).slice(2);
  return `aW50ZXJhY3Rpb246${tokenCounter}${rnd}${Buffer.from(`${Date.now()}:${tokenCounter}`).toString('base64url')}`;
}

const p = PermissionFlagsBits;
/** Permissions of a regular member (what @everyone has in the fake guild). */
export const DEFAULT_MEMBER_PERMISSIONS = (
  p.ViewChannel |
  p.SendMessages |
  p.ReadMessageHistory |
  p.EmbedLinks |
  p.AttachFiles |
  p.AddReactions |
  p.UseApplicationCommands |
  p.UseExternalEmojis |
  p.SendMessagesInThreads
).toString();
/** Permissions of the bot in the channel (app_permissions). */
export const DEFAULT_APP_PERMISSIONS = (BigInt(DEFAULT_MEMBER_PERMISSIONS) | p.ManageMessages).toString();

// ---------------------------------------------------------------------------------------------
// Context

export interface InteractionContext {
  /** guild the interaction happens in; `null` → a DM. Default DEFAULT_GUILD_ID. */
  guildId?: string | null;
  /** default: channelIdFor(guildId), or DEFAULT_DM_CHANNEL_ID in DMs */
  channelId?: string;
  userId?: string;
  username?: string;
  /** member permissions bitfield as a string */
  permissions?: string;
  roles?: string[];
  appPermissions?: string;
  locale?: Locale;
  guildLocale?: Locale;
  /** merged into data.resolved (e.g. attachments for explicit type-11 options) */
  resolved?: APIInteractionDataResolved;
}

export type OptionValue = string | number | boolean | APIAttachment;
export type OptionRecord = Record<string, OptionValue>;

export function userObject(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: bot ? null : username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

export function botUser(): APIUser {
  return userObject(DEFAULT_BOT_USER_ID, DEFAULT_BOT_USERNAME, true);
}

interface Base {
  id: string;
  application_id: string;
  token: string;
  version: 1;
  app_permissions: string;
  locale: Locale;
  entitlements: [];
  authorizing_integration_owners: Record<string, string>;
  attachment_size_limit: number;
  context: InteractionContextType;
  channel_id: string;
  channel:
    | { id: string; type: ChannelType.GuildText; name: string; guild_id: string }
    | { id: string; type: ChannelType.DM; recipients: APIUser[] };
  guild_id?: string;
  guild_locale?: Locale;
  guild?: APIPartialInteractionGuild;
  member?: APIInteractionGuildMember;
  user?: APIUser;
}

function base(ctx: InteractionContext = {}): Base {
  const guildId = ctx.guildId === undefined ? DEFAULT_GUILD_ID : ctx.guildId;
  const user = userObject(ctx.userId ?? DEFAULT_USER_ID, ctx.username ?? DEFAULT_USERNAME);
  const common = {
    id: snowflake(),
    application_id: DEFAULT_APPLICATION_ID,
    token: interactionToken(),
    version: 1 as const,
    app_permissions: ctx.appPermissions ?? DEFAULT_APP_PERMISSIONS,
    locale: ctx.locale ?? Locale.EnglishUS,
    entitlements: [] as [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (guildId === null) {
    const channelId = ctx.channelId ?? DEFAULT_DM_CHANNEL_ID;
    return {
      ...common,
      authorizing_integration_owners: { '0': '0' },
      context: InteractionContextType.BotDM,
      channel_id: channelId,
      channel: { id: channelId, type: ChannelType.DM, recipients: [user] },
      user,
    };
  }
  const channelId = ctx.channelId ?? channelIdFor(guildId);
  return {
    ...common,
    authorizing_integration_owners: { '0': guildId },
    context: InteractionContextType.Guild,
    channel_id: channelId,
    channel: { id: channelId, type: ChannelType.GuildText, name: 'general', guild_id: guildId },
    guild_id: guildId,
    guild_locale: ctx.guildLocale ?? Locale.EnglishUS,
    guild: { id: guildId, locale: ctx.guildLocale ?? Locale.EnglishUS, features: [] },
    member: {
      user,
      roles: ctx.roles ?? [],
      joined_at: new Date(Date.now() - 86_400_000).toISOString(),
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      nick: null,
      avatar: null,
      banner: null,
      premium_since: null,
      communication_disabled_until: null,
      permissions: ctx.permissions ?? DEFAULT_MEMBER_PERMISSIONS,
    },
  };
}

function isAttachment(v: OptionValue): v is APIAttachment {
  return typeof v === 'object' && v !== null && 'url' in v && 'filename' in v;
}

/**
 * Record → typed options: string→STRING(3), integer→INTEGER(4), other number→NUMBER(10),
 * boolean→BOOLEAN(5), an APIAttachment (e.g. from fake.hostFile) → ATTACHMENT(11) + resolved.
 */
export function toOptions(
  record: OptionRecord,
  resolved: APIInteractionDataResolved,
): APIApplicationCommandInteractionDataOption<InteractionTypeT.ApplicationCommand>[] {
  return Object.entries(record).map(([name, value]) => {
    if (typeof value === 'string') return { name, type: ApplicationCommandOptionType.String, value };
    if (typeof value === 'boolean') return { name, type: ApplicationCommandOptionType.Boolean, value };
    if (typeof value === 'number') {
      return Number.isInteger(value)
        ? { name, type: ApplicationCommandOptionType.Integer, value }
        : { name, type: ApplicationCommandOptionType.Number, value };
    }
    if (isAttachment(value)) {
      // Only the API shape goes to the bot, as Discord sends it; a hosted file's bytes (`content`) stay in the fake.
      const attachment: APIAttachment & { content?: string } = { ...value };
      delete attachment.content;
      resolved.attachments = { ...resolved.attachments, [value.id]: attachment };
      return { name, type: ApplicationCommandOptionType.Attachment, value: value.id };
    }
    throw new TypeError(`unsupported option value for ${name}`);
  });
}

function finishResolved(resolved: APIInteractionDataResolved, ctx: InteractionContext | undefined): APIInteractionDataResolved | undefined {
  const merged: APIInteractionDataResolved = { ...resolved };
  for (const [k, v] of Object.entries(ctx?.resolved ?? {})) {
    const key = k as keyof APIInteractionDataResolved;
    merged[key] = { ...(merged[key] ?? {}), ...(v as object) } as never;
  }
  return Object.keys(merged).length > 0 ? merged : undefined;
}

// ---------------------------------------------------------------------------------------------
// Builders

export function slash(
  name: string,
  options?: APIApplicationCommandInteractionDataOption[] | OptionRecord,
  ctx?: InteractionContext,
): APIChatInputApplicationCommandInteraction {
  const resolvedAcc: APIInteractionDataResolved = {};
  const opts = options === undefined ? undefined : Array.isArray(options) ? options : toOptions(options, resolvedAcc);
  const resolved = finishResolved(resolvedAcc, ctx);
  return {
    ...base(ctx),
    type: InteractionType.ApplicationCommand,
    data: {
      id: snowflake(),
      name,
      type: ApplicationCommandType.ChatInput,
      ...(opts ? { options: opts as APIApplicationCommandInteractionDataOption<InteractionTypeT.ApplicationCommand>[] } : {}),
      ...(resolved ? { resolved } : {}),
    },
  };
}

/** A chat-input command with one subcommand: slash() with the options nested under it. */
export function subcommand(
  name: string,
  sub: string,
  options?: OptionRecord,
  ctx?: InteractionContext,
): APIChatInputApplicationCommandInteraction {
  const resolvedAcc: APIInteractionDataResolved = {};
  const inner = options ? toOptions(options, resolvedAcc) : [];
  const resolved = finishResolved(resolvedAcc, ctx);
  const nested = {
    name: sub,
    type: ApplicationCommandOptionType.Subcommand as const,
    options: inner as Exclude<typeof inner[number], { type: ApplicationCommandOptionType.Subcommand | ApplicationCommandOptionType.SubcommandGroup }>[],
  };
  return slash(name, [nested], { ...ctx, ...(resolved ? { resolved } : {}) });
}

export function autocomplete(
  name: string,
  focused: { name: string; value: string },
  otherOptions?: Record<string, string | number | boolean>,
  ctx?: InteractionContext,
  sub?: string,
): APIApplicationCommandAutocompleteInteraction {
  const others = otherOptions ? toOptions(otherOptions, {}) : [];
  const focusedOption = {
    name: focused.name,
    type: ApplicationCommandOptionType.String as const,
    value: focused.value,
    focused: true,
  };
  const leafs = [...others, focusedOption] as APIApplicationCommandInteractionDataOption<InteractionTypeT.ApplicationCommandAutocomplete>[];
  const options: APIApplicationCommandInteractionDataOption<InteractionTypeT.ApplicationCommandAutocomplete>[] =
    sub === undefined
      ? leafs
      : [
          {
            name: sub,
            type: ApplicationCommandOptionType.Subcommand,
            options: leafs as never,
          },
        ];
  return {
    ...base(ctx),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput, options },
  };
}

/** A message as posted by the bot in the interaction's channel (used as button / context targets). */
export function botMessage(channelId: string, partial: Partial<APIMessage> = {}): APIMessage {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: botUser(),
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: MessageType.Default,
    flags: 0 as MessageFlags,
    application_id: DEFAULT_APPLICATION_ID,
    webhook_id: DEFAULT_APPLICATION_ID,
    ...partial,
  };
}

export function button(
  customId: string,
  ctx?: InteractionContext & { message?: Partial<APIMessage> },
): APIMessageComponentButtonInteraction {
  const b = base(ctx);
  const message = botMessage(b.channel_id, {
    content: 'A message with a button',
    components: [
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.Button, style: 1, custom_id: customId, label: 'Button' }],
      },
    ],
    ...ctx?.message,
  });
  return {
    ...b,
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message,
  };
}

export function modalSubmit(
  customId: string,
  fields: Record<string, string>,
  ctx?: InteractionContext & { layout?: 'actionRow' | 'label'; message?: Partial<APIMessage> },
): APIModalSubmitInteraction {
  const b = base(ctx);
  let id = 0;
  const components =
    ctx?.layout === 'label'
      ? Object.entries(fields).map(([custom_id, value]) => ({
          type: ComponentType.Label as const,
          id: ++id,
          component: { type: ComponentType.TextInput as const, id: ++id, custom_id, value },
        }))
      : Object.entries(fields).map(([custom_id, value]) => ({
          type: ComponentType.ActionRow as const,
          id: ++id,
          components: [{ type: ComponentType.TextInput as const, id: ++id, custom_id, value }],
        }));
  return {
    ...b,
    type: InteractionType.ModalSubmit,
    data: { custom_id: customId, components },
    ...(ctx?.message ? { message: botMessage(b.channel_id, ctx.message) } : {}),
  };
}

/**
 * The fields of a modal as the bot opened it, by custom id, ready to submit back: a text input's
 * value ('' when empty), a pick-list's chosen option ('' when none). Fields sit in action rows or in
 * Labels; help text has no custom id and is left out.
 */
export function modalFields(components: readonly FakeComponent[] | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  const walk = (list: readonly FakeComponent[] | undefined) => {
    for (const c of list ?? []) {
      if (c.custom_id !== undefined) fields[c.custom_id] = c.options ? (c.options.find((o) => o.default)?.value ?? '') : (c.value ?? '');
      walk(c.components);
      if (c.component) walk([c.component]);
    }
  };
  walk(components);
  return fields;
}

export function messageContextMenu(
  name: string,
  target: { id?: string; content: string; author: { id: string; username: string } },
  ctx?: InteractionContext,
): APIMessageApplicationCommandInteraction {
  const b = base(ctx);
  const targetId = target.id ?? snowflake();
  const author = userObject(target.author.id, target.author.username);
  const message = botMessage(b.channel_id, {
    id: targetId,
    content: target.content,
    author,
    application_id: undefined,
    webhook_id: undefined,
  });
  delete message.application_id;
  delete message.webhook_id;
  return {
    ...b,
    type: InteractionType.ApplicationCommand,
    data: {
      id: snowflake(),
      name,
      type: ApplicationCommandType.Message,
      target_id: targetId,
      resolved: { messages: { [targetId]: message } },
    },
  };
}

export type InteractionInit = APIInteraction;
