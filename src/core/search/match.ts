import type { QueryTerm } from './expand.ts';
import { CLAUSE_SPAN, kindBit, type IndexedFact } from './factIndex.ts';
import type { AnswerType } from './questionShape.ts';
import { NEAR } from './searchTuning.ts';
import type { SearchView } from './searchView.ts';

// How a question's words meet one fact's: its own questions, its answer, and words that stand together.

/** The asking clause's terms by key, built once per question: which terms a key stands for, and how surely. */
export interface AskingKeys {
  /** Key → [term index, credit] for every asking term that key may stand for. */
  byKey: Map<string, Array<readonly [number, number]>>;
  weights: number[];
  total: number;
}

export function askingKeys(asking: readonly QueryTerm[]): AskingKeys {
  const byKey = new Map<string, Array<readonly [number, number]>>();
  asking.forEach((term, t) => {
    for (const [key, { credit }] of term.keys) {
      const list = byKey.get(key);
      if (list) list.push([t, credit]);
      else byKey.set(key, [[t, credit]]);
    }
  });
  const weights = asking.map((t) => t.weight);
  return { byKey, weights, total: weights.reduce((a, b) => a + b, 0) };
}

/**
 * How closely the asking clause matches one of the fact's own phrasings: the harmonic mean of
 * the share of the phrasing the question uses and the share of the question the phrasing
 * explains, each weighted by idf; the best over all its phrasings (`any`) and over those asking
 * for the kind of answer `kind` names (`sameKind`; the same as `any` when `kind` is null). Only the
 * phrasings sharing a key with the question are looked at: facts have dozens of phrasings with
 * their example questions.
 */
export function phrasingMatch(entry: IndexedFact, ask: AskingKeys, view: SearchView, kind: AnswerType | null): { any: number; sameKind: number } {
  let any = 0;
  let sameKind = 0;
  if (ask.total === 0) return { any, sameKind };
  const bit = kind === null ? 0 : kindBit(kind);
  const termBest = new Float64Array(ask.weights.length);
  // Only the phrasings sharing a key with the question can match it.
  const touched = new Set<number>();
  for (const key of ask.byKey.keys()) {
    const list = entry.phrasingsByKey.get(key);
    if (list) for (const i of list) touched.add(i);
  }
  for (const i of touched) {
    const phrasing = entry.phrasings[i]!;
    let phrasingHit = 0;
    let touched = false;
    for (const key of phrasing.keys) {
      const terms = ask.byKey.get(key);
      if (!terms) continue;
      if (!touched) {
        termBest.fill(0);
        touched = true;
      }
      let credit = 0;
      for (const [t, c] of terms) {
        if (c > credit) credit = c;
        if (c > termBest[t]!) termBest[t] = c;
      }
      phrasingHit += (view.idf(key) ?? 0) * credit;
    }
    if (phrasingHit === 0) continue;
    const phrasingWeight = view.phrasingWeight(phrasing);
    if (phrasingWeight === 0) continue;
    let explained = 0;
    for (let t = 0; t < termBest.length; t++) explained += termBest[t]! * ask.weights[t]!;
    const precision = phrasingHit / phrasingWeight;
    const recall = explained / ask.total;
    if (recall === 0) continue;
    const f1 = (2 * precision * recall) / (precision + recall);
    if (f1 > any) any = f1;
    if ((bit === 0 || (phrasing.kinds & bit) !== 0) && f1 > sameKind) sameKind = f1;
  }
  return { any, sameKind };
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

