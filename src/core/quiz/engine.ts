/**
 * One quiz in one channel as a pure state machine: applyQuizEvent(state, event) -> { state, effects }.
 * No clock, no randomness, no I/O: times come in on the events, randomness only in createQuiz.
 * The state is plain JSON-safe data so it can be persisted and restored after a reconnect.
 */
import { UserError } from '../errors.ts';
import { TOPICS, type Topic } from '../facts/schema.ts';
import type { QuizItem } from './bankSchema.ts';
import { buildScoreboard, type RecordedAnswer, type ScoreEntry } from './scoring.ts';

export const QUIZ_ROUNDS = { min: 3, max: 15, default: 5 } as const;
export const QUIZ_ROUND_SECONDS = { min: 5, max: 120, default: 20 } as const;
export const QUIZ_STATE_VERSION = 1;

export type QuizPhase = 'ready' | 'asking' | 'revealed' | 'finished';
export type QuizEndReason = 'finished' | 'stopped' | 'aborted';
export type RoundCloser = 'reveal' | 'timer' | 'stopped' | 'aborted';

export interface QuizRound {
  itemId: string;
  factId: string;
  topic: Topic;
  question: string;
  /** The four options in the order shown for this quiz (shuffled once, at creation). */
  options: string[];
  correctIndex: number;
  explanation: string;
  openedAt: number | null;
  deadline: number | null;
  closedAt: number | null;
  closedBy: RoundCloser | null;
  /** Accepted answers in arrival order; at most one per user. */
  answers: RecordedAnswer[];
}

export interface QuizState {
  version: typeof QUIZ_STATE_VERSION;
  id: string;
  channelId: string;
  guildId: string;
  starterId: string;
  topic: Topic | null;
  roundSeconds: number;
  /** Rounds asked for, after clamping to 3-15. */
  requestedRounds: number;
  /** All rounds, chosen at creation; rounds.length may be below requestedRounds (see notice). */
  rounds: QuizRound[];
  /** 0-based index of the round being asked or last revealed; -1 before start. */
  current: number;
  phase: QuizPhase;
  /** Set when the bank had fewer questions than the rounds asked for; meant to be shown to players. */
  notice: string | null;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  endReason: QuizEndReason | null;
  abortReason: string | null;
}

export interface CreateQuizOptions {
  id: string;
  channelId: string;
  guildId: string;
  starterId: string;
  /** The candidate items (already without items needing review). */
  items: readonly QuizItem[];
  /** Clamped to 3-15; default 5. */
  rounds?: number;
  /** Clamped to 5-120; default 20. */
  roundSeconds?: number;
  /** Only items on this topic. */
  topic?: Topic;
  /** Returns a number in [0, 1), like Math.random. */
  random: () => number;
  now: number;
}

export type QuizEvent =
  /** Opens round 1; `at` defaults to the creation time. */
  | { type: 'start'; at?: number }
  /** `round` (1-based), when given, must be the open round: stale buttons from earlier rounds are too late. */
  | { type: 'answer'; userId: string; optionIndex: number; at: number; round?: number }
  | { type: 'reveal'; byUserId: string; byModerator?: boolean; at: number }
  | { type: 'tick'; at: number }
  | { type: 'next'; at: number }
  | { type: 'stop'; byUserId: string; byModerator?: boolean; at: number }
  | { type: 'abort'; reason: string; at?: number };

