import { SlashCommandBuilder } from 'discord.js';
import { suggestFacts } from '../src/core/answers/suggest.ts';
import { UserError } from '../src/core/errors.ts';
import type { SlashCommand } from '../src/discord/command.ts';
import { currentFact } from '../src/discord/currentFact.ts';
import { MAX_CHOICES } from '../src/discord/constants.ts';
import { factChoice, factReply, quoteUserText } from '../src/discord/replies.ts';

export default {
  data: new SlashCommandBuilder()
    .setName('fact')
    .setDescription('Show one fact with its source')
    .addStringOption((o) =>
      o.setName('id').setDescription('The fact (start typing to search)').setRequired(true).setMaxLength(100).setAutocomplete(true),
    )
    .toJSON(),

  async execute(interaction, ctx) {
    const id = interaction.options.getString('id', true).trim().toLowerCase();
    const knowledge = ctx.knowledgeFor(interaction.guildId);
    const fact = currentFact(ctx, interaction.guildId, id);
    if (!fact) {
      const closest = suggestFacts(knowledge, id, 3).map((f) => `\`${f.id}\``);
      throw new UserError(
        `There is no fact with the id “${quoteUserText(id, 64)}”.` +
          (closest.length > 0 ? ` Did you mean ${closest.join(', ')}?` : ' Start typing in the id box to pick one.'),
      );
    }
    await interaction.reply(factReply(fact, knowledge.facts.related(fact)));
  },

  async autocomplete(interaction, ctx) {
    const facts = suggestFacts(ctx.knowledgeFor(interaction.guildId), interaction.options.getFocused(), MAX_CHOICES);
    await interaction.respond(facts.map((f) => factChoice(f)));
  },
} satisfies SlashCommand;
