import type { FactEngine } from './engine.ts';
import type { ImportPlan, ImportSummary } from './importPlan.ts';
import type { Actor } from './records.ts';

/** The server changed between its snapshot and the write: nothing was written; plan again from a new snapshot. */
export class StaleImportError extends Error {
  override readonly name = 'StaleImportError';

  constructor(guildId: string) {
    super(`The facts of server ${guildId} changed while an import was being checked.`);
  }
}

/**
 * Write a plan from planImport. Call inside engine.write(): a throw anywhere undoes every fact.
 * The plan was worked out from a snapshot; if any fact of the server changed since (its revision
 * moved), StaleImportError is thrown before anything is written.
 */
export function applyImportPlan(engine: FactEngine, plan: ImportPlan, actor: Actor): ImportSummary {
  if (engine.rows.countVersions(plan.guildId) !== plan.revision) throw new StaleImportError(plan.guildId);
  for (const write of plan.writes) {
    engine.writeVersion({ ...write, guildId: plan.guildId, action: 'import', removed: false, followsCurated: false }, actor);
  }
  return plan.summary;
}
