import { stem } from './analyzer.ts';
import type { LexicalRelation, LexiconFile } from './language.ts';

/**
 * WordNet's detachment rules (morphy): the base forms an inflected word may
 * have. Candidates that are not words are harmless: they are only looked up.
 */
const DETACHMENTS: ReadonlyArray<readonly [string, string]> = [
  ['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y'],
  ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'],
];

/** The word and the base forms it may be an inflection of ("fled" → "flee", "talks" → "talk"). */
export function baseForms(word: string, irregular: ReadonlyMap<string, string>): string[] {
  const out = new Set([word]);
  const listed = irregular.get(word);
  if (listed) out.add(listed);
  for (const [suffix, replacement] of DETACHMENTS) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) out.add(word.slice(0, -suffix.length) + replacement);
  }
  // Doubled consonant before -ed/-ing: "planned" → "plan".
  const doubled = /^(.*([bdgklmnprt]))\2(?:ed|ing)$/.exec(word);
  if (doubled) out.add(doubled[1]!);
  return [...out];
}

/** Words whose WordNet neighbours one engine remembers; far above a day's distinct question words. */
const MAX_REMEMBERED_LOOKUPS = 20_000;

export interface Neighbour {
  /** The index key of the vocabulary word it leads to. */
  key: string;
  relation: LexicalRelation;
}

/**
 * The part of WordNet 3.1 that touches the curated vocabulary
 * (data/lexicon.json): for a word a member types, the vocabulary words it is a
 * synonym of, derived from, or one step broader or narrower than.
 */
export class Lexicon {
  /** Lookups already made, as index keys: a question's words repeat, the file's 12,000 lemmas mostly never come up. */
  private readonly found = new Map<string, Neighbour[]>();

  /** `senses`: links through a word's first `senses` WordNet senses count; later ones are left out. */
  constructor(
    private readonly file: LexiconFile,
    private readonly irregular: ReadonlyMap<string, string>,
    private readonly senses: number,
  ) {}

  /** Vocabulary words related to `word` or to one of its base forms. */
  lookup(word: string): Neighbour[] {
    let out = this.found.get(word);
    if (out) return out;
    out = [];
    for (const form of baseForms(word, this.irregular)) {
      // The lemmas are the file's own keys; an inherited name ("constructor") is not one of them.
      if (!Object.hasOwn(this.file.neighbours, form)) continue;
      for (const [target, relation, sense] of this.file.neighbours[form]!) {
        if (sense <= this.senses) out.push({ key: stem(target), relation: this.file.relations[relation]! });
      }
    }
    if (this.found.size >= MAX_REMEMBERED_LOOKUPS) this.found.clear();
    this.found.set(word, out);
    return out;
  }

}

/**
 * The common words of English (WordNet lemmas attested in its tagged corpus),
 * with their inflections: a word like "weather" or "killed" is what the member
 * meant, not a typo of a word the facts use.
 */
export class EnglishWords {
  private readonly words: ReadonlySet<string>;

  constructor(
    words: Iterable<string>,
    private readonly irregular: ReadonlyMap<string, string>,
  ) {
    this.words = new Set(words);
  }

  has(word: string): boolean {
    return baseForms(word, this.irregular).some((form) => this.words.has(form));
  }
}
