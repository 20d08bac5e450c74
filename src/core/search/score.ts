import type { AnalyzedQuestion } from './analyzer.ts';
import type { QueryTerm } from './expand.ts';
import { CLAUSE_SPAN, isYear, kindBit, type IndexedFact } from './factIndex.ts';
import { stem } from './analyzer.ts';
import { conflictClass } from './language.ts';
import type { AnswerType } from './questionShape.ts';
import { CANDIDATES, CONTEXT_SHARE, MAX_ASKING_TERMS, NEAR } from './searchTuning.ts';
import type { SearchView } from './searchView.ts';

/**
 * Stage 4: candidate facts for a question, each with the features the answer
 * model reads. A first pass ranks facts by how much of the question they
 * explain (an inverted-index walk, proportional to the facts sharing a word);
 * the best CANDIDATES get the full feature set.
 */

export const FEATURES = [
  /** Share of the asking clause's information the fact explains. */
  'coverage',
  /** Share of the information of the words some fact knows that this fact explains. */
  'coverageKnown',
  /** Closeness (F1) to the nearest of the fact's own questions. */
  'phrasingMatch',
  /** The question is one of the fact's own questions, word for word (picked from autocomplete, say). */
  'ownQuestion',
  /** The same among its questions asking for the same kind of answer ("who ..." against "who ..."); phrasingMatch when the question asks no kind. */
  'phrasingSameKind',
  /** Coverage minus the best other candidate's. */
  'margin',
  /** Closeness to its own questions minus the best other candidate's. */
  'phrasingMargin',
  /** Share of the fact's match that came through WordNet or a typo correction. */
  'indirectShare',
  /** Share of the asking clause's information in common English words no fact uses ("population", "born"). */
  'unknownAsking',
  /** The same for rarer words and names no fact uses ("Macron", "Zelensky"). */
  'unknownRare',
  /** The same for the words around it ("my grandma told me about this, ..."). */
  'unknownContext',
  /** log(1 + information the fact explains): one common word is weak evidence. */
  'evidence',
  /** The question wants a kind of answer (who, when, where, how many, why): the share of the fact's own questions asking for it. */
  'kindFits',
  /** It wants a kind the fact does not give. */
  'kindMisfits',
  /** It asks about now; the fact tells what was. */
  'pastForPresent',
  /** It asks what happened; the fact tells what was still to come ("did they sign on Friday?"). */
  'futureForPast',
  /** How many words of the asking clause some fact knows, up to 4, as a share: one name alone says little. */
  'askingTerms',
  /**
   * Share of neighbouring asking words that also stand near each other in one of the fact's
   * sentences ("capital of Azerbaijan" against a fact that says "the US capital"): term proximity.
   */
  'pairsNear',
  /** Share of the asking clause's information found in the fact's answer or quote, not only in how it is asked. */
  'answerCoverage',
  /** The most informative asking word is found in the fact (1), through WordNet or a typo (its credit), or not (0). */
  'focusCovered',
  /** It names someone or somewhere the fact does not, while the fact names another of the same class. */
  'nameConflict',
  /** It states a number the fact contradicts. */
  'numberConflict',
  /** It asks for a year the fact does not state. */
  'yearMissing',
  /** It asks for the name of someone or something the fact mentions without naming ("which organisations"). */
  'nameMissing',
] as const;

export type FeatureName = (typeof FEATURES)[number];
export type Features = Record<FeatureName, number>;

export interface Candidate {
  entry: IndexedFact;
  slot: number;
  features: Features;
}


interface Coverage {
  slot: number;
  /** Weighted explained information: all terms (context at a share), asking clause only, by direct match only. */
  all: number;
  asking: number;
  direct: number;
}

