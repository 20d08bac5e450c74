import { LruMap } from '../bounded.ts';
import { UserError } from '../errors.ts';
import { MEMORY_BOUNDS } from '../memoryBounds.ts';
import { applyQuizEvent, isQuizRunning, type QuizEvent, type QuizResult, type QuizState } from './engine.ts';

export interface QuizRegistryLimits {
  running: number;
  runningPerServer: number;
  ended: number;
}

const DEFAULT_LIMITS: QuizRegistryLimits = {
  running: MEMORY_BOUNDS.runningQuizzes,
  runningPerServer: MEMORY_BOUNDS.runningQuizzesPerServer,
  ended: MEMORY_BOUNDS.endedQuizzesKept,
};

/**
 * The quizzes of one bot process, one per channel. No timers and no I/O: the caller feeds events
 * and acts on the effects. Running quizzes are capped (in all and per server) when they start;
 * an ended quiz is kept, the most recent `ended` of them, so late clicks on its buttons get
 * "quiz-ended" rather than nothing. Every call is O(1).
 */
export class QuizRegistry {
  private readonly runningByChannel = new Map<string, QuizState>();
  private readonly endedByChannel: LruMap<string, QuizState>;
  /** Running quizzes per server, so the per-server cap costs no scan. */
  private readonly runningIn = new Map<string, number>();

  /** Restore persisted quizzes, e.g. after a restart. */
  constructor(
    quizzes: Iterable<QuizState> = [],
    private readonly limits: QuizRegistryLimits = DEFAULT_LIMITS,
  ) {
    this.endedByChannel = new LruMap(limits.ended);
    for (const quiz of quizzes) this.keep(quiz);
  }

  get(channelId: string): QuizState | undefined {
    return this.runningByChannel.get(channelId) ?? this.endedByChannel.get(channelId);
  }

  isRunning(channelId: string): boolean {
    return this.runningByChannel.has(channelId);
  }

  /** How many quizzes run now, and how many ended ones are kept (for the metrics). */
  get sizes(): { running: number; ended: number } {
    return { running: this.runningByChannel.size, ended: this.endedByChannel.size };
  }

  /** Register a new quiz; refuses with a UserError while another quiz runs in that channel, or too many run. */
  start(quiz: QuizState): QuizState {
    if (this.isRunning(quiz.channelId)) {
      throw new UserError('A quiz is already running in this channel. Answer along, or wait until it ends (its starter or a moderator can stop it).');
    }
    if ((this.runningIn.get(quiz.guildId) ?? 0) >= this.limits.runningPerServer) {
      throw new UserError(`This server already has ${this.limits.runningPerServer} quizzes running. Join one, or start yours when one ends.`);
    }
    if (this.runningByChannel.size >= this.limits.running) {
      throw new UserError('Too many quizzes are running right now. Please try again in a few minutes.');
    }
    this.keep(quiz);
    return quiz;
  }

  /** Apply an event to the channel's quiz and keep the new state; undefined when the channel has none. */
  dispatch(channelId: string, event: QuizEvent): QuizResult | undefined {
    const quiz = this.get(channelId);
    if (quiz === undefined) return undefined;
    const result = applyQuizEvent(quiz, event);
    this.keep(result.state);
    return result;
  }

  remove(channelId: string): QuizState | undefined {
    const quiz = this.get(channelId);
    this.forget(channelId);
    return quiz;
  }

  /** Quizzes still running (to persist, or to abort on shutdown). */
  running(): QuizState[] {
    return [...this.runningByChannel.values()];
  }

  /** Every stored quiz, as plain data. */
  snapshot(): QuizState[] {
    return [...this.runningByChannel.values(), ...this.endedByChannel.values()];
  }

  /** Store the channel's quiz where its phase says, replacing whatever the channel had. */
  private keep(quiz: QuizState): void {
    this.forget(quiz.channelId);
    if (isQuizRunning(quiz)) {
      this.runningByChannel.set(quiz.channelId, quiz);
      this.runningIn.set(quiz.guildId, (this.runningIn.get(quiz.guildId) ?? 0) + 1);
    } else {
      this.endedByChannel.set(quiz.channelId, quiz);
    }
  }

  private forget(channelId: string): void {
    const running = this.runningByChannel.get(channelId);
    if (running) {
      this.runningByChannel.delete(channelId);
      const left = (this.runningIn.get(running.guildId) ?? 1) - 1;
      if (left > 0) this.runningIn.set(running.guildId, left);
      else this.runningIn.delete(running.guildId);
    }
    this.endedByChannel.delete(channelId);
  }
}
