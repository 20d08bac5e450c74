import { averageProbabilities, fitChoiceModel, type ChoiceModel } from './choiceModel.ts';
import { ruleFor } from './decide.ts';
import { FEATURES, type Features } from './score.ts';

/**
 * Fitting the answer model: a conditional logit of "which candidate is a right
 * answer, or none" on the candidates' features, with k-fold cross-validation so that
 * the thresholds are chosen on predictions for questions the model did not
 * see. Pure: `npm run fit` and `npm run eval` feed it.
 */

/**
 * The target the answer threshold is chosen for, on out-of-fold predictions:
 * a confident answer is right at least 97% of the time (the answer-quality
 * issue's bar). A question the article cannot answer is declined when it is
 * not answered; a "did you mean" is a decline that offers the likeliest fact.
 */
export const ANSWER_PRECISION_TARGET = 0.97;
/**
 * "Did you mean" is offered down to the confidence that all but
 * OFF_TOPIC_SUGGEST_SHARE of the off-topic questions stay under (so one odd
 * question, "how do I center a div" against a fact that says "centre on",
 * does not decide the tier for everyone), and never below SUGGEST_FLOOR:
 * under it the best fact is a guess, not a likely meaning. An off-topic
 * question is never answered; at most this share of them is asked privately
 * whether it meant the likeliest fact.
 */
export const SUGGEST_FLOOR = 0.3;
export const OFF_TOPIC_SUGGEST_SHARE = 0.02;

/** The confidence above which at most OFF_TOPIC_SUGGEST_SHARE of these off-topic confidences lie. */
export function offTopicBound(confidences: readonly number[]): number {
  if (confidences.length === 0) return 0;
  const sorted = [...confidences].sort((a, b) => b - a);
  return sorted[Math.floor(OFF_TOPIC_SUGGEST_SHARE * sorted.length)]!;
}
export const FOLDS = 5;

export interface TrainingQuestion {
  /** Stable id of the question. */
  key: string;
  /** Its text, normalised: the same question in two sets goes to the same fold. */
  group: string;
  /** Nothing to do with the story: must never get a "did you mean". */
  offTopic: boolean;
  factIds: readonly string[];
  candidates: ReadonlyArray<{ factId: string; features: Features }>;
}

/** The best candidate of one question under a model. */
export interface TopPrediction {
  question: TrainingQuestion;
  factId: string | null;
  confidence: number;
  right: boolean;
}

export function featureVector(features: Features): number[] {
  return FEATURES.map((name) => features[name]);
}

export function fitOn(questions: readonly TrainingQuestion[], l2: number): ChoiceModel {
  return fitChoiceModel(
    questions.map((q) => ({
      candidates: q.candidates.map((c) => featureVector(c.features)),
      right: q.candidates.map((c) => q.factIds.includes(c.factId)),
    })),
    l2,
  );
}

export function topPrediction(models: readonly ChoiceModel[], question: TrainingQuestion): TopPrediction {
  const p = averageProbabilities(models, question.candidates.map((c) => featureVector(c.features)));
  const order = p.map((_, i) => i).sort((a, b) => p[b]! - p[a]! || a - b);
  // The rules the bot applies before the model (decide.ts), on the candidates in the model's order.
  const rule = ruleFor(order.map((i) => question.candidates[i]!));
  if (rule !== null && rule !== 'name-missing') {
    const factId = question.candidates[order[rule.answer]!]!.factId;
    return { question, factId, confidence: 1, right: question.factIds.includes(factId) };
  }
  const best = order[0];
  const factId = best === undefined ? null : question.candidates[best]!.factId;
  const confidence = best === undefined || rule === 'name-missing' ? 0 : p[best]!;
  return { question, factId, confidence, right: factId !== null && question.factIds.includes(factId) };
}

/** A stable fold for a question (FNV-1a of its normalised text), so folds do not change between runs. */
export function foldOf(key: string, folds: number = FOLDS): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash % folds;
}

/**
 * Each question's best candidate under a model fitted without its fold, and
 * the fold models themselves: the bot averages them, so the thresholds chosen
 * on these predictions hold for it.
 */
export function outOfFold(questions: readonly TrainingQuestion[], l2: number, folds = FOLDS): { predictions: TopPrediction[]; models: ChoiceModel[] } {
  const byFold = questions.map((q) => foldOf(q.group, folds));
  const predictions = new Array<TopPrediction>(questions.length);
  const models: ChoiceModel[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const model = fitOn(questions.filter((_, i) => byFold[i] !== fold), l2);
    models.push(model);
    questions.forEach((q, i) => {
      if (byFold[i] === fold) predictions[i] = topPrediction([model], q);
    });
  }
  return { predictions, models };
}

