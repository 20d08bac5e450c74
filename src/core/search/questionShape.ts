/**
 * What kind of answer a question wants (a person, a time, a place, a number,
 * a reason) and whether it asks about now or the past. Read from the words of
 * the asking clause before stop words are dropped, since "who" and "when" are
 * exactly the words a bag-of-words search throws away.
 */

/** The words that open a question ("who", "which"...). */
export const WH_WORDS: ReadonlySet<string> = new Set(['who', 'whom', 'whose', 'what', 'when', 'where', 'why', 'how', 'which']);

/** who: a person, group or country; when: a time; where: a place; how-many: a number; why: a reason. */
export const ANSWER_TYPES = ['who', 'when', 'where', 'how-many', 'why'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export interface QuestionShape {
  /** The kind of answer asked for; null for "what ..." and yes/no questions. */
  wants: AnswerType | null;
  /** Asks about now or what is coming, with nothing pointing to the past. */
  present: boolean;
  /** Points to the past ("last", "did", "before"). */
  past: boolean;
  /** Asks for a year ("what year", "which year"). */
  year: boolean;
  /** Asks for a name ("name of", "who is the ..."). */
  name: boolean;
  /**
   * The words naming whom or what a name is asked for ("the name of [the senior
   * official]", "which [human rights organisations]"), as [start, end) in the
   * asking words; null when no name is asked for.
   */
  nameOf: readonly [number, number] | null;
}

/** "how many", "how old", "how big": the answer is a number. */
const HOW_MUCH = new Set(['many', 'much', 'old', 'big', 'large', 'small', 'tall', 'far', 'often', 'few']);
const TIME_NOUNS = new Set(['year', 'date', 'day', 'month', 'week', 'time', 'decade', 'century']);
const PLACE_NOUNS = new Set(['city', 'place', 'venue', 'location', 'capital', 'building', 'region']);
/** "which leaders", "which countries": asks for names. */
const WHO_NOUNS = new Set(['person', 'leader', 'leaders', 'president', 'minister', 'official', 'officials', 'people', 'country', 'countries']);
const PAST_WORDS = new Set(['last', 'previous', 'previously', 'before', 'earlier', 'ago', 'formerly', 'did', 'was', 'were', 'had', 'used', 'past', 'originally', 'since']);
const PRESENT_WORDS = new Set(['now', 'currently', 'today', 'nowadays', 'upcoming', 'will', 'going', 'next', 'soon', 'still', 'do', 'does', 'is', 'are']);

/** Words that end the phrase a name is asked for: verbs and the start of a new phrase. */
const PHRASE_END = new Set(['who', 'that', 'which', 'did', 'does', 'do', 'is', 'was', 'are', 'were', 'has', 'have', 'had', 'will', 'in', 'at', 'for', 'to', 'from', 'by', 'with', 'and', 'about', 'on']);
const MAX_NAME_PHRASE = 5;

/** The phrase after "name of", "who is", "which" (not a time or place), or before "name": what a name is asked for. */
function nameSpan(words: readonly string[], inNames: ReadonlySet<number>): readonly [number, number] | null {
  const phraseFrom = (start: number): readonly [number, number] | null => {
    let i = start;
    while (words[i] === 'the' || words[i] === 'a' || words[i] === 'an') i++;
    let end = i;
    while (end < words.length && end - i < MAX_NAME_PHRASE && !PHRASE_END.has(words[end]!) && (inNames.has(end) || !/^[a-z]{4,}ed$/.test(words[end]!))) end++;
    return end > i ? [i, end] : null;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1] ?? '';
    if (word === 'name' && next === 'of') return phraseFrom(i + 2);
    // "Name the analysts who warned ...": the imperative.
    if ((word === 'name' || word === 'list') && i === 0) return phraseFrom(i + 1);
    // "who is the host" asks for a name; "who is hosting" asks who does something.
    if (word === 'who' && ['is', 'was', 'are', 'were'].includes(next) && !(words[i + 2] ?? '').endsWith('ing')) return phraseFrom(i + 2);
    if (word === 'which' && !TIME_NOUNS.has(next) && !PLACE_NOUNS.has(next)) return phraseFrom(i + 1);
    if (word === 'name' && i > 0 && next !== 'of') {
      let start = i;
      while (start > 0 && i - start < MAX_NAME_PHRASE && !PHRASE_END.has(words[start - 1]!) && !['what', 'is', 'the'].includes(words[start - 1]!)) start--;
      return start < i ? [start, i] : null;
    }
  }
  return null;
}

/** Nouns whose value is a number: "what is the population of ..." asks how many. */
const QUANTITY_NOUNS = new Set(['population', 'number', 'size', 'amount', 'count', 'total', 'age', 'cost', 'price', 'budget', 'percentage', 'percent', 'distance', 'area', 'toll']);

/** The kind of answer the question word at `i` asks for, if it asks for one. */
function kindAt(words: readonly string[], i: number): AnswerType | null {
  const word = words[i]!;
  const next = words[i + 1] ?? '';
  if (word === 'what' || word === 'which') {
    // "what is the population of", "what's the size of": skip "is/was/are" and "the" to the noun.
    let j = i + 1;
    while (['is', 'was', 'are', 'were', 'the', 'a', 'an'].includes(words[j] ?? '')) j++;
    if (QUANTITY_NOUNS.has(words[j] ?? '')) return 'how-many';
  }
  if (word === 'how' && HOW_MUCH.has(next)) return 'how-many';
  if (word === 'how' && next === 'long') return 'when';
  if (word === 'number' && next === 'of') return 'how-many';
  if (word === 'when') return 'when';
  if (word === 'where') return 'where';
  if (word === 'why' || (word === 'how' && next === 'come')) return 'why';
  if (word === 'who' || word === 'whom' || word === 'whose') return 'who';
  if ((word === 'what' || word === 'which') && TIME_NOUNS.has(next)) return 'when';
  if ((word === 'what' || word === 'which') && PLACE_NOUNS.has(next)) return 'where';
  if (word === 'which' && WHO_NOUNS.has(next)) return 'who';
  if (word === 'what' && next === 'reason') return 'why';
  return null;
}

/** Every kind of answer the words ask for ("who is hosting, and where?": who and where). */
export function answerKinds(words: readonly string[]): Set<AnswerType> {
  const kinds = new Set<AnswerType>();
  for (let i = 0; i < words.length; i++) {
    const kind = kindAt(words, i);
    if (kind) kinds.add(kind);
  }
  return kinds;
}

/** The shape of a question from its asking clause's words (normalised, stop words kept); `pastForms` are irregular past tenses ("won", "met"). */
/** `inNames`: positions of words inside a known name ("united" of "United States" is no verb). */
export function questionShape(words: readonly string[], pastForms: ReadonlySet<string> = new Set(), inNames: ReadonlySet<number> = new Set()): QuestionShape {
  let wants: AnswerType | null = null;
  const at = (i: number) => words[i] ?? '';
  for (let i = 0; i < words.length && wants === null; i++) wants = kindAt(words, i);
  const past = words.some((w) => PAST_WORDS.has(w) || pastForms.has(w));
  const present = !past && words.some((w) => PRESENT_WORDS.has(w));
  const year = words.some((w, i) => w === 'year' && (at(i - 1) === 'what' || at(i - 1) === 'which'));
  const name = words.some((w, i) => (w === 'name' || w === 'named' || w === 'called') && i < words.length - 1) || wants === 'who';
  return { wants, present, past, year, name, nameOf: nameSpan(words, inNames) };
}
