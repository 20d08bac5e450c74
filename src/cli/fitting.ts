import type { Knowledge } from '../core/answers/answerQuestion.ts';
import { gradeSet, type Graded } from '../core/answers/evaluate.ts';
import { HELD_OUT_SET, loadQuestionSet, TUNING_SETS, type LabelledQuestion, type QuestionSet } from '../core/answers/questionSet.ts';
import { FactBase } from '../core/facts/factBase.ts';
import { AnswerModel, type AnswerModelFile } from '../core/search/answerModel.ts';
import { examplesFrom, NO_EXAMPLES, unanswerableFrom, type Examples } from '../core/search/examples.ts';
import {
  chooseThresholds,
  foldOf,
  FOLDS,
  figures,
  offTopicBound,
  outOfFold,
  topPrediction,
  rightAtWrongShare,
  type Thresholds,
  type TopPrediction,
  type TrainingQuestion,
} from '../core/search/fitAnswerModel.ts';
import type { ChoiceModel } from '../core/search/choiceModel.ts';
import { FEATURES } from '../core/search/score.ts';
import { ALL_RESOURCES, SearchEngine, type Resources } from '../core/search/searchIndex.ts';
import type { Fact } from '../core/facts/schema.ts';
import { foldText } from '../core/search/normalise.ts';

/** Shared by `npm run fit` and the eval's ablation: candidates, cross-validation, a model file. */

/** The tuning sets' questions, each with its cross-validation fold. */
function byFold(sets: readonly QuestionSet[]): Array<{ set: QuestionSet; question: LabelledQuestion; text: string; fold: number }> {
  return sets.flatMap((set) =>
    set.questions.map((question) => {
      const text = foldText(question.question);
      return { set, question, text, fold: foldOf(text) };
    }),
  );
}

let heldOutTexts: Set<string> | undefined;

/**
 * The held-out set's questions, normalised. Independent writers sometimes write the same plain
 * question ("What is the core of the dispute?"); such a question is never made an example, so the
 * held-out figures stay those of questions the bot has not seen (decontamination, not tuning:
 * it can only lower them).
 */
function heldOutQuestions(): Set<string> {
  heldOutTexts ??= new Set(loadQuestionSet(HELD_OUT_SET).questions.map((q) => foldText(q.question)));
  return heldOutTexts;
}

/** The tuning sets' questions the search may learn from: not in the fold left out (if any), never a held-out question. */
function learnable(sets: readonly QuestionSet[], leaveOut: number | null): LabelledQuestion[] {
  const heldOut = heldOutQuestions();
  return byFold(sets).flatMap((q) => (q.fold === leaveOut || heldOut.has(q.text) ? [] : [q.question]));
}

/** Example questions from the tuning sets, leaving out one fold (or none), and never a held-out question. */
export function tuningExamples(sets: readonly QuestionSet[], leaveOut: number | null = null): Examples {
  return examplesFrom(learnable(sets, leaveOut));
}

/** The tuning sets' questions about the story that no fact answers, leaving out one fold (or none), never a held-out question. */
export function tuningUnanswerable(sets: readonly QuestionSet[], leaveOut: number | null = null): string[] {
  return unanswerableFrom(learnable(sets, leaveOut));
}

/** An engine with these resources whose example (and unanswerable) questions leave out one fold (or none). */
export function engineFor(resources: Resources, senses: number, sets: readonly QuestionSet[], leaveOut: number | null, model?: AnswerModel): SearchEngine {
  return resources.examples
    ? new SearchEngine(model, resources, senses, tuningExamples(sets, leaveOut), tuningUnanswerable(sets, leaveOut))
    : new SearchEngine(model, resources, senses, NO_EXAMPLES, []);
}

/**
 * A grader for the sets: a tuning set's questions are the facts' example questions, so each is
 * asked of an index whose examples leave out its own fold, as in the fit (never answered by its
 * own copy); any other set is asked of the bot's own index.
 */
