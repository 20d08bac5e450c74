import { UserError } from '../errors.ts';
import type { StoredFact } from './records.ts';

export interface StaleEditDetails {
  factId: string;
  /** The version the editor started from. */
  expectedVersion: number;
  /** The fact as it is now: show it to the editor so they can re-apply their change. */
  current: StoredFact;
  /** Who made the current version, and when (ISO); null when it is the curated text. */
  changedBy: string | null;
  changedAt: string | null;
  /** Fields that differ between the version the editor started from and the current one. */
  changedFields: string[];
}

/**
 * Someone saved the fact after this editor opened it: nothing was written.
 * The message says who, when and which fields moved; `current` holds the fact as it is now.
 */
export class StaleEditError extends UserError {
  readonly factId: string;
  readonly expectedVersion: number;
  readonly current: StoredFact;
  readonly changedBy: string | null;
  readonly changedAt: string | null;
  readonly changedFields: string[];

  constructor(details: StaleEditDetails) {
    super(staleMessage(details));
    this.factId = details.factId;
    this.expectedVersion = details.expectedVersion;
    this.current = details.current;
    this.changedBy = details.changedBy;
    this.changedAt = details.changedAt;
    this.changedFields = details.changedFields;
  }
}

function staleMessage(d: StaleEditDetails): string {
  const who =
    d.changedBy === null
      ? 'nobody (it is the curated text)'
      : `${d.changedBy}${d.changedAt ? ` at ${d.changedAt}` : ''}${d.current.removed ? ', who removed it' : ''}`;
  const fields =
    d.changedFields.length > 0
      ? `Changed since your version: ${d.changedFields.join(', ')}.`
      : 'Its content is the same as the version you started from.';
  return (
    `"${d.factId}" was changed while you were editing it: it is now version ${d.current.version} ` +
    `(you started from version ${d.expectedVersion}), last changed by ${who}. ${fields} ` +
    'Nothing was saved: reopen the fact and apply your change again.'
  );
}
