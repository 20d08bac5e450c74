import type { ButtonInteraction, ChatInputCommandInteraction, Client } from 'discord.js';
import type { Logger } from 'pino';
import type { Knowledge } from '../../core/answers/answerQuestion.ts';
import type { Fact, Topic } from '../../core/facts/schema.ts';
import type { QuizBank } from '../../core/quiz/bankSchema.ts';
import { createQuiz, quizScoreboard, type QuizEffect, type QuizEvent, type QuizState } from '../../core/quiz/engine.ts';
import { itemsNeedingReview, reviewQuizItems } from '../../core/quiz/loadBank.ts';
import { QuizRegistry } from '../../core/quiz/registry.ts';
import type { QuizStore } from '../../core/store/quizStore.ts';
import { reply } from '../replies.ts';
import { QuizMessages, type PostedMessage, type QuizView } from './quizMessages.ts';
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

/** Discord-side state of one quiz: where its messages go, each round's message, and the timer of its next step. */
interface Session {
  messages: QuizMessages;
  /** Each round's message, once Discord has taken it. */
  rounds: Map<number, PostedMessage>;
  /**
   * The quiz's Discord work, one step after another, so its messages keep their order (a round is
   * revealed before the next is asked, the scoreboard comes last) however slowly Discord takes them.
   */
  shown: Promise<void>;
  timer?: NodeJS.Timeout;
}

/** What Discord should show for one effect, run in the session's order; only round 1's reply may throw. */
type Step = () => Promise<void>;

