import { z } from 'zod';
import domainJson from '../../../data/domain.json' with { type: 'json' };
import irregularJson from '../../../data/language/irregular-verbs.json' with { type: 'json' };
import shorthandJson from '../../../data/language/shorthand.json' with { type: 'json' };
import stopWordsJson from '../../../data/language/stopwords.json' with { type: 'json' };
import lexiconJson from '../../../data/lexicon.json' with { type: 'json' };
import { parseData } from '../validation.ts';

/**
 * The general-language resources the search reads, each a data file with its
 * source noted inside: chat shorthand, stop words, irregular verbs, the
 * story's names and places (data/domain.json) and the part of WordNet 3.1 that
 * touches the curated vocabulary (data/lexicon.json, made by `npm run lexicon`).
 */

const sourced = { source: z.string().min(1) };

const shorthandSchema = z.object({ ...sourced, expansions: z.record(z.string().min(1), z.string().min(1)) });
const stopWordsSchema = z.object({ ...sourced, words: z.array(z.string().min(1)).min(1) });
const irregularSchema = z.object({ ...sourced, forms: z.record(z.string().min(1), z.string().min(1)) });

export const ENTITY_CLASSES = ['person', 'country', 'place', 'organisation', 'event', 'role'] as const;
export type EntityClass = (typeof ENTITY_CLASSES)[number];

/** Countries and places are both answers to "where": Israel contradicts Abu Dhabi. */
export function conflictClass(entity: EntityClass): EntityClass {
  return entity === 'country' ? 'place' : entity;
}

const domainSchema = z.object({
  ...sourced,
  concepts: z
    .array(
      z.object({
        concept: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens'),
        class: z.enum(ENTITY_CLASSES),
        terms: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
});

/** How a WordNet neighbour relates to a vocabulary word; the credit each earns is in searchTuning.ts. */
export const LEXICAL_RELATIONS = ['synonym', 'derived', 'pertains', 'similar', 'broader', 'narrower'] as const;
export type LexicalRelation = (typeof LEXICAL_RELATIONS)[number];

const lexiconSchema = z.object({
  ...sourced,
  generatedBy: z.string().min(1),
  relations: z.array(z.enum(LEXICAL_RELATIONS)),
  /** lemma → [vocabulary word, index into `relations`, the vocabulary word's sense it came through (1 = commonest)][] */
  neighbours: z.record(z.string().min(1), z.array(z.tuple([z.string().min(1), z.number().int().min(0), z.number().int().min(1)]))),
  /** WordNet lemmas seen in its sense-tagged corpus: real words, never "corrected" as typos. */
  commonWords: z.array(z.string().min(1)),
});

export type DomainFile = z.infer<typeof domainSchema>;
export type LexiconFile = z.infer<typeof lexiconSchema>;

export interface LanguageData {
  shorthand: ReadonlyMap<string, string>;
  stopWords: ReadonlySet<string>;
  irregular: ReadonlyMap<string, string>;
  domain: DomainFile;
}

let bundled: LanguageData | undefined;
let bundledLexicon: LexiconFile | undefined;

/** The bundled word lists, validated once. */
export function languageData(): LanguageData {
  bundled ??= {
    shorthand: new Map(Object.entries(parseData(shorthandSchema, shorthandJson, 'data/language/shorthand.json').expansions)),
    stopWords: new Set(parseData(stopWordsSchema, stopWordsJson, 'data/language/stopwords.json').words),
    irregular: new Map(Object.entries(parseData(irregularSchema, irregularJson, 'data/language/irregular-verbs.json').forms)),
    domain: parseData(domainSchema, domainJson, 'data/domain.json'),
  };
  return bundled;
}

/**
 * The bundled WordNet extract, validated once (apart from the word lists: `npm run lexicon` rewrites
 * it). The file as imported is kept, not the validator's copy of it: it is the largest data the bot
 * holds, and one copy is enough.
 */
export function lexiconData(): LexiconFile {
  if (!bundledLexicon) {
    parseData(lexiconSchema, lexiconJson, 'data/lexicon.json');
    bundledLexicon = lexiconJson as unknown as LexiconFile;
  }
  return bundledLexicon;
}
