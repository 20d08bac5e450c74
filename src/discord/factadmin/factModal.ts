import {
  ActionRowBuilder,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ModalSubmitInteraction,
} from 'discord.js';
import { factFromForm, FORM_LABELS, idFromQuestion, type FactForm } from '../../core/facts/factForm.ts';
import { LIMITS, TOPIC_IDS } from '../../core/facts/schema.ts';
import { UserError } from '../../core/errors.ts';
import { StaleEditError } from '../../core/store/factStore.ts';
import { staleEditReply } from './views.ts';
import type { ModalHandler } from '../command.ts';
import { CUSTOM_ID } from '../constants.ts';
import { factEmbed, reply, truncate } from '../replies.ts';
import { actorOf } from './actor.ts';

const FIELDS: Array<{ key: keyof FactForm; style: TextInputStyle; max: number; placeholder: string }> = [
  { key: 'question', style: TextInputStyle.Short, max: LIMITS.questionLength, placeholder: 'Where did the leaders last meet?' },
  { key: 'answer', style: TextInputStyle.Paragraph, max: LIMITS.answerLength, placeholder: 'The article says they last met in July in Abu Dhabi.' },
  // Discord's largest text input, so a fact's keywords and aliases fit when it is opened for editing.
  { key: 'terms', style: TextInputStyle.Paragraph, max: 4000, placeholder: 'keywords: last meeting, july\naliases: Abu Dhabi, UAE' },
  { key: 'topic', style: TextInputStyle.Short, max: 40, placeholder: truncate(TOPIC_IDS.join(', '), 100) },
  { key: 'source', style: TextInputStyle.Paragraph, max: LIMITS.quoteLength + 10, placeholder: '4: last met in July in Abu Dhabi' },
];

/** The fact form as a Discord modal, optionally filled in. */
export function factModal(customId: string, title: string, values: Partial<FactForm> = {}): ModalBuilder {
  const modal = new ModalBuilder().setCustomId(customId).setTitle(truncate(title, 45));
  for (const field of FIELDS) {
    const input = new TextInputBuilder()
      .setCustomId(field.key)
      .setLabel(FORM_LABELS[field.key])
      .setStyle(field.style)
      .setMaxLength(field.max)
      .setRequired(field.key !== 'terms')
      .setPlaceholder(field.placeholder);
    const value = values[field.key];
    if (value) input.setValue(truncate(value, field.max));
    modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
  }
  return modal;
}

function readForm(interaction: ModalSubmitInteraction): FactForm {
  const get = (key: keyof FactForm) => interaction.fields.getTextInputValue(key);
  return { question: get('question'), answer: get('answer'), terms: get('terms'), topic: get('topic'), source: get('source') };
}

function formProblems(problems: string[]): UserError {
  return new UserError(truncate(`Nothing was saved. Please fix:\n${problems.map((p) => `• ${p}`).join('\n')}`, 1900));
}

export const addFactModal: ModalHandler = {
  prefix: CUSTOM_ID.addModal,
  moderatorOnly: true,
  async execute(interaction, _payload, ctx) {
    const guildId = requireGuild(interaction);
    const form = readForm(interaction);
    const id = idFromQuestion(form.question, (candidate) => ctx.store.getFact(guildId, candidate) !== undefined);
    const result = factFromForm(form, id, ctx.paragraphs);
    if (!result.ok) throw formProblems(result.problems);
    ctx.store.addFact(guildId, result.fact, actorOf(interaction));
    ctx.logger.info({ factId: id, action: 'add' }, 'fact saved');
    await interaction.reply(reply({ content: `Added \`${id}\`. It is searchable with /ask in this server now.`, embeds: [factEmbed(result.fact)] }, true));
  },
};

export const editFactModal: ModalHandler = {
  prefix: CUSTOM_ID.editModal,
  moderatorOnly: true,
  async execute(interaction, payload, ctx) {
    const guildId = requireGuild(interaction);
    const [id = '', versionText = ''] = payload.split(':');
    const current = ctx.store.getFact(guildId, id);
    if (!current || current.removed) throw new UserError(`The fact \`${id}\` no longer exists in this server; nothing was saved.`);
    const result = factFromForm(readForm(interaction), id, ctx.paragraphs, current.fact);
    if (!result.ok) throw formProblems(result.problems);
    let saved;
    try {
      saved = ctx.store.editFact(guildId, result.fact, Number(versionText), actorOf(interaction));
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      // Show what the other moderator changed next to what this one typed, so neither is lost.
      await interaction.reply(staleEditReply(error, result.fact));
      return;
    }
    ctx.logger.info({ factId: id, action: 'edit', version: saved.version }, 'fact saved');
    await interaction.reply(reply({ content: `Saved \`${id}\` as version ${saved.version}.`, embeds: [factEmbed(result.fact)] }, true));
  },
};

function requireGuild(interaction: ModalSubmitInteraction): string {
  if (!interaction.guildId) throw new UserError('Fact management works inside a server.');
  return interaction.guildId;
}

export function editModalFor(id: string, version: number, form: FactForm): ModalBuilder {
  return factModal(`${CUSTOM_ID.editModal}${id}:${version}`, `Edit ${id}`, form);
}

