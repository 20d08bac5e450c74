import { z } from 'zod';
import { describeIssues } from '../validation.ts';
import { CAPS } from './caps.ts';
import { findQuoteProblems, withArticleQuotes } from './loadFacts.ts';
import { FACTS_SCHEMA_VERSION, factSchema, LIMITS, type Fact } from './schema.ts';

const FILE_SHAPE = 'The file must be a JSON object like {"schemaVersion": 1, "facts": [...]}, the format /factadmin export makes.';

export type ImportCheck =
  | { ok: true; facts: Fact[] }
  /**
   * The first CAPS.reportedProblems problems; `total` counts every one found in the file, and
   * `complete` is false when some of them are not listed.
   */
  | { ok: false; problems: string[]; complete: boolean; total: number };

/** The file around the facts; each fact is checked on its own so the problems can stop early. */
const envelopeSchema = z.object({
  schemaVersion: z.literal(FACTS_SCHEMA_VERSION),
  facts: z.array(z.unknown()).min(1, 'must hold at least one fact'),
});

/** "The file holds 333,320 facts; …": said before a single fact is checked. */
function tooManyFacts(count: number): string {
  return `The file holds ${count.toLocaleString('en-US')} facts; one import may hold at most ${CAPS.importFacts.toLocaleString('en-US')}. Split it into smaller files.`;
}

/**
 * Validate a whole fact file before anything is applied: JSON, size, schema, unique ids and
 * verbatim quotes. Each problem names the fact by id (or position) and the field. Lists the first
 * CAPS.reportedProblems problems and counts the rest, so a broken file of the largest size
 * (CAPS.importFacts facts) still gets a small report that says how much is left to fix.
 */
export function checkImport(text: string, paragraphs: readonly string[]): ImportCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refused(`The file is not valid JSON: ${(error as Error).message}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return refused(FILE_SHAPE);
  const rawFacts = (json as { facts?: unknown }).facts;
  // Counted before anything else looks at the facts: an oversized file is refused at the cost of JSON.parse.
  if (Array.isArray(rawFacts) && rawFacts.length > CAPS.importFacts) return refused(tooManyFacts(rawFacts.length));
  const envelope = envelopeSchema.safeParse(json);
  const problems = new ProblemList();
  if (!envelope.success) {
    problems.add(...describeIssues(envelope.error));
    return problems.refusal();
  }

  const facts: Fact[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of envelope.data.facts.entries()) {
    const parsed = factSchema.safeParse(raw);
    if (!parsed.success) {
      const name = factName(raw, index);
      problems.add(...describeIssues(parsed.error).map((line) => `${name} ${line}`));
    } else if (seen.has(parsed.data.id)) {
      problems.add(`${factName(raw, index)} id: duplicate id "${parsed.data.id}"`);
    } else {
      seen.add(parsed.data.id);
      facts.push(parsed.data);
      problems.add(...findQuoteProblems([parsed.data], paragraphs).map((p) => `fact "${p.replace(': ', '" ')}`));
    }
  }
  // Stored as the article writes each quote, whatever marks the file used.
  return problems.total > 0 ? problems.refusal() : { ok: true, facts: withArticleQuotes(facts, paragraphs) };
}

function refused(problem: string): ImportCheck {
  return { ok: false, problems: [problem], complete: true, total: 1 };
}

/** `fact "summit-day" (#2)`, or `fact #2` when it has no usable id; a huge id is cut, so a report stays small. */
function factName(raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id === '') return `fact #${index + 1}`;
  return `fact "${id.length > LIMITS.idLength ? `${id.slice(0, LIMITS.idLength)}…` : id}" (#${index + 1})`;
}

/** The first CAPS.reportedProblems problems, and how many were found in all. */
class ProblemList {
  private readonly lines: string[] = [];
  total = 0;

  add(...lines: string[]): void {
    for (const line of lines) {
      this.total += 1;
      if (this.lines.length < CAPS.reportedProblems) this.lines.push(line);
    }
  }

  refusal(): ImportCheck {
    return { ok: false, problems: this.lines, complete: this.total === this.lines.length, total: this.total };
  }
}
