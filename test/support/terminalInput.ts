/**
 * Turns what is typed in the terminal driver into real interaction payloads, checked against the
 * commands the bot registered (as Discord's own client does): "quiz start rounds=3",
 * "ask question=who hosts share=@alice", "complete fact id=nobel".
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import type {
  APIApplicationCommand,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandOption,
  APIAttachment,
  APIInteractionDataResolved,
  APIUser,
} from 'discord-api-types/v10';
import { autocomplete, slash, userObject, type InteractionContext, type InteractionInit } from './interactionPayloads.ts';

/** A mistake in what was typed: shown as is, like Discord's client refusing to send. */
export class TypedLineError extends Error {}

/** "quiz start rounds=3 topic=nobel prize" -> words ['quiz', 'start'], options [['rounds', '3'], ['topic', 'nobel prize']] */
export function splitLine(line: string): { words: string[]; options: Array<[string, string]> } {
  const [head = '', ...rest] = line.trim().replace(/^\//, '').split(/\s+(?=[\w-]+=)/);
  const options = rest.map((part): [string, string] => {
    const at = part.indexOf('=');
    return [part.slice(0, at), part.slice(at + 1).trim()];
  });
  return { words: head.split(/\s+/).filter((w) => w !== ''), options };
}

/** Everything an option value may need from outside: members to mention, files to attach. */
export interface ValueSources {
  userNamed(name: string): APIUser;
  hostFile(path: string, bytes: Uint8Array): APIAttachment;
}

type Leaf = APIApplicationCommandInteractionDataOption;

const optionList = (options: readonly APIApplicationCommandOption[] | undefined): string =>
  (options ?? []).map((o) => `${o.name}${'required' in o && o.required ? '*' : ''}`).join(', ') || 'none';

function valueOf(option: APIApplicationCommandOption, text: string, sources: ValueSources, resolved: APIInteractionDataResolved): Leaf {
  const { name } = option;
  switch (option.type) {
    case ApplicationCommandOptionType.String:
      return { name, type: option.type, value: text.replace(/\\n/g, '\n') };
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const value = Number(text);
      if (!Number.isFinite(value) || (option.type === ApplicationCommandOptionType.Integer && !Number.isInteger(value))) {
        throw new TypedLineError(`${name} must be a number, not "${text}"`);
      }
      const { min_value: min, max_value: max } = option;
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        throw new TypedLineError(`${name} must be between ${min ?? '-'} and ${max ?? '-'}`);
      }
      return { name, type: option.type, value };
    }
    case ApplicationCommandOptionType.Boolean: {
      const yes = ['true', 'yes', 'y', '1'].includes(text.toLowerCase());
      if (!yes && !['false', 'no', 'n', '0'].includes(text.toLowerCase())) throw new TypedLineError(`${name} is true or false, not "${text}"`);
      return { name, type: option.type, value: yes };
    }
    case ApplicationCommandOptionType.User: {
      const user = sources.userNamed(text.replace(/^@/, ''));
      resolved.users = { ...resolved.users, [user.id]: user };
      return { name, type: option.type, value: user.id };
    }
    case ApplicationCommandOptionType.Attachment: {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(text);
      } catch {
        throw new TypedLineError(`${name} is a file: cannot read "${text}"`);
      }
      const attachment = sources.hostFile(basename(text), bytes);
      resolved.attachments = { ...resolved.attachments, [attachment.id]: attachment };
      return { name, type: option.type, value: attachment.id };
    }
    default:
      throw new TypedLineError(`${name}: the terminal cannot send ${ApplicationCommandOptionType[option.type]} options`);
  }
}

/** The command and, for commands with subcommands, the chosen one; the rest of the words are an error. */
function target(commands: readonly APIApplicationCommand[], words: string[]) {
  const [name = '', subName, ...extra] = words;
  if (commands.length === 0) throw new TypedLineError('The bot has registered no commands yet: is `npm start` running with the .env values above?');
  const command = commands.find((c) => c.type === ApplicationCommandType.ChatInput && c.name === name.toLowerCase());
  if (!command) throw new TypedLineError(`There is no /${name}. Type "commands" to list them.`);
  const subs = (command.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subs.length === 0) {
    if (subName !== undefined) throw new TypedLineError(`/${command.name} takes options as name=value; its options: ${optionList(command.options)}`);
    return { command, options: command.options ?? [] };
  }
  const sub = subs.find((s) => s.name === subName?.toLowerCase());
  if (!sub || extra.length > 0) throw new TypedLineError(`/${command.name} needs one of: ${subs.map((s) => s.name).join(', ')} (e.g. "${command.name} ${subs[0]!.name}")`);
  return { command, sub: sub.name, options: sub.options ?? [] };
}

function optionFor(options: readonly APIApplicationCommandOption[], key: string, commandName: string): APIApplicationCommandOption {
  const option = options.find((o) => o.name === key.toLowerCase());
  if (!option) throw new TypedLineError(`/${commandName} has no option "${key}"; its options: ${optionList(options)}`);
  return option;
}

/** A slash command payload for a typed line, or a TypedLineError saying what is wrong with it. */
export function commandPayload(commands: readonly APIApplicationCommand[], line: string, ctx: InteractionContext, sources: ValueSources): InteractionInit {
  const { words, options: typed } = splitLine(line);
  const { command, sub, options } = target(commands, words);
  const resolved: APIInteractionDataResolved = {};
  const leafs = typed.map(([key, text]) => valueOf(optionFor(options, key, command.name), text, sources, resolved));
  const missing = options.filter((o) => 'required' in o && o.required && !leafs.some((l) => l.name === o.name)).map((o) => o.name);
  if (missing.length > 0) throw new TypedLineError(`/${command.name} needs ${missing.map((m) => `${m}=...`).join(' ')}`);
  const nested = sub === undefined ? leafs : [{ name: sub, type: ApplicationCommandOptionType.Subcommand, options: leafs } as Leaf];
  return slash(command.name, nested, { ...ctx, resolved });
}

/** An autocomplete payload: the last option typed is the one being typed in. */
export function autocompletePayload(commands: readonly APIApplicationCommand[], line: string, ctx: InteractionContext): InteractionInit {
  const { words, options: typed } = splitLine(line);
  const { command, sub, options } = target(commands, words);
  const focused = typed.at(-1);
  if (!focused) throw new TypedLineError(`Say which option you are typing in, e.g. "complete ${words.join(' ')} ${options[0]?.name ?? 'option'}=abc"`);
  const option = optionFor(options, focused[0], command.name);
  if (!('autocomplete' in option) || !option.autocomplete) throw new TypedLineError(`${option.name} of /${command.name} has no suggestions`);
  const others = Object.fromEntries(typed.slice(0, -1));
  return autocomplete(command.name, { name: option.name, value: focused[1] }, others, ctx, sub);
}

/** A member of the fake server, made up from a name so the same name is always the same member. */
export function memberNamed(name: string): APIUser {
  let hash = 0;
  for (const char of name.toLowerCase()) hash = (hash * 31 + char.charCodeAt(0)) % 100_000;
  const id = /^\d{17,20}$/.test(name) ? name : `13000000000009${String(hash).padStart(5, '0')}`;
  return userObject(id, /^\d+$/.test(name) ? `member-${name.slice(-4)}` : name);
}
