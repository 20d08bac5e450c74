import type { Fact } from './schema.ts';

/** What the merge needs to know of one fact a server touched (edited, removed or added). */
export interface TouchedFact {
  factId: string;
  removed: boolean;
  /** The id is a curated fact's. */
  curated: boolean;
  /** The server shows its own text: an addition, or an edit that does not follow the curated text. */
  own: boolean;
}

/**
 * A server's facts as it sees them: the curated ones in their order, its edits in place and its
 * removals left out, then its additions in the order it made them (`touched` comes in that order).
 * `ownText` gives a touched fact's own text; undefined (a damaged row) leaves it out.
 */
export function serverFacts<T extends TouchedFact>(curated: readonly Fact[], touched: readonly T[], ownText: (fact: T) => Fact | undefined): Fact[] {
  const byId = new Map(touched.map((t) => [t.factId, t]));
  const out: Fact[] = [];
  const push = (fact: Fact | undefined) => fact && out.push(fact);
  for (const fact of curated) {
    const change = byId.get(fact.id);
    if (!change) out.push(fact);
    else if (change.own) push(ownText(change));
    else if (!change.removed) out.push(fact);
  }
  for (const change of touched) if (change.own && !change.curated) push(ownText(change));
  return out;
}
