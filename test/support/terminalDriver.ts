/**
 * The fake Discord driven by typed lines, so a person can try the bot without Discord
 * (test/support/runFakeDiscord.ts reads the lines). It plays one member of the fake server:
 * slash commands with subcommands and options, suggestions, buttons and menus by their label,
 * forms field by field, the message menu, and a moderator role. It prints what the bot posts
 * as a member would read it, including messages that arrive later (a quiz's next round).
 */
import { ApplicationCommandType, InteractionResponseType } from 'discord-api-types/v10';
import type { APIAttachment, APIMessage, APIUser } from 'discord-api-types/v10';
import type { FakeDiscord, FakeMessage } from './fakeDiscord.ts';
import { DEFAULT_USER_ID, DEFAULT_USERNAME, messageContextMenu, type InteractionContext, type InteractionInit } from './interactionPayloads.ts';
import { autocompletePayload, commandPayload, memberNamed, TypedLineError } from './terminalInput.ts';
import { clickPayload, pickPayload } from './terminalComponents.ts';
import { PendingModal } from './terminalModal.ts';
import { callbackAsMessage, renderChoices, renderMessage } from './terminalRender.ts';

/** The role the driver's member gets with "as moderator"; the bot must list it in MODERATOR_ROLE_IDS. */
export const DRIVER_MODERATOR_ROLE_ID = '1300000000000000400';
/** How long a deferred reply ("thinking...") may take before the driver stops waiting for it. */
const DEFERRED_WAIT_MS = 15_000;
const LOADING_FLAG = 1 << 7;

export const DRIVER_USAGE = `Type a command as you would in Discord, with options as name=value:
  ask question=who hosts the talks        ask question=who hosts share=@alice      ask question=... private=true
  quiz start rounds=3                      factadmin gaps                            fact id=nobel-nominations
  complete fact id=nobel                   (suggestions, as you type in an option)
  click Show answer    click 👍            (a button of a message above, by its label or emoji)
  pick <option>                            (an entry of a menu above, by its number or label)
  app Answer with facts: how many fled?    (the message menu, on a member's message)
  as moderator / as member                 (moderator role: MODERATOR_ROLE_IDS=${DRIVER_MODERATOR_ROLE_ID})
  commands                                 (every command and its options)
  quit`;

type Print = (text: string) => void;

/** What a message says, compared raw: "in 19 seconds" printed a second later is not an edit. */
const signature = (m: FakeMessage): string => JSON.stringify([m.content, m.embeds, m.components, m.attachments.map((a) => a.id), m.flags]);

export class TerminalDriver {
  private moderator = false;
  private modal: PendingModal | undefined;
  /** what has been printed of each message, to print new messages and edits once */
  private readonly printed = new Map<string, string>();
  /** messages seen, most recently changed last: buttons and menus are looked up here */
  private readonly seen = new Map<string, FakeMessage>();
  private watcher: NodeJS.Timeout | undefined;
  /** members mentioned so far, by id, so replies read "@alice" */
  private readonly names = new Map<string, string>([[DEFAULT_USER_ID, DEFAULT_USERNAME]]);

  constructor(
    private readonly fake: FakeDiscord,
    private readonly print: Print,
  ) {
    // What was posted before this driver started is history: only what comes next is printed.
    for (const message of this.visibleMessages()) this.printed.set(message.id, signature(message));
  }

  /** The member the driver plays. */
  private get ctx(): InteractionContext {
    return { guildId: this.guildId, userId: DEFAULT_USER_ID, username: DEFAULT_USERNAME, ...(this.moderator ? { roles: [DRIVER_MODERATOR_ROLE_ID] } : {}) };
  }

  private get guildId(): string {
    return this.fake.guildIds[0]!;
  }

  /** What to show before the next line: a form's current field, or the usual prompt. */
  get prompt(): string {
    return this.modal ? this.modal.prompt() : '> ';
  }

  /** Print messages the bot posts or edits on its own (quiz rounds, countdowns), every intervalMs. */
  watch(intervalMs = 250): void {
    this.watcher = setInterval(() => this.printChanges(), intervalMs);
    this.watcher.unref();
  }

  stop(): void {
    clearInterval(this.watcher);
  }

  /** Handle one typed line; 'quit' when the person wants to leave. */
  async handle(line: string): Promise<'quit' | 'continue'> {
    const text = line.trim();
    if (text === 'quit' || text === 'exit') return 'quit';
    try {
      if (this.modal) await this.fillModal(line);
      else await this.run(text);
    } catch (error) {
      this.print(error instanceof TypedLineError ? error.message : `No answer: ${(error as Error).message}`);
    }
    return 'continue';
  }

