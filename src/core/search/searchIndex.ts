import type { Fact } from '../facts/schema.ts';
import { TOPICS } from '../facts/schema.ts';
import { terms, words, type Term } from './text.ts';
import { Vocabulary, type WordMatch } from './vocabulary.ts';

/** How much a word counts depending on where the fact uses it. */
const FIELD_WEIGHTS = {
  question: 1,
  keyword: 1,
  answer: 0.7,
  quote: 0.5,
  topic: 0.4,
} as const;

/**
 * A query word the fact base has never seen weighs this much more than its rarest
 * word: an unknown word ("population", "won") usually means the question asks
 * for something the article does not cover.
 */
const UNKNOWN_WORD_PENALTY = 1.25;

/** Weight of the best single phrasing's coverage next to the bag-of-words coverage. */
const PHRASING_SHARE = 0.25;

export interface ScoredFact {
  fact: Fact;
  /** 0..1: how much of the question this fact accounts for. */
  score: number;
}

interface IndexedFact {
  fact: Fact;
  order: number;
  weights: Map<string, number>;
  phrasings: string[][];
}

interface QueryTerm {
  matches: WordMatch[];
  weight: number;
}

/**
 * The retrieval engine: each question word is matched to the fact base's own
 * words (typos and word forms included), and facts are ranked by how much of
 * the question's information they account for, with rare words counting most.
 * Deterministic: equal scores keep the fact base's order.
 */
export class SearchIndex {
  private readonly indexed: IndexedFact[];
  private readonly idf = new Map<string, number>();
  private readonly vocabulary: Vocabulary;
  private readonly unknownWeight: number;

  constructor(facts: readonly Fact[]) {
    const allWords = new Set<string>();
    this.indexed = facts.map((fact, order) => {
      const weights = new Map<string, number>();
      const add = (text: string, weight: number) => {
        for (const word of words(text)) allWords.add(word);
        for (const term of terms(text)) weights.set(term.stem, Math.max(weights.get(term.stem) ?? 0, weight));
      };
      const phrasingTexts = [fact.question, ...fact.questions];
      phrasingTexts.forEach((q) => add(q, FIELD_WEIGHTS.question));
      [...fact.keywords, ...fact.aliases].forEach((k) => add(k, FIELD_WEIGHTS.keyword));
      add(fact.answer, FIELD_WEIGHTS.answer);
      add(fact.source.quote, FIELD_WEIGHTS.quote);
      add(TOPICS[fact.topic], FIELD_WEIGHTS.topic);
      const phrasings = phrasingTexts.map((q) => [...new Set(terms(q).map((t) => t.stem))]);
      return { fact, order, weights, phrasings };
    });
    const documentFrequency = new Map<string, number>();
    for (const { weights } of this.indexed) {
      for (const s of weights.keys()) documentFrequency.set(s, (documentFrequency.get(s) ?? 0) + 1);
    }
    const total = Math.max(this.indexed.length, 1);
    let rarest = 1;
    for (const [s, df] of documentFrequency) {
      const value = Math.log(1 + total / df);
      this.idf.set(s, value);
      rarest = Math.max(rarest, value);
    }
    this.unknownWeight = rarest * UNKNOWN_WORD_PENALTY;
    this.vocabulary = new Vocabulary(allWords);
  }

  get size(): number {
    return this.indexed.length;
  }

  /** Facts ranked for a question, best first; facts sharing nothing with it are left out. */
  search(question: string, limit = 5, options: { partialLastWord?: boolean } = {}): ScoredFact[] {
    const queryTerms = this.queryTerms(terms(question), options.partialLastWord ?? false);
    const totalWeight = queryTerms.reduce((sum, t) => sum + t.weight, 0);
    if (totalWeight === 0) return [];
    const queryStems = new Map<string, number>();
    for (const t of queryTerms) {
      for (const m of t.matches) queryStems.set(m.stem, Math.max(queryStems.get(m.stem) ?? 0, m.similarity));
    }
    const scored: Array<ScoredFact & { order: number }> = [];
    for (const entry of this.indexed) {
      let covered = 0;
      for (const t of queryTerms) {
        let best = 0;
        for (const m of t.matches) best = Math.max(best, m.similarity * (entry.weights.get(m.stem) ?? 0));
        covered += best * t.weight;
      }
      if (covered === 0) continue;
      const coverage = covered / totalWeight;
      const score = coverage * (1 - PHRASING_SHARE) + this.bestPhrasing(entry, queryStems) * PHRASING_SHARE * coverage;
      scored.push({ fact: entry.fact, score, order: entry.order });
    }
    scored.sort((a, b) => b.score - a.score || a.order - b.order);
    return scored.slice(0, limit).map(({ fact, score }) => ({ fact, score }));
  }

  private queryTerms(query: Term[], partialLastWord: boolean): QueryTerm[] {
    const seen = new Set<string>();
    const result: QueryTerm[] = [];
    query.forEach((term, index) => {
      if (seen.has(term.stem)) return;
      seen.add(term.stem);
      let matches = this.vocabulary.match(term.word);
      if (matches.length === 0 && partialLastWord && index === query.length - 1) {
        matches = this.vocabulary.completions(term.word);
      }
      const weight =
        matches.length === 0 ? this.unknownWeight : Math.max(...matches.map((m) => this.idf.get(m.stem) ?? 0));
      result.push({ matches, weight });
    });
    return result;
  }

  /** Share of the closest phrasing's information that the question mentions. */
  private bestPhrasing(entry: IndexedFact, queryStems: Map<string, number>): number {
    let best = 0;
    for (const phrasing of entry.phrasings) {
      let total = 0;
      let hit = 0;
      for (const s of phrasing) {
        const weight = this.idf.get(s) ?? 0;
        total += weight;
        hit += weight * (queryStems.get(s) ?? 0);
      }
      if (total > 0) best = Math.max(best, hit / total);
    }
    return best;
  }
}
