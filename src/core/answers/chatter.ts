import { foldText } from '../search/normalise.ts';
import { WH_WORDS } from '../search/questionShape.ts';
import type { Answer } from './answerQuestion.ts';

/**
 * Greetings, thanks and reactions members type in a busy channel (folded as `foldText` folds them).
 * Hand-written from what members type to a bot that is not a question; none names anything the
 * article covers, so none can hide a real question.
 */
const SMALL_TALK: ReadonlySet<string> = new Set([
  'hi', 'hii', 'hello', 'hey', 'heya', 'hiya', 'yo', 'sup', 'gm', 'gn', 'good morning', 'good night', 'good evening',
  'hi there', 'hello there', 'hey there', 'hi everyone', 'hey everyone', 'hello everyone', 'hi all', 'hey all',
  'thanks', 'thank you', 'thx', 'ty', 'tysm', 'thanks a lot', 'thank you so much', 'cheers', 'np',
  'lol', 'lmao', 'rofl', 'haha', 'hahaha', 'xd', 'omg', 'wow', 'nice', 'cool', 'ok', 'okay', 'k', 'kk',
  'yes', 'yeah', 'yep', 'no', 'nope', 'nah', 'sure', 'bruh', 'bye', 'cya', 'test', 'testing', 'ping',
]);

/** Words that open a question even without a question mark ("is the summit on friday"). */
const QUESTION_OPENERS: ReadonlySet<string> = new Set([
  ...WH_WORDS,
  'is', 'are', 'was', 'were', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'should', 'has', 'have', 'had',
  'tell', 'explain', 'whats', 'whos', 'wheres', 'hows',
]);

/** A greeting, a thank-you or a one-word reaction: nothing to look up. */
export function isSmallTalk(text: string): boolean {
  return SMALL_TALK.has(foldText(text));
}

/**
 * Noise rather than a question: small talk, or a single word the article has no answer for
 * ("trump", "peace"). A single word that does name a fact ("ceasefire") is a question.
 */
export function isNoise(text: string, answer: Answer): boolean {
  return isSmallTalk(text) || (answer.tier === 'miss' && foldText(text).split(' ').length === 1);
}

/** Whether a chat message asks something: a question mark, or a question word anywhere it opens a clause. */
export function asksSomething(text: string): boolean {
  if (text.includes('?')) return true;
  return text
    .split(/[.!,;:\n]+/)
    .some((clause) => QUESTION_OPENERS.has(foldText(clause).split(' ')[0] ?? ''));
}
