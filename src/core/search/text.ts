import { stemmer } from 'stemmer';

/**
 * Chat shorthand members really type, expanded before anything else so that
 * "how many ppl fled" and "how many people fled" are the same question.
 */
const CHAT_SHORTHAND: Readonly<Record<string, string>> = {
  ppl: 'people',
  ppls: 'people',
  wh: 'white house',
  u: 'you',
  ur: 'your',
  r: 'are',
  abt: 'about',
  bc: 'because',
  cuz: 'because',
  bcz: 'because',
  govt: 'government',
  gov: 'government',
  pres: 'president',
  prez: 'president',
  pm: 'prime minister',
  rn: 'now',
  w: 'with',
  wrt: 'about',
  thx: 'thanks',
  pls: 'please',
  plz: 'please',
  nk: 'nagorno karabakh',
  un: 'united nations',
  unga: 'united nations general assembly',
  us: 'united states',
  usa: 'united states',
  eu: 'european union',
  drc: 'democratic republic congo',
  uae: 'united arab emirates',
  '1st': 'first',
  '2nd': 'second',
  '100k': '100000',
};

/**
 * Words that carry no meaning for retrieval. Question words and chat filler are
 * here on purpose; "how many", "when", "where" are not, because they separate
 * facts ("when did they meet" vs "where did they meet").
 */
const STOP_WORDS = new Set(
  `a an the and or but if then so of to in on at by for from with without into onto about over under
  as is are was were be been being am do does did doing done have has had having will would shall should
  can could may might must it its it's this that these those there here i me my we our you your he him his
  she her they them their what which who whom whose why how
  not no yes just also too very really actually basically exactly literally like gonna wanna gotta
  any some all every each other more most much such only own same than up out down off again further
  tell know please thanks thank hey hi hello yo ok okay pls bot someone anyone something anything thing things
  whole kind sort lot lots stuff get got getting give say said says let mean means going go goes went
  now currently today still ever even well yeah yep nope hmm uh um lol`.split(/\s+/),
);

/** Question words that decide which fact fits, kept as terms even though they are common. */
const INTENT_WORDS = new Set(['when', 'where', 'many', 'much']);

/** Lowercase, fold accents and typographic punctuation, keep letters, digits and spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words after folding and shorthand expansion, stop words included (autocomplete needs them). */
export function words(text: string): string[] {
  const folded = foldText(text);
  if (folded === '') return [];
  return folded
    .split(' ')
    .flatMap((word) => (CHAT_SHORTHAND[word] ?? word).split(' '))
    .filter((word) => word.length > 0);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word) && !INTENT_WORDS.has(word);
}

export function stem(word: string): string {
  return /^\p{N}+$/u.test(word) ? word : stemmer(word);
}

/** A word that survives stop-word removal, with its stem: the unit of retrieval. */
export interface Term {
  word: string;
  stem: string;
}

export function terms(text: string): Term[] {
  return words(text)
    .filter((word) => !isStopWord(word))
    .map((word) => ({ word, stem: stem(word) }));
}
