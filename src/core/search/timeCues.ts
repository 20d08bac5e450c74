import type { Fact } from '../facts/schema.ts';
import { words } from './text.ts';

/**
 * Tense, time and "where/when" cues. Retrieval by shared words cannot tell
 * "where are the talks happening" (the coming summit) from "where did the
 * talks happen" (the last meeting): both share "where" and "talks". These
 * cues let the search prefer the fact that speaks of the time the question
 * asks about, and decline rather than answer a question about someone's
 * present with a fact about their past.
 */

/** Words saying the question is about the past: "last", "before", "did". */
const PAST_WORDS = new Set([
  'last',
  'previous',
  'previously',
  'before',
  'earlier',
  'ago',
  'formerly',
  'did',
  'was',
  'were',
  'had',
  'used',
  'past',
  'history',
  'originally',
  'first',
  'since',
]);

/** Words saying the question is about now or what is coming: "now", "will", "upcoming". */
const PRESENT_WORDS = new Set(['now', 'currently', 'today', 'nowadays', 'tonight', 'upcoming', 'will', 'gonna', 'anymore', 'presently', 'still']);

/** Two-word present cues: "these days", "this week", "going to", "right now". */
const PRESENT_PAIRS = new Set(['these days', 'this week', 'going to', 'at moment', 'the moment', 'this year', 'this month']);

const PRESENT_AUXILIARIES = new Set(['is', 'are', 'am']);
/** A fact's own question in the past tense: a state that no longer holds ("was", "had") or an event ("did", "happened"). */
const PAST_STATE_WORDS = new Set(['was', 'were', 'had']);
const PAST_EVENT_WORDS = new Set(['did', 'happened']);
/** A fact's own question about how things were before: "who has mediated ... in the past". */
const BYGONE_WORDS = new Set(['past', 'previous', 'previously', 'formerly', 'earlier']);

/** Words that ask what someone is up to, rather than naming what is asked. */
const ACTIVITY_WORDS = new Set(['doing', 'up', 'now', 'currently', 'today', 'nowadays', 'lately', 'anymore', 'these', 'again', 'latest']);

export interface QuestionCues {
  /** Asks about the present or the future, with no word pointing to the past. */
  present: boolean;
  /** Asks what someone or something is doing or up to ("doing", "now", "these days"). */
  activity: boolean;
  /** Asks "where" and not "when". */
  where: boolean;
  /** Asks "when" and not "where". */
  when: boolean;
}

/** What a fact speaks of: a past event, and whether it answers "where" or "when". */
export interface FactCues {
  /**
   * Dated, and its own question is in the past tense: 'state' for a state that
   * has since changed ("how long was karabakh under Armenian control"), 'event'
   * for an event whose outcome may still hold ("what happened in September
   * 2023"); an undated fact whose question says "in the past" is a 'state';
   * null otherwise.
   */
  past: 'state' | 'event' | null;
  answersWhere: boolean;
  answersWhen: boolean;
}

/**
 * A present-tense verb right after "who" ("who controls", "who runs"): a
 * question about the state of things now, although it has no "now".
 */
function presentVerbAfterWho(list: readonly string[], i: number): boolean {
  if (list[i] !== 'who') return false;
  const next = list[i + 1];
  return next !== undefined && next.length > 3 && /[^su]s$/.test(next);
}

export function questionCues(question: string): QuestionCues {
  const list = words(question);
  let past = false;
  let present = false;
  let activity = false;
  for (let i = 0; i < list.length; i++) {
    const word = list[i]!;
    if (PAST_WORDS.has(word)) past = true;
    if (PRESENT_WORDS.has(word)) present = true;
    if (ACTIVITY_WORDS.has(word)) activity = true;
    if (i + 1 < list.length && PRESENT_PAIRS.has(`${word} ${list[i + 1]}`)) present = true;
    // Present progressive: "are the talks happening", "is the meeting taking place".
    if (PRESENT_AUXILIARIES.has(word) && list.slice(i + 1).some((w) => w.length > 4 && w.endsWith('ing'))) present = true;
    if (presentVerbAfterWho(list, i)) present = true;
  }
  const hasWhere = list.includes('where');
  const hasWhen = list.includes('when');
  return { present: present && !past, activity: activity && !past, where: hasWhere && !hasWhen, when: hasWhen && !hasWhere };
}

export function factCues(fact: Fact): FactCues {
  const own = words(fact.question);
  const phrasings = [fact.question, ...fact.questions, ...fact.keywords].map((text) => words(text));
  return {
    past:
      fact.date === undefined
        ? own.some((w) => BYGONE_WORDS.has(w))
          ? 'state'
          : null
        : own.some((w) => PAST_EVENT_WORDS.has(w))
          ? 'event'
          : own.some((w) => PAST_STATE_WORDS.has(w))
            ? 'state'
            : null,
    answersWhere: phrasings.some((list) => list.includes('where')),
    answersWhen: phrasings.some((list) => list.includes('when')),
  };
}
