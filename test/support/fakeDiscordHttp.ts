/** HTTP plumbing of the fake Discord REST API: shared types, errors, body parsing, faults, dispatch. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIApplicationCommand, APIUser } from 'discord-api-types/v10';
import { isRecord } from './discordLimits.ts';
import type { ValidationResult } from './discordLimits.ts';
import type { FileStore, InteractionRecord } from './fakeDiscordInteractions.ts';
import type { FakeFile, FakeMessage, RecordedRequest } from './fakeDiscordTypes.ts';

export interface FaultResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Fault {
  match: RegExp;
  response: FaultResponse;
  remaining: number;
}

/** Everything the REST handlers read and mutate. */
export interface RestState {
  token: string;
  applicationId: string;
  botUser: APIUser;
  guildIds: string[];
  gatewayUrl(): string;
  interactionDeadlineMs: number;
  tokenLifetimeMs: number;
  interactions: Map<string, InteractionRecord>;
  interactionsByToken: Map<string, InteractionRecord>;
  /** key: 'global' or a guild id */
  commandStore: Map<string, APIApplicationCommand[]>;
  commandWrites: number;
  channelMessages: Map<string, FakeMessage[]>;
  files: FileStore;
  requests: RecordedRequest[];
  faults: Fault[];
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  /** capture groups; optional ones (guild id) are undefined when absent */
  params: Array<string | undefined>;
  body: unknown;
  files: FakeFile[];
  authorized: boolean;
}

export const err = (status: number, code: number, message: string): Reply => ({ status, body: { code, message } });
export const NOT_FOUND = err(404, 0, '404: Not Found');
export const UNAUTHORIZED = err(401, 0, '401: Unauthorized');
export const UNKNOWN_INTERACTION = err(404, 10062, 'Unknown interaction');
export const UNKNOWN_WEBHOOK = err(404, 10015, 'Unknown Webhook');
export const INVALID_WEBHOOK_TOKEN = err(401, 50027, 'Invalid Webhook Token');
export const UNKNOWN_MESSAGE = err(404, 10008, 'Unknown Message');
export const ALREADY_ACKED = err(400, 40060, 'Interaction has already been acknowledged.');
export const MISSING_ACCESS = err(403, 50001, 'Missing Access');

export const invalid = (v: Extract<ValidationResult, { ok: false }>): Reply => ({ status: v.status, body: v.body });

export type Handler = (s: RestState, r: Req) => Reply;
export interface Route {
  method: string;
  pattern: RegExp;
  auth: boolean;
  handler: Handler;
}

export const ID = '(\\d{1,20})';
export const TOKEN = '([^/]+)';

/** A route table plus a helper that adds to it. */
export function routeTable(): { routes: Route[]; route: (method: string, pattern: string, auth: boolean, handler: Handler) => void } {
  const routes: Route[] = [];
  return {
    routes,
    route: (method, pattern, auth, handler) => {
      routes.push({ method, pattern: new RegExp(`^${pattern}$`), auth, handler });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP plumbing

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; files: FakeFile[] } | Reply> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const files: FakeFile[] = [];
    let body: unknown;
    const fields: Record<string, unknown> = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') {
          try {
            body = JSON.parse(value);
          } catch {
            return err(400, 50109, 'The request body contains invalid JSON.');
          }
        } else fields[field] = value;
      } else {
        const bytes = new Uint8Array(await value.arrayBuffer());
        const m = /^files\[(\d+)\]$/.exec(field);
        files.push({
          field,
          index: m?.[1] !== undefined ? Number(m[1]) : -1,
          name: value.name,
          contentType: value.type || 'application/octet-stream',
          size: bytes.byteLength,
          content: new TextDecoder().decode(bytes),
          bytes,
        });
      }
    }
    return { body: body ?? fields, files };
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    return err(400, 50109, 'The request body contains invalid JSON.');
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  headers['content-type'] ??= 'application/json';
  res.writeHead(reply.status, headers);
  res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
}

function faultReply(f: FaultResponse): Reply {
  const headers = { ...f.headers };
  let body = f.body;
  if (f.status === 429) {
    const retryAfter = isRecord(body) && typeof body.retry_after === 'number' ? body.retry_after : 0.05;
    body ??= { message: 'You are being rate limited.', retry_after: retryAfter, global: false };
    headers['retry-after'] ??= String(retryAfter);
    headers['x-ratelimit-scope'] ??= 'user';
  } else if (body === undefined && f.status >= 500) {
    body = { message: `${f.status}: Internal Server Error`, code: 0 };
  }
  return { status: f.status, body, headers };
}

export async function handleRequest(s: RestState, routes: Route[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = await readBody(req);

  const hosted = s.files.lookup(url.pathname);
  if (method === 'GET' && url.pathname.startsWith('/attachments/')) {
    if (!hosted) return send(res, NOT_FOUND);
    res.writeHead(200, { 'content-type': hosted.contentType, 'content-length': String(hosted.bytes.byteLength) });
    res.end(Buffer.from(hosted.bytes));
    return;
  }

  const m = /^\/api\/v(\d+)(\/.*)$/.exec(url.pathname);
  let path = m?.[2] ?? url.pathname;
  try {
    path = decodeURIComponent(path); // "@original" arrives as %40original
  } catch {
    // keep the raw path
  }
  const query = Object.fromEntries(url.searchParams.entries());
  const record: RecordedRequest = { method, path, query, body: undefined, files: [], status: 0, response: undefined };
  s.requests.push(record);
  const finish = (reply: Reply): void => {
    record.status = reply.status;
    record.response = reply.body;
    send(res, reply);
  };

  if (!m) return finish(NOT_FOUND);
  const parsed = await parseBody(raw, String(req.headers['content-type'] ?? ''));
  if ('status' in parsed) return finish(parsed);
  record.body = parsed.body;
  record.files = parsed.files;

  const label = `${method} ${path}`;
  const fault = s.faults.find((f) => {
    f.match.lastIndex = 0; // tolerate /g and /y regexps
    if (f.match.test(path)) return true;
    f.match.lastIndex = 0;
    return f.match.test(label);
  });
  if (fault) {
    fault.remaining -= 1;
    if (fault.remaining <= 0) s.faults.splice(s.faults.indexOf(fault), 1);
    return finish(faultReply(fault.response));
  }

  let pathMatched = false;
  for (const r of routes) {
    const match = r.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const authorized = req.headers.authorization === `Bot ${s.token}`;
    if (r.auth && !authorized) return finish(UNAUTHORIZED);
    const reply = r.handler(s, {
      method,
      path,
      query: url.searchParams,
      params: match.slice(1),
      body: parsed.body,
      files: parsed.files,
      authorized,
    });
    return finish(reply);
  }
  return finish(pathMatched ? err(405, 0, '405: Method Not Allowed') : NOT_FOUND);
}
