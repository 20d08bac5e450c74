import { stem } from './analyzer.ts';
import type { QueryTerm } from './expand.ts';
import { isYear, type IndexedFact } from './factIndex.ts';
import { conflictClass } from './language.ts';

// What a question takes for granted, checked against a fact: a name or number it contradicts, a name it lacks.

/**
 * The words a name is asked for that the "names no one" check applies to: people in a role and
 * organisations, in general English ("which officials", "the name of the deputy prime minister").
 * Other things a name is asked for ("which region", "which deal") are left to the answer model.
 */
const PERSON_ROLES = new Set(
  ['official', 'minister', 'president', 'analyst', 'observer', 'spokesman', 'spokesperson', 'representative', 'diplomat', 'aide', 'envoy', 'expert', 'politician', 'leader', 'people', 'person'].map(stem),
);
const ROLE_NAMES = new Set(['@prime-minister', '@deputy-prime-minister']);
const ORGANISATIONS = new Set(['organization', 'organisation', 'group', 'agency', 'ngo'].map(stem));

/** It asks for the name of a person in a role, or an organisation, that the fact mentions but never names. */
export function nameMissing(asked: readonly string[], entry: IndexedFact): boolean {
  const roles = asked.filter((key) => PERSON_ROLES.has(key) || ROLE_NAMES.has(key) || ORGANISATIONS.has(key));
  if (roles.length === 0 || !roles.some((key) => entry.keys.has(key))) return false;
  // A person's name stands by the role ("Prime Minister Nikol Pashinyan"): the fact names them.
  if (roles.some((key) => entry.namedKeys.has(key))) return false;
  const asksOrganisation = roles.some((key) => ORGANISATIONS.has(key));
  return !(asksOrganisation && (entry.names.get('organisation')?.size ?? 0) > 0);
}

/** "why did putin host the summit": a person the fact does not name, where it names another host. */
export function nameConflict(terms: readonly QueryTerm[], entry: IndexedFact): boolean {
  for (const term of terms) {
    if (term.entity === null || term.entity === 'role' || term.context) continue;
    if (!(entry.names.get(conflictClass(term.entity))?.size ?? 0)) continue;
    const mentioned = [...term.keys.keys()].some((key) => entry.keys.has(key));
    if (!mentioned) return true;
  }
  return false;
}

/**
 * A quantity the question states that the fact contradicts: it states quantities, and not this one
 * ("200000 fled?" against 100,000). Years are dates, not quantities, and are left to the date checks.
 */
export function numberConflict(numbers: readonly string[], entry: IndexedFact): boolean {
  const quantities = [...entry.numbers].filter((n) => !isYear(n));
  if (quantities.length === 0) return false;
  return numbers.some((n) => !isYear(n) && !quantities.includes(n));
}
