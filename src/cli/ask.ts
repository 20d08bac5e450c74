import { createInterface } from 'node:readline';
import { answerQuestion, nothingToSearch, type Answer, type Knowledge } from '../core/answers/answerQuestion.ts';
import { UserError } from '../core/errors.ts';
import { buildKnowledge, loadCuratedData } from '../core/knowledge.ts';
import { runCli } from './runCli.ts';

const USAGE = `usage:
  npm run ask -- "how many people fled karabakh"     print the answer with its source
  npm run ask -- --json < questions.txt              one question per line in, one JSON object per line out`;

/** The same answer /ask gives, as one JSON-friendly object. */
export function answerAsJson(knowledge: Knowledge, question: string) {
  let answer: Answer;
  let refusal: string | undefined;
  try {
    answer = answerQuestion(knowledge, question);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    answer = nothingToSearch(question);
    refusal = error.message;
  }
  return {
    question: answer.question,
    answered: answer.answered,
    tier: answer.tier,
    factId: answer.fact?.id ?? null,
    didYouMean: answer.didYouMean?.id ?? null,
    answer: answer.fact?.answer ?? refusal ?? 'The article doesn’t say.',
    score: Number(answer.score.toFixed(4)),
    source: answer.fact ? { paragraph: answer.fact.source.paragraph, quote: answer.fact.source.quote } : null,
    suggestions: answer.suggestions.map((f) => f.id),
    correction: answer.correction,
    missing: answer.missing,
  };
}

function printAnswer(knowledge: Knowledge, question: string): void {
  const answer = answerQuestion(knowledge, question);
  if (answer.fact) {
    console.log(answer.fact.answer);
    console.log(`Source: paragraph ${answer.fact.source.paragraph}: “${answer.fact.source.quote}”`);
    console.log(`(fact ${answer.fact.id}, confidence ${answer.score.toFixed(2)})`);
  } else if (answer.didYouMean) {
    console.log(`Did you mean: ${answer.didYouMean.question} [${answer.didYouMean.id}] (confidence ${answer.score.toFixed(2)})`);
  } else {
    console.log('The article doesn’t say.');
  }
  if (answer.suggestions.length > 0) {
    console.log(answer.fact ? 'Related:' : answer.didYouMean ? 'Or perhaps:' : 'Closest facts it does cover:');
    for (const fact of answer.suggestions) console.log(`  - ${fact.question} [${fact.id}, ¶${fact.source.paragraph}]`);
  }
}

runCli(USAGE, async (args) => {
  const knowledge = buildKnowledge(loadCuratedData(process.env.DATA_DIR ?? 'data').facts);
  if (args.includes('--json')) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    // One object per input line, blank ones included, so output line N answers input line N.
    for await (const line of lines) console.log(JSON.stringify(answerAsJson(knowledge, line)));
    return;
  }
  const question = args.filter((a) => !a.startsWith('--')).join(' ');
  if (question.trim() === '') throw new UserError(USAGE);
  printAnswer(knowledge, question);
});
