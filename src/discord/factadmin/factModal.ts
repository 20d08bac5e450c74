import {
  ComponentType,
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ModalSubmitInteraction,
} from 'discord.js';
import { factFromForm, FORM_LABELS, idFromQuestion, type FactForm } from '../../core/facts/factForm.ts';
import { LIMITS, TOPIC_IDS, TOPICS } from '../../core/facts/schema.ts';
import { UserError } from '../../core/errors.ts';
import { StaleEditError } from '../../core/store/factStore.ts';
import { staleEditReply } from './views.ts';
import type { ModalHandler } from '../command.ts';
import { CUSTOM_ID } from '../constants.ts';
import { factEmbed, reply, truncate } from '../replies.ts';
import { actorOf } from './actor.ts';

type TextField = Exclude<keyof FactForm, 'topic'>;

/**
 * Each text field with the help line Discord shows under its label (at most 100 characters), so
 * the format stays in sight while the moderator types, not only in a placeholder that vanishes.
 */
const TEXT_FIELDS: Record<TextField, { style: TextInputStyle; max: number; help: string; placeholder: string }> = {
  question: {
    style: TextInputStyle.Short,
    max: LIMITS.questionLength,
    help: 'The question as members ask it; it is the title of the answer.',
    placeholder: 'Where did the leaders last meet?',
  },
  answer: {
    style: TextInputStyle.Paragraph,
    max: LIMITS.answerLength,
    help: 'One or two sentences, short enough to read on a phone.',
    placeholder: 'They last met in July in Abu Dhabi.',
  },
  // Discord's largest text input, so a fact's terms and phrasings fit when it is opened for editing.
  terms: {
    style: TextInputStyle.Paragraph,
    max: 4000,
    help: 'Optional, one per line: keywords: a, b · aliases: c, d · asked: other wording? · date: 2025-08-08',
    placeholder: 'keywords: last meeting, july\naliases: Abu Dhabi, UAE\nasked: When did they meet before?\ndate: 2025-07',
  },
  source: {
    style: TextInputStyle.Paragraph,
    max: LIMITS.quoteLength + 10,
    help: 'Paragraph number, a colon, then words copied from the article: 4: last met in July',
    placeholder: '4: last met in July in Abu Dhabi',
  },
};

const TOPIC_HELP = 'Groups the fact in /timeline and /quiz.';

function textField(key: TextField, value: string | undefined): LabelBuilder {
  const field = TEXT_FIELDS[key];
  const input = new TextInputBuilder()
    .setCustomId(key)
    .setStyle(field.style)
    .setMaxLength(field.max)
    .setRequired(key !== 'terms')
    .setPlaceholder(field.placeholder);
  if (value) input.setValue(truncate(value, field.max));
  return new LabelBuilder().setLabel(FORM_LABELS[key]).setDescription(field.help).setTextInputComponent(input);
}

/** The topic as a pick from the list: a typed topic was the form's most common mistake. */
function topicField(value: string | undefined): LabelBuilder {
  const select = new StringSelectMenuBuilder()
    .setCustomId('topic')
    .setPlaceholder('Pick a topic')
    .setMinValues(1)
    .setMaxValues(1)
    .setRequired(true)
    .addOptions(
      TOPIC_IDS.map((id) => new StringSelectMenuOptionBuilder().setValue(id).setLabel(TOPICS[id]).setDefault(id === value)),
    );
  return new LabelBuilder().setLabel(FORM_LABELS.topic).setDescription(TOPIC_HELP).setStringSelectMenuComponent(select);
}

/** The fact form as a Discord modal, optionally filled in. */
export function factModal(customId: string, title: string, values: Partial<FactForm> = {}): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle(truncate(title, 45))
    .addLabelComponents(
      textField('question', values.question),
      textField('answer', values.answer),
      textField('terms', values.terms),
      topicField(values.topic),
      textField('source', values.source),
    );
}

/** The topic picked; a form opened before the topic became a list sends it typed, and still counts. */
function readTopic(interaction: ModalSubmitInteraction): string {
  const field = interaction.fields.fields.get('topic');
  if (field?.type === ComponentType.StringSelect) return field.values[0] ?? '';
  if (field?.type === ComponentType.TextInput) return field.value;
  return '';
}

function readForm(interaction: ModalSubmitInteraction): FactForm {
  const get = (key: TextField) => interaction.fields.getTextInputValue(key);
  return { question: get('question'), answer: get('answer'), terms: get('terms'), topic: readTopic(interaction), source: get('source') };
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

