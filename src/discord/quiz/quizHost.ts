import type { ButtonInteraction, ChatInputCommandInteraction, Client, InteractionEditReplyOptions, InteractionReplyOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { Knowledge } from '../../core/answers/answerQuestion.ts';
import type { Fact, Topic } from '../../core/facts/schema.ts';
import type { QuizBank } from '../../core/quiz/bankSchema.ts';
import { createQuiz, quizScoreboard, type QuizEffect, type QuizEvent, type QuizState } from '../../core/quiz/engine.ts';
import { itemsNeedingReview, reviewQuizItems } from '../../core/quiz/loadBank.ts';
import { QuizRegistry } from '../../core/quiz/registry.ts';
import type { QuizStore } from '../../core/store/quizStore.ts';
import { reply } from '../replies.ts';
import { openRoundView, revealedRoundView, scoreboardView } from './quizViews.ts';

export interface QuizHostOptions {
  bank: QuizBank;
  curated: readonly Fact[];
  quizStore: QuizStore;
  knowledgeFor(guildId: string): Knowledge;
  logger: Logger;
  now?: () => number;
  random?: () => number;
  /** Pause between a reveal and the next question, so people can read the answer. */
  nextRoundDelayMs?: number;
}

/** Discord-side state of one quiz: the interaction that started it (its webhook posts and edits every message). */
interface Session {
  start: ChatInputCommandInteraction;
  /** Each round's message id, as a promise: a reveal can come in before Discord has answered the post. */
  messageIds: Map<number, Promise<string | undefined>>;
  timer?: NodeJS.Timeout;
}

const ANSWER_REPLIES: Partial<Record<QuizEffect['kind'], string>> = {
  'already-answered': 'You already answered this round.',
  'too-late': 'This round is already closed; wait for the next question.',
  'quiz-ended': 'This quiz has ended. Start a new one with /quiz start.',
  'not-started': 'This quiz has not started yet.',
  ignored: 'That button is not part of the open round.',
};

const ALREADY_REVEALED = 'The answer to that round is already shown.';

/**
 * Runs quizzes in channels: the pure engine decides, this class turns its
 * effects into Discord messages and timers, and keeps the state in the
 * database so a restart can end running quizzes cleanly.
 */
export class QuizHost {
  private readonly registry = new QuizRegistry();
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly delayMs: number;

  constructor(private readonly options: QuizHostOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.delayMs = options.nextRoundDelayMs ?? 3000;
  }

  async start(interaction: ChatInputCommandInteraction, choice: { topic?: Topic; rounds?: number; seconds?: number }): Promise<void> {
    const guildId = interaction.guildId!;
    const facts = [...this.options.knowledgeFor(guildId).facts.facts];
    // Items whose fact a moderator changed or removed wait for review instead of asking something now wrong.
    const stale = new Set(itemsNeedingReview(this.options.bank, facts, [...this.options.curated]).map((i) => i.id));
    const ids = new Set(facts.map((f) => f.id));
    const quiz = createQuiz({
      id: interaction.id,
      channelId: interaction.channelId,
      guildId,
      starterId: interaction.user.id,
      items: this.options.bank.items.filter((item) => ids.has(item.factId) && !stale.has(item.id)),
      ...(choice.rounds !== undefined ? { rounds: choice.rounds } : {}),
      ...(choice.seconds !== undefined ? { roundSeconds: choice.seconds } : {}),
      ...(choice.topic !== undefined ? { topic: choice.topic } : {}),
      random: this.random,
      now: this.now(),
    });
    this.registry.start(quiz);
    const session: Session = { start: interaction, messageIds: new Map() };
    this.sessions.set(quiz.channelId, session);
    try {
      await this.dispatch(quiz.channelId, { type: 'start', at: this.now() });
    } catch (error) {
      // Round 1 never reached the channel (e.g. Discord refused the reply): free the channel rather than block it.
      clearTimeout(session.timer);
      if (this.sessions.get(quiz.channelId) === session) this.sessions.delete(quiz.channelId);
      if (this.registry.get(quiz.channelId)?.id === quiz.id) this.registry.remove(quiz.channelId);
      this.options.quizStore.remove(quiz.channelId);
      throw error;
    }
  }

  async answer(interaction: ButtonInteraction, quizId: string, round: number, optionIndex: number): Promise<void> {
    const effects = this.matching(interaction, quizId)
      ? await this.dispatch(interaction.channelId, { type: 'answer', userId: interaction.user.id, optionIndex, round, at: this.now() })
      : [{ kind: 'quiz-ended', userId: interaction.user.id } as const];
    // No effect for the clicker means the engine ignored the click (an option or round that is not open).
    const mine = effects.find((e) => 'userId' in e && e.userId === interaction.user.id) ?? effects.find((e) => e.kind === 'ignored');
    const text =
      mine?.kind === 'answered'
        ? mine.correct
          ? '✅ Right! The answer is revealed when the round closes.'
          : '❌ Not this time. The answer is revealed when the round closes.'
        : (ANSWER_REPLIES[mine?.kind ?? 'quiz-ended'] ?? ANSWER_REPLIES['quiz-ended']!);
    await interaction.reply(reply({ content: text }, true));
  }

  /** `round` is the round whose Reveal button was clicked: a late or double click never reveals a later round. */
  async reveal(interaction: ButtonInteraction, quizId: string, round: number, byModerator: boolean): Promise<void> {
    if (!this.matching(interaction, quizId)) {
      await interaction.reply(reply({ content: ANSWER_REPLIES['quiz-ended']! }, true));
      return;
    }
    const quiz = this.registry.get(interaction.channelId)!;
    if (quiz.phase !== 'asking' || round !== quiz.current + 1) {
      await interaction.reply(reply({ content: ALREADY_REVEALED }, true));
      return;
    }
    const effects = await this.dispatch(interaction.channelId, { type: 'reveal', byUserId: interaction.user.id, byModerator, at: this.now() });
    const content = effects.some((e) => e.kind === 'not-allowed')
      ? 'Only the person who started the quiz, or a moderator, can reveal the answer.'
      : effects.some((e) => e.kind === 'round-closed')
        ? 'Revealed.'
        : ALREADY_REVEALED;
    await interaction.reply(reply({ content }, true));
  }

  /** Stop the channel's quiz; refuses (returns false) when the member may not. */
  async stop(channelId: string, userId: string, byModerator: boolean): Promise<'stopped' | 'not-allowed' | 'none'> {
    if (!this.registry.isRunning(channelId)) return 'none';
    const effects = await this.dispatch(channelId, { type: 'stop', byUserId: userId, byModerator, at: this.now() });
    return effects.some((e) => e.kind === 'not-allowed') ? 'not-allowed' : 'stopped';
  }

  /** Quiz items this server leaves out because a moderator changed or removed their fact. */
  itemsForReview(guildId: string) {
    const facts = [...this.options.knowledgeFor(guildId).facts.facts];
    return reviewQuizItems(this.options.bank, facts, this.options.curated);
  }

  /** Quizzes running now and ended ones kept (for the metrics). */
  get sizes(): { running: number; ended: number } {
    return this.registry.sizes;
  }

  leaderboard(guildId: string) {
    return this.options.quizStore.leaderboard(guildId, 10);
  }

  /** On shutdown: end every running quiz with a message, so no buttons are left that lead nowhere. */
  async shutdown(): Promise<void> {
    await Promise.allSettled(
      this.registry.running().map((quiz) => this.dispatch(quiz.channelId, { type: 'abort', reason: 'restart', at: this.now() })),
    );
  }

  /** After a crash: quizzes saved as running are ended with a message in their channel and their scores kept. */
  async recover(client: Client): Promise<void> {
    for (const quiz of this.options.quizStore.saved()) {
      const scoreboard = quizScoreboard(quiz);
      this.options.quizStore.finish(quiz.channelId, quiz.guildId, scoreboard);
      try {
        // Servers are not cached (see client.ts), so the channel comes without its guild.
        const channel = await client.channels.fetch(quiz.channelId, { allowUnknownGuild: true });
        if (channel?.isSendable()) await channel.send(scoreboardView(scoreboard, 'aborted'));
      } catch (error) {
        this.options.logger.warn({ err: error, channelId: quiz.channelId }, 'could not announce the end of a quiz after restart');
      }
    }
  }

  private matching(interaction: ButtonInteraction, quizId: string): boolean {
    return this.registry.get(interaction.channelId)?.id === quizId && this.sessions.has(interaction.channelId);
  }

  private async dispatch(channelId: string, event: QuizEvent): Promise<QuizEffect[]> {
    const result = this.registry.dispatch(channelId, event);
    if (!result) return [];
    this.persist(result.state);
    for (const effect of result.effects) await this.perform(result.state, effect);
    return result.effects;
  }

  /** A running quiz is saved on every change; an ended one is removed with its scores added (see finish). */
  private persist(state: QuizState): void {
    if (state.phase !== 'finished') this.options.quizStore.save(state);
  }

  private async perform(quiz: QuizState, effect: QuizEffect): Promise<void> {
    const session = this.sessions.get(quiz.channelId);
    if (!session) return;
    switch (effect.kind) {
      case 'round-opened': {
        // The timer first: a reveal while the post is under way must not have its `next` replaced by this tick,
        // and a round whose post failed still closes and the quiz goes on.
        this.schedule(quiz.channelId, session, effect.deadline - this.now(), { type: 'tick', at: effect.deadline });
        const view = openRoundView(quiz, effect.round);
        const content = effect.round === 1 && quiz.notice ? quiz.notice : undefined;
        const posted = this.post(session, { ...view, ...(content ? { content } : {}) }, effect.round === 1);
        session.messageIds.set(effect.round, posted.catch(() => undefined));
        await posted;
        return;
      }
      case 'round-closed': {
        clearTimeout(session.timer);
        const round = quiz.rounds[effect.round - 1]!;
        const fact = this.options.knowledgeFor(quiz.guildId).facts.get(effect.factId);
        await this.edit(session, effect.round, revealedRoundView(round, effect.round, effect.totalRounds, effect.winners, fact));
        // `next` opens the following round or, after the last one, finishes the quiz.
        this.schedule(quiz.channelId, session, this.delayMs, { type: 'next', at: this.now() + this.delayMs });
        return;
      }
      case 'finished':
      case 'stopped':
      case 'aborted': {
        clearTimeout(session.timer);
        this.sessions.delete(quiz.channelId);
        this.options.quizStore.finish(quiz.channelId, quiz.guildId, effect.scoreboard);
        const open = quiz.rounds[quiz.current];
        if (effect.kind !== 'finished' && open && open.closedBy !== 'reveal' && open.closedBy !== 'timer') {
          // The round still open shows its answer too; its answers count, so its winners are named.
          const winners = open.answers.filter((a) => a.correct).map((a) => a.userId);
          const fact = this.options.knowledgeFor(quiz.guildId).facts.get(open.factId);
          await this.edit(session, quiz.current + 1, revealedRoundView(open, quiz.current + 1, quiz.rounds.length, winners, fact));
        }
        // The quiz has ended and its scores are saved even if Discord will not take the scoreboard.
        await this.post(session, scoreboardView(effect.scoreboard, effect.kind), false).catch((error: unknown) =>
          this.options.logger.error({ err: error, channelId: quiz.channelId }, 'could not post the quiz scoreboard'),
        );
        return;
      }
      default:
        return;
    }
  }

  private schedule(channelId: string, session: Session, delayMs: number, event: QuizEvent): void {
    clearTimeout(session.timer);
    session.timer = setTimeout(() => {
      this.dispatch(channelId, { ...event, at: Math.max(this.now(), 'at' in event && event.at ? event.at : 0) } as QuizEvent).catch((error: unknown) =>
        this.options.logger.error({ err: error, channelId }, 'quiz step failed'),
      );
    }, Math.max(0, delayMs));
  }

  private async post(session: Session, view: InteractionEditReplyOptions, first: boolean): Promise<string> {
    if (first) {
      const response = await session.start.reply({ ...(view as InteractionReplyOptions), withResponse: true });
      return response.resource?.message?.id ?? '@original';
    }
    const message = await session.start.followUp(view as InteractionReplyOptions);
    return message.id;
  }

  private async edit(session: Session, round: number, view: InteractionEditReplyOptions): Promise<void> {
    const messageId = await session.messageIds.get(round);
    if (!messageId) return;
    await session.start.editReply({ ...view, message: messageId });
  }
}