export interface Thresholds {
  answer: number;
  suggest: number;
}

/**
 * The lowest answer threshold at which the confident answers are right at
 * least ANSWER_PRECISION_TARGET of the time and no off-topic question is answered, and the lowest "did you mean"
 * threshold (not under SUGGEST_FLOOR) that all but OFF_TOPIC_SUGGEST_SHARE of the off-topic questions stay under.
 */
export function chooseThresholds(predictions: readonly TopPrediction[]): Thresholds {
  const sorted = [...predictions].sort((a, b) => b.confidence - a.confidence);
  let answered = 0;
  let right = 0;
  let answer = 1;
  for (let i = 0; i < sorted.length; i++) {
    answered++;
    if (sorted[i]!.right) right++;
    const next = sorted[i + 1]?.confidence ?? -1;
    // Only a point between two distinct confidences can be a threshold.
    if (next < sorted[i]!.confidence && right / answered >= ANSWER_PRECISION_TARGET) answer = sorted[i]!.confidence;
  }
  const offTopicConfidences = predictions.filter((p) => p.question.offTopic).map((p) => p.confidence);
  // No off-topic question is ever answered: the threshold sits above the most confident of them.
  answer = Math.max(answer, Math.min(1, Math.max(0, ...offTopicConfidences) + 1e-6));
  const offTopic = offTopicBound(offTopicConfidences);
  return { answer, suggest: Math.min(answer, Math.max(SUGGEST_FLOOR, offTopic + 1e-6)) };
}

/** How the bot would fare with these thresholds: shares of answerable / unanswerable questions. */
export function figures(predictions: readonly TopPrediction[], thresholds: Thresholds) {
  const answerable = predictions.filter((p) => p.question.factIds.length > 0);
  const unanswerable = predictions.filter((p) => p.question.factIds.length === 0);
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    answeredCorrectly: share(answerable.filter((p) => p.right && p.confidence >= thresholds.answer).length, answerable.length),
    correctOrSuggested: share(answerable.filter((p) => p.right && p.confidence >= thresholds.suggest).length, answerable.length),
    wrongConfident: share(predictions.filter((p) => !p.right && p.confidence >= thresholds.answer).length, predictions.length),
    declinedWhenItShould: share(unanswerable.filter((p) => p.confidence < thresholds.answer).length, unanswerable.length),
    offTopicDeclined: share(
      predictions.filter((p) => p.question.offTopic && p.confidence < thresholds.suggest).length,
      predictions.filter((p) => p.question.offTopic).length,
    ),
  };
}

/** Predicted confidence in bins against the share measured right. */
export function calibration(predictions: readonly TopPrediction[], bins = 10) {
  const rows = Array.from({ length: bins }, (_, b) => ({ from: b / bins, to: (b + 1) / bins, count: 0, right: 0, predicted: 0 }));
  for (const p of predictions) {
    const row = rows[Math.min(bins - 1, Math.floor(p.confidence * bins))]!;
    row.count++;
    row.predicted += p.confidence;
    if (p.right) row.right++;
  }
  return rows.filter((r) => r.count > 0).map((r) => ({ ...r, predicted: r.predicted / r.count, measured: r.right / r.count }));
}

/** Share of answerable questions whose best candidate is right, whatever its confidence. */
export function topOneAccuracy(predictions: readonly TopPrediction[]): number {
  const answerable = predictions.filter((p) => p.question.factIds.length > 0);
  return answerable.length === 0 ? 0 : answerable.filter((p) => p.right).length / answerable.length;
}

/**
 * Answerable questions answered right at the lowest threshold whose wrong
 * answers stay within `wrongShare` of all questions: a smooth measure of how
 * well the model separates right from wrong, for comparing settings.
 */
export function rightAtWrongShare(predictions: readonly TopPrediction[], wrongShare: number): number {
  const sorted = [...predictions].sort((a, b) => b.confidence - a.confidence);
  const answerable = predictions.filter((p) => p.question.factIds.length > 0).length;
  const allowed = wrongShare * predictions.length;
  let right = 0;
  let wrong = 0;
  let best = 0;
  for (const p of sorted) {
    if (p.right) right++;
    else wrong++;
    if (wrong > allowed) break;
    best = right;
  }
  return answerable === 0 ? 0 : best / answerable;
}