  private async run(text: string): Promise<void> {
    const [word = '', ...rest] = text.split(/\s+/);
    const argument = rest.join(' ');
    switch (word.toLowerCase()) {
      case '':
        return;
      case '?':
        return this.print(DRIVER_USAGE);
      case 'commands':
        return this.print(this.commandList());
      case 'as':
        this.moderator = argument.toLowerCase().startsWith('mod');
        return this.print(this.moderator ? `You are now a moderator (role ${DRIVER_MODERATOR_ROLE_ID}).` : 'You are now a member.');
      case 'complete':
        return this.send(autocompletePayload(this.commands(), argument, this.ctx));
      case 'click':
        return this.send(clickPayload([...this.seen.values()], argument, this.ctx));
      case 'pick':
        return this.send(pickPayload([...this.seen.values()], argument, this.ctx));
      case 'app':
      case 'apps':
        return this.send(this.messageMenu(argument));
      default:
        return this.send(commandPayload(this.commands(), text, this.ctx, { userNamed: (name) => this.remember(memberNamed(name)), hostFile: (path, bytes) => this.host(path, bytes) }));
    }
  }

  private remember(user: APIUser): APIUser {
    this.names.set(user.id, user.username);
    return user;
  }

  private commands() {
    return this.fake.commands(this.guildId).concat(this.fake.commands());
  }

  private commandList(): string {
    return this.commands()
      .map((c) => {
        if (c.type === ApplicationCommandType.Message) return `app ${c.name}: <message text>`;
        const options = (c.options ?? []).map((o) =>
          o.type === 1 ? `${c.name} ${o.name} ${(o.options ?? []).map((s) => `${s.name}=`).join(' ')}`.trim() : `${o.name}=`,
        );
        return options.some((o) => o.startsWith(`${c.name} `)) ? options.join('\n') : `${c.name} ${options.join(' ')}`.trim();
      })
      .join('\n');
  }

  private host(path: string, bytes: Uint8Array): APIAttachment {
    // The bytes stay in the fake; the bot gets the API shape and downloads them, as from Discord.
    const attachment: APIAttachment & { content?: string } = this.fake.hostFile(path, bytes);
    delete attachment.content;
    return attachment;
  }

  /** Send an interaction and print what the bot answers, as soon as it answers. */
  private async send(payload: InteractionInit): Promise<void> {
    const handle = this.fake.interact(payload);
    const response = await handle.response().catch(() => {
      throw new TypedLineError('The bot did not answer within 5 seconds (Discord gives up after 3): is `npm start` running and connected?');
    });
    switch (response.type) {
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        return this.print(renderChoices(response.data?.choices ?? []));
      case InteractionResponseType.Modal: {
        this.modal = new PendingModal(response.data ?? {}, 'message' in payload ? (payload.message as Partial<APIMessage>) : undefined);
        return this.print([`Form: ${this.modal.title}`, ...this.modal.notes].join('\n'));
      }
      case InteractionResponseType.DeferredChannelMessageWithSource:
        await handle.edit(1, DEFERRED_WAIT_MS);
        break;
      case InteractionResponseType.DeferredMessageUpdate:
        await handle.edit(1, 2000).catch(() => undefined);
        break;
      default:
        if (!handle.original()) this.print(renderMessage(callbackAsMessage(response.data), 'factbot', this.names));
    }
    this.printChanges();
  }

  private async fillModal(line: string): Promise<void> {
    const modal = this.modal!;
    if (line.trim() === 'cancel') {
      this.modal = undefined;
      return this.print('Form closed without sending.');
    }
    modal.answer(line);
    if (!modal.done) return;
    this.modal = undefined;
    await this.send(modal.submission(this.ctx));
  }

  /** Every message members can see now, in the order they appeared. */
  private visibleMessages(): FakeMessage[] {
    const fromInteractions = this.fake.interactions.flatMap((i) => [i.original(), ...i.followUps]).filter((m): m is FakeMessage => m !== undefined);
    return [...fromInteractions, ...this.fake.channelMessages(this.fake.guildIds[0])];
  }

  /** Print each message that is new or changed since it was last printed. */
  printChanges(): void {
    for (const message of this.visibleMessages()) {
      if (message.flags & LOADING_FLAG) continue;
      const now = signature(message);
      const before = this.printed.get(message.id);
      if (before === now) continue;
      this.printed.set(message.id, now);
      this.seen.delete(message.id);
      this.seen.set(message.id, message);
      this.print(renderMessage(message, before === undefined ? 'factbot' : 'factbot (edited)', this.names));
    }
  }

  /** "Answer with facts: how many fled?" - the menu on a message another member posted. */
  private messageMenu(argument: string): InteractionInit {
    const menus = this.commands().filter((c) => c.type === ApplicationCommandType.Message);
    const at = argument.indexOf(':');
    const name = at < 0 ? '' : argument.slice(0, at).trim().toLowerCase();
    const menu = menus.find((m) => m.name.toLowerCase() === name) ?? (at < 0 && menus.length === 1 ? menus[0] : undefined);
    if (!menu) throw new TypedLineError(`Type "app <menu>: <message text>"; the menus: ${menus.map((m) => m.name).join(', ')}`);
    const author: APIUser = this.remember(memberNamed('alice'));
    return messageContextMenu(menu.name, { content: argument.slice(at + 1).trim(), author: { id: author.id, username: author.username } }, this.ctx);
  }
}
