/** Gateway half of the fake Discord: HELLO / IDENTIFY / RESUME / heartbeats / dispatch + faults. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import type { APIUser } from 'discord-api-types/v10';
import { isRecord } from './discordLimits.ts';
import { channelIdFor, DEFAULT_MEMBER_PERMISSIONS } from './interactionPayloads.ts';

export interface GatewayConfig {
  token: string;
  applicationId: string;
  botUser: APIUser;
  guildIds: string[];
  heartbeatIntervalMs: number;
  resumeUrl(): string;
}

interface DispatchPayload {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  events: DispatchPayload[];
  conn: Connection | null;
}

interface Connection {
  ws: WebSocket;
  session: Session | null;
  ready: boolean;
  closedByServer: boolean;
}

/** A payload the client sent (IDENTIFY/RESUME tokens redacted). */
export interface ReceivedGatewayPayload {
  op: number;
  d: unknown;
}

export function guildCreatePayload(guildId: string, botUser: APIUser): Record<string, unknown> {
  const channelId = channelIdFor(guildId);
  const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
  return {
    id: guildId,
    name: `Fake Guild ${guildId.slice(-4)}`,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: '1300000000000000999',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    features: [],
    application_id: null,
    system_channel_id: channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: 'en-US',
    max_members: 500000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    roles: [
      {
        id: guildId,
        name: '@everyone',
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: DEFAULT_MEMBER_PERMISSIONS,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    channels: [
      {
        id: channelId,
        type: 0,
        guild_id: guildId,
        name: 'general',
        position: 0,
        permission_overwrites: [],
        nsfw: false,
        topic: null,
        last_message_id: null,
        parent_id: null,
        rate_limit_per_user: 0,
        flags: 0,
      },
    ],
    threads: [],
    members: [
      {
        user: botUser,
        roles: [],
        joined_at: joinedAt,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        communication_disabled_until: null,
      },
    ],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    incidents_data: null,
  };
}

export class FakeGateway {
  connections = 0;
  identifyCount = 0;
  resumeCount = 0;
  readonly received: ReceivedGatewayPayload[] = [];
  private readonly sessions = new Map<string, Session>();
  private latest: Session | null = null;
  private readonly live = new Set<Connection>();
  private ackHeartbeats = true;
  private readonly readyWaiters = new Set<() => void>();
  private readonly wss = new WebSocketServer({ noServer: true });

  constructor(private readonly config: GatewayConfig) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url));
  }

  private onConnection(ws: WebSocket, url: URL): void {
    this.connections += 1;
    const conn: Connection = { ws, session: null, ready: false, closedByServer: false };
    this.live.add(conn);
    ws.on('message', (data, isBinary) => this.onMessage(conn, data, isBinary));
    ws.on('close', (code) => this.onClose(conn, code));
    ws.on('error', () => undefined);
    const v = url.searchParams.get('v');
    const encoding = url.searchParams.get('encoding') ?? 'json';
    if (v !== null && v !== '10' && v !== '9') return this.closeConn(conn, 4012, 'Invalid API version');
    if (encoding !== 'json') return this.closeConn(conn, 4002, 'Error while decoding payload.');
    // `compress=zlib-stream` is ignored: we answer with uncompressed text frames, which
    // @discordjs/ws parses as plain JSON even when it set up an inflater.
    this.send(conn, { op: 10, s: null, t: null, d: { heartbeat_interval: this.config.heartbeatIntervalMs } });
  }

  private send(conn: Connection, payload: unknown): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(payload));
  }

  private closeConn(conn: Connection, code: number, reason = ''): void {
    conn.closedByServer = true;
    this.detach(conn);
    if (conn.ws.readyState === WebSocket.OPEN || conn.ws.readyState === WebSocket.CONNECTING) conn.ws.close(code, reason);
  }

  private detach(conn: Connection): void {
    conn.ready = false;
    if (conn.session?.conn === conn) conn.session.conn = null;
  }

  private onClose(conn: Connection, code: number): void {
    this.live.delete(conn);
    const session = conn.session;
    this.detach(conn);
    // A client closing with 1000/1001 ends its session (it cannot be resumed).
    if (!conn.closedByServer && (code === 1000 || code === 1001) && session) this.sessions.delete(session.id);
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : String(data);
      payload = JSON.parse(text);
    } catch {
      return this.closeConn(conn, 4002, 'Error while decoding payload.');
    }
    if (!isRecord(payload) || typeof payload.op !== 'number') return this.closeConn(conn, 4002, 'Error while decoding payload.');
    const d = payload.d;
    const redacted = isRecord(d) && 'token' in d ? { ...d, token: '<redacted>' } : d;
    this.received.push({ op: payload.op, d: redacted });
    switch (payload.op) {
      case 1:
        if (this.ackHeartbeats) this.send(conn, { op: 11 });
        return;
      case 2:
        return this.identify(conn, d);
      case 6:
        return this.resume(conn, d);
      case 3:
      case 4:
      case 8:
      case 31:
        if (!conn.session) return this.closeConn(conn, 4003, 'Not authenticated.');
        return;
      default:
        return this.closeConn(conn, 4001, 'Unknown opcode.');
    }
  }

  private identify(conn: Connection, d: unknown): void {
    if (conn.session) return this.closeConn(conn, 4005, 'Already authenticated.');
    if (!isRecord(d) || d.token !== this.config.token) return this.closeConn(conn, 4004, 'Authentication failed.');
    if (typeof d.intents !== 'number') return this.closeConn(conn, 4013, 'Invalid intent(s).');
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, events: [], conn };
    this.sessions.set(session.id, session);
    this.latest = session;
    conn.session = session;
    this.identifyCount += 1;
    const { guildIds, botUser, applicationId } = this.config;
    this.dispatchTo(session, 'READY', {
      v: 10,
      user: { ...botUser, verified: true, mfa_enabled: false, flags: 0, email: null },
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.config.resumeUrl(),
      shard: [0, 1],
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
      _trace: ['["fake-discord",{"micros":0}]'],
    });
    for (const id of guildIds) this.dispatchTo(session, 'GUILD_CREATE', guildCreatePayload(id, botUser));
    this.markReady(conn);
  }

  private resume(conn: Connection, d: unknown): void {
    if (!isRecord(d) || d.token !== this.config.token) return this.closeConn(conn, 4004, 'Authentication failed.');
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (!session) {
      this.send(conn, { op: 9, d: false, s: null, t: null });
      return;
    }
    if (session.conn && session.conn !== conn) session.conn.session = null;
    session.conn = conn;
    conn.session = session;
    this.latest = session;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    for (const e of session.events) if (e.s > seq) this.send(conn, e);
    this.send(conn, { op: 0, t: 'RESUMED', s: session.seq, d: { _trace: ['fake-discord'] } });
    this.resumeCount += 1;
    this.markReady(conn);
  }

  private markReady(conn: Connection): void {
    conn.ready = true;
    for (const w of [...this.readyWaiters]) w();
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const payload: DispatchPayload = { op: 0, t, s: session.seq, d };
    session.events.push(payload);
    if (session.conn) this.send(session.conn, payload);
  }

  /** Dispatch an event to the bot's current session; while disconnected it is kept for replay. */
  dispatch(t: string, d: unknown): void {
    const session = this.latest && this.sessions.has(this.latest.id) ? this.latest : null;
    if (!session) throw new Error('fake discord: no gateway session to dispatch to (has the client logged in?)');
    this.dispatchTo(session, t, d);
  }

  get isReady(): boolean {
    return [...this.live].some((c) => c.ready);
  }

  waitForReady(timeoutMs = 5000): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = (): void => {
        clearTimeout(timer);
        this.readyWaiters.delete(waiter);
        resolve();
      };
      const timer = setTimeout(() => {
        this.readyWaiters.delete(waiter);
        reject(new Error(`fake discord: no client became ready within ${timeoutMs}ms (connections=${this.connections})`));
      }, timeoutMs);
      this.readyWaiters.add(waiter);
    });
  }

  private current(): Connection {
    const conn = this.latest?.conn ?? [...this.live].reverse().find((c) => c.ready);
    if (!conn) throw new Error('fake discord: no gateway connection');
    return conn;
  }

  closeGateway(code = 4000): void {
    this.closeConn(this.current(), code, 'fake discord fault');
  }

  dropGateway(): void {
    const conn = this.current();
    conn.closedByServer = true;
    this.detach(conn);
    conn.ws.terminate();
  }

  requestReconnect(): void {
    const conn = this.current();
    conn.ready = false;
    this.send(conn, { op: 7, d: null, s: null, t: null });
  }

  invalidateSession(resumable: boolean): void {
    const conn = this.current();
    conn.ready = false;
    if (!resumable && conn.session) {
      this.sessions.delete(conn.session.id);
      conn.session.conn = null;
      conn.session = null;
    }
    this.send(conn, { op: 9, d: resumable, s: null, t: null });
  }

  stopHeartbeatAcks(stop: boolean): void {
    this.ackHeartbeats = !stop;
  }

  async close(): Promise<void> {
    for (const conn of this.live) {
      conn.closedByServer = true;
      conn.ws.terminate();
    }
    this.live.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
