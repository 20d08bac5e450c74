import type { ButtonHandler } from './command.ts';
import { CUSTOM_ID } from './constants.ts';
import { currentFact } from './currentFact.ts';
import { errorReply, factReply } from './replies.ts';

/** A related-fact button: shows that fact to whoever clicked, without adding to the channel. */
export const showFactButton: ButtonHandler = {
  prefix: CUSTOM_ID.showFact,
  async execute(interaction, factId, ctx) {
    const facts = ctx.knowledgeFor(interaction.guildId).facts;
    const fact = currentFact(ctx, interaction.guildId, factId);
    if (!fact) {
      await interaction.reply(errorReply('That fact is no longer in this server’s fact base. Try `/ask` instead.'));
      return;
    }
    await interaction.reply(factReply(fact, facts.related(fact), true));
  },
};
