/** Interaction bookkeeping (callbacks, @original, followups) and message rendering for the fake. */
import { EmbedType } from 'discord-api-types/v10';
import type { APIAllowedMentions, APIEmbed, APIInteraction, APIUser } from 'discord-api-types/v10';
import { isRecord, MESSAGE_FLAG_LOADING } from './discordLimits.ts';
import type {
  FakeAttachment,
  FakeCallback,
  FakeComponent,
  FakeFile,
  FakeMessage,
  RecordedRequest,
  RejectedCall,
} from './fakeDiscordTypes.ts';
import { snowflake } from './interactionPayloads.ts';

export interface InteractionHandle {
  id: string;
  token: string;
  /** the payload that was dispatched */
  payload: APIInteraction;
  /** resolves with the first accepted interaction callback; rejects after timeoutMs (default 5000) */
  response(timeoutMs?: number): Promise<FakeCallback>;
  /** resolves with the @original message as it is right after its n-th edit (1-based, default 1) */
  edit(n?: number, timeoutMs?: number): Promise<FakeMessage>;
  /** resolves with the n-th followup message (1-based, default 1), in its current state */
  followUp(n?: number, timeoutMs?: number): Promise<FakeMessage>;
  /** accepted callbacks, in order (only one can ever be accepted) */
  callbacks: FakeCallback[];
  /** every refused callback / webhook call for this interaction */
  rejected: RejectedCall[];
  /** snapshots of @original after each edit */
  edits: FakeMessage[];
  /** followup messages in their current state */
  followUps: FakeMessage[];
  /** the current original response message (undefined before a message-producing callback or after deletion) */
  original(): FakeMessage | undefined;
}

type Waiter = () => void;

