import { UserError } from '../errors.ts';
import type { Fact } from '../facts/schema.ts';
import type { FactEngine } from './engine.ts';
import { checkFact, sameContent, type Actor } from './records.ts';

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

/** Import facts into one server. Call inside engine.write(): a throw anywhere undoes every fact. */
export function importInto(engine: FactEngine, guildId: string, facts: readonly Fact[], actor: Actor): ImportSummary {
  const before = engine.effectiveFacts(guildId).map((fact) => fact.id);
  const summary: ImportSummary = { added: [], updated: [], unchanged: 0, notInFile: 0 };
  const seen = new Set<string>();
  facts.forEach((raw, index) => {
    const fact = checkFact(raw, `Fact ${index + 1} of the file ("${String((raw as { id?: unknown } | null)?.id)}")`);
    if (seen.has(fact.id)) throw new UserError(`The file lists "${fact.id}" twice; keep one and import again.`);
    seen.add(fact.id);
    const state = engine.state(guildId, fact.id);
    if (state && !state.removed && state.content && sameContent(state.content, fact)) {
      summary.unchanged += 1;
      return;
    }
    engine.apply(guildId, fact.id, state, { action: 'import', content: fact, removed: false, followsCurated: false }, actor);
    (state ? summary.updated : summary.added).push(fact.id);
  });
  summary.notInFile = before.filter((id) => !seen.has(id)).length;
  return summary;
}
