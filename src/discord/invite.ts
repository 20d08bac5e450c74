import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/**
 * Answers go through each interaction's webhook, which needs no permission in the channel. A quiz
 * posts in its channel itself when that webhook has expired, and announces a quiz cut short by a
 * restart there too: for those it must see the channel, send, and embed (the quiz is an embed).
 */
export const BOT_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

/** `bot` adds the bot user to the server; `applications.commands` lets the server use its slash commands. */
export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** The link a server admin opens to add the bot, with its scopes and permissions already chosen. */
export function inviteUrl(clientId: string): string {
  const query = new URLSearchParams({
    client_id: clientId,
    scope: INVITE_SCOPES.join(' '),
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
