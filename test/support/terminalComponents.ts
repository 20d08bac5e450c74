/**
 * Buttons and menus of the messages the terminal driver has shown, found by what a person reads
 * on them (a label, an emoji, a menu entry's number), turned into the interaction Discord sends.
 */
import { ComponentType } from 'discord-api-types/v10';
import type { APIMessage } from 'discord-api-types/v10';
import type { FakeComponent, FakeMessage } from './fakeDiscordTypes.ts';
import { button, type InteractionContext, type InteractionInit } from './interactionPayloads.ts';
import { TypedLineError } from './terminalInput.ts';

interface Found {
  message: FakeMessage;
  component: FakeComponent;
}

const flat = (c: FakeComponent): FakeComponent[] => [
  c,
  ...(c.components ?? []).flatMap(flat),
  ...(c.component ? flat(c.component) : []),
  ...(c.accessory ? flat(c.accessory) : []),
];

/** The newest message (messages are oldest first) with a component matching, and that component. */
function newest(messages: readonly FakeMessage[], match: (c: FakeComponent) => boolean): Found | undefined {
  for (const message of [...messages].reverse()) {
    const component = message.components.flatMap(flat).find(match);
    if (component) return { message, component };
  }
  return undefined;
}

/** The interaction context of a click: the member, and the message clicked on as Discord sends it. */
function on(message: FakeMessage, ctx: InteractionContext): InteractionContext & { message: Partial<APIMessage> } {
  const apiMessage: Partial<FakeMessage> = { ...message };
  delete apiMessage.allowed_mentions;
  return { ...ctx, message: apiMessage as Partial<APIMessage> };
}

/** "click Later", "click 👍", "click A" (a quiz answer "A. ..."): the exact label first, then the start of one, then a part. */
export function clickPayload(messages: readonly FakeMessage[], label: string, ctx: InteractionContext): InteractionInit {
  const wanted = label.trim().toLowerCase();
  const shown = (c: FakeComponent) => `${String((c.emoji as { name?: string } | undefined)?.name ?? '')} ${c.label ?? ''}`.trim().toLowerCase();
  const labelOf = (c: FakeComponent) => (c.label ?? '').toLowerCase();
  const clickable = (c: FakeComponent) => c.type === ComponentType.Button && typeof c.custom_id === 'string' && !c.disabled;
  const found =
    newest(messages, (c) => clickable(c) && (labelOf(c) === wanted || shown(c) === wanted)) ??
    newest(messages, (c) => clickable(c) && wanted !== '' && labelOf(c).startsWith(`${wanted}.`)) ??
    newest(messages, (c) => clickable(c) && wanted !== '' && shown(c).includes(wanted));
  if (!found) throw new TypedLineError(`No button "${label}" on the messages above.`);
  return button(String(found.component.custom_id), on(found.message, ctx));
}

/** "pick 2" or "pick Nobel": an entry of the newest menu that has it. */
export function pickPayload(messages: readonly FakeMessage[], choice: string, ctx: InteractionContext): InteractionInit {
  const wanted = choice.trim().toLowerCase();
  const matches = (o: { label: string }, i: number) => String(i + 1) === wanted || o.label.toLowerCase().startsWith(wanted);
  const found = wanted === '' ? undefined : newest(messages, (c) => c.type === ComponentType.StringSelect && (c.options ?? []).some(matches));
  if (!found) throw new TypedLineError(`No menu entry "${choice}" on the messages above.`);
  const customId = String(found.component.custom_id);
  const option = found.component.options!.find(matches)!;
  const payload = button(customId, on(found.message, ctx));
  return { ...payload, data: { custom_id: customId, component_type: ComponentType.StringSelect, values: [option.value] } } as InteractionInit;
}
