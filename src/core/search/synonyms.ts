import { readFileSync } from 'node:fs';
import { z } from 'zod';
import bundledSynonyms from '../../../data/synonyms.json' with { type: 'json' };
import { DataError } from '../errors.ts';
import { describeIssues } from '../validation.ts';
import { isStopWord, stem, words } from './text.ts';

/**
 * The domain thesaurus (data/synonyms.json): groups of words and phrases that
 * ask for the same thing ("fled", "forced out", "exodus"). A group is a concept;
 * a word may sit in several groups when it has several senses ("last": previous
 * or durable), and the fact that fits decides which sense wins.
 */
export const synonymGroupSchema = z.object({
  concept: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, like "flee"'),
  terms: z
    .array(z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'))
    .min(2, 'a group needs at least two terms')
    .max(80, 'must hold at most 80 terms'),
  /** Credit (0.3..1) a fact gets when it matches the question only through this group. */
  strength: z.number().min(0.3).max(1).default(0.9),
});

export const synonymFileSchema = z
  .object({
    schemaVersion: z.literal(1),
    groups: z.array(synonymGroupSchema).min(1, 'must hold at least one group'),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.groups.forEach((group, index) => {
      if (seen.has(group.concept)) {
        ctx.addIssue({ code: 'custom', path: ['groups', index, 'concept'], message: `duplicate concept "${group.concept}"` });
      }
      seen.add(group.concept);
      group.terms.forEach((term, t) => {
        if (words(term).length === 0) {
          ctx.addIssue({ code: 'custom', path: ['groups', index, 'terms', t], message: 'has no letters or digits' });
        }
      });
    });
  });

export type SynonymGroup = z.infer<typeof synonymGroupSchema>;
export type SynonymFile = z.infer<typeof synonymFileSchema>;

/** Parse and validate a thesaurus; every problem is reported with its field. */
export function parseSynonyms(json: unknown, name: string): SynonymFile {
  const parsed = synonymFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error).map((line) => `  - ${line}`);
    throw new DataError(`${name}: ${lines.length} problem(s); fix each field named below:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** A concept a word or phrase belongs to; index keys for concepts start with "~". */
export interface ConceptRef {
  key: string;
  strength: number;
}

export interface PhraseMatch {
  length: number;
  concepts: ConceptRef[];
}

/** The compiled thesaurus: phrases looked up by their stems, longest first. */
export class Thesaurus {
  private readonly phrases = new Map<string, ConceptRef[]>();
  /** Single words of the thesaurus, for typo correction towards them. */
  readonly singleWords = new Set<string>();
  private longest = 1;

  constructor(groups: readonly SynonymGroup[]) {
    for (const group of groups) {
      const ref: ConceptRef = { key: `~${group.concept}`, strength: group.strength };
      for (const term of group.terms) {
        const termWords = words(term);
        const key = termWords.map(stem).join(' ');
        const refs = this.phrases.get(key) ?? [];
        if (!refs.some((r) => r.key === ref.key)) refs.push(ref);
        this.phrases.set(key, refs);
        this.longest = Math.max(this.longest, termWords.length);
        if (termWords.length === 1) this.singleWords.add(termWords[0]!);
      }
    }
  }

  static empty(): Thesaurus {
    return new Thesaurus([]);
  }

  /**
   * The longest phrase starting at `start` in a stemmed word sequence. A lone
   * stop word never counts ("time" is not "timing"), but one inside a phrase
   * does ("sit down", "fall apart").
   */
  matchAt(wordList: readonly string[], stems: readonly string[], start: number): PhraseMatch | null {
    const max = Math.min(this.longest, stems.length - start);
    for (let length = max; length >= 1; length--) {
      if (length === 1 && isStopWord(wordList[start]!)) return null;
      const refs = this.phrases.get(stems.slice(start, start + length).join(' '));
      if (refs) return { length, concepts: refs };
    }
    return null;
  }
}

/** A thesaurus from a file, for a caller that keeps its own next to its facts (`new SearchIndex(facts, { thesaurus })`). */
export function loadThesaurus(path: string): Thesaurus {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DataError(`${path}: cannot be read as JSON (${(error as Error).message}). Fix the file or remove it to use the bundled thesaurus.`);
  }
  return new Thesaurus(parseSynonyms(json, path).groups);
}

let bundled: Thesaurus | undefined;

/** The thesaurus shipped in data/synonyms.json, validated once. */
export function defaultThesaurus(): Thesaurus {
  bundled ??= new Thesaurus(parseSynonyms(bundledSynonyms, 'data/synonyms.json').groups);
  return bundled;
}