export type QuizEffect =
  | {
      kind: 'round-opened';
      round: number;
      totalRounds: number;
      itemId: string;
      factId: string;
      topic: Topic;
      question: string;
      options: string[];
      deadline: number;
    }
  /** Reply to the person only: right or wrong. */
  | { kind: 'answered'; userId: string; round: number; optionIndex: number; correct: boolean }
  | { kind: 'already-answered'; userId: string; round: number }
  /** The answer came after the round closed (or from an earlier round's buttons). */
  | { kind: 'too-late'; userId: string; round: number }
  | { kind: 'not-started'; userId: string }
  | { kind: 'quiz-ended'; userId: string }
  | { kind: 'not-allowed'; userId: string; action: 'reveal' | 'stop' }
  | {
      kind: 'round-closed';
      round: number;
      totalRounds: number;
      isLastRound: boolean;
      closedBy: 'reveal' | 'timer';
      itemId: string;
      factId: string;
      correctIndex: number;
      correctText: string;
      explanation: string;
      /** Who answered right, in the order they answered. */
      winners: string[];
    }
  | { kind: 'finished'; scoreboard: ScoreEntry[] }
  | { kind: 'stopped'; byUserId: string; scoreboard: ScoreEntry[] }
  | { kind: 'aborted'; reason: string; scoreboard: ScoreEntry[] }
  /** The event made no sense in this phase (e.g. `next` while a round is open); state unchanged. */
  | { kind: 'ignored'; event: QuizEvent['type']; reason: string };

export interface QuizResult {
  state: QuizState;
  effects: QuizEffect[];
}

function clampInt(value: number | undefined, limits: { min: number; max: number; default: number }): number {
  if (value === undefined || !Number.isFinite(value)) return limits.default;
  return Math.min(limits.max, Math.max(limits.min, Math.round(value)));
}

/** Fisher-Yates with the injected random; returns a new array. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/** Shuffled, without repeated items, and spreading over facts: a second item on a fact only when needed. */
function pickItems(items: readonly QuizItem[], count: number, random: () => number): QuizItem[] {
  const unique = [...new Map(items.map((item) => [item.id, item])).values()];
  const shuffled = shuffle(unique, random);
  const seenFacts = new Set<string>();
  const first: QuizItem[] = [];
  const rest: QuizItem[] = [];
  for (const item of shuffled) {
    (seenFacts.has(item.factId) ? rest : first).push(item);
    seenFacts.add(item.factId);
  }
  return [...first, ...rest].slice(0, count);
}

function toRound(item: QuizItem, random: () => number): QuizRound {
  const order = shuffle([0, 1, 2, 3], random);
  const source = [item.correct, ...item.wrong];
  return {
    itemId: item.id,
    factId: item.factId,
    topic: item.topic,
    question: item.question,
    options: order.map((i) => source[i] ?? ''),
    correctIndex: order.indexOf(0),
    explanation: item.explanation,
    openedAt: null,
    deadline: null,
    closedAt: null,
    closedBy: null,
    answers: [],
  };
}

/** A new quiz in phase 'ready'. Throws a UserError when no item is available (on the topic). */
export function createQuiz(options: CreateQuizOptions): QuizState {
  const candidates = options.topic === undefined ? options.items : options.items.filter((item) => item.topic === options.topic);
  const about = options.topic === undefined ? '' : ` on "${TOPICS[options.topic]}"`;
  if (candidates.length === 0) {
    throw new UserError(`There are no quiz questions${about} right now. Try another topic, or ask a moderator to review the quiz.`);
  }
  const requestedRounds = clampInt(options.rounds, QUIZ_ROUNDS);
  const rounds = pickItems(candidates, requestedRounds, options.random).map((item) => toRound(item, options.random));
  const notice =
    rounds.length < requestedRounds
      ? `Only ${rounds.length} question${rounds.length === 1 ? ' is' : 's are'} available${about}, so this quiz has ${rounds.length} round${rounds.length === 1 ? '' : 's'} instead of ${requestedRounds}.`
      : null;
  return {
    version: QUIZ_STATE_VERSION,
    id: options.id,
    channelId: options.channelId,
    guildId: options.guildId,
    starterId: options.starterId,
    topic: options.topic ?? null,
    roundSeconds: clampInt(options.roundSeconds, QUIZ_ROUND_SECONDS),
    requestedRounds,
    rounds,
    current: -1,
    phase: 'ready',
    notice,
    createdAt: options.now,
    startedAt: null,
    endedAt: null,
    endReason: null,
    abortReason: null,
  };
}

