import { findQuoteProblems, withArticleQuotes } from './loadFacts.ts';
import { LIMITS, TOPIC_IDS, factSchema, type Fact } from './schema.ts';

/** The five fields of the moderators' fact form, as typed (Discord modals hold at most five). */
export interface FactForm {
  question: string;
  answer: string;
  /**
   * One kind per line: "keywords: a, b", "aliases: c, d", "asked: another phrasing?" (one per
   * line) and "date: 2025-08-08 Friday 8 August"; a bare line counts as keywords.
   */
  terms: string;
  topic: string;
  /** "5: the verbatim quote" — the paragraph number, a colon, then the quote. */
  source: string;
}

/** What each form field is called in messages, so problems name what the moderator sees. */
export const FORM_LABELS: Record<keyof FactForm, string> = {
  question: 'Question',
  answer: 'Answer',
  terms: 'Keywords, aliases, phrasings, date',
  topic: 'Topic',
  source: 'Source (paragraph: quote)',
};

/** Which form field a schema path belongs to. */
function fieldOf(path: ReadonlyArray<PropertyKey>): keyof FactForm {
  switch (path[0]) {
    case 'question':
      return 'question';
    case 'answer':
      return 'answer';
    case 'keywords':
    case 'aliases':
    case 'questions':
    case 'date':
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
    terms: [
      `keywords: ${fact.keywords.join(', ')}`,
      `aliases: ${fact.aliases.join(', ')}`,
      ...fact.questions.map((q) => `asked: ${q}`),
      ...(fact.date ? [`date: ${fact.date.sort} ${fact.date.label}`] : []),
    ].join('\n'),
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

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-08-08" -> "8 August 2025", "2025-08" -> "August 2025": the label when the moderator gives none. */
function dateLabel(sort: string): string {
  const [year = '', month, day] = sort.split('-');
  const monthName = month === undefined ? undefined : MONTHS[Number(month) - 1];
  if (monthName === undefined) return year;
  return day === undefined ? `${monthName} ${year}` : `${Number(day)} ${monthName} ${year}`;
}

interface Terms {
  keywords: string[];
  aliases: string[];
  questions: string[];
  date?: { sort: string; label: string };
}

/** The terms field, line by line; see FactForm.terms. */
function parseTerms(text: string): Terms {
  const terms: Terms = { keywords: [], aliases: [], questions: [] };
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(keywords?|aliases?|(?:also )?asked|phrasings?|date)\s*:(.*)$/i.exec(line);
    const kind = match?.[1]!.toLowerCase() ?? 'keywords';
    const rest = match ? match[2]!.trim() : line;
    if (kind.startsWith('alias')) terms.aliases.push(...splitTerms(rest));
    else if (kind.endsWith('asked') || kind.startsWith('phrasing')) {
      if (rest !== '') terms.questions.push(rest);
    } else if (kind === 'date') {
      const [sort = '', ...label] = rest.split(/\s+/);
      if (sort !== '') terms.date = { sort, label: label.join(' ') || dateLabel(sort) };
    } else terms.keywords.push(...splitTerms(rest));
  }
  return terms;
}

/**
 * Turn the form into a fact with the same schema as data/facts.json, keeping what the form does
 * not show (related facts) from `base`. The quote is stored as the article writes it, so a
 * quote typed with ’ for ' (or – for -) still cites the article verbatim. Every problem names
 * the form field it is in.
 */
export function factFromForm(form: FactForm, id: string, paragraphs: readonly string[], base?: Fact): FormResult {
  const problems: string[] = [];
  const { keywords, aliases, questions, date } = parseTerms(form.terms);
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
    questions,
    answer: form.answer,
    keywords,
    aliases,
    source: source ? { paragraph: Number(source[1]), quote: source[2]!.trim() } : { paragraph: 1, quote: '-' },
    ...(date ? { date } : {}),
    related: base?.related ?? [],
  };
  const parsed = factSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === 'topic' && problems.some((p) => p.startsWith(FORM_LABELS.topic))) continue;
      problems.push(`${FORM_LABELS[fieldOf(issue.path)]}${issueDetail(issue.path)}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const quoteProblem = findQuoteProblems([parsed.data], paragraphs)[0];
  if (quoteProblem) return { ok: false, problems: [`${FORM_LABELS.source}: ${quoteProblem.replace(/^[^:]+: /, '')}`] };
  return { ok: true, fact: withArticleQuotes([parsed.data], paragraphs)[0]! };
}

/** Which line of the terms field a problem is in: "(asked 2)", "(date)", "(item 3)". */
function issueDetail(path: ReadonlyArray<PropertyKey>): string {
  const index = typeof path[1] === 'number' ? path[1] + 1 : undefined;
  if (path[0] === 'questions') return index === undefined ? ' (asked)' : ` (asked ${index})`;
  if (path[0] === 'date') return ' (date)';
  return path.length > 1 && index !== undefined ? ` (item ${index})` : '';
}
