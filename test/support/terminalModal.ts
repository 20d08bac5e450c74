/**
 * A form (modal) the bot opened, filled in one field per typed line as Discord's form would be:
 * each field is asked with its label and help, Enter keeps what is already filled in, a list is
 * answered with an option's number or label.
 */
import { ComponentType, InteractionType } from 'discord-api-types/v10';
import type { APIMessage, APIModalSubmitInteraction } from 'discord-api-types/v10';
import { modalSubmit, type InteractionContext } from './interactionPayloads.ts';
import type { FakeCallbackData, FakeComponent } from './fakeDiscordTypes.ts';
import { TypedLineError } from './terminalInput.ts';
import { readable } from './terminalRender.ts';

interface Field {
  customId: string;
  label: string;
  help: string;
  required: boolean;
  /** the text already in the box (an edit form), or undefined */
  prefilled?: string;
  /** a list to choose from (a select in the form) */
  options?: Array<{ label: string; value: string; default?: boolean }>;
  /** whether the field sits in a Label (the new layout) or an action row (the old one) */
  inLabel: boolean;
}

function fieldOf(input: FakeComponent, label: FakeComponent | undefined): Field {
  // The help line Discord keeps under the label; a text box's placeholder only when there is none.
  const example = input.type === ComponentType.TextInput && typeof input.placeholder === 'string' ? `e.g. ${input.placeholder.replace(/\n/g, ' · ')}` : '';
  return {
    customId: String(input.custom_id),
    label: String(label?.label ?? input.label ?? input.custom_id),
    help: typeof label?.description === 'string' && label.description !== '' ? label.description : example,
    required: input.required !== false,
    ...(typeof input.value === 'string' && input.value !== '' ? { prefilled: input.value } : {}),
    ...(input.type === ComponentType.StringSelect ? { options: input.options ?? [] } : {}),
    inLabel: label !== undefined,
  };
}

export class PendingModal {
  readonly title: string;
  /** text shown in the form that is not a field (help lines) */
  readonly notes: string[] = [];
  private readonly fields: Field[] = [];
  private readonly values = new Map<string, string[]>();

  constructor(
    readonly data: FakeCallbackData,
    /** the message whose button opened the form, sent back with the submission as Discord does */
    private readonly message: Partial<APIMessage> | undefined,
  ) {
    this.title = String(data.title ?? 'Form');
    for (const c of data.components ?? []) {
      if (c.type === ComponentType.TextDisplay) this.notes.push(readable(c.content ?? ''));
      else if (c.type === ComponentType.Label && c.component) this.fields.push(fieldOf(c.component, c));
      else if (c.type === ComponentType.ActionRow) for (const input of c.components ?? []) this.fields.push(fieldOf(input, undefined));
    }
  }

  private get current(): Field | undefined {
    return this.fields[this.values.size];
  }

  get done(): boolean {
    return this.current === undefined;
  }

  /** The question for the field being filled in. */
  prompt(): string {
    const field = this.current;
    if (!field) return '';
    const lines = [`${field.label}${field.required ? '' : ' (optional)'}:`, ...(field.help ? [`  ${field.help}`] : [])];
    if (field.options) lines.push(...field.options.map((o, i) => `  ${i + 1}. ${o.label}${o.default ? ' (selected)' : ''}`));
    if (field.prefilled !== undefined) lines.push(`  now: ${field.prefilled.replace(/\n/g, '\\n')}  (Enter keeps it)`);
    return `${lines.join('\n')}\n${field.options ? 'number or name' : 'text, \\n for a new line'}> `;
  }

  /** Fill the current field from a typed line; throws TypedLineError when it cannot be used. */
  answer(line: string): void {
    const field = this.current;
    if (!field) return;
    const typed = line.trim();
    if (field.options) {
      const chosen =
        typed === ''
          ? field.options.filter((o) => o.default)
          : field.options.filter((o, i) => String(i + 1) === typed || o.label.toLowerCase() === typed.toLowerCase() || o.value === typed);
      if (chosen.length === 0 && (typed !== '' || field.required)) throw new TypedLineError(`Pick one of 1-${field.options.length}`);
      this.values.set(field.customId, chosen.slice(0, 1).map((o) => o.value));
      return;
    }
    const text = typed === '' ? (field.prefilled ?? '') : line.replace(/\\n/g, '\n');
    if (text === '' && field.required) throw new TypedLineError(`${field.label} is required`);
    this.values.set(field.customId, [text]);
  }

  /** The submission Discord would send for the filled-in form. */
  submission(ctx: InteractionContext): APIModalSubmitInteraction {
    const customId = String(this.data.custom_id);
    const base = modalSubmit(customId, {}, { ...ctx, ...(this.message ? { message: this.message } : {}) });
    let id = 0;
    const components = this.fields.map((field) => {
      const values = this.values.get(field.customId) ?? [];
      const input = field.options
        ? { type: ComponentType.StringSelect as const, id: ++id, custom_id: field.customId, values }
        : { type: ComponentType.TextInput as const, id: ++id, custom_id: field.customId, value: values[0] ?? '' };
      return field.inLabel ? { type: ComponentType.Label as const, id: ++id, component: input } : { type: ComponentType.ActionRow as const, id: ++id, components: [input] };
    });
    return { ...base, type: InteractionType.ModalSubmit, data: { custom_id: customId, components } } as APIModalSubmitInteraction;
  }
}
