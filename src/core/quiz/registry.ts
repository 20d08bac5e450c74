import { UserError } from '../errors.ts';
import { applyQuizEvent, isQuizRunning, type QuizEvent, type QuizResult, type QuizState } from './engine.ts';

/**
 * The quizzes of one bot process, one per channel. No timers and no I/O: the caller feeds events
 * and acts on the effects. A finished quiz stays until the next one replaces it, so late clicks on
 * its buttons get "quiz-ended" rather than nothing.
 */
export class QuizRegistry {
  private readonly byChannel = new Map<string, QuizState>();

  /** Restore persisted quizzes, e.g. after a restart. */
  constructor(quizzes: Iterable<QuizState> = []) {
    for (const quiz of quizzes) this.byChannel.set(quiz.channelId, quiz);
  }

  get(channelId: string): QuizState | undefined {
    return this.byChannel.get(channelId);
  }

  isRunning(channelId: string): boolean {
    const quiz = this.byChannel.get(channelId);
    return quiz !== undefined && isQuizRunning(quiz);
  }

  /** Register a new quiz; refuses with a UserError while another quiz runs in that channel. */
  start(quiz: QuizState): QuizState {
    if (this.isRunning(quiz.channelId)) {
      throw new UserError('A quiz is already running in this channel. Answer along, or wait until it ends (its starter or a moderator can stop it).');
    }
    this.byChannel.set(quiz.channelId, quiz);
    return quiz;
  }

  /** Apply an event to the channel's quiz and keep the new state; undefined when the channel has none. */
  dispatch(channelId: string, event: QuizEvent): QuizResult | undefined {
    const quiz = this.byChannel.get(channelId);
    if (quiz === undefined) return undefined;
    const result = applyQuizEvent(quiz, event);
    this.byChannel.set(channelId, result.state);
    return result;
  }

  remove(channelId: string): QuizState | undefined {
    const quiz = this.byChannel.get(channelId);
    this.byChannel.delete(channelId);
    return quiz;
  }

  /** Quizzes still running (to persist, or to abort on shutdown). */
  running(): QuizState[] {
    return [...this.byChannel.values()].filter(isQuizRunning);
  }

  /** Every stored quiz, as plain data. */
  snapshot(): QuizState[] {
    return [...this.byChannel.values()];
  }
}