/** The abort reason of a quiz whose next question Discord took neither through its interaction nor in its channel. */
const UNDELIVERABLE = 'undeliverable';

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
    const session: Session = { messages: new QuizMessages(interaction, this.options.logger), rounds: new Map(), shown: Promise.resolve() };
    this.sessions.set(quiz.channelId, session);
    try {
      await this.dispatch(quiz.channelId, { type: 'start', at: this.now() }).shown;
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
      ? this.dispatch(interaction.channelId, { type: 'answer', userId: interaction.user.id, optionIndex, round, at: this.now() }).effects
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
    // The reply does not wait for the round's message to be edited: under load that can take longer than Discord's 3 s.
    const { effects } = this.dispatch(interaction.channelId, { type: 'reveal', byUserId: interaction.user.id, byModerator, at: this.now() });
    const content = effects.some((e) => e.kind === 'not-allowed')
      ? 'Only the person who started the quiz, or a moderator, can reveal the answer.'
      : effects.some((e) => e.kind === 'round-closed')
        ? 'Revealed.'
        : ALREADY_REVEALED;
    await interaction.reply(reply({ content }, true));
  }

  /** Stop the channel's quiz ('not-allowed' when the member may not); resolves once its scoreboard is posted or refused. */
  async stop(channelId: string, userId: string, byModerator: boolean): Promise<'stopped' | 'not-allowed' | 'none'> {
    if (!this.registry.isRunning(channelId)) return 'none';
    const { effects, shown } = this.dispatch(channelId, { type: 'stop', byUserId: userId, byModerator, at: this.now() });
    // The member hears once the scoreboard is in the channel (or Discord refused it, which is logged).
    await shown.catch(() => undefined);
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
      this.registry.running().map(async (quiz) => this.dispatch(quiz.channelId, { type: 'abort', reason: 'restart', at: this.now() }).shown),
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

  /**
   * Apply an event. The state, its timers and its saved copy change at once, so a slow or failed
   * Discord call never holds up or stops a quiz; what Discord should show is queued behind the
   * quiz's earlier messages, and `shown` settles when it is done.
   */
  private dispatch(channelId: string, event: QuizEvent): { effects: QuizEffect[]; shown: Promise<void> } {
    const result = this.registry.dispatch(channelId, event);
    if (!result) return { effects: [], shown: Promise.resolve() };
    this.persist(result.state);
    const session = this.sessions.get(channelId);
    if (!session) return { effects: result.effects, shown: Promise.resolve() };
    const steps = result.effects.flatMap((effect) => this.perform(result.state, session, effect) ?? []);
    const shown = session.shown.then(async () => {
      for (const step of steps) await step();
    });
    // The next step waits for this one but never fails because of it (round 1's refusal is start()'s to handle).
    session.shown = shown.catch((error: unknown) => this.options.logger.warn({ err: error, channelId }, 'a quiz message step failed'));
    return { effects: result.effects, shown };
  }

  /** A running quiz is saved on every change; an ended one is removed with its scores added (see finish). */
  private persist(state: QuizState): void {
    if (state.phase !== 'finished') this.options.quizStore.save(state);
  }

  /** Timers and bookkeeping now; the returned step shows the effect in Discord. */
  private perform(quiz: QuizState, session: Session, effect: QuizEffect): Step | undefined {
    switch (effect.kind) {
      case 'round-opened': {
        // The timer first: a round whose post is slow or failed still closes and the quiz goes on.
        this.schedule(quiz.channelId, session, effect.deadline - this.now(), { type: 'tick', at: effect.deadline });
        const content = effect.round === 1 && quiz.notice ? quiz.notice : undefined;
        const view: QuizView = { ...openRoundView(quiz, effect.round), ...(content ? { content } : {}) };
        return async () => {
          const posted = effect.round === 1 ? await session.messages.reply(view) : await session.messages.post(view);
          if (posted) session.rounds.set(effect.round, posted);
          else this.endUndeliverable(quiz);
        };
      }
      case 'round-closed': {
        // `next` opens the following round or, after the last one, finishes the quiz; it waits for no edit.
        this.schedule(quiz.channelId, session, this.delayMs, { type: 'next', at: this.now() + this.delayMs });
        const view = this.revealedView(quiz, effect.round);
        return () => this.showRound(session, effect.round, view);
      }
      case 'finished':
      case 'stopped':
      case 'aborted': {
        clearTimeout(session.timer);
        this.sessions.delete(quiz.channelId);
        this.options.quizStore.finish(quiz.channelId, quiz.guildId, effect.scoreboard);
        const open = quiz.rounds[quiz.current];
        // The round still open shows its answer too; its answers count, so its winners are named.
        const closing =
          effect.kind !== 'finished' && open && open.closedBy !== 'reveal' && open.closedBy !== 'timer' ? this.revealedView(quiz, quiz.current + 1) : undefined;
        const ending = effect.kind !== 'aborted' ? effect.kind : effect.reason === UNDELIVERABLE ? 'undeliverable' : 'aborted';
        return async () => {
          if (closing) await this.showRound(session, quiz.current + 1, closing);
          // The quiz has ended and its scores are saved even if Discord will not take the scoreboard; a failed edit above never skips it.
          const posted = await session.messages.post(scoreboardView(effect.scoreboard, ending));
          if (!posted) this.options.logger.warn({ channelId: quiz.channelId }, 'could not post the quiz scoreboard; its scores are saved');
        };
      }
      default:
        return undefined;
    }
  }

  /** Round `n` with its answer, who got it right (in the order they answered) and its source; no buttons left. */
  private revealedView(quiz: QuizState, n: number): QuizView {
    const round = quiz.rounds[n - 1]!;
    const winners = round.answers.filter((a) => a.correct).map((a) => a.userId);
    return revealedRoundView(round, n, quiz.rounds.length, winners, this.options.knowledgeFor(quiz.guildId).facts.get(round.factId));
  }

  /** Show a round anew (revealed); one whose message is gone is posted as a new message. A round never posted stays unshown. */
  private async showRound(session: Session, round: number, view: QuizView): Promise<void> {
    const message = session.rounds.get(round);
    if (!message) return;
    const shown = await session.messages.replace(message, view);
    if (shown) session.rounds.set(round, shown);
  }

  /** Discord took the next question neither way: end the quiz with its scores rather than run it unseen. */
  private endUndeliverable(quiz: QuizState): void {
    if (this.registry.get(quiz.channelId)?.id !== quiz.id || !this.registry.isRunning(quiz.channelId)) return;
    this.options.logger.warn({ channelId: quiz.channelId }, 'a quiz question could not be posted; the quiz ends with its scores');
    // Not awaited: its scoreboard is queued behind the step running now.
    this.dispatch(quiz.channelId, { type: 'abort', reason: UNDELIVERABLE, at: this.now() });
  }

  private schedule(channelId: string, session: Session, delayMs: number, event: QuizEvent): void {
    clearTimeout(session.timer);
    session.timer = setTimeout(() => {
      try {
        this.dispatch(channelId, { ...event, at: Math.max(this.now(), 'at' in event && event.at ? event.at : 0) } as QuizEvent);
      } catch (error) {
        this.options.logger.error({ err: error, channelId }, 'quiz step failed');
      }
    }, Math.max(0, delayMs));
  }
}