export function setGrader(facts: readonly Fact[], senses: number): (set: QuestionSet) => Graded[] {
  const tuning = TUNING_SETS.map(loadQuestionSet);
  const factBase = new FactBase(facts);
  const byFold: Knowledge[] = [];
  const knowledgeFor = (fold: number) => (byFold[fold] ??= { facts: factBase, index: engineFor(ALL_RESOURCES, senses, tuning, fold).searchIndex(facts) });
  const bots: Knowledge = { facts: factBase, index: engineFor(ALL_RESOURCES, senses, tuning, null).searchIndex(facts) };
  return (set) =>
    (TUNING_SETS as readonly string[]).includes(set.name)
      ? set.questions.flatMap((question) => gradeSet(knowledgeFor(foldOf(foldText(question.question))), { name: set.name, questions: [question] }))
      : gradeSet(bots, set);
}

/**
 * Each question's candidates and features (the model does not affect them), found with the
 * example questions of every fold but its own: the features a question nobody has asked before gets.
 */
export function trainingQuestions(resources: Resources, senses: number, facts: readonly Fact[], sets: readonly QuestionSet[]): TrainingQuestion[] {
  const labelled = byFold(sets);
  const out = new Array<TrainingQuestion>(labelled.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const index = engineFor(resources, senses, sets, fold).searchIndex(facts);
    labelled.forEach(({ set, question: q, text, fold: f }, i) => {
      if (f !== fold) return;
      out[i] = {
        key: `${set.name}#${q.id}`,
        group: text,
        offTopic: q.category === 'off-topic',
        factIds: q.factIds,
        candidates: q.question.trim() === '' ? [] : index.candidates(q.question).map((c) => ({ factId: c.entry.fact.id, features: c.features })),
      };
    });
  }
  return out;
}

export interface CrossValidated {
  senses: number;
  l2: number;
  models: ChoiceModel[];
  thresholds: Thresholds;
  predictions: TopPrediction[];
  figures: ReturnType<typeof figures>;
}

export function crossValidate(questions: readonly TrainingQuestion[], senses: number, l2: number): CrossValidated {
  const { predictions, models } = outOfFold(questions, l2);
  const chosen = chooseThresholds(predictions);
  // The bot averages the fold models; the off-topic bounds must hold under that average too.
  const offTopic = questions.filter((q) => q.offTopic).map((q) => topPrediction(models, q).confidence);
  const answer = Math.max(chosen.answer, Math.min(1, Math.max(0, ...offTopic) + 1e-6));
  const thresholds = { answer, suggest: Math.min(answer, Math.max(chosen.suggest, offTopicBound(offTopic) + 1e-6)) };
  return { senses, l2, models, thresholds, predictions, figures: figures(predictions, thresholds) };
}

/**
 * What a setting is worth under the thresholds it would ship with: answerable
 * questions answered right, plus those answered right or offered as "did you
 * mean"; ties go to the setting that separates right from wrong better
 * (right answers while wrong ones stay within 3% of all questions).
 */
export function objective(cv: CrossValidated): number {
  return cv.figures.answeredCorrectly + cv.figures.correctOrSuggested + rightAtWrongShare(cv.predictions, 0.03) / 100;
}

export function modelFile(cv: CrossValidated, fittedOn: readonly string[]): AnswerModelFile {
  const round = (x: number) => Number(x.toFixed(6));
  return {
    generatedBy: 'npm run fit (src/cli/fit.ts); do not edit by hand',
    fittedOn: [...fittedOn],
    features: [...FEATURES],
    members: cv.models.map((model) => ({ bias: round(model.bias), weights: model.weights.map(round) })),
    thresholds: { answer: round(cv.thresholds.answer), suggest: round(cv.thresholds.suggest) },
    lexiconSenses: cv.senses,
    crossValidation: {
      folds: FOLDS,
      l2: cv.l2,
      questions: cv.predictions.length,
      ...Object.fromEntries(Object.entries(cv.figures).map(([k, v]) => [k, round(v)])),
    },
  };
}

/** An engine whose answer model is fitted on `questions` (for the ablation: every resource setting gets its own fit). */
export function fittedEngine(resources: Resources, senses: number, l2: number, facts: readonly Fact[], sets: readonly QuestionSet[]): { engine: SearchEngine; cv: CrossValidated } {
  const questions = trainingQuestions(resources, senses, facts, sets);
  const cv = crossValidate(questions, senses, l2);
  const model = new AnswerModel(modelFile(cv, sets.map((s) => s.name)));
  return { engine: engineFor(resources, senses, sets, null, model), cv };
}
