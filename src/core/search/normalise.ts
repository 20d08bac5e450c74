import { WH_WORDS } from './questionShape.ts';

/**
 * Stage 1 of a question's way through the search: raw text to normalised
 * words, split into clauses, with the clause that asks the question marked.
 * Facts go through the same steps, so both sides spell words alike.
 */

/** The text as words, clause by clause; `core` is the clause that asks (the rest is context). */
export interface NormalisedText {
  clauses: string[][];
  core: number;
}

/** Lowercase, fold accents and typographic punctuation, keep letters, digits and spaces. */
export function foldText(text: string): string {
  // Decomposing accents is the costly step; plain ASCII has none.
  // eslint-disable-next-line no-control-regex -- the ASCII range is the point
  const ascii = /^[\u0000-\u007f]*$/.test(text);
  let out = (ascii ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[ıİ]/g, 'i').replace(/[əƏ]/g, 'e')).toLowerCase();
  // Thousands separators go ("1,000,000" is one number), and "100k" / "100 thousand" are written out.
  if (/\d,\d/.test(out)) out = out.replace(/(\d)[,](?=\d{3}\b)/g, '$1');
  if (/\d\s*(?:k|thousand)\b/.test(out)) out = out.replace(/(\d+)\s*(?:k|thousand)\b/g, '$1000');
  return out
    .replace(/['’‘`´]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const CONTRACTION = /\b(won|can|shan)['’]t\b|n['’]t\b|['’](?:ll|re|ve|d|m)\b/gi;
const CONTRACTED: Readonly<Record<string, string>> = { won: 'will not', can: 'can not', shan: 'shall not' };

/** After these, "'s" is "is" ("who's the host"), not a possessive. */
const IS_CONTRACTED = /\b(who|what|where|when|why|how|that|there|here|it)['’]s\b/gi;

/** "won't" → "will not", "who's" → "who is", "there'll" → "there": no stray "won" or "ll" left to search for. */
function expandContractions(text: string): string {
  if (!/['’]/.test(text)) return text;
  return text.replace(IS_CONTRACTED, '$1 is').replace(CONTRACTION, (match, whole: string | undefined) => {
    if (whole) return CONTRACTED[whole.toLowerCase()]!;
    return /^n/i.test(match) ? ' not' : '';
  });
}

/**
 * "US" the country and "us" the pronoun fold to the same word; written in
 * capitals, or after "the", it is the country, unless the whole message is
 * shouted ("TELL US ABOUT THE REFUGEES"), where capitals say nothing.
 */
function markCountryAcronyms(text: string): string {
  if (!/u\.?s/i.test(text)) return text;
  const shouted = (text.match(/\p{Lu}/gu)?.length ?? 0) > 0.6 * (text.match(/\p{L}/gu)?.length ?? 0);
  const capitals = shouted ? text.replace(/\bU\.S\.(A\.)?/g, 'United States ') : text.replace(/\bU\.?S\.?(A\.?)?(?![\p{L}])/gu, 'United States ');
  return capitals.replace(/\bthe u\.?s\b\.?/gi, 'the United States ');
}

/**
 * "U.N." → "UN", "E.U." → "EU": one word, as written without dots. Left as separate letters,
 * they would read as chat shorthand ("u n" is "you and").
 */
function joinDottedAcronyms(text: string): string {
  if (!/\p{L}\.\p{L}\./u.test(text)) return text;
  return text.replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu, (match) => `${match.replaceAll('.', '')} `);
}

/** Words already folded: the same words come again and again. */
const americanized = new Map<string, string>();

/**
 * British spellings folded to American ones (the form WordNet lists), by the
 * regular patterns: -ise/-isation → -ize/-ization, -yse → -yze, -our → -or,
 * -tre → -ter. Applied to facts and questions alike, so a rare wrong fold costs nothing.
 */
export function americanize(word: string): string {
  if (word.length < 6 || !/is|ys|our|tre/.test(word)) return word;
  let found = americanized.get(word);
  if (found === undefined) {
    found = americanizeWord(word);
    if (americanized.size > 20_000) americanized.clear();
    americanized.set(word, found);
  }
  return found;
}

function americanizeWord(word: string): string {
  const ise = /^([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$/.exec(word);
  if (ise) return `${ise[1]}iz${ise[2]}`;
  const yse = /^([a-z]{3,})ys(e|es|ed|ing)$/.exec(word);
  if (yse) return `${yse[1]}yz${yse[2]}`;
  const our = /^([a-z]{3,}[^aeiou])our(s|ed|ing|able|ite|ites)?$/.exec(word);
  if (our) return `${our[1]}or${our[2] ?? ''}`;
  const tre = /^([a-z]{3,})tre(s|d)?$/.exec(word);
  if (tre) return `${tre[1]}ter${tre[2] ?? ''}`;
  return word;
}

const CLAUSE_BREAK = /([.!?;:\n]+|,\s+|\s[-–—]+\s|[()])/;
/** Auxiliaries that open a yes/no question ("did they sign?"). */
const ASKING_AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'has', 'have', 'had', 'should']);

/**
 * Split into clauses and normalise each to words. `expand` turns one word into
 * its written-out form (chat shorthand); it may return several words.
 */
export function normaliseText(raw: string, expand: (word: string) => string, expandPunctuated: (text: string) => string = (t) => t): NormalisedText {
  // With a capturing group, split() alternates clause, break, clause, break...
  const parts = joinDottedAcronyms(markCountryAcronyms(expandPunctuated(expandContractions(raw)))).split(CLAUSE_BREAK);
  const clauses: string[][] = [];
  const asked: boolean[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const folded = foldText(parts[i]!);
    if (folded === '') continue;
    const list: string[] = [];
    for (const word of folded.split(' ')) {
      const expanded = expand(word);
      if (expanded === word) list.push(americanize(word));
      else for (const part of expanded.split(' ')) if (part !== '') list.push(americanize(part));
    }
    if (list.length === 0) continue;
    const endsWithQuestionMark = (parts[i + 1] ?? '').includes('?');
    clauses.push(list);
    asked.push(endsWithQuestionMark || ASKING_AUXILIARIES.has(list[0]!) || list.some((w) => WH_WORDS.has(w)));
  }
  return { clauses, core: coreClause(asked) };
}

/** The last clause that asks something, else the last clause. */
function coreClause(asked: readonly boolean[]): number {
  for (let i = asked.length - 1; i >= 0; i--) if (asked[i]) return i;
  return Math.max(0, asked.length - 1);
}