/** The round being asked or last revealed. */
export function currentRound(state: QuizState): QuizRound | undefined {
  return state.rounds[state.current];
}

/** When the open round closes by itself (schedule a tick then); null when no round is open. */
export function nextDeadline(state: QuizState): number | null {
  return state.phase === 'asking' ? (currentRound(state)?.deadline ?? null) : null;
}

export function isQuizRunning(state: QuizState): boolean {
  return state.phase !== 'finished';
}

/** Everyone who answered so far, best first. */
export function quizScoreboard(state: QuizState): ScoreEntry[] {
  return buildScoreboard(state.rounds.flatMap((round) => round.answers));
}

const unchanged = (state: QuizState, ...effects: QuizEffect[]): QuizResult => ({ state, effects });
const ignored = (state: QuizState, event: QuizEvent, reason: string): QuizResult =>
  unchanged(state, { kind: 'ignored', event: event.type, reason });

function withRound(state: QuizState, index: number, change: Partial<QuizRound>): QuizState {
  return { ...state, rounds: state.rounds.map((round, i) => (i === index ? { ...round, ...change } : round)) };
}

function openRound(state: QuizState, index: number, at: number): QuizResult {
  const round = state.rounds[index];
  if (round === undefined) return unchanged(state);
  const deadline = at + state.roundSeconds * 1000;
  const next: QuizState = { ...withRound(state, index, { openedAt: at, deadline }), current: index, phase: 'asking' };
  return {
    state: next,
    effects: [
      {
        kind: 'round-opened',
        round: index + 1,
        totalRounds: state.rounds.length,
        itemId: round.itemId,
        factId: round.factId,
        topic: round.topic,
        question: round.question,
        options: [...round.options],
        deadline,
      },
    ],
  };
}

/** Close the open round and reveal the answer. Only call in phase 'asking'. */
function closeRound(state: QuizState, at: number, closedBy: 'reveal' | 'timer'): QuizResult {
  const round = currentRound(state);
  if (round === undefined) return unchanged(state);
  const next: QuizState = { ...withRound(state, state.current, { closedAt: at, closedBy }), phase: 'revealed' };
  return {
    state: next,
    effects: [
      {
        kind: 'round-closed',
        round: state.current + 1,
        totalRounds: state.rounds.length,
        isLastRound: state.current === state.rounds.length - 1,
        closedBy,
        itemId: round.itemId,
        factId: round.factId,
        correctIndex: round.correctIndex,
        correctText: round.options[round.correctIndex] ?? '',
        explanation: round.explanation,
        winners: round.answers.filter((a) => a.correct).map((a) => a.userId),
      },
    ],
  };
}

/** End the quiz; an open round is closed without a reveal (its answers still count). */
function endQuiz(state: QuizState, at: number | null, endReason: QuizEndReason, abortReason: string | null): QuizState {
  const round = currentRound(state);
  const closeOpen = state.phase === 'asking' && round !== undefined && round.closedAt === null;
  const base = closeOpen
    ? withRound(state, state.current, { closedAt: at, closedBy: endReason === 'aborted' ? 'aborted' : 'stopped' })
    : state;
  return { ...base, phase: 'finished', endedAt: at, endReason, abortReason };
}

const mayControl = (state: QuizState, userId: string, byModerator: boolean | undefined): boolean =>
  byModerator === true || userId === state.starterId;

