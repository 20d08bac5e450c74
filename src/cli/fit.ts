import { writeFileSync } from 'node:fs';
import { loadQuestionSet, TUNING_SETS } from '../core/answers/questionSet.ts';
import { loadCuratedData } from '../core/knowledge.ts';
import { rightAtWrongShare, topOneAccuracy } from '../core/search/fitAnswerModel.ts';
import type { ExamplesFile } from '../core/search/examples.ts';
import { ALL_RESOURCES } from '../core/search/searchIndex.ts';
import { crossValidate, modelFile, objective, trainingQuestions, tuningExamples, tuningUnanswerable, type CrossValidated } from './fitting.ts';
import { runCli } from './runCli.ts';

const USAGE = `usage: npm run fit
  Fits the answer model (data/answer-model.json) on the tuning sets, never on the held-out set:
  a conditional logit ("which candidate fact, or none") over retrieval features, one per
  cross-validation fold (the bot averages the five), with the WordNet sense count and the
  regularisation chosen by 5-fold cross-validation, and the answer / "did you mean" thresholds
  chosen on out-of-fold predictions. Also writes data/example-questions.json: the tuning sets'
  questions as example wordings of the facts they are labelled with (each question's features
  during the fit come from the other folds' examples only).`;

/** The settings tried; the best by cross-validation is kept. */
const SENSES = [0, 2, 3, 4, 8, 12];
const L2 = [0.03, 0.1, 0.3, 1, 3];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

runCli(USAGE, () => {
  const facts = loadCuratedData(process.env.DATA_DIR ?? 'data').facts;
  const sets = TUNING_SETS.map(loadQuestionSet);
  let best: { cv: CrossValidated; questions: ReturnType<typeof trainingQuestions> } | undefined;
  const table: Record<string, Record<string, string>> = {};
  for (const senses of SENSES) {
    const questions = trainingQuestions(ALL_RESOURCES, senses, facts, sets);
    for (const l2 of L2) {
      const cv = crossValidate(questions, senses, l2);
      table[`senses ${senses}, l2 ${l2}`] = {
        'right first': pct(topOneAccuracy(cv.predictions)),
        'right at 3% wrong': pct(rightAtWrongShare(cv.predictions, 0.03)),
        'answered correctly': pct(cv.figures.answeredCorrectly),
        'right or did-you-mean': pct(cv.figures.correctOrSuggested),
        'wrong confident': pct(cv.figures.wrongConfident),
        'declined when it should': pct(cv.figures.declinedWhenItShould),
        'off-topic declined': pct(cv.figures.offTopicDeclined),
      };
      if (!best || objective(cv) > objective(best.cv)) best = { cv, questions };
    }
  }
  console.log(`Cross-validation (${best!.questions.length} tuning questions, 5 folds, out-of-fold figures):`);
  console.table(table);
  const { cv } = best!;
  const file = modelFile(cv, TUNING_SETS);
  // The model ships with the code (src imports it), so it is written to the repository's data/ whatever DATA_DIR says.
  writeFileSync('data/answer-model.json', `${JSON.stringify(file, null, 1)}\n`);
  const examples: ExamplesFile = { generatedBy: file.generatedBy, fittedOn: [...TUNING_SETS], examples: Object.fromEntries([...tuningExamples(sets)].map(([id, list]) => [id, [...list]])), unanswerable: tuningUnanswerable(sets) };
  writeFileSync('data/example-questions.json', `${JSON.stringify(examples, null, 1)}\n`);
  console.log(`Chosen: ${cv.senses} WordNet senses, l2 ${cv.l2}; thresholds answer ${file.thresholds.answer}, did-you-mean ${file.thresholds.suggest}.`);
  const mean = (i: number) => Number((file.members.reduce((sum, m) => sum + m.weights[i]!, 0) / file.members.length).toFixed(3));
  console.log('Mean weights of the fold models:', Object.fromEntries(file.features.map((f, i) => [f, mean(i)])));
});
