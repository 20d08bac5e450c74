import { UserError } from '../errors.ts';
import { CAPS } from '../facts/caps.ts';
import type { Fact } from '../facts/schema.ts';
import type { VersionWrite } from './engine.ts';
import type { HeadRow } from './factRows.ts';
import { FACT_FIELDS, changedFields, checkFact, parseSnapshot, sameContent, serializeFact } from './records.ts';

/** A server's facts as an import is planned against them; `revision` dates `heads` (read in one transaction). */
export interface ImportSnapshot {
  guildId: string;
  revision: number;
  heads: HeadRow[];
  curated: readonly Fact[];
}

/** One fact of the file to write as action 'import'. */
export type PlannedWrite = Omit<VersionWrite, 'guildId' | 'action' | 'removed' | 'followsCurated'>;

export interface ImportSummary {
  /** Ids new to the server. */
  added: string[];
  /** Ids whose content changed (a removed fact in the file comes back and is counted here). */
  updated: string[];
  /** Facts in the file equal to what the server already has: skipped. */
  unchanged: number;
  /** The server's facts that are not in the file: left as they are, not removed. */
  notInFile: number;
}

/** Everything an import writes, worked out from a snapshot; it may only be applied while the server is still at `revision`. */
export interface ImportPlan {
  guildId: string;
  revision: number;
  writes: PlannedWrite[];
  summary: ImportSummary;
}

/**
 * Work out what importing `facts` into the snapshot's server writes: every comparison, diff and
 * serialisation happens here (in a worker thread for large files), so the transaction that
 * applies the plan only inserts rows. UserError for an invalid fact, a repeated id, or a server
 * that would hold more than CAPS.serverFacts facts.
 */
export function planImport(snapshot: ImportSnapshot, facts: readonly unknown[]): ImportPlan {
  const heads = new Map(snapshot.heads.map((head) => [head.fact_id, head]));
  const curated = new Map(snapshot.curated.map((fact) => [fact.id, fact]));
  const summary: ImportSummary = { added: [], updated: [], unchanged: 0, notInFile: 0 };
  const writes: PlannedWrite[] = [];
  const seen = new Set<string>();
  let held = snapshot.heads.filter((head) => head.removed === 0).length;
  facts.forEach((raw, index) => {
    const fact = checkFact(raw, `Fact ${index + 1} of the file ("${String((raw as { id?: unknown } | null)?.id).slice(0, 64)}")`);
    if (seen.has(fact.id)) throw new UserError(`The file lists "${fact.id}" twice; keep one and import again.`);
    seen.add(fact.id);
    const head = heads.get(fact.id);
    const curatedFact = curated.get(fact.id);
    const current = head ? contentOf(head, curatedFact) : curatedFact;
    if (head?.removed !== 1 && current && sameContent(current, fact)) {
      summary.unchanged += 1;
      return;
    }
    // A new fact, a curated one changed for the first time, or a removed one brought back: one more held.
    if (!head || head.removed === 1) held += 1;
    const known = head !== undefined || curatedFact !== undefined;
    writes.push({
      factId: fact.id,
      version: (head?.version ?? 0) + 1,
      origin: head?.origin ?? (curatedFact ? 'curated' : 'added'),
      createdSeq: head?.created_seq,
      versionZero: !head && curatedFact ? serializeFact(curatedFact) : undefined,
      changedFields: !known ? [] : current ? changedFields(current, fact) : [...FACT_FIELDS],
      fact: serializeFact(fact),
    });
    (known ? summary.updated : summary.added).push(fact.id);
  });
  if (held > CAPS.serverFacts) {
    const cap = CAPS.serverFacts.toLocaleString('en-US');
    throw new UserError(
      `This import would bring the server to ${held.toLocaleString('en-US')} facts of its own (added or edited); one server may hold at most ${cap}. Remove facts it no longer needs or import fewer. Nothing was imported.`,
    );
  }
  summary.notInFile = visibleIds(snapshot, curated).filter((id) => !seen.has(id)).length;
  return { guildId: snapshot.guildId, revision: snapshot.revision, writes, summary };
}

/** The head's content as the server sees it; a damaged snapshot falls back to the curated text (or nothing). */
function contentOf(head: HeadRow, curated: Fact | undefined): Fact | undefined {
  if (head.follows_curated === 1 && curated) return curated;
  const fact = parseSnapshot(head.fact);
  return typeof fact === 'string' ? curated : fact;
}

/** The ids the server sees: curated ones it did not remove, then its own additions it did not remove. */
function visibleIds(snapshot: ImportSnapshot, curated: ReadonlyMap<string, Fact>): string[] {
  const removed = new Set(snapshot.heads.filter((head) => head.removed === 1).map((head) => head.fact_id));
  return [
    ...snapshot.curated.map((fact) => fact.id).filter((id) => !removed.has(id)),
    ...snapshot.heads.filter((head) => head.removed === 0 && !curated.has(head.fact_id)).map((head) => head.fact_id),
  ];
}
