import type { Analyzer } from './analyzer.ts';

/**
 * Questions about the story that the article does not answer, as members asked them (the tuning
 * sets' near-topic questions: "How did Kamala Harris respond to Trump's accusation?"). Such a
 * question shares most of its words with a fact yet asks for something the fact does not hold, so
 * word overlap alone answers it confidently. How close a new question comes to one of these is a
 * feature of the answer model: close to a known unanswerable question, it is likely one too.
 */
export class UnanswerableQuestions {
  /** Each question's keys (its asking clause only), once each. */
  private readonly questions: string[][] = [];
  /** Key → the questions using it. */
  private readonly byKey = new Map<string, number[]>();

  constructor(texts: readonly string[], analyzer: Analyzer) {
    for (const text of texts) {
      const keys = [...new Set(analyzer.analyzeExample(text).clauses.flat().map((t) => t.key))];
      if (keys.length === 0) continue;
      const at = this.questions.length;
      this.questions.push(keys);
      for (const key of keys) {
        const list = this.byKey.get(key);
        if (list) list.push(at);
        else this.byKey.set(key, [at]);
      }
    }
  }

  /**
   * The closest of them to the asking clause's keys: the harmonic mean of the share of the question
   * it covers and the share of it the question covers, each weighted by `weight` (idf, or the
   * weight of a word no fact uses). Exact keys only: "respond" must be asked to count.
   */
  closeness(asked: readonly string[], weight: (key: string) => number): number {
    if (asked.length === 0) return 0;
    const askedWeight = asked.reduce((sum, key) => sum + weight(key), 0);
    if (askedWeight === 0) return 0;
    const shared = new Map<number, number>();
    for (const key of asked) {
      const w = weight(key);
      for (const q of this.byKey.get(key) ?? []) shared.set(q, (shared.get(q) ?? 0) + w);
    }
    let best = 0;
    for (const [q, hit] of shared) {
      const ownWeight = this.questions[q]!.reduce((sum, key) => sum + weight(key), 0);
      if (ownWeight === 0) continue;
      const precision = hit / askedWeight;
      const recall = hit / ownWeight;
      best = Math.max(best, (2 * precision * recall) / (precision + recall));
    }
    return best;
  }
}