/** The first pass and the features of the best candidates, in first-pass order. */
export function scoreCandidates(question: AnalyzedQuestion, terms: readonly QueryTerm[], view: SearchView, limit = CANDIDATES): Candidate[] {
  const weightOf = (t: QueryTerm) => (t.context ? t.weight * CONTEXT_SHARE : t.weight);
  const totalAll = terms.reduce((sum, t) => sum + weightOf(t), 0);
  const asking = terms.filter((t) => !t.context);
  const totalAsking = asking.reduce((sum, t) => sum + t.weight, 0);
  const knownAsking = asking.reduce((sum, t) => sum + (t.known ? t.weight : 0), 0);
  const knownAskingTerms = asking.filter((t) => t.known).length;
  if (totalAll === 0 || !terms.some((t) => t.known)) return [];

  const covered = new Map<number, Coverage>();
  const best = new Map<number, { credit: number; direct: boolean }>();
  for (const term of terms) {
    if (!term.known) continue;
    best.clear();
    for (const [key, { credit, via }] of term.keys) {
      view.forEachPosting(key, (slot, fieldWeight) => {
        const value = credit * fieldWeight;
        const current = best.get(slot);
        if (!current || value > current.credit) best.set(slot, { credit: value, direct: via === 'exact' });
      });
    }
    for (const [slot, { credit, direct }] of best) {
      let c = covered.get(slot);
      if (!c) {
        c = { slot, all: 0, asking: 0, direct: 0 };
        covered.set(slot, c);
      }
      c.all += credit * weightOf(term);
      if (!term.context) c.asking += credit * term.weight;
      if (direct) c.direct += credit * weightOf(term);
    }
  }
  const ranked = [...covered.values()].sort((a, b) => b.all - a.all || view.compareSlots(a.slot, b.slot)).slice(0, limit);
  const unknownAsking = share(asking.filter((t) => !t.known && t.common), totalAsking);
  const unknownRare = share(asking.filter((t) => !t.known && !t.common), totalAsking);
  const context = terms.filter((t) => t.context);
  const unknownContext = share(context.filter((t) => !t.known), context.reduce((s, t) => s + t.weight, 0));

  const phrasing = ranked.map((c) => phrasingMatch(view.entry(c.slot), asking, view, null));
  const wants = question.shape.wants;
  const sameKind = ranked.map((c, i) => (wants === null ? phrasing[i]! : phrasingMatch(view.entry(c.slot), asking, view, wants)));
  const focus = asking.reduce<QueryTerm | undefined>((best, t) => (!best || t.weight > best.weight ? t : best), undefined);
  return ranked.map((c, i) => {
    const entry = view.entry(c.slot);
    const other = ranked[i === 0 ? 1 : 0];
    const otherPhrasing = Math.max(0, ...phrasing.filter((_, j) => j !== i));
    const coverage = totalAsking > 0 ? c.asking / totalAsking : c.all / totalAll;
    const features: Features = {
      coverage,
      coverageKnown: knownAsking > 0 ? c.asking / knownAsking : 0,
      phrasingMatch: phrasing[i]!,
      phrasingSameKind: sameKind[i]!,
      ownQuestion: entry.ownQuestions.has(question.text) ? 1 : 0,
      phrasingMargin: phrasing[i]! - otherPhrasing,
      margin: (c.all - (other?.all ?? 0)) / totalAll,
      indirectShare: c.all > 0 ? 1 - c.direct / c.all : 0,
      unknownAsking,
      unknownRare,
      unknownContext,
      evidence: Math.log1p(c.asking),
      kindFits: question.shape.wants !== null ? (entry.kindShare.get(question.shape.wants) ?? 0) : 0,
      kindMisfits: question.shape.wants !== null && !entry.answers.has(question.shape.wants) ? 1 : 0,
      pastForPresent: question.shape.present && entry.past ? 1 : 0,
      futureForPast: question.shape.past && entry.future ? 1 : 0,
      askingTerms: Math.min(knownAskingTerms, MAX_ASKING_TERMS) / MAX_ASKING_TERMS,
      pairsNear: pairsNear(asking, entry),
      answerCoverage: answerCoverage(asking, entry, totalAsking),
      focusCovered: focus ? creditIn(focus, (key) => entry.keys.has(key)) : 0,
      nameConflict: nameConflict(terms, entry) ? 1 : 0,
      numberConflict: numberConflict(question.numbers, entry) ? 1 : 0,
      yearMissing: question.shape.year && !entry.statesYear ? 1 : 0,
      nameMissing: nameMissing(question.nameAsked, entry) ? 1 : 0,
    };
    return { entry, slot: c.slot, features };
  });
}

function share(terms: readonly QueryTerm[], total: number): number {
  return total > 0 ? terms.reduce((s, t) => s + t.weight, 0) / total : 0;
}

/**
 * How closely the asking clause matches one of the fact's own questions: the
 * harmonic mean of the share of the phrasing the question uses and the share of
 * the question the phrasing explains, each weighted by idf.
 */
