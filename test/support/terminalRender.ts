/**
 * What the terminal driver prints: a message as a member would read it in Discord (who sent it,
 * whether only they see it, the text, each embed's title, text and fields, then the buttons and
 * menus by their labels), never raw JSON.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import { ComponentType, MessageFlags } from 'discord-api-types/v10';
import type { FakeCallbackData, FakeComponent, FakeMessage } from './fakeDiscordTypes.ts';

/** A message-like thing: a stored message or the data of an interaction callback. */
export type Renderable = Pick<FakeMessage, 'content' | 'embeds' | 'components' | 'flags'> & { attachments?: FakeMessage['attachments'] };

const BAR = '│ ';

/** Member ids the terminal knows a name for (mentions then read "@alice"). */
export type Names = ReadonlyMap<string, string>;

/** Discord markup a terminal cannot show: timestamps become dates, mentions become @name (or @id). */
export function readable(text: string, names: Names = new Map()): string {
  return text
    .replace(/<t:(\d+):R>/g, (_, seconds: string) => relative(Number(seconds) * 1000 - Date.now()))
    .replace(/<t:(\d+)(?::[a-zA-Z])?>/g, (_, seconds: string) => `${new Date(Number(seconds) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`)
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/<@!?(\d+)>/g, (_, id: string) => `@${names.get(id) ?? id}`)
    .replace(/<#(\d+)>/g, '#$1')
    .replace(/<a?:(\w+):\d+>/g, ':$1:');
}

/** "in 12 seconds" / "3 minutes ago", as Discord shows a relative timestamp. */
function relative(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const [amount, unit] = seconds < 90 ? [seconds, 'second'] : seconds < 5400 ? [Math.round(seconds / 60), 'minute'] : [Math.round(seconds / 3600), 'hour'];
  const span = `${amount} ${unit}${amount === 1 ? '' : 's'}`;
  return ms >= 0 ? `in ${span}` : `${span} ago`;
}

function embedLines(embed: APIEmbed, names: Names): string[] {
  const lines: string[] = [];
  if (embed.author?.name) lines.push(embed.author.name);
  if (embed.title) lines.push(`== ${embed.title} ==`);
  if (embed.description) lines.push(...embed.description.split('\n'));
  for (const field of embed.fields ?? []) {
    lines.push(`${field.name}:`);
    lines.push(...field.value.split('\n').map((l) => `  ${l}`));
  }
  if (embed.image?.url) lines.push(`[image ${embed.image.url}]`);
  if (embed.footer?.text) lines.push(`-- ${embed.footer.text}`);
  return lines.map((l) => BAR + readable(l, names));
}

/** A button as a member sees it: its emoji and label in brackets (greyed out when disabled). */
export function buttonText(button: FakeComponent): string {
  const emoji = typeof button.emoji === 'object' && button.emoji !== null ? String((button.emoji as { name?: string }).name ?? '') : '';
  const label = [emoji, button.label ?? ''].filter((p) => p !== '').join(' ');
  const link = button.url ? ` -> ${button.url}` : '';
  return button.disabled ? `[ ${label} (disabled) ]` : `[ ${label}${link} ]`;
}

function selectText(select: FakeComponent): string[] {
  const options = (select.options ?? []).map((o, i) => `    ${i + 1}. ${o.label}${o.description ? ` (${o.description})` : ''}`);
  return [`[ ${select.placeholder ?? 'Choose'} v ]  (type: pick <option>)`, ...options];
}

function componentLines(component: FakeComponent): string[] {
  switch (component.type) {
    case ComponentType.ActionRow: {
      const children = component.components ?? [];
      const buttons = children.filter((c) => c.type === ComponentType.Button);
      const others = children.filter((c) => c.type !== ComponentType.Button);
      return [...(buttons.length > 0 ? [buttons.map(buttonText).join(' ')] : []), ...others.flatMap(componentLines)];
    }
    case ComponentType.Button:
      return [buttonText(component)];
    case ComponentType.StringSelect:
      return selectText(component);
    case ComponentType.TextDisplay:
      return readable(component.content ?? '').split('\n');
    case ComponentType.Section:
      return [...(component.components ?? []).flatMap(componentLines), ...(component.accessory ? componentLines(component.accessory) : [])];
    case ComponentType.Container:
      return (component.components ?? []).flatMap(componentLines).map((l) => BAR + l);
    case ComponentType.Separator:
      return ['----'];
    default:
      return [`[${ComponentType[component.type] ?? `component ${component.type}`}]`];
  }
}

/** The whole message, one line per visual line, headed by who sent it and who can see it. */
export function renderMessage(message: Renderable, heading = 'factbot', names: Names = new Map()): string {
  const flags = message.flags ?? 0;
  const lines = [`${heading}${flags & MessageFlags.Ephemeral ? ' (only you can see this)' : ''}:`];
  if (message.content) lines.push(...readable(message.content, names).split('\n'));
  for (const embed of message.embeds ?? []) lines.push(...embedLines(embed, names));
  for (const attachment of message.attachments ?? []) lines.push(`[file ${attachment.filename}, ${attachment.size} bytes]`);
  for (const component of message.components ?? []) lines.push(...componentLines(component));
  return lines.join('\n');
}

/** An interaction callback's data as a message (type 4 / 7 replies). */
export function callbackAsMessage(data: FakeCallbackData | undefined): Renderable {
  return { content: data?.content ?? '', embeds: data?.embeds ?? [], components: data?.components ?? [], flags: data?.flags ?? 0 };
}

/** Autocomplete choices as the member sees the list. */
export function renderChoices(choices: NonNullable<FakeCallbackData['choices']>): string {
  if (choices.length === 0) return 'No suggestions.';
  return ['Suggestions:', ...choices.map((c, i) => `  ${i + 1}. ${c.name}`)].join('\n');
}
