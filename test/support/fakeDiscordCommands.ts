/** REST routes of the fake Discord: gateway info, bot user, application and application commands. */
import type { APIApplicationCommand } from 'discord-api-types/v10';
import { validateCommandList, validateSingleCommand } from './discordCommandLimits.ts';
import type { ValidationResult } from './discordLimits.ts';
import { isRecord } from './discordLimits.ts';
import { err, ID, invalid, MISSING_ACCESS, routeTable } from './fakeDiscordHttp.ts';
import type { Reply, RestState } from './fakeDiscordHttp.ts';
import { snowflake } from './interactionPayloads.ts';

const { routes, route } = routeTable();
export const applicationRoutes = routes;

// ---------------------------------------------------------------------------------------------
// Gateway, users, application

route('GET', '/gateway', false, (s) => ({ status: 200, body: { url: s.gatewayUrl() } }));
route('GET', '/gateway/bot', true, (s) => ({
  status: 200,
  body: {
    url: s.gatewayUrl(),
    shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
  },
}));
route('GET', '/users/@me', true, (s) => ({ status: 200, body: s.botUser }));
route('GET', '/applications/@me', true, (s) => ({
  status: 200,
  body: {
    id: s.applicationId,
    name: s.botUser.username,
    icon: null,
    description: '',
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    bot: s.botUser,
    owner: { id: '1300000000000000999', username: 'owner', discriminator: '0', avatar: null, global_name: 'owner' },
  },
}));

// ---------------------------------------------------------------------------------------------
// Application commands

function scope(s: RestState, appId: string, guildId: string | undefined): string | Reply {
  if (appId !== s.applicationId) return MISSING_ACCESS;
  if (guildId !== undefined && !s.guildIds.includes(guildId)) return MISSING_ACCESS;
  return guildId ?? 'global';
}

function stored(s: RestState, input: Record<string, unknown>, existing: APIApplicationCommand | undefined, guildId: string | undefined): APIApplicationCommand {
  const type = typeof input.type === 'number' ? input.type : 1;
  const cmd: Record<string, unknown> = {
    ...existing,
    ...input,
    id: existing?.id ?? snowflake(),
    application_id: s.applicationId,
    version: snowflake(),
    type,
    description: typeof input.description === 'string' ? input.description : '',
    default_member_permissions: input.default_member_permissions ?? null,
    nsfw: input.nsfw ?? false,
    integration_types: input.integration_types ?? [0],
    contexts: input.contexts ?? null,
  };
  if (guildId !== undefined) cmd.guild_id = guildId;
  else delete cmd.guild_id;
  return cmd as unknown as APIApplicationCommand;
}

const commandsBase = `/applications/${ID}(?:/guilds/${ID})?/commands`;

route('GET', commandsBase, true, (s, r) => {
  const key = scope(s, r.params[0] ?? '', r.params[1]);
  if (typeof key !== 'string') return key;
  return { status: 200, body: s.commandStore.get(key) ?? [] };
});

route('PUT', commandsBase, true, (s, r) => {
  const key = scope(s, r.params[0] ?? '', r.params[1]);
  if (typeof key !== 'string') return key;
  const v = validateCommandList(r.body);
  if (!v.ok) return invalid(v);
  const before = s.commandStore.get(key) ?? [];
  const list = (r.body as Record<string, unknown>[]).map((input) => {
    const type = typeof input.type === 'number' ? input.type : 1;
    return stored(s, input, before.find((c) => c.name === input.name && c.type === type), r.params[1]);
  });
  s.commandStore.set(key, list);
  s.commandWrites += 1;
  return { status: 200, body: list };
});

route('POST', commandsBase, true, (s, r) => {
  const key = scope(s, r.params[0] ?? '', r.params[1]);
  if (typeof key !== 'string') return key;
  const v = validateSingleCommand(r.body);
  if (!v.ok) return invalid(v);
  const input = r.body as Record<string, unknown>;
  const type = typeof input.type === 'number' ? input.type : 1;
  const list = [...(s.commandStore.get(key) ?? [])];
  const idx = list.findIndex((c) => c.name === input.name && c.type === type);
  if (idx < 0 && list.filter((c) => c.type === type).length >= (type === 1 ? 100 : 15)) {
    return err(400, 30032, 'Maximum number of application commands reached');
  }
  const cmd = stored(s, input, idx >= 0 ? list[idx] : undefined, r.params[1]);
  if (idx >= 0) list[idx] = cmd;
  else list.push(cmd);
  s.commandStore.set(key, list);
  s.commandWrites += 1;
  return { status: idx >= 0 ? 200 : 201, body: cmd };
});

route('GET', `${commandsBase}/${ID}`, true, (s, r) => {
  const key = scope(s, r.params[0] ?? '', r.params[1]);
  if (typeof key !== 'string') return key;
  const cmd = s.commandStore.get(key)?.find((c) => c.id === r.params[2]);
  return cmd ? { status: 200, body: cmd } : err(404, 10063, 'Unknown application command');
});

route('PATCH', `${commandsBase}/${ID}`, true, (s, r) => {
  const key = scope(s, r.params[0] ?? '', r.params[1]);
  if (typeof key !== 'string') return key;
  const list = [...(s.commandStore.get(key) ?? [])];
  const idx = list.findIndex((c) => c.id === r.params[2]);
  const current = list[idx];
  if (idx < 0 || current === undefined) return err(404, 10063, 'Unknown application command');
  if (!isRecord(r.body)) return invalid(validateSingleCommand(r.body) as Extract<ValidationResult, { ok: false }>);
  const merged = { ...current, ...r.body } as Record<string, unknown>;
  const v = validateSingleCommand(merged);
  if (!v.ok) return invalid(v);
  const cmd = stored(s, merged, current, r.params[1]);
  list[idx] = cmd;
  s.commandStore.set(key, list);
  s.commandWrites += 1;
  return { status: 200, body: cmd };
});

route('DELETE', `${commandsBase}/${ID}`, true, (s, r) => {
  const key = scope(s, r.params[0] ?? '', r.params[1]);
  if (typeof key !== 'string') return key;
  const list = s.commandStore.get(key) ?? [];
  if (!list.some((c) => c.id === r.params[2])) return err(404, 10063, 'Unknown application command');
  s.commandStore.set(key, list.filter((c) => c.id !== r.params[2]));
  s.commandWrites += 1;
  return { status: 204 };
});