function phrasingMatch(entry: IndexedFact, asking: readonly QueryTerm[], view: SearchView, kind: AnswerType | null): number {
  const total = asking.reduce((s, t) => s + t.weight, 0);
  if (total === 0) return 0;
  let best = 0;
  for (const phrasing of entry.phrasings) {
    if (kind !== null && (phrasing.kinds & kindBit(kind)) === 0) continue;
    let phrasingWeight = 0;
    let phrasingHit = 0;
    const inPhrasing = new Set(phrasing.keys);
    for (const key of phrasing.keys) {
      const idf = view.idf(key) ?? 0;
      phrasingWeight += idf;
      let credit = 0;
      for (const term of asking) credit = Math.max(credit, term.keys.get(key)?.credit ?? 0);
      phrasingHit += idf * credit;
    }
    if (phrasingHit === 0 || phrasingWeight === 0) continue;
    let explained = 0;
    for (const term of asking) {
      let credit = 0;
      for (const [key, c] of term.keys) if (inPhrasing.has(key)) credit = Math.max(credit, c.credit);
      explained += credit * term.weight;
    }
    const precision = phrasingHit / phrasingWeight;
    const recall = explained / total;
    if (recall > 0) best = Math.max(best, (2 * precision * recall) / (precision + recall));
  }
  return best;
}

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
function nameMissing(asked: readonly string[], entry: IndexedFact): boolean {
  const roles = asked.filter((key) => PERSON_ROLES.has(key) || ROLE_NAMES.has(key) || ORGANISATIONS.has(key));
  if (roles.length === 0 || !roles.some((key) => entry.keys.has(key))) return false;
  // A person's name stands by the role ("Prime Minister Nikol Pashinyan"): the fact names them.
  if (roles.some((key) => entry.namedKeys.has(key))) return false;
  const asksOrganisation = roles.some((key) => ORGANISATIONS.has(key));
  return !(asksOrganisation && (entry.names.get('organisation')?.size ?? 0) > 0);
}

/** The best credit a term gets from the keys `has` accepts. */
function creditIn(term: QueryTerm, has: (key: string) => boolean): number {
  let best = 0;
  for (const [key, { credit }] of term.keys) if (credit > best && has(key)) best = credit;
  return best;
}

function answerCoverage(asking: readonly QueryTerm[], entry: IndexedFact, total: number): number {
  if (total === 0) return 0;
  return asking.reduce((sum, t) => sum + t.weight * creditIn(t, (key) => entry.answerKeys.has(key)), 0) / total;
}


/** Share of consecutive known asking terms that the fact has within NEAR words of each other in one clause; 1 with fewer than two. */
function pairsNear(asking: readonly QueryTerm[], entry: IndexedFact): number {
  const known = asking.filter((t) => t.known);
  if (known.length < 2) return 1;
  let near = 0;
  for (let i = 0; i + 1 < known.length; i++) {
    if (standNear(known[i]!, known[i + 1]!, entry)) near++;
  }
  return near / (known.length - 1);
}

function standNear(a: QueryTerm, b: QueryTerm, entry: IndexedFact): boolean {
  for (const keyA of a.keys.keys()) {
    const at = entry.positions.get(keyA);
    if (!at) continue;
    for (const keyB of b.keys.keys()) {
      const bt = entry.positions.get(keyB);
      if (!bt) continue;
      for (const x of at) {
        for (const y of bt) {
          if (x !== y && Math.floor(x / CLAUSE_SPAN) === Math.floor(y / CLAUSE_SPAN) && Math.abs(x - y) <= NEAR) return true;
        }
      }
    }
  }
  return false;
}

/** "why did putin host the summit": a person the fact does not name, where it names another host. */
function nameConflict(terms: readonly QueryTerm[], entry: IndexedFact): boolean {
  for (const term of terms) {
    if (term.entity === null || term.entity === 'role' || term.context) continue;
    if (!(entry.names.get(conflictClass(term.entity))?.size ?? 0)) continue;
    const mentioned = [...term.keys.keys()].some((key) => entry.keys.has(key));
    if (!mentioned) return true;
  }
  return false;
}

/** A number the question states that the fact contradicts (it states others, not this one). */
/**
 * A quantity the question states that the fact contradicts: it states quantities, and not this one
 * ("200000 fled?" against 100,000). Years are dates, not quantities, and are left to the date checks.
 */
function numberConflict(numbers: readonly string[], entry: IndexedFact): boolean {
  const quantities = [...entry.numbers].filter((n) => !isYear(n));
  if (quantities.length === 0) return false;
  return numbers.some((n) => !isYear(n) && !quantities.includes(n));
}
