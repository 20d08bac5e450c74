import type { Interaction } from 'discord.js';

/** Who did it, as history records it. */
export function actorOf(interaction: Interaction): { id: string; name: string } {
  return { id: interaction.user.id, name: interaction.user.username };
}
