import { readFileSync } from 'node:fs';
import { DataError } from '../errors.ts';
import { describeIssues, parseJsonFile } from '../validation.ts';
import { closestPassage, findInParagraph } from './quoteMatch.ts';
import { factFileSchema, type Fact, type FactFile } from './schema.ts';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check DATA_DIR points at the folder holding facts.json and article.txt.`);
  }
}

/** Parse and validate a fact file's text; every problem is reported with its field. */
export function parseFactFile(text: string, name: string): FactFile {
  const json = parseJsonFile(text, name);
  const parsed = factFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error).map((line) => `  - ${line}`);
    throw new DataError(`${name}: ${lines.length} problem(s); fix each field named below:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadFactFile(path: string): FactFile {
  return parseFactFile(readText(path), path);
}

/** The article's paragraphs, numbered from 1 as the facts cite them. */
export function loadArticle(path: string): string[] {
  const paragraphs = readText(path)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (paragraphs.length === 0) throw new DataError(`${path}: is empty. Put the source article there, one paragraph per line.`);
  return paragraphs;
}

/**
 * Each fact whose quote is not in the paragraph it cites, as "id: problem". Apostrophes, quotation
 * marks, dashes and spaces may differ from the article (see quoteMatch.ts); the problem names the
 * paragraph that does hold the quote, or else the closest passage of the cited one.
 */
export function findQuoteProblems(facts: readonly Fact[], paragraphs: readonly string[]): string[] {
  return facts.flatMap((fact) => {
    const { paragraph: number, quote } = fact.source;
    const paragraph = paragraphs[number - 1];
    if (paragraph === undefined) {
      return [`${fact.id}: source.paragraph ${number} does not exist (the article has ${paragraphs.length})`];
    }
    if (findInParagraph(paragraph, quote) !== undefined) return [];
    const elsewhere = paragraphs.findIndex((p) => findInParagraph(p, quote) !== undefined);
    const hint =
      elsewhere >= 0
        ? `it is in paragraph ${elsewhere + 1}`
        : `the closest passage there is "${clip(closestPassage(paragraph, quote), 200)}"; copy the quote from the article`;
    return [`${fact.id}: source.quote is not verbatim in paragraph ${number}; ${hint}`];
  });
}

/**
 * The facts with each quote as the article writes it (’ or ', – or -), so a card always quotes the
 * article verbatim. Call after findQuoteProblems found none; a quote not found is left as it is.
 */
export function withArticleQuotes(facts: readonly Fact[], paragraphs: readonly string[]): Fact[] {
  return facts.map((fact) => {
    const paragraph = paragraphs[fact.source.paragraph - 1];
    const quote = paragraph === undefined ? undefined : findInParagraph(paragraph, fact.source.quote);
    return quote === undefined || quote === fact.source.quote ? fact : { ...fact, source: { ...fact.source, quote } };
  });
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
