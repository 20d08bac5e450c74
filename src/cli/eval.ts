import { readFileSync } from 'node:fs';
import { evalFixtureSchema, evaluate } from '../core/answers/evaluate.ts';
import { ANSWER_THRESHOLD } from '../core/answers/answerQuestion.ts';
import { buildKnowledge, loadCuratedData } from '../core/knowledge.ts';
import { runCli } from './runCli.ts';

const USAGE = 'usage: npm run eval -- [fixture.json ...] [--misses]';

runCli(USAGE, (args) => {
  const showMisses = args.includes('--misses');
  const files = args.filter((a) => !a.startsWith('--'));
  const knowledge = buildKnowledge(loadCuratedData(process.env.DATA_DIR ?? 'data').facts);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const file of files.length > 0 ? files : ['test/fixtures/questions.json']) {
    const fixture = evalFixtureSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const report = evaluate(knowledge, fixture);
    console.log(`${file}  (threshold ${ANSWER_THRESHOLD})`);
    console.table({
      'top-1 accuracy (in scope)': pct(report.top1),
      'MRR (in scope)': report.mrr.toFixed(3),
      'wrongly declined (in scope)': pct(report.falseAbstention),
      'declined (off topic)': pct(report.offTopicAbstention),
      'questions (in scope / off topic)': `${report.inScope} / ${report.offTopic}`,
    });
    if (showMisses) {
      for (const m of report.misses) {
        console.log(`  ${m.score.toFixed(3)}  expected ${m.expected ?? '(decline)'}  got ${m.got ?? '(declined)'}  «${m.question}»`);
      }
    }
  }
});
