import { z } from 'zod';
import { UserError } from '../errors.ts';
import { factSchema, type Fact } from '../facts/schema.ts';
import { describeIssues } from '../validation.ts';

/** Who made a change: a Discord member's id and display name at the time. */
export interface Actor {
  id: string;
  name: string;
}

/** What a moderator did to make a version. */
export type FactAction = 'add' | 'edit' | 'remove' | 'undo-remove' | 'restore' | 'import';

/** Version 0 of a curated fact is the curated text, with no actor. */
export type HistoryAction = FactAction | 'curated';

/** 'curated': untouched curated fact (version 0); 'edited': a server's change to a curated fact; 'added': the server's own. */
export type FactOrigin = 'curated' | 'edited' | 'added';

/** A fact as one server has it now. */
export interface StoredFact {
  fact: Fact;
  /** 0 for an untouched curated fact; pass it back as expectedVersion when saving. */
  version: number;
  origin: FactOrigin;
  /** Removed facts are kept (for undo and history) but left out of effectiveFacts. */
  removed: boolean;
}

export interface FactVersion {
  version: number;
  action: HistoryAction;
  /** null for version 0 ('curated'). */
  actorId: string | null;
  actorName: string | null;
  /** ISO time of the change; null for version 0 ('curated'), which no member made. */
  at: string | null;
  /** Fields that differ from the previous version (for the first change of a curated fact: from the curated text). */
  changedFields: string[];
  /** The fact's content at this version. */
  fact: Fact;
}

/** A row that could not be read back; the store skips it (see FactStore.problems). */
export interface StoreProblem {
  table: string;
  guildId: string;
  factId: string;
  version?: number;
  message: string;
}

/** Field names in schema order, for change lists such as "answer, keywords". */
export const FACT_FIELDS = Object.keys(factSchema.shape) as (keyof Fact)[];

/** JSON with object keys sorted, so equal content compares equal whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Fields whose values differ, in schema order. */
export function changedFields(before: Fact, after: Fact): string[] {
  return FACT_FIELDS.filter((field) => canonical(before[field]) !== canonical(after[field]));
}

export function sameContent(a: Fact, b: Fact): boolean {
  return changedFields(a, b).length === 0;
}

export function serializeFact(fact: Fact): string {
  return JSON.stringify(fact);
}

/** A stored snapshot read back through the schema; a string describing the problem if it is not a valid fact. */
export function parseSnapshot(json: string): Fact | string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  const parsed = factSchema.safeParse(value);
  return parsed.success ? parsed.data : `not a valid fact (${describeIssues(parsed.error).join('; ')})`;
}

const fieldListSchema = z.array(z.string());

export function parseFieldList(json: string): string[] | undefined {
  try {
    const parsed = fieldListSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A fact from a caller, checked and normalised (trimmed, defaults filled) like a fact file's. */
export function checkFact(fact: unknown, what: string): Fact {
  const parsed = factSchema.safeParse(fact);
  if (parsed.success) return parsed.data;
  const lines = describeIssues(parsed.error).map((line) => `  - ${line}`);
  throw new UserError(`${what} is not a valid fact:\n${lines.join('\n')}`);
}

/** A programming error, not the member's: every change must say who made it. */
export function checkActor(actor: Actor): void {
  if (typeof actor?.id !== 'string' || actor.id === '' || typeof actor.name !== 'string') {
    throw new TypeError('A change needs the member who made it: actor { id, name }.');
  }
}
