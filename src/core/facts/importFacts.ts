import { describeIssues } from '../validation.ts';
import { findQuoteProblems } from './loadFacts.ts';
import { factImportSchema, factSchema, type Fact } from './schema.ts';

/** Largest import accepted: far above a real fact base, far below what could hurt the bot. */
export const MAX_IMPORT_BYTES = 1_000_000;

const FILE_SHAPE = 'The file must be a JSON object like {"schemaVersion": 1, "facts": [...]}, the format /factadmin export makes.';

export type ImportCheck = { ok: true; facts: Fact[] } | { ok: false; problems: string[] };

/**
 * Validate a whole fact file before anything is applied: JSON, schema and
 * verbatim quotes. Each problem names the fact by id (or position) and the field.
 */
export function checkImport(text: string, paragraphs: readonly string[]): ImportCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`The file is not valid JSON: ${(error as Error).message}`] };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, problems: [FILE_SHAPE] };
  }
  const parsed = factImportSchema.safeParse(json);
  if (!parsed.success) {
    const rawFacts = (json as { facts?: unknown }).facts;
    const idAt = (index: number): string | undefined => {
      const raw = Array.isArray(rawFacts) ? (rawFacts[index] as { id?: unknown } | undefined) : undefined;
      return typeof raw?.id === 'string' && raw.id !== '' ? raw.id : undefined;
    };
    const problems = describeIssues(parsed.error).map((line) =>
      line.replace(/^facts\[(\d+)\]\.?/, (_m, index: string) => {
        const id = idAt(Number(index));
        return id ? `fact "${id}" (#${Number(index) + 1}) ` : `fact #${Number(index) + 1} `;
      }),
    );
    // Facts that are valid on their own still get their quotes checked, so one pass reports everything.
    const validFacts = (Array.isArray(rawFacts) ? rawFacts : []).flatMap((raw) => {
      const fact = factSchema.safeParse(raw);
      return fact.success ? [fact.data] : [];
    });
    return { ok: false, problems: [...problems, ...quoteProblemsOf(validFacts, paragraphs)] };
  }
  const quoteProblems = quoteProblemsOf(parsed.data.facts, paragraphs);
  return quoteProblems.length > 0 ? { ok: false, problems: quoteProblems } : { ok: true, facts: parsed.data.facts };
}

function quoteProblemsOf(facts: readonly Fact[], paragraphs: readonly string[]): string[] {
  return findQuoteProblems(facts, paragraphs).map((p) => `fact "${p.replace(': ', '" ')}`);
}
