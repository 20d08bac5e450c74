import { join } from 'node:path';
import type { Knowledge } from './answers/answerQuestion.ts';
import { DataError } from './errors.ts';
import { FactBase } from './facts/factBase.ts';
import { findQuoteProblems, loadArticle, loadFactFile, withArticleQuotes } from './facts/loadFacts.ts';
import type { Fact } from './facts/schema.ts';
import { SearchIndex } from './search/searchIndex.ts';

export const FACTS_FILE = 'facts.json';
export const ARTICLE_FILE = 'article.txt';

export interface CuratedData {
  facts: Fact[];
  paragraphs: string[];
}

/** Load and fully check the curated data: schema, and every quote verbatim in its paragraph. */
export function loadCuratedData(dataDir: string): CuratedData {
  const factsPath = join(dataDir, FACTS_FILE);
  const file = loadFactFile(factsPath);
  const paragraphs = loadArticle(join(dataDir, ARTICLE_FILE));
  const problems = findQuoteProblems(file.facts, paragraphs);
  if (problems.length > 0) {
    throw new DataError(`${factsPath}: ${problems.length} source problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  // Quotes typed with other apostrophes or dashes pass the check; the facts carry the article's own wording.
  return { facts: withArticleQuotes(file.facts, paragraphs), paragraphs };
}

export function buildKnowledge(facts: readonly Fact[]): Knowledge {
  return { facts: new FactBase(facts), index: SearchIndex.of(facts) };
}
