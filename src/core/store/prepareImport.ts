import { UserError } from '../errors.ts';
import { checkImport } from '../facts/importFacts.ts';
import { planImport, type ImportPlan, type ImportSnapshot } from './importPlan.ts';

/** Everything checking an import needs; plain data, so it can be handed to a worker thread. */
export interface ImportJob {
  text: string;
  paragraphs: readonly string[];
  snapshot: ImportSnapshot;
}

export type PreparedImport =
  | { ok: true; plan: ImportPlan }
  /** complete: false when more problems were left unchecked after CAPS.reportedProblems. */
  | { ok: false; problems: string[]; complete: boolean };

/** Check the file (JSON, caps, schema, quotes), then plan its writes against the server's snapshot. */
export function prepareImport(job: ImportJob): PreparedImport {
  const checked = checkImport(job.text, job.paragraphs);
  if (!checked.ok) return checked;
  try {
    return { ok: true, plan: planImport(job.snapshot, checked.facts) };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, problems: [error.message], complete: true };
    throw error;
  }
}
