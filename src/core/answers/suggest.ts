import type { FactBase } from '../facts/factBase.ts';
import type { Fact } from '../facts/schema.ts';
import { foldText } from '../search/normalise.ts';
import type { Knowledge } from './answerQuestion.ts';

/** Each fact base's phrasings, folded once rather than at every keystroke. */
const foldedPhrasings = new WeakMap<FactBase, Array<{ q: string; f: string }>>();

function phrasingsOf(facts: FactBase): Array<{ q: string; f: string }> {
  let folded = foldedPhrasings.get(facts);
  if (!folded) {
    folded = facts.facts.flatMap((fact) => [fact.question, ...fact.questions]).map((q) => ({ q, f: foldText(q) }));
    foldedPhrasings.set(facts, folded);
  }
  return folded;
}

/** The search's facts as the server has them now (its index may be a moment behind), dropping any it no longer has. */
function current(knowledge: Knowledge, facts: readonly Fact[]): Fact[] {
  return facts.flatMap((fact) => knowledge.facts.get(fact.id) ?? []);
}

/**
 * Real questions for /ask's autocomplete as the member types, in the same
 * tiers as an answer: the facts the bot would answer with or offer as "did you
 * mean" first, then phrasings that start with or contain what was typed, then
 * the other facts sharing its words. An empty box shows the canonical questions.
 */
export function suggestQuestions(knowledge: Knowledge, typed: string, limit = 25): string[] {
  const query = foldText(typed);
  const out = new Set<string>();
  const add = (question: string) => {
    if (out.size < limit && question.length <= 100) out.add(question);
  };
  if (query === '') {
    knowledge.facts.facts.forEach((fact) => add(fact.question));
    return [...out];
  }
  const ranked = knowledge.index.search(typed, limit, { partialLastWord: true });
  const likely = knowledge.index.engine.model.thresholds.suggest;
  current(knowledge, ranked.filter((r) => r.score >= likely).map((r) => r.fact)).forEach((fact) => add(fact.question));
  const folded = phrasingsOf(knowledge.facts);
  folded.filter(({ f }) => f.startsWith(query)).forEach(({ q }) => add(q));
  folded.filter(({ f }) => f.includes(query)).forEach(({ q }) => add(q));
  current(knowledge, ranked.map((r) => r.fact)).forEach((fact) => add(fact.question));
  return [...out];
}

/** Facts for an id option: exact id, then ids starting with the text, then search results. */
export function suggestFacts(knowledge: Knowledge, typed: string, limit = 25): Fact[] {
  const query = typed.trim().toLowerCase();
  const facts = knowledge.facts.facts;
  if (query === '') return facts.slice(0, limit);
  const out = new Map<string, Fact>();
  const add = (fact: Fact) => {
    if (out.size < limit) out.set(fact.id, fact);
  };
  const exact = knowledge.facts.get(query);
  if (exact) add(exact);
  facts.filter((f) => f.id.startsWith(query)).forEach(add);
  facts.filter((f) => f.id.includes(query)).forEach(add);
  current(knowledge, knowledge.index.search(typed, limit, { partialLastWord: true }).map((r) => r.fact)).forEach(add);
  return [...out.values()];
}
