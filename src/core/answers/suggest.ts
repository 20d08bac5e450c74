import type { Fact } from '../facts/schema.ts';
import { foldText } from '../search/text.ts';
import type { Knowledge } from './answerQuestion.ts';

/**
 * Real questions for /ask's autocomplete as the member types: phrasings that
 * start with what was typed, then ones containing it, then the facts the
 * search engine ranks highest. An empty box shows the canonical questions.
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
  const phrasings = knowledge.facts.facts.flatMap((fact) => [fact.question, ...fact.questions]);
  const folded = phrasings.map((q) => ({ q, f: foldText(q) }));
  folded.filter(({ f }) => f.startsWith(query)).forEach(({ q }) => add(q));
  folded.filter(({ f }) => f.includes(query)).forEach(({ q }) => add(q));
  for (const { fact } of knowledge.index.search(typed, limit, { partialLastWord: true })) add(fact.question);
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
  for (const { fact } of knowledge.index.search(typed, limit, { partialLastWord: true })) add(fact);
  return [...out.values()];
}
