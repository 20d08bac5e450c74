import type { AnalyzedQuestion } from './analyzer.ts';
import type { QueryTerm } from './expand.ts';
import type { IndexedFact } from './factIndex.ts';
import { answerCoverage, askingKeys, creditIn, pairsNear, phrasingMatch } from './match.ts';
import { nameConflict, nameMissing, numberConflict } from './premise.ts';
import { CANDIDATES, CONTEXT_SHARE, MAX_ASKING_TERMS } from './searchTuning.ts';
import type { SearchView } from './searchView.ts';
import type { UnanswerableQuestions } from './unanswerable.ts';

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
  /** How close the question comes to one members asked that the article does not answer (the same for every candidate). */
  'unanswerableMatch',
  /** With one word some fact knows, the share of the asking clause no fact knows ("how do I center a div"): one word is weak evidence among unknown ones. */
  'loneTermUnknown',
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
export function scoreCandidates(
  question: AnalyzedQuestion,
  terms: readonly QueryTerm[],
  view: SearchView,
  unanswerable: UnanswerableQuestions,
  limit = CANDIDATES,
): Candidate[] {
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

  const ask = askingKeys(asking);
  const matches = ranked.map((c) => phrasingMatch(view.entry(c.slot), ask, view, question.shape.wants));
  const phrasing = matches.map((m) => m.any);
  const sameKind = matches.map((m) => m.sameKind);
  const askedKeys = [...new Set(question.tokens.filter((t) => !t.context).map((t) => t.key))];
  const unanswerableMatch = unanswerable.closeness(askedKeys, (key) => view.idf(key) ?? view.unknownWeight);
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
      unanswerableMatch,
      loneTermUnknown: knownAskingTerms === 1 ? unknownAsking + unknownRare : 0,
    };
    return { entry, slot: c.slot, features };
  });
}

function share(terms: readonly QueryTerm[], total: number): number {
  return total > 0 ? terms.reduce((s, t) => s + t.weight, 0) / total : 0;
}