export class InteractionRecord implements InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly createdAt = Date.now();
  callbacks: FakeCallback[] = [];
  rejected: RejectedCall[] = [];
  edits: FakeMessage[] = [];
  followUps: FakeMessage[] = [];
  originalMessage: FakeMessage | undefined;
  /** callback type that acknowledged the interaction */
  ackType: number | undefined;
  private readonly waiters = new Set<Waiter>();

  constructor(
    readonly payload: APIInteraction,
    private readonly requests: RecordedRequest[],
  ) {
    this.id = payload.id;
    this.token = payload.token;
  }

  get acknowledged(): boolean {
    return this.ackType !== undefined;
  }

  notify(): void {
    for (const w of [...this.waiters]) w();
  }

  original(): FakeMessage | undefined {
    return this.originalMessage;
  }

  response(timeoutMs = 5000): Promise<FakeCallback> {
    return this.waitFor(() => this.callbacks[0], timeoutMs, 'an interaction callback');
  }

  edit(n = 1, timeoutMs = 5000): Promise<FakeMessage> {
    return this.waitFor(() => this.edits[n - 1], timeoutMs, `edit #${n} of @original`);
  }

  followUp(n = 1, timeoutMs = 5000): Promise<FakeMessage> {
    return this.waitFor(() => this.followUps[n - 1], timeoutMs, `followup #${n}`);
  }

  private waitFor<T>(get: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const now = get();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = () => {
        const v = get();
        if (v === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const mine = this.requests
          .filter((r) => r.path.includes(this.token) || r.path.includes(`/interactions/${this.id}/`))
          .map((r) => `${r.method} ${r.path.replace(this.token, '<token>')} → ${r.status}`);
        reject(
          new Error(
            `fake discord: no ${what} for interaction ${this.id} within ${timeoutMs}ms. ` +
              `callbacks=${this.callbacks.length} edits=${this.edits.length} followUps=${this.followUps.length}; ` +
              `requests: ${mine.length > 0 ? mine.join('; ') : 'none'}; rejected: ${JSON.stringify(this.rejected)}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Hosted files & message rendering

export interface HostedFile {
  id: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

export class FileStore {
  readonly files = new Map<string, HostedFile>();
  constructor(private readonly httpBase: () => string) {}

  host(filename: string, content: string | Uint8Array, contentType?: string, channelId = '0'): FakeAttachment {
    const id = snowflake();
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const type = contentType ?? guessType(filename);
    this.files.set(id, { id, filename, contentType: type, bytes });
    const url = `${this.httpBase()}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size: bytes.byteLength,
      url,
      proxy_url: url,
      content_type: type,
      content: new TextDecoder().decode(bytes),
    };
  }

  /** GET /attachments/{channel}/{id}/{name} */
  lookup(path: string): HostedFile | undefined {
    const m = /^\/attachments\/\d+\/(\d+)\//.exec(path);
    return m?.[1] === undefined ? undefined : this.files.get(m[1]);
  }
}

function guessType(name: string): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  const map: Record<string, string> = {
    txt: 'text/plain; charset=utf-8',
    md: 'text/markdown; charset=utf-8',
    json: 'application/json',
    csv: 'text/csv; charset=utf-8',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    pdf: 'application/pdf',
  };
  return map[ext] ?? 'application/octet-stream';
}

export interface RenderContext {
  channelId: string;
  guildId?: string;
  author: APIUser;
  applicationId: string;
  files: FakeFile[];
  store: FileStore;
}

/** Builds the message that results from creating (base undefined) or editing `base` with `body`. */
export function renderMessage(base: FakeMessage | undefined, body: Record<string, unknown>, ctx: RenderContext): FakeMessage {
  const now = new Date().toISOString();
  const pick = <T>(key: string, fallback: T, empty: T): T => {
    if (!(key in body) || body[key] === undefined) return fallback;
    return body[key] === null ? empty : (body[key] as T);
  };
  const embeds = pick<APIEmbed[]>('embeds', base?.embeds ?? [], []).map((e): APIEmbed => ({ type: EmbedType.Rich, ...e }));
  let flags = typeof body.flags === 'number' ? body.flags : (base?.flags ?? 0);
  if (base) flags &= ~MESSAGE_FLAG_LOADING;

  // Attachments: explicit list keeps referenced existing ones and adds referenced uploads;
  // uploads not referenced are appended (as Discord does).
  const existing = base?.attachments ?? [];
  const uploaded = (file: FakeFile, meta?: Record<string, unknown>): FakeAttachment => {
    const filename = typeof meta?.filename === 'string' ? meta.filename : file.name;
    const att = ctx.store.host(filename, file.bytes, file.contentType, ctx.channelId);
    if (typeof meta?.description === 'string') att.description = meta.description;
    return att;
  };
  const used = new Set<FakeFile>();
  let attachments: FakeAttachment[];
  if (Array.isArray(body.attachments)) {
    attachments = [];
    for (const a of body.attachments) {
      if (!isRecord(a)) continue;
      const id = String(a.id);
      const file = ctx.files.find((f) => String(f.index) === id && !used.has(f));
      if (file) {
        used.add(file);
        attachments.push(uploaded(file, a));
      } else {
        const keep = existing.find((x) => x.id === id);
        if (keep) attachments.push(keep);
      }
    }
  } else {
    attachments = body.attachments === null ? [] : [...existing];
  }
  for (const f of ctx.files) if (!used.has(f)) attachments.push(uploaded(f));

  const msg: FakeMessage = {
    id: base?.id ?? snowflake(),
    channel_id: ctx.channelId,
    ...(ctx.guildId ? { guild_id: ctx.guildId } : {}),
    author: ctx.author,
    content: pick<string>('content', base?.content ?? '', ''),
    embeds,
    components: pick<FakeComponent[]>('components', base?.components ?? [], []),
    attachments,
    flags,
    tts: base?.tts ?? body.tts === true,
    timestamp: base?.timestamp ?? now,
    edited_timestamp: base ? now : null,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    type: base?.type ?? 20,
    webhook_id: ctx.applicationId,
    application_id: ctx.applicationId,
  };
  const am = 'allowed_mentions' in body ? body.allowed_mentions : base?.allowed_mentions;
  if (am !== undefined && am !== null) msg.allowed_mentions = am as APIAllowedMentions;
  return msg;
}

/** The message as sent over the wire (without the fake's extension fields). */
export function wireMessage(msg: FakeMessage): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...msg };
  delete rest.allowed_mentions;
  return {
    ...rest,
    attachments: msg.attachments.map(({ content: _c, ...a }) => a),
  };
}
