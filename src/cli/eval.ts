import { byCategory, gradeSet, summarize, type Graded, type Summary } from '../core/answers/evaluate.ts';
import { HELD_OUT_SET, loadQuestionSet, TUNING_SETS, type QuestionSet } from '../core/answers/questionSet.ts';
import { loadCuratedData } from '../core/knowledge.ts';
import { FactBase } from '../core/facts/factBase.ts';
import type { Fact } from '../core/facts/schema.ts';
import { calibration, type TopPrediction } from '../core/search/fitAnswerModel.ts';
import { defaultAnswerModel } from '../core/search/answerModel.ts';
import { ALL_RESOURCES, SearchIndex, type Resources } from '../core/search/searchIndex.ts';
import { SearchView } from '../core/search/searchView.ts';
import { fittedEngine, setGrader } from './fitting.ts';
import { runCli } from './runCli.ts';

const USAGE = `usage: npm run eval -- [question-set.json ...] [--misses] [--ablation]
  Without files: the held-out set (${HELD_OUT_SET}), then each tuning set (each of its questions
  asked with the example questions of the other cross-validation folds only).
  Prints, per set: the figures the answer-quality issue asks for, the outcome by category
  (correct, "did you mean" right, wrong, declined, offered for a question to decline), and a
  calibration table (predicted confidence against the share measured right).
  --misses    also list each question of the tuning sets that was not handled right (never the
              held-out set's: looking at its questions one by one is how a held-out set stops being one)
  --ablation  refit the answer model with each resource switched off, and show the held-out figures`;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function summaryRow(s: Summary): Record<string, string> {
  return {
    'answered correctly': pct(s.answeredCorrectly),
    'right or did-you-mean': pct(s.correctOrSuggested),
    'wrong confident': pct(s.wrongConfident),
    'declined when it should': pct(s.declinedWhenItShould),
    '(with no did-you-mean)': pct(s.declinedPlainly),
    'off-topic declined': s.offTopicDeclined === null ? '-' : pct(s.offTopicDeclined),
    questions: `${s.answerable} + ${s.unanswerable}`,
  };
}

function report(set: QuestionSet, graded: readonly Graded[], showMisses: boolean): void {
  console.log(`\n${set.name}${set.name === HELD_OUT_SET ? '  (held out: never tuned on)' : '  (tuning)'}`);
  console.table({ all: summaryRow(summarize(graded)) });
  const table: Record<string, Record<string, number>> = {};
  for (const [category, row] of byCategory(graded)) table[category] = row;
  console.table(table);
  const predictions: TopPrediction[] = graded.map((g) => ({
    question: { key: g.question.id, group: g.question.id, offTopic: g.question.category === 'off-topic', factIds: g.question.factIds, candidates: [] },
    factId: g.answer.fact?.id ?? g.answer.didYouMean?.id ?? g.answer.suggestions[0]?.id ?? null,
    confidence: g.answer.score,
    right: [g.answer.fact, g.answer.didYouMean, g.answer.tier === 'miss' ? g.answer.suggestions[0] : null].some(
      (f) => f !== null && f !== undefined && g.question.factIds.includes(f.id),
    ),
  }));
  console.log('calibration: confidence of the best fact against how often it is right');
  console.table(
    calibration(predictions).map((r) => ({
      confidence: `${r.from.toFixed(1)}-${r.to.toFixed(1)}`,
      questions: r.count,
      'mean predicted': pct(r.predicted),
      'measured right': pct(r.measured),
    })),
  );
  if (showMisses && set.name !== HELD_OUT_SET) {
    for (const g of graded) {
      if (g.outcome === 'correct' || g.outcome === 'suggested') continue;
      const got = g.answer.fact?.id ?? (g.answer.didYouMean ? `did you mean ${g.answer.didYouMean.id}` : '(declined)');
      console.log(`  ${g.outcome.padEnd(8)} ${g.answer.score.toFixed(2)}  expected ${g.question.factIds.join('|') || '(decline)'}  got ${got}  «${g.question.question}»`);
    }
  }
}

/** The held-out figures with each resource switched off, each with its own fitted model. */
function ablation(facts: readonly Fact[], heldOut: QuestionSet): void {
  const tuning = TUNING_SETS.map(loadQuestionSet);
  const base = defaultAnswerModel().file;
  const settings: Array<[string, Resources]> = [
    ['everything', ALL_RESOURCES],
    ['without WordNet', { ...ALL_RESOURCES, wordnet: false }],
    ['without the domain list', { ...ALL_RESOURCES, domain: false }],
    ['without chat shorthand', { ...ALL_RESOURCES, shorthand: false }],
    ['without typo correction', { ...ALL_RESOURCES, typos: false }],
    ['without example questions', { ...ALL_RESOURCES, examples: false }],
  ];
  const table: Record<string, Record<string, string>> = {};
  for (const [name, resources] of settings) {
    const l2 = base.crossValidation.l2;
    const { engine } = fittedEngine(resources, base.lexiconSenses, l2, facts, tuning);
    const index = new SearchIndex(engine, new SearchView(engine.indexFacts(facts)));
    table[name] = summaryRow(summarize(gradeSet({ facts: new FactBase(facts), index }, heldOut)));
  }
  console.log(`\nAblation on ${heldOut.name}: each row refits the answer model on the tuning sets without one resource`);
  console.table(table);
}

runCli(USAGE, (args) => {
  const files = args.filter((a) => !a.startsWith('--'));
  const facts = loadCuratedData(process.env.DATA_DIR ?? 'data').facts;
  const model = defaultAnswerModel().file;
  console.log(
    `answer model: fitted on ${model.fittedOn.length} tuning sets; thresholds answer ${model.thresholds.answer}, did-you-mean ${model.thresholds.suggest}; ${model.lexiconSenses} WordNet senses`,
  );
  const paths = files.length > 0 ? files : [HELD_OUT_SET, ...TUNING_SETS];
  const grade = setGrader(facts, model.lexiconSenses);
  for (const path of paths) {
    const set = loadQuestionSet(path);
    report(set, grade(set), args.includes('--misses'));
  }
  if (args.includes('--ablation')) ablation(facts, loadQuestionSet(HELD_OUT_SET));
});
