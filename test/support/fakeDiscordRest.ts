/** REST routes of the fake Discord for interactions, interaction webhooks and channel messages. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIMessage } from 'discord-api-types/v10';
import { isRecord, MESSAGE_FLAG_LOADING, validateAutocomplete, validateMessage, validateModal } from './discordLimits.ts';
import type { ValidationResult } from './discordLimits.ts';
import { applicationRoutes } from './fakeDiscordCommands.ts';
import {
  ALREADY_ACKED,
  err,
  handleRequest,
  ID,
  invalid,
  INVALID_WEBHOOK_TOKEN,
  routeTable,
  TOKEN,
  UNKNOWN_INTERACTION,
  UNKNOWN_MESSAGE,
  UNKNOWN_WEBHOOK,
} from './fakeDiscordHttp.ts';
import type { Reply, Req, RestState } from './fakeDiscordHttp.ts';
import { renderMessage, wireMessage } from './fakeDiscordInteractions.ts';
import type { InteractionRecord } from './fakeDiscordInteractions.ts';
import type { FakeFile, FakeMessage } from './fakeDiscordTypes.ts';
import { channelIdFor } from './interactionPayloads.ts';

export type { FaultResponse, RestState } from './fakeDiscordHttp.ts';

const { routes, route } = routeTable();

// ---------------------------------------------------------------------------------------------
// Interaction callbacks

const ALLOWED_CALLBACKS: Record<number, number[]> = {
  2: [4, 5, 9, 12],
  3: [4, 5, 6, 7, 9, 12],
  4: [8],
  5: [4, 5, 6, 7, 12],
};

/** An APIMessage (e.g. the message a button was on) as fake message state. */
export function fromApiMessage(m: APIMessage): FakeMessage {
  return {
    ...(m as unknown as Record<string, unknown>),
    id: m.id,
    channel_id: m.channel_id,
    author: m.author,
    content: m.content,
    embeds: m.embeds,
    components: (m.components ?? []) as FakeMessage['components'],
    attachments: m.attachments.map((a) => ({ ...a, content: '' })),
    flags: m.flags ?? 0,
    tts: m.tts,
    timestamp: m.timestamp,
    edited_timestamp: m.edited_timestamp,
    mention_everyone: m.mention_everyone,
    mentions: m.mentions,
    mention_roles: m.mention_roles,
    pinned: m.pinned,
    type: m.type,
  };
}

function renderCtx(s: RestState, rec: InteractionRecord, files: FakeFile[]): Parameters<typeof renderMessage>[2] {
  const p = rec.payload;
  return {
    channelId: p.channel?.id ?? p.channel_id ?? '0',
    ...(p.guild_id ? { guildId: p.guild_id } : {}),
    author: s.botUser,
    applicationId: s.applicationId,
    files,
    store: s.files,
  };
}

function rejectFor(rec: InteractionRecord, r: Req, reply: Reply): Reply {
  rec.rejected.push({ route: `${r.method} ${r.path.replace(rec.token, '<token>')}`, status: reply.status, body: reply.body });
  rec.notify();
  return reply;
}

