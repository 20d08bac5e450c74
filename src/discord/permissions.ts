import { PermissionFlagsBits, type Interaction } from 'discord.js';
import { UserError } from '../core/errors.ts';
import type { BotContext } from './command.ts';

/**
 * Moderators are members with Manage Server, or with a role from MODERATOR_ROLE_IDS.
 * Checked on every handler, because server admins can change who sees /factadmin.
 */
export function isModerator(interaction: Interaction, moderatorRoleIds: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const roles = interaction.member.roles;
  const roleIds = Array.isArray(roles) ? roles : [...roles.cache.keys()];
  return roleIds.some((id) => moderatorRoleIds.includes(id));
}

/** Throws a UserError (shown ephemerally) and logs the refusal when the member is not a moderator. */
export function requireModerator(interaction: Interaction, ctx: BotContext): asserts interaction is Interaction<'cached' | 'raw'> {
  if (isModerator(interaction, ctx.moderatorRoleIds)) return;
  ctx.logger.warn({ userId: interaction.user.id, guildId: interaction.guildId }, 'refused: not a moderator');
  throw new UserError(
    interaction.inGuild()
      ? 'Only moderators can manage facts: you need the Manage Server permission or a moderator role.'
      : 'Fact management works inside a server, not in direct messages.',
  );
}
