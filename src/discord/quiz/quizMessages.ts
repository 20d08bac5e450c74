import {
  DiscordAPIError,
  RESTJSONErrorCodes,
  type ActionRowBuilder,
  type ButtonBuilder,
  type ChatInputCommandInteraction,
  type EmbedBuilder,
  type MessageMentionOptions,
  type SendableChannels,
} from 'discord.js';
import type { Logger } from 'pino';

/** What a quiz message shows: the views in quizViews.ts, plus round 1's notice. */
export interface QuizView {
  content?: string;
  embeds: EmbedBuilder[];
  components: Array<ActionRowBuilder<ButtonBuilder>>;
  allowedMentions: MessageMentionOptions;
}

/** A message Discord took, and the way it went out (an edit must go the same way). */
export interface PostedMessage {
  id: string;
  via: 'webhook' | 'channel';
}

/**
 * Discord's word that the start interaction's webhook can no longer be used: deleted, its token
 * invalid or expired (it lasts 15 minutes), or the interaction itself unknown. Nothing sent through
 * it will work again, so the quiz goes on through the channel.
 */
const WEBHOOK_GONE = new Set<number>([
  RESTJSONErrorCodes.UnknownWebhook,
  RESTJSONErrorCodes.InvalidWebhookToken,
  RESTJSONErrorCodes.UnknownInteraction,
]);

const discordCode = (error: unknown): number | undefined =>
  error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined;

/**
 * The messages of one quiz. They go through the webhook of the /quiz start interaction while it
 * lasts, then through the channel with the bot's own REST (as after a restart). A message that
 * cannot be edited (deleted by a moderator, or sent through a webhook now gone) is posted anew, so
 * the quiz goes on in a new message. Failures are logged at warn with the channel id; the error's
 * Discord URL loses its token in the logger's serializer.
 */
export class QuizMessages {
  private webhookGone = false;
  private channel: Promise<SendableChannels | undefined> | undefined;

  constructor(
    private readonly start: ChatInputCommandInteraction,
    private readonly logger: Logger,
  ) {}

  /** Round 1, as the reply to /quiz start. Throws when Discord refuses it: the quiz has then not started. */
  async reply(view: QuizView): Promise<PostedMessage> {
    const response = await this.start.reply({ ...view, withResponse: true });
    return { id: response.resource?.message?.id ?? '@original', via: 'webhook' };
  }

  /** A new message in the quiz's channel; undefined when Discord took it neither way. */
  async post(view: QuizView): Promise<PostedMessage | undefined> {
    if (!this.webhookGone) {
      try {
        const message = await this.start.followUp(view);
        return { id: message.id, via: 'webhook' };
      } catch (error) {
        this.failed(error, 'could not post a quiz message through its interaction; posting it through the channel');
      }
    }
    try {
      const channel = await this.sendable();
      if (!channel) return undefined;
      const message = await channel.send(view);
      return { id: message.id, via: 'channel' };
    } catch (error) {
      this.failed(error, 'could not post a quiz message in its channel');
      return undefined;
    }
  }

  /** Show `view` in place of `message`; when it cannot be edited, as a new message. Returns where it is shown. */
  async replace(message: PostedMessage | undefined, view: QuizView): Promise<PostedMessage | undefined> {
    if (message && !(message.via === 'webhook' && this.webhookGone)) {
      try {
        if (message.via === 'webhook') await this.start.editReply({ ...view, message: message.id });
        else {
          const channel = await this.sendable();
          if (!channel) throw new Error('the quiz channel could not be fetched');
          await channel.messages.edit(message.id, view);
        }
        return message;
      } catch (error) {
        this.failed(error, 'could not edit a quiz message; posting it anew');
      }
    }
    return this.post(view);
  }

  private failed(error: unknown, what: string): void {
    const code = discordCode(error);
    if (code !== undefined && WEBHOOK_GONE.has(code)) this.webhookGone = true;
    this.logger.warn({ err: error, channelId: this.start.channelId, code }, what);
  }

  /** The channel, fetched once. Servers are not cached (see client.ts), so it comes without its guild. */
  private sendable(): Promise<SendableChannels | undefined> {
    this.channel ??= this.start.client.channels
      .fetch(this.start.channelId, { allowUnknownGuild: true })
      .then((channel) => (channel?.isSendable() ? channel : undefined))
      .catch((error: unknown) => {
        this.channel = undefined; // a failed fetch is tried again next time
        this.logger.warn({ err: error, channelId: this.start.channelId }, 'could not fetch a quiz channel');
        return undefined;
      });
    return this.channel;
  }
}
