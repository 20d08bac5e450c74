import { readFileSync } from 'node:fs';
import { DataError } from '../errors.ts';
import { describeIssues, parseJsonFile } from '../validation.ts';
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

/** Each fact whose quote is not verbatim in the paragraph it cites, as "id: problem". */
export function findQuoteProblems(facts: readonly Fact[], paragraphs: readonly string[]): string[] {
  return facts.flatMap((fact) => {
    const paragraph = paragraphs[fact.source.paragraph - 1];
    if (paragraph === undefined) {
      return [`${fact.id}: source.paragraph ${fact.source.paragraph} does not exist (the article has ${paragraphs.length})`];
    }
    return paragraph.includes(fact.source.quote)
      ? []
      : [`${fact.id}: source.quote is not verbatim in paragraph ${fact.source.paragraph}; copy it exactly from the article`];
  });
}
