import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/errors.ts';
import { FactBase } from '../../../src/core/facts/factBase.ts';
import { findQuoteProblems, loadArticle, parseFactFile, withArticleQuotes } from '../../../src/core/facts/loadFacts.ts';
import { loadCuratedData } from '../../../src/core/knowledge.ts';

/** sha256 of ../shared/source/article.txt, the only source of truth for the facts. */
const ARTICLE_SHA256 = '250647b366fb261f575f9b3ed8f06ef3a169aa95ab7bb01b501fba7feceaeb6e';
const curated = loadCuratedData('data');
const rawFile = () => JSON.parse(readFileSync('data/facts.json', 'utf8')) as { schemaVersion: number; facts: Array<Record<string, unknown>> };

describe('the curated fact base', () => {
  it('GIVEN data/facts.json THEN every quote appears verbatim in the paragraph it cites', () => {
    const paragraphs = loadArticle('data/article.txt');
    expect(findQuoteProblems(curated.facts, paragraphs)).toEqual([]);
    for (const fact of curated.facts) {
      expect(paragraphs[fact.source.paragraph - 1]).toContain(fact.source.quote);
    }
  });

  it('GIVEN the data article THEN it is the source article, unchanged', () => {
    const digest = createHash('sha256').update(readFileSync('data/article.txt')).digest('hex');
    expect(digest).toBe(ARTICLE_SHA256);
  });

  it('GIVEN the facts THEN they cover the article paragraphs 1 to 13', () => {
    const cited = new Set(curated.facts.map((f) => f.source.paragraph));
    for (let p = 1; p <= 13; p++) expect(cited, `paragraph ${p}`).toContain(p);
  });

  it('GIVEN the facts THEN every fact has several phrasings and aliases are where names vary', () => {
    for (const fact of curated.facts) expect(fact.questions.length, fact.id).toBeGreaterThanOrEqual(3);
    const allAliases = curated.facts.flatMap((f) => f.aliases.map((a) => a.toLowerCase()));
    for (const alias of ['aliev', 'pashinian', 'karabakh', 'artsakh', 'european union', 'moscow', 'kremlin', 'congo', 'uae']) {
      expect(allAliases.some((a) => a.includes(alias)), alias).toBe(true);
    }
  });

  it('GIVEN a fact citing a paragraph that does not exist THEN the problem names the fact and the field', () => {
    const fact = { ...curated.facts[0]!, source: { paragraph: 99, quote: 'x' } };
    expect(findQuoteProblems([fact], ['only one'])).toEqual([
      `${fact.id}: source.paragraph 99 does not exist (the article has 1)`,
    ]);
  });

  it('GIVEN a quote typed with straight marks and a hyphen where the article has curly ones and a dash THEN it is no problem, and is stored as the article writes it', () => {
    const fact = { ...curated.facts[0]!, source: { paragraph: 7, quote: "Trump's earlier involvement in the Democratic Republic of Congo-Rwanda" } };
    expect(findQuoteProblems([fact], curated.paragraphs)).toEqual([]);
    expect(withArticleQuotes([fact], curated.paragraphs)[0]!.source.quote).toBe('Trump’s earlier involvement in the Democratic Republic of Congo–Rwanda');
  });

  it('GIVEN a quote from another paragraph THEN the problem says which paragraph holds it', () => {
    const fact = { ...curated.facts[0]!, source: { paragraph: 4, quote: 'A senior U.S. official told Reuters' } };
    expect(findQuoteProblems([fact], curated.paragraphs)).toEqual([`${fact.id}: source.quote is not verbatim in paragraph 4; it is in paragraph 3`]);
  });

  it('GIVEN a misremembered quote THEN the problem names the closest passage of the paragraph it cites', () => {
    const fact = { ...curated.facts[0]!, source: { paragraph: 7, quote: 'Trump’s early involvement in the Republic of Congo' } };
    expect(findQuoteProblems([fact], curated.paragraphs)).toEqual([
      `${fact.id}: source.quote is not verbatim in paragraph 7; the closest passage there is "Trump’s earlier involvement in the Democratic Republic of"; copy the quote from the article`,
    ]);
  });

  it('GIVEN a broken fact file THEN every problem is reported with its field path', () => {
    const file = rawFile();
    file.facts[2] = { ...file.facts[2], answer: '', topic: 'weather' };
    let message = '';
    try {
      parseFactFile(JSON.stringify(file), 'facts.json');
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      message = (error as Error).message;
    }
    expect(message).toContain('facts[2].answer: must not be empty');
    expect(message).toContain('facts[2].topic: must be one of');
  });

  it('GIVEN two facts with one id THEN the duplicate is reported with its position', () => {
    const file = rawFile();
    file.facts[3] = { ...file.facts[3], id: file.facts[0]!.id };
    expect(() => parseFactFile(JSON.stringify(file), 'facts.json')).toThrow(`facts[3].id: duplicate id "${file.facts[0]!.id as string}"`);
  });

  it('GIVEN text that is not JSON THEN the error names the file and says to fix the syntax', () => {
    expect(() => parseFactFile('{ nope', 'data/facts.json')).toThrow(/data\/facts.json: is not valid JSON/);
  });
});

describe('FactBase', () => {
  const base = new FactBase(curated.facts);

  it('GIVEN dated facts THEN the timeline is in date order', () => {
    const sorts = base.timeline().map((f) => f.date!.sort);
    expect(sorts.length).toBeGreaterThanOrEqual(8);
    expect([...sorts].sort()).toEqual(sorts);
  });

  it('GIVEN a fact THEN related facts never include itself and are at most the limit', () => {
    for (const fact of curated.facts) {
      const related = base.related(fact, 3);
      expect(related.length).toBeLessThanOrEqual(3);
      expect(related.map((f) => f.id)).not.toContain(fact.id);
    }
  });
});
