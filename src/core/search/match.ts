import type { QueryTerm } from './expand.ts';
import { CLAUSE_SPAN, kindBit, type IndexedFact } from './factIndex.ts';
import type { AnswerType } from './questionShape.ts';
import { NEAR } from './searchTuning.ts';
import type { SearchView } from './searchView.ts';

// How a question's words meet one fact's: its own questions, its answer, and words that stand together.

/**
 * How closely the asking clause matches one of the fact's own questions: the
 * harmonic mean of the share of the phrasing the question uses and the share of
 * the question the phrasing explains, each weighted by idf.
 */
export function phrasingMatch(entry: IndexedFact, asking: readonly QueryTerm[], view: SearchView, kind: AnswerType | null): number {
  const total = asking.reduce((s, t) => s + t.weight, 0);
  if (total === 0) return 0;
  let best = 0;
  for (const phrasing of entry.phrasings) {
    if (kind !== null && (phrasing.kinds & kindBit(kind)) === 0) continue;
    let phrasingWeight = 0;
    let phrasingHit = 0;
    const inPhrasing = new Set(phrasing.keys);
    for (const key of phrasing.keys) {
      const idf = view.idf(key) ?? 0;
      phrasingWeight += idf;
      let credit = 0;
      for (const term of asking) credit = Math.max(credit, term.keys.get(key)?.credit ?? 0);
      phrasingHit += idf * credit;
    }
    if (phrasingHit === 0 || phrasingWeight === 0) continue;
    let explained = 0;
    for (const term of asking) {
      let credit = 0;
      for (const [key, c] of term.keys) if (inPhrasing.has(key)) credit = Math.max(credit, c.credit);
      explained += credit * term.weight;
    }
    const precision = phrasingHit / phrasingWeight;
    const recall = explained / total;
    if (recall > 0) best = Math.max(best, (2 * precision * recall) / (precision + recall));
  }
  return best;
}

/** The best credit a term gets from the keys `has` accepts. */
export function creditIn(term: QueryTerm, has: (key: string) => boolean): number {
  let best = 0;
  for (const [key, { credit }] of term.keys) if (credit > best && has(key)) best = credit;
  return best;
}

export function answerCoverage(asking: readonly QueryTerm[], entry: IndexedFact, total: number): number {
  if (total === 0) return 0;
  return asking.reduce((sum, t) => sum + t.weight * creditIn(t, (key) => entry.answerKeys.has(key)), 0) / total;
}


/** Share of consecutive known asking terms that the fact has within NEAR words of each other in one clause; 1 with fewer than two. */
export function pairsNear(asking: readonly QueryTerm[], entry: IndexedFact): number {
  const known = asking.filter((t) => t.known);
  if (known.length < 2) return 1;
  let near = 0;
  for (let i = 0; i + 1 < known.length; i++) {
    if (standNear(known[i]!, known[i + 1]!, entry)) near++;
  }
  return near / (known.length - 1);
}

function standNear(a: QueryTerm, b: QueryTerm, entry: IndexedFact): boolean {
  for (const keyA of a.keys.keys()) {
    const at = entry.positions.get(keyA);
    if (!at) continue;
    for (const keyB of b.keys.keys()) {
      const bt = entry.positions.get(keyB);
      if (!bt) continue;
      for (const x of at) {
        for (const y of bt) {
          if (x !== y && Math.floor(x / CLAUSE_SPAN) === Math.floor(y / CLAUSE_SPAN) && Math.abs(x - y) <= NEAR) return true;
        }
      }
    }
  }
  return false;
}