route('POST', `/interactions/${ID}/${TOKEN}/callback`, false, (s, r) => {
  const rec = s.interactions.get(r.params[0] ?? '');
  if (!rec || rec.token !== r.params[1]) return UNKNOWN_INTERACTION;
  if (rec.acknowledged) return rejectFor(rec, r, ALREADY_ACKED);
  if (Date.now() - rec.createdAt > s.interactionDeadlineMs) return rejectFor(rec, r, UNKNOWN_INTERACTION);
  const body = r.body;
  if (!isRecord(body) || typeof body.type !== 'number') {
    return rejectFor(rec, r, {
      status: 400,
      body: { code: 50035, message: 'Invalid Form Body', errors: { type: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } } },
    });
  }
  const type = body.type;
  const allowed = ALLOWED_CALLBACKS[rec.payload.type] ?? [];
  if (!allowed.includes(type)) {
    return rejectFor(rec, r, {
      status: 400,
      body: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${allowed.join(', ')}}.` }] } },
      },
    });
  }
  const data = body.data;
  const fromMessage = 'message' in rec.payload && rec.payload.message ? fromApiMessage(rec.payload.message) : undefined;
  let v: ValidationResult = { ok: true };
  if (type === 4) v = validateMessage(data, ['data'], { create: true, fileCount: r.files.length });
  else if (type === 7) v = validateMessage(data, ['data'], { create: false, fileCount: r.files.length, ...(fromMessage ? { existing: fromMessage } : {}) });
  else if (type === 5 && data !== undefined) v = validateMessage(data, ['data'], { create: false, fileCount: 0 });
  else if (type === 8) v = validateAutocomplete(data, ['data']);
  else if (type === 9) v = validateModal(data, ['data']);
  if (!v.ok) return rejectFor(rec, r, invalid(v));

  rec.ackType = type;
  rec.callbacks.push({ type, ...(isRecord(data) ? { data: data as Record<string, unknown> } : {}), files: r.files });
  const ctx = renderCtx(s, rec, r.files);
  const d = isRecord(data) ? data : {};
  if (type === 4) rec.originalMessage = renderMessage(undefined, d, ctx);
  else if (type === 5) {
    rec.originalMessage = renderMessage(undefined, { flags: (typeof d.flags === 'number' ? d.flags : 0) | MESSAGE_FLAG_LOADING }, ctx);
  } else if (type === 6 && fromMessage) rec.originalMessage = fromMessage;
  else if (type === 7 && fromMessage) rec.originalMessage = renderMessage(fromMessage, d, ctx);
  rec.notify();

  if (r.query.get('with_response') !== 'true') return { status: 204 };
  const msg = rec.originalMessage;
  return {
    status: 200,
    body: {
      interaction: {
        id: rec.id,
        type: rec.payload.type,
        ...(msg && type !== 8 && type !== 9
          ? {
              response_message_id: msg.id,
              response_message_loading: type === 5,
              response_message_ephemeral: (msg.flags & 64) !== 0,
            }
          : {}),
      },
      resource: { type, ...(msg && type !== 6 && type !== 8 && type !== 9 ? { message: wireMessage(msg) } : {}) },
    },
  };
});

// ---------------------------------------------------------------------------------------------
// Interaction webhooks (@original, followups)

function webhookRecord(s: RestState, r: Req): InteractionRecord | Reply {
  if (r.params[0] !== s.applicationId) return UNKNOWN_WEBHOOK;
  const rec = s.interactionsByToken.get(r.params[1] ?? '');
  if (!rec) return INVALID_WEBHOOK_TOKEN;
  if (Date.now() - rec.createdAt > s.tokenLifetimeMs) return rejectFor(rec, r, INVALID_WEBHOOK_TOKEN);
  if (!rec.acknowledged || rec.ackType === 8 || rec.ackType === 9) return rejectFor(rec, r, UNKNOWN_WEBHOOK);
  return rec;
}

const isReply = (x: InteractionRecord | Reply): x is Reply => 'status' in x;

route('POST', `/webhooks/${ID}/${TOKEN}`, false, (s, r) => {
  const rec = webhookRecord(s, r);
  if (isReply(rec)) return rec;
  const v = validateMessage(r.body, [], { create: true, fileCount: r.files.length });
  if (!v.ok) return rejectFor(rec, r, invalid(v));
  const msg = renderMessage(undefined, isRecord(r.body) ? r.body : {}, renderCtx(s, rec, r.files));
  msg.type = 19;
  rec.followUps.push(msg);
  rec.notify();
  return r.query.get('wait') === 'true' ? { status: 200, body: wireMessage(msg) } : { status: 204 };
});

function findWebhookMessage(rec: InteractionRecord, id: string): { msg: FakeMessage | undefined; original: boolean; index: number } {
  if (id === '@original' || id === rec.originalMessage?.id) return { msg: rec.originalMessage, original: true, index: -1 };
  const index = rec.followUps.findIndex((m) => m.id === id);
  return { msg: rec.followUps[index], original: false, index };
}

const webhookMessage = `/webhooks/${ID}/${TOKEN}/messages/(@original|\\d{1,20})`;

route('GET', webhookMessage, false, (s, r) => {
  const rec = webhookRecord(s, r);
  if (isReply(rec)) return rec;
  const { msg } = findWebhookMessage(rec, r.params[2] ?? '');
  return msg ? { status: 200, body: wireMessage(msg) } : rejectFor(rec, r, UNKNOWN_MESSAGE);
});

route('PATCH', webhookMessage, false, (s, r) => {
  const rec = webhookRecord(s, r);
  if (isReply(rec)) return rec;
  const found = findWebhookMessage(rec, r.params[2] ?? '');
  if (!found.msg) return rejectFor(rec, r, UNKNOWN_MESSAGE);
  const v = validateMessage(r.body, [], { create: false, fileCount: r.files.length, existing: found.msg });
  if (!v.ok) return rejectFor(rec, r, invalid(v));
  const msg = renderMessage(found.msg, isRecord(r.body) ? r.body : {}, renderCtx(s, rec, r.files));
  if (found.original) {
    rec.originalMessage = msg;
    rec.edits.push(msg);
  } else rec.followUps[found.index] = msg;
  rec.notify();
  return { status: 200, body: wireMessage(msg) };
});

route('DELETE', webhookMessage, false, (s, r) => {
  const rec = webhookRecord(s, r);
  if (isReply(rec)) return rec;
  const found = findWebhookMessage(rec, r.params[2] ?? '');
  if (!found.msg) return rejectFor(rec, r, UNKNOWN_MESSAGE);
  if (found.original) rec.originalMessage = undefined;
  else rec.followUps.splice(found.index, 1);
  rec.notify();
  return { status: 204 };
});

// ---------------------------------------------------------------------------------------------
// Channels (plain bot messages)

function channel(s: RestState, id: string): Record<string, unknown> | undefined {
  const guildId = s.guildIds.find((g) => channelIdFor(g) === id);
  return guildId === undefined
    ? undefined
    : { id, type: 0, name: 'general', guild_id: guildId, position: 0, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null, parent_id: null, rate_limit_per_user: 0 };
}

route('GET', `/channels/${ID}`, true, (s, r) => {
  const ch = channel(s, r.params[0] ?? '');
  return ch ? { status: 200, body: ch } : err(404, 10003, 'Unknown Channel');
});

route('POST', `/channels/${ID}/messages`, true, (s, r) => {
  const ch = channel(s, r.params[0] ?? '');
  if (!ch) return err(404, 10003, 'Unknown Channel');
  const v = validateMessage(r.body, [], { create: true, fileCount: r.files.length });
  if (!v.ok) return invalid(v);
  const id = String(ch.id);
  const msg = renderMessage(undefined, isRecord(r.body) ? r.body : {}, {
    channelId: id,
    guildId: String(ch.guild_id),
    author: s.botUser,
    applicationId: s.applicationId,
    files: r.files,
    store: s.files,
  });
  msg.type = 0;
  delete msg.webhook_id;
  const list = s.channelMessages.get(id) ?? [];
  list.push(msg);
  s.channelMessages.set(id, list);
  return { status: 200, body: wireMessage(msg) };
});

route('PATCH', `/channels/${ID}/messages/${ID}`, true, (s, r) => {
  const ch = channel(s, r.params[0] ?? '');
  if (!ch) return err(404, 10003, 'Unknown Channel');
  const list = s.channelMessages.get(String(ch.id)) ?? [];
  const index = list.findIndex((m) => m.id === r.params[1]);
  const existing = list[index];
  if (!existing) return UNKNOWN_MESSAGE;
  const v = validateMessage(r.body, [], { create: false, fileCount: r.files.length, existing });
  if (!v.ok) return invalid(v);
  const msg = renderMessage(existing, isRecord(r.body) ? r.body : {}, {
    channelId: String(ch.id),
    guildId: String(ch.guild_id),
    author: s.botUser,
    applicationId: s.applicationId,
    files: r.files,
    store: s.files,
  });
  delete msg.webhook_id;
  list[index] = msg;
  return { status: 200, body: wireMessage(msg) };
});

/**
 * What a moderator deleting a message does: it is gone from the channel, whether the bot posted it
 * itself or through an interaction (its @original or a followup). False when no such message exists.
 */
export function deleteMessage(s: RestState, messageId: string): boolean {
  for (const list of s.channelMessages.values()) {
    const index = list.findIndex((m) => m.id === messageId);
    if (index >= 0) {
      list.splice(index, 1);
      return true;
    }
  }
  for (const rec of s.interactions.values()) {
    if (rec.originalMessage?.id === messageId) {
      rec.originalMessage = undefined;
      rec.notify();
      return true;
    }
    const index = rec.followUps.findIndex((m) => m.id === messageId);
    if (index >= 0) {
      rec.followUps.splice(index, 1);
      rec.notify();
      return true;
    }
  }
  return false;
}

const allRoutes = [...applicationRoutes, ...routes];

export function handleRest(s: RestState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return handleRequest(s, allRoutes, req, res);
}
