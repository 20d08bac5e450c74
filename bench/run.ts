/**
 * npm run bench: retrieval latency against a naive fuse.js baseline, interaction
 * round trips through the fake Discord, start-up time and resident memory.
 * Every figure is the median of several runs; ratios compare with a baseline
 * measured in the same run, because this machine is shared and noisy.
 */
import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { loadQuestionSet } from '../src/core/answers/questionSet.ts';
import { loadCuratedData } from '../src/core/knowledge.ts';
import { interactionLatency, processFigures } from './discord.ts';
import { baselineTop1, ourTop1, retrievalLatency, syntheticFacts } from './retrieval.ts';
import { mb, medianOf, ms, ratio } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const curated = loadCuratedData('data').facts;
const fixture = loadQuestionSet('test/fixtures/questions.json').questions;
// Questions with no words at all are refused before any search, so they are left out of the timings.
const questions = fixture.map((q) => q.question).filter((q) => /[\p{L}\p{N}]/u.test(q));

console.log(`factbot benchmark — ${new Date().toISOString()}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; median of ${RUNS} runs\n`);

console.log('Retrieval, per question (ours vs fuse.js defaults over the question text)');
const retrieval: Record<string, Record<string, string>> = {};
for (const size of [50, 1000, 10000]) {
  const facts = syntheticFacts(curated, size);
  const { ours, baseline } = await retrievalLatency(facts, questions, RUNS);
  retrieval[`${size} facts`] = {
    'ours p50': ms(ours.p50),
    'ours p99': ms(ours.p99),
    'baseline p50': ms(baseline.p50),
    'baseline p99': ms(baseline.p99),
    'p99 ours/baseline': ratio(ours.p99, baseline.p99),
    'index build': ms(ours.buildMs),
    'top-1 ours': `${(ourTop1(facts, fixture) * 100).toFixed(1)}%`,
    'top-1 baseline': size <= 1000 ? `${(baselineTop1(facts, fixture) * 100).toFixed(1)}%` : '(too slow)',
  };
}
console.table(retrieval);

console.log('\nThrough the fake Discord: dispatch to reply received');
const e2e = await medianOf(RUNS, () => interactionLatency(questions, 200));
console.table({
  '/ask': { p50: ms(e2e.askP50), p99: ms(e2e.askP99), 'vs /help (p50)': ratio(e2e.askP50, e2e.helpP50), 'vs /help (p99)': ratio(e2e.askP99, e2e.helpP99) },
  '/help (baseline, no search)': { p50: ms(e2e.helpP50), p99: ms(e2e.helpP99) },
  'autocomplete /ask': { p50: ms(e2e.autocompleteP50), p99: ms(e2e.autocompleteP99) },
});

console.log('\nnpm start: start-up (process start to commands registered) and resident memory');
execSync('npm run build --silent', { stdio: 'inherit' });
const processes: Record<string, Record<string, string>> = {};
for (const guilds of [1, 100]) {
  const figures = await medianOf(RUNS, () => processFigures(guilds, { soak: guilds === 100 ? 2000 : 0 }));
  processes[`${guilds} guild${guilds > 1 ? 's' : ''}`] = {
    'start-up': ms(figures.startupMs),
    'memory idle': mb(figures.idleBytes),
    'memory after 2,000 questions': Number.isNaN(figures.soakedBytes) ? '-' : mb(figures.soakedBytes),
  };
}
console.table(processes);
