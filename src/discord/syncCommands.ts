import { REST, Routes, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { explainRegistrationRefusal } from './setupErrors.ts';

/** Keys Discord echoes back that say nothing about what the command is. */
const IGNORED_KEYS = new Set(['id', 'application_id', 'guild_id', 'version', 'integration_types', 'nsfw', 'dm_permission', 'handler']);

/**
 * A command reduced to what defines it, with Discord's defaults made explicit,
 * so the definitions we hold and what Discord returns compare equal when unchanged.
 */
export function canonicalCommand(command: unknown): unknown {
  const canonical = canonicalValue(command);
  if (canonical !== null && typeof canonical === 'object' && !Array.isArray(canonical)) {
    const fields = canonical as Record<string, unknown>;
    // A command's type defaults to 1 (chat input); an option's type never does.
    if (fields.type === undefined) fields.type = 1;
  }
  return canonical;
}

function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (IGNORED_KEYS.has(key) || field === undefined || field === null || field === false || field === '') continue;
    if (Array.isArray(field) && field.length === 0) continue;
    out[key] = canonicalValue(field);
  }
  return out;
}

export interface SyncTarget {
  applicationId: string;
  /** Register in this server instead of globally. */
  guildId?: string | undefined;
}

/**
 * Register the definitions only when Discord's copy differs, so restarts spend no registration quota.
 * A wrong DISCORD_CLIENT_ID or a server the bot has not joined is refused here: that refusal is
 * thrown as a DataError saying which and how to fix it.
 */
export async function syncCommands(
  rest: REST,
  target: SyncTarget,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
): Promise<'unchanged' | 'updated'> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const current = (await rest.get(route).catch(async (error: unknown) => {
    throw await explainRegistrationRefusal(rest, target, error);
  })) as unknown[];
  const byName = (list: readonly unknown[]) =>
    JSON.stringify(
      list.map(canonicalCommand).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  if (byName(current) === byName(definitions)) return 'unchanged';
  await rest.put(route, { body: definitions });
  return 'updated';
}

export function createRest(token: string, api: string | undefined): REST {
  return new REST(api ? { api } : {}).setToken(token);
}
