import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataError } from '../errors.ts';
import type { Fact } from '../facts/schema.ts';
import { formatPath, parseJsonFile } from '../validation.ts';
import { quizBankSchema, type QuizBank, type QuizItem } from './bankSchema.ts';

export const QUIZ_FILE = 'quiz.json';

/**
 * Facts deliberately without a quiz item, each with the reason (at most 5). Every other fact must
 * have at least one item; checkQuizBank reports the ones that do not.
 */
export const NOT_QUIZZABLE: Readonly<Record<string, string>> = {};

/** "item q-summit-host-1 (items[3]), field wrong[1]" — what a curator needs to find the problem. */
function itemField(index: number, id: unknown, field: ReadonlyArray<PropertyKey>): string {
  const name = typeof id === 'string' && id !== '' ? `item ${id} (items[${index}])` : `items[${index}]`;
  const path = formatPath(field);
  return path === '' ? name : `${name}, field ${path}`;
}

/** Options compare equal when they differ only in case or spacing. */
export function normaliseOption(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The four options of an item, correct first. */
export function itemOptions(item: QuizItem): string[] {
  return [item.correct, ...item.wrong];
}

/** Cross-checks a structurally valid bank against the facts; one line per problem, empty when fine. */
export function checkQuizBank(bank: QuizBank, facts: readonly Fact[]): string[] {
  const problems: string[] = [];
  const factsById = new Map(facts.map((fact) => [fact.id, fact]));
  const firstIndexOfId = new Map<string, number>();

  bank.items.forEach((item, index) => {
    const at = (...field: PropertyKey[]) => itemField(index, item.id, field);

    const earlier = firstIndexOfId.get(item.id);
    if (earlier === undefined) firstIndexOfId.set(item.id, index);
    else problems.push(`${at('id')}: duplicate id, already used by items[${earlier}]`);

    const fact = factsById.get(item.factId);
    if (fact === undefined) {
      problems.push(`${at('factId')}: unknown fact "${item.factId}"; use an id from facts.json`);
    } else if (fact.topic !== item.topic) {
      problems.push(`${at('topic')}: is "${item.topic}" but fact ${fact.id} has topic "${fact.topic}"`);
    }

    const seen = new Map<string, string>();
    itemOptions(item).forEach((option, o) => {
      const field = o === 0 ? ['correct'] : ['wrong', o - 1];
      const key = normaliseOption(option);
      const first = seen.get(key);
      if (first !== undefined) problems.push(`${at(...field)}: repeats ${first} ("${option}"); all four options must differ`);
      else seen.set(key, formatPath(field));
    });
  });

  const covered = new Set(bank.items.map((item) => item.factId));
  for (const fact of facts) {
    // Own keys only: `in` would find "constructor" on every object and excuse a fact of that id.
    if (!covered.has(fact.id) && !Object.hasOwn(NOT_QUIZZABLE, fact.id)) {
      problems.push(
        `fact ${fact.id}: has no quiz item; add one with "factId": "${fact.id}" or list the fact in NOT_QUIZZABLE (src/core/quiz/loadBank.ts) with a reason`,
      );
    }
  }
  return problems;
}

function failure(name: string, problems: readonly string[]): DataError {
  const lines = problems.map((line) => `  - ${line}`);
  return new DataError(`${name}: ${problems.length} problem(s); fix each field named below:\n${lines.join('\n')}`);
}

/** Parse a quiz bank's text and check it against the facts; every problem names the item and field. */
export function parseQuizBank(text: string, name: string, facts: readonly Fact[]): QuizBank {
  const json = parseJsonFile(text, name);
  const parsed = quizBankSchema.safeParse(json);
  if (!parsed.success) {
    const rawItems = (json as { items?: unknown } | null)?.items;
    const rawId = (index: number): unknown =>
      Array.isArray(rawItems) ? (rawItems[index] as { id?: unknown } | null | undefined)?.id : undefined;
    const problems = parsed.error.issues.flatMap((issue) => {
      const describe = (extra: PropertyKey[]): string => {
        const [head, index, ...field] = issue.path;
        if (head === 'items' && typeof index === 'number') return itemField(index, rawId(index), [...field, ...extra]);
        return formatPath([...issue.path, ...extra]);
      };
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => `${describe([key])}: unknown field; check its spelling`);
      }
      const where = describe([]);
      return [where === '' ? issue.message : `${where}: ${issue.message}`];
    });
    throw failure(name, problems);
  }
  const problems = checkQuizBank(parsed.data, facts);
  if (problems.length > 0) throw failure(name, problems);
  return parsed.data;
}

/** Load DATA_DIR/quiz.json; throws a DataError naming the file, the item id and the field. */
export function loadQuizBank(path: string, facts: readonly Fact[]): QuizBank {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check DATA_DIR points at the folder holding quiz.json.`);
  }
  return parseQuizBank(text, path, facts);
}

/** 12 hex digits identifying what a quiz item relies on: the fact's answer and source. */
export function factHash(fact: Pick<Fact, 'answer' | 'source'>): string {
  return createHash('sha256')
    .update(JSON.stringify([fact.answer, fact.source.paragraph, fact.source.quote]))
    .digest('hex')
    .slice(0, 12);
}

export type ReviewReason = 'fact-removed' | 'answer-changed' | 'source-changed' | 'fact-hash-changed';

export interface ItemReview {
  item: QuizItem;
  reason: ReviewReason;
}

/**
 * Items whose fact no longer says what it said when the item was written, with the reason:
 * `facts` are the facts in use (after moderators' edits), `curated` the ones the bank was checked against.
 */
export function reviewQuizItems(bank: QuizBank, facts: readonly Fact[], curated: readonly Fact[]): ItemReview[] {
  const live = new Map(facts.map((fact) => [fact.id, fact]));
  const base = new Map(curated.map((fact) => [fact.id, fact]));
  const reasonFor = (item: QuizItem): ReviewReason | null => {
    const now = live.get(item.factId);
    const was = base.get(item.factId);
    if (now === undefined || was === undefined) return 'fact-removed';
    if (now.answer !== was.answer) return 'answer-changed';
    if (now.source.paragraph !== was.source.paragraph || now.source.quote !== was.source.quote) return 'source-changed';
    if (item.factHash !== undefined && item.factHash !== factHash(now)) return 'fact-hash-changed';
    return null;
  };
  return bank.items.flatMap((item) => {
    const reason = reasonFor(item);
    return reason === null ? [] : [{ item, reason }];
  });
}

/** The items to skip in quizzes and list to moderators until someone rewrites or re-approves them. */
export function itemsNeedingReview(bank: QuizBank, facts: Fact[], curated: Fact[]): QuizItem[] {
  return reviewQuizItems(bank, facts, curated).map((review) => review.item);
}