function answer(state: QuizState, event: Extract<QuizEvent, { type: 'answer' }>): QuizResult {
  const { userId } = event;
  if (state.phase === 'finished') return unchanged(state, { kind: 'quiz-ended', userId });
  if (state.phase === 'ready') return unchanged(state, { kind: 'not-started', userId });
  const round = currentRound(state);
  if (round === undefined) return unchanged(state, { kind: 'not-started', userId });
  const roundNumber = state.current + 1;
  if (event.round !== undefined && event.round !== roundNumber) {
    if (event.round < roundNumber) return unchanged(state, { kind: 'too-late', userId, round: event.round });
    return ignored(state, event, `round ${event.round} is not open`);
  }
  if (state.phase === 'revealed') return unchanged(state, { kind: 'too-late', userId, round: roundNumber });
  if (round.deadline !== null && event.at >= round.deadline) {
    // The timer has not ticked yet, but the round is over: close it now and turn the answer away.
    const closed = closeRound(state, round.deadline, 'timer');
    return { state: closed.state, effects: [...closed.effects, { kind: 'too-late', userId, round: roundNumber }] };
  }
  if (round.answers.some((a) => a.userId === userId)) {
    return unchanged(state, { kind: 'already-answered', userId, round: roundNumber });
  }
  if (!Number.isInteger(event.optionIndex) || event.optionIndex < 0 || event.optionIndex >= round.options.length) {
    return ignored(state, event, `option ${event.optionIndex} does not exist`);
  }
  const correct = event.optionIndex === round.correctIndex;
  const recorded: RecordedAnswer = { userId, optionIndex: event.optionIndex, correct, at: event.at };
  return {
    state: withRound(state, state.current, { answers: [...round.answers, recorded] }),
    effects: [{ kind: 'answered', userId, round: roundNumber, optionIndex: event.optionIndex, correct }],
  };
}

/** The whole quiz logic: the next state and what the Discord side should do. Never mutates `state`. */
export function applyQuizEvent(state: QuizState, event: QuizEvent): QuizResult {
  switch (event.type) {
    case 'start': {
      if (state.phase !== 'ready') return ignored(state, event, 'the quiz has already started');
      const at = event.at ?? state.createdAt;
      return openRound({ ...state, startedAt: at }, 0, at);
    }
    case 'answer':
      return answer(state, event);
    case 'reveal': {
      if (state.phase === 'finished') return unchanged(state, { kind: 'quiz-ended', userId: event.byUserId });
      if (!mayControl(state, event.byUserId, event.byModerator)) {
        return unchanged(state, { kind: 'not-allowed', userId: event.byUserId, action: 'reveal' });
      }
      if (state.phase !== 'asking') return ignored(state, event, state.phase === 'ready' ? 'the quiz has not started' : 'the answer is already shown');
      const deadline = nextDeadline(state);
      // A reveal after the deadline is the timer's doing: the round closed at the deadline.
      if (deadline !== null && event.at >= deadline) return closeRound(state, deadline, 'timer');
      return closeRound(state, event.at, 'reveal');
    }
    case 'tick': {
      const deadline = nextDeadline(state);
      if (deadline === null || event.at < deadline) return unchanged(state);
      return closeRound(state, deadline, 'timer');
    }
    case 'next': {
      if (state.phase !== 'revealed') {
        return ignored(state, event, state.phase === 'asking' ? 'the round is still open' : `the quiz is ${state.phase}`);
      }
      if (state.current + 1 < state.rounds.length) return openRound(state, state.current + 1, event.at);
      const done = endQuiz(state, event.at, 'finished', null);
      return { state: done, effects: [{ kind: 'finished', scoreboard: quizScoreboard(done) }] };
    }
    case 'stop': {
      if (state.phase === 'finished') return unchanged(state, { kind: 'quiz-ended', userId: event.byUserId });
      if (!mayControl(state, event.byUserId, event.byModerator)) {
        return unchanged(state, { kind: 'not-allowed', userId: event.byUserId, action: 'stop' });
      }
      const done = endQuiz(state, event.at, 'stopped', null);
      return { state: done, effects: [{ kind: 'stopped', byUserId: event.byUserId, scoreboard: quizScoreboard(done) }] };
    }
    case 'abort': {
      if (state.phase === 'finished') return ignored(state, event, 'the quiz has already ended');
      const done = endQuiz(state, event.at ?? null, 'aborted', event.reason);
      return { state: done, effects: [{ kind: 'aborted', reason: event.reason, scoreboard: quizScoreboard(done) }] };
    }
  }
}
