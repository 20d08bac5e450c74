import type { Fact } from '../facts/schema.ts';
import type { AnswerModelFile } from './answerModel.ts';
import type { Features } from './score.ts';
import { ALTERNATIVES, NAME_MISSING_COVERAGE } from './searchTuning.ts';

/**
 * Stage 5: answer, ask "did you mean", or say the article doesn't say. The
 * candidates arrive ranked by the answer model's confidence; the thresholds
 * were chosen on held-out folds (see `npm run fit`).
 */

export interface RankedFact {
  fact: Fact;
  /** 0..1: the answer model's estimate that this fact is the right answer. */
  confidence: number;
  features: Features;
}

export type Tier = 'answer' | 'suggest' | 'miss';

/** What the question asks for that the matched fact does not give. */
export type Missing = 'year' | 'name' | null;

export interface Decision {
  tier: Tier;
  /** The answer, or the "did you mean" fact; null for a miss. */
  best: RankedFact | null;
  /** The next likeliest facts (for "did you mean" and a miss, the nearest ones). */
  alternatives: RankedFact[];
  /** The question's premise contradicts the fact (another host, place or number): reply as a correction. */
  correction: boolean;
  missing: Missing;
}


/**
 * The two rules that come before the answer model, shared with its fitting (fitAnswerModel.ts) so
 * the thresholds are chosen under the rules the bot applies. `candidates` are in the model's order.
 * - A question that is one of a fact's own questions, word for word (picked from autocomplete, or a
 *   moderator's new fact asked as written), gets that fact.
 * - "What's the name of the official who spoke to Reuters?": the best fact is about them but never
 *   names them. Saying so, with what the article does say, beats both an answer and "did you mean".
 *   (The model's confidence is low exactly because of this, so the fact need only explain most of
 *   the question.)
 */
export function ruleFor(candidates: ReadonlyArray<{ features: Features }>): { answer: number } | 'name-missing' | null {
  const own = candidates.flatMap((c, i) => (c.features.ownQuestion === 1 ? [i] : []));
  if (own.length === 1) return { answer: own[0]! };
  const top = candidates[0];
  if (top && top.features.nameMissing === 1 && top.features.coverage >= NAME_MISSING_COVERAGE) return 'name-missing';
  return null;
}

export function decide(ranked: readonly RankedFact[], thresholds: AnswerModelFile['thresholds']): Decision {
  const rule = ruleFor(ranked);
  if (rule === 'name-missing') {
    return { tier: 'miss', best: null, alternatives: ranked.slice(0, ALTERNATIVES), correction: false, missing: 'name' };
  }
  if (rule) {
    const best = ranked[rule.answer]!;
    return { tier: 'answer', best, alternatives: ranked.filter((r) => r !== best).slice(0, ALTERNATIVES), correction: false, missing: null };
  }
  const top = ranked[0];
  const tier: Tier = !top ? 'miss' : top.confidence >= thresholds.answer ? 'answer' : top.confidence >= thresholds.suggest ? 'suggest' : 'miss';
  if (tier === 'miss' || !top) {
    return { tier: 'miss', best: null, alternatives: ranked.slice(0, ALTERNATIVES), correction: false, missing: null };
  }
  return {
    tier,
    best: top,
    alternatives: ranked.slice(1, 1 + ALTERNATIVES),
    correction: top.features.nameConflict === 1 || top.features.numberConflict === 1,
    missing: top.features.yearMissing === 1 ? 'year' : null,
  };
}
