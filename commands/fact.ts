import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion, type Knowledge } from '../src/core/answers/answerQuestion.ts';
import { suggestFacts } from '../src/core/answers/suggest.ts';
import { UserError } from '../src/core/errors.ts';
import type { Fact } from '../src/core/facts/schema.ts';
import type { SlashCommand } from '../src/discord/command.ts';
import { currentFact } from '../src/discord/currentFact.ts';
import { MAX_CHOICES } from '../src/discord/constants.ts';
import { factReply, quoteUserText, truncate } from '../src/discord/replies.ts';

/** Ids are lower-case words joined by dashes; anything else (spaces, "?") was typed as a question. */
const looksLikeId = (text: string): boolean => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text);

/** A member typed a question instead of picking one: answer it with its fact, or say what to do. */
function factForQuestion(knowledge: Knowledge, typed: string): Fact {
  const answer = answerQuestion(knowledge, typed);
  if (answer.fact) return answer.fact;
  const quoted = quoteUserText(typed, 64);
  if (answer.didYouMean) {
    throw new UserError(
      `I’m not sure which fact you mean by “${quoted}”. Did you mean “${quoteUserText(answer.didYouMean.question, 100)}”? ` +
        'Start typing in the box and pick it from the list.',
    );
  }
  throw new UserError(`No fact answers “${quoted}”. Start typing in the box and pick a question from the list, or ask in your own words with /ask.`);
}

function unknownId(knowledge: Knowledge, id: string): UserError {
  const closest = suggestFacts(knowledge, id, 3).map((f) => `\`${f.id}\``);
  return new UserError(
    `There is no fact with the id “${quoteUserText(id, 64)}”.` +
      (closest.length > 0 ? ` Did you mean ${closest.join(', ')}?` : ' Start typing in the box and pick a question from the list.'),
  );
}

export default {
  data: new SlashCommandBuilder()
    .setName('fact')
    .setDescription('Show one fact with its source')
    .addStringOption((o) =>
      o.setName('id').setDescription('The fact: start typing and pick a question, or type your own').setRequired(true).setMaxLength(100).setAutocomplete(true),
    )
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the fact'))
    .toJSON(),

  async execute(interaction, ctx) {
    const typed = interaction.options.getString('id', true).trim();
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    const knowledge = ctx.knowledgeFor(interaction.guildId);
    const id = typed.toLowerCase();
    const fact = currentFact(ctx, interaction.guildId, id) ?? (looksLikeId(id) ? undefined : factForQuestion(knowledge, typed));
    if (!fact) throw unknownId(knowledge, id);
    await interaction.reply(factReply(fact, knowledge.facts.related(fact), ephemeral));
  },

  async autocomplete(interaction, ctx) {
    const facts = suggestFacts(ctx.knowledgeFor(interaction.guildId), interaction.options.getFocused(), MAX_CHOICES);
    // Members read questions; the id stays in the value, where only the bot sees it.
    await interaction.respond(facts.map((f) => ({ name: truncate(f.question, 100), value: f.id })));
  },
} satisfies SlashCommand;
