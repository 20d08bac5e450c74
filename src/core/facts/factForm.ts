import { findQuoteProblems } from './loadFacts.ts';
import { LIMITS, TOPIC_IDS, factSchema, type Fact } from './schema.ts';

/** The five fields of the moderators' fact form, as typed (Discord modals hold at most five). */
export interface FactForm {
  question: string;
  answer: string;
  /** "keywords: a, b" on one line and "aliases: c, d" on another; a bare line counts as keywords. */
  terms: string;
  topic: string;
  /** "5: the verbatim quote" — the paragraph number, a colon, then the quote. */
  source: string;
}

/** What each form field is called in messages, so problems name what the moderator sees. */
export const FORM_LABELS: Record<keyof FactForm, string> = {
  question: 'Question',
  answer: 'Answer',
  terms: 'Keywords and aliases',
  topic: 'Topic',
  source: 'Source (paragraph: quote)',
};

/** Which form field a schema path belongs to. */
function fieldOf(path: ReadonlyArray<PropertyKey>): keyof FactForm {
  switch (path[0]) {
    case 'question':
    case 'questions':
      return 'question';
    case 'answer':
      return 'answer';
    case 'keywords':
    case 'aliases':
      return 'terms';
    case 'topic':
      return 'topic';
    default:
      return 'source';
  }
}

/** Terms are separated by commas, except a comma between digits ("100,000" is one term). */
function splitTerms(line: string): string[] {
  return line
    .split(/(?<!\d),|,(?!\d)/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** A fact shown in the form again, for /factadmin edit. */
export function factToForm(fact: Fact): FactForm {
  return {
    question: fact.question,
    answer: fact.answer,
    terms: `keywords: ${fact.keywords.join(', ')}\naliases: ${fact.aliases.join(', ')}`,
    topic: fact.topic,
    source: `${fact.source.paragraph}: ${fact.source.quote}`,
  };
}

/** A readable, stable id from the question: "Who hosts the talks?" -> "who-hosts-the-talks". */
export function idFromQuestion(question: string, taken: (id: string) => boolean): string {
  const base =
    question
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, LIMITS.idLength - 4)
      .replace(/-+$/g, '') || 'fact';
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

export type FormResult = { ok: true; fact: Fact } | { ok: false; problems: string[] };

/**
 * Turn the form into a fact with the same schema as data/facts.json, keeping
 * what the form does not show (other phrasings, date, related) from `base`.
 * Every problem names the form field it is in.
 */
export function factFromForm(form: FactForm, id: string, paragraphs: readonly string[], base?: Fact): FormResult {
  const problems: string[] = [];
  const keywords: string[] = [];
  const aliases: string[] = [];
  for (const line of form.terms.split(/\r?\n/)) {
    const match = /^\s*(keywords?|aliases?)\s*:(.*)$/i.exec(line);
    if (match && /^alias/i.test(match[1]!)) aliases.push(...splitTerms(match[2]!));
    else keywords.push(...splitTerms(match ? match[2]! : line));
  }
  const source = /^\s*¶?\s*(\d+)\s*[:.\-–]\s*([\s\S]+)$/.exec(form.source);
  if (!source) problems.push(`${FORM_LABELS.source}: write the paragraph number, a colon, then the quote, like "5: an estimated 100,000 ethnic Armenians"`);
  const topic = form.topic.trim().toLowerCase();
  if (!(TOPIC_IDS as readonly string[]).includes(topic)) {
    problems.push(`${FORM_LABELS.topic}: must be one of ${TOPIC_IDS.join(', ')}`);
  }
  const candidate = {
    id,
    topic,
    question: form.question,
    questions: base?.questions ?? [],
    answer: form.answer,
    keywords,
    aliases,
    source: source ? { paragraph: Number(source[1]), quote: source[2]!.trim() } : { paragraph: 1, quote: '-' },
    ...(base?.date ? { date: base.date } : {}),
    related: base?.related ?? [],
  };
  const parsed = factSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'topic' && problems.some((p) => p.startsWith(FORM_LABELS.topic))) continue;
      const detail = issue.path.length > 1 && typeof issue.path[1] === 'number' ? ` (item ${issue.path[1] + 1})` : '';
      problems.push(`${FORM_LABELS[fieldOf(issue.path)]}${detail}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const quoteProblem = findQuoteProblems([parsed.data], paragraphs)[0];
  if (quoteProblem) return { ok: false, problems: [`${FORM_LABELS.source}: ${quoteProblem.replace(/^[^:]+: /, '')}`] };
  return { ok: true, fact: parsed.data };
}
