import { UserError } from '../core/errors.ts';
import type { ButtonHandler } from './command.ts';
import { CUSTOM_ID } from './constants.ts';
import { reply } from './replies.ts';

const THANKS = {
  recorded: 'Thanks, your vote is recorded.',
  changed: 'Thanks, your vote is changed.',
  unchanged: 'You already voted that way on this fact.',
} as const;

/**
 * "Helpful" / "Not helpful" under an answer: one vote per member per fact, kept per server and
 * changeable. The store refuses a vote for a fact the server does not have (removed, or forged).
 */
export const voteButton: ButtonHandler = {
  prefix: CUSTOM_ID.vote,
  async execute(interaction, payload, ctx) {
    if (!interaction.guildId) throw new UserError('Votes are counted per server; this answer is not in one.');
    const [helpful = '', factId = ''] = payload.split(':');
    if (helpful !== '0' && helpful !== '1') throw new UserError('This button has expired. Ask again with `/ask`.');
    const outcome = ctx.store.vote(interaction.guildId, factId, interaction.user.id, helpful === '1');
    ctx.logger.info({ factId, helpful: helpful === '1', outcome }, 'vote');
    await interaction.reply(reply({ content: THANKS[outcome] }, true));
  },
};
