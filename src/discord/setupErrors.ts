import { DiscordAPIError, DiscordjsErrorCodes, Routes, type REST } from 'discord.js';
import { DataError } from '../core/errors.ts';
import { inviteUrl } from './invite.ts';
import type { SyncTarget } from './syncCommands.ts';

/**
 * The mistakes of a first run, each turned into one sentence naming the cause and the fix. They
 * are DataErrors, so `npm start` and `npm run deploy` print the sentence alone, without a stack.
 * None of them quotes the token.
 */

const PORTAL = 'https://discord.com/developers/applications';
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Discord answers Missing Access both for a client id that is not the token's application and for
 * a server the bot has not joined; asking which application the token belongs to tells them apart.
 */
export async function explainRegistrationRefusal(rest: REST, target: SyncTarget, error: unknown): Promise<unknown> {
  if (!(error instanceof DiscordAPIError) || (error.status !== 403 && error.status !== 404)) return error;
  const tokenApplication = await rest
    .get(Routes.currentApplication())
    .then((app) => (app as { id?: string }).id)
    .catch(() => undefined);
  const clientId = target.applicationId;
  if (tokenApplication !== undefined && tokenApplication !== clientId) {
    return new DataError(
      `DISCORD_CLIENT_ID ${clientId} is not the application of DISCORD_TOKEN: set DISCORD_CLIENT_ID=${tokenApplication} in .env (the Application ID of the bot whose token you use).`,
    );
  }
  if (target.guildId !== undefined) {
    return new DataError(
      `The bot has not joined the server DISCORD_GUILD_ID=${target.guildId} (Discord answered Missing Access): invite it with ${inviteUrl(clientId)} or leave DISCORD_GUILD_ID empty to register the commands globally.`,
    );
  }
  return new DataError(
    `Discord refused the commands of DISCORD_CLIENT_ID ${clientId} (${error.message}): set DISCORD_CLIENT_ID to the Application ID shown on ${PORTAL} for the bot whose token is in DISCORD_TOKEN.`,
  );
}

/** One sentence for a login or connection failure, or undefined when it is none of the known mistakes. */
export function explainStartupError(error: unknown, apiBase: string | undefined): string | undefined {
  if (error instanceof DataError) return error.message;
  if (hasCode(error) && error.code === DiscordjsErrorCodes.TokenInvalid) {
    return `Discord rejected DISCORD_TOKEN (mistyped, or reset since): copy a new token from ${PORTAL} (your application > Bot > Reset Token) into .env.`;
  }
  const network = networkCode(error);
  if (network !== undefined) {
    const where = apiBase ?? 'discord.com';
    const fix = apiBase ? 'check that it is running or leave DISCORD_API_BASE empty for the real Discord' : 'check the internet connection, DNS and any firewall or proxy';
    return `Discord could not be reached at ${where} (${network}): ${fix}, then start again.`;
  }
  return undefined;
}

/** The network error code of a failed request; fetch wraps it in `cause`, a timeout aborts the request. */
function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (hasCode(current) && typeof current.code === 'string' && NETWORK_CODES.has(current.code)) return current.code;
    if (current.name === 'AbortError') return 'no answer in time';
  }
  return undefined;
}

function hasCode(error: unknown): error is Error & { code: unknown } {
  return error instanceof Error && 'code' in error;
}
