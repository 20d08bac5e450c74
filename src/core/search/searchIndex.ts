import type { Fact } from '../facts/schema.ts';
import { Analyzer } from './analyzer.ts';
import { defaultAnswerModel, type AnswerModel } from './answerModel.ts';
import { decide, type Decision, type RankedFact } from './decide.ts';
import { defaultExamples, defaultUnanswerable, NO_EXAMPLES, type Examples } from './examples.ts';
import { UnanswerableQuestions } from './unanswerable.ts';
import { expandQuestion } from './expand.ts';
import { FactIndex } from './factIndex.ts';
import { languageData, lexiconData, type LanguageData } from './language.ts';
import { EnglishWords, Lexicon } from './lexicon.ts';
import { scoreCandidates, type Candidate } from './score.ts';
import { SearchView } from './searchView.ts';

/** Which general resources the search uses; the eval switches them off one at a time to show what each adds. */
export interface Resources {
  shorthand: boolean;
  domain: boolean;
  wordnet: boolean;
  typos: boolean;
  /** Other members' wordings of the curated facts' questions (examples.ts). */
  examples: boolean;
}

export const ALL_RESOURCES: Resources = { shorthand: true, domain: true, wordnet: true, typos: true, examples: true };

/** What is shared by every server's index: the analyzer, WordNet, and the answer model. */
export class SearchEngine {
  readonly analyzer: Analyzer;
  readonly lexicon: Lexicon | null;
  readonly english: EnglishWords;
  readonly unanswerable: UnanswerableQuestions;

  /** `senses`: how many WordNet senses of a word count; by default the fitted model's choice. */
  constructor(
    readonly model: AnswerModel = defaultAnswerModel(),
    readonly resources: Resources = ALL_RESOURCES,
    senses: number = model.file.lexiconSenses,
    /** Example questions for the curated facts (see examples.ts); a server's own facts have none. */
    readonly examples: Examples = resources.examples ? defaultExamples() : NO_EXAMPLES,
    /** Questions about the story the article does not answer (unanswerable.ts); off with the examples. */
    unanswerable: readonly string[] = resources.examples ? defaultUnanswerable() : [],
    readonly language: LanguageData = languageData(),
  ) {
    this.english = new EnglishWords(lexiconData().commonWords, language.irregular);
    const english = this.english;
    this.analyzer = new Analyzer(language, { shorthand: resources.shorthand, domain: resources.domain, isEnglishWord: (word) => english.has(word) });
    this.lexicon = resources.wordnet && senses > 0 ? new Lexicon(lexiconData(), language.irregular, senses) : null;
    this.unanswerable = new UnanswerableQuestions(unanswerable, this.analyzer);
  }

  /** The index of a list of facts: the curated ones (shared) or one server's own edits (its overlay). */
  indexFacts(facts: readonly Fact[]): FactIndex {
    return FactIndex.build(facts, this.analyzer, this.examples);
  }

  /** A ready index over `facts` alone. */
  searchIndex(facts: readonly Fact[]): SearchIndex {
    return new SearchIndex(this, new SearchView(this.indexFacts(facts)));
  }
}

let engine: SearchEngine | undefined;

/** The engine with every resource and the bundled model. */
export function defaultEngine(): SearchEngine {
  engine ??= new SearchEngine();
  return engine;
}

export interface ScoredFact {
  fact: Fact;
  /** 0..1: the answer model's confidence that the fact answers the question. */
  score: number;
}

export interface SearchOptions {
  /** The last word may be half typed (autocomplete): also match the words it starts. */
  partialLastWord?: boolean;
}

/**
 * One server's search: question → normalised words → tokens → expanded terms
 * → scored candidates → ranked by the answer model → a decision. Deterministic:
 * the same question over the same facts gives the same answer.
 */
export class SearchIndex {
  constructor(
    readonly engine: SearchEngine,
    readonly view: SearchView,
  ) {}

  /** A curated-only index with the default engine (tools and tests). */
  static of(facts: readonly Fact[]): SearchIndex {
    return defaultEngine().searchIndex(facts);
  }

  /** The first pass's candidates with their features, before the answer model (for fitting it). */
  candidates(question: string, options: SearchOptions = {}): Candidate[] {
    const { analyzer, lexicon, english, language, resources } = this.engine;
    const analyzed = analyzer.question(question);
    const terms = expandQuestion(analyzed, this.view, {
      lexicon,
      english,
      typos: resources.typos,
      partialLastWord: options.partialLastWord ?? false,
      irregular: language.irregular,
    });
    return scoreCandidates(analyzed, terms, this.view, this.engine.unanswerable);
  }

  /** Candidate facts, most likely answer first. */
  rank(question: string, options: SearchOptions = {}): RankedFact[] {
    const candidates = this.candidates(question, options);
    const confidences = this.engine.model.confidences(candidates.map((c) => c.features));
    return candidates
      .map((c, i) => ({ fact: c.entry.fact, confidence: confidences[i]!, features: c.features, slot: c.slot }))
      .sort((a, b) => b.confidence - a.confidence || this.view.compareSlots(a.slot, b.slot))
      .map(({ fact, confidence, features }) => ({ fact, confidence, features }));
  }

  /** Facts ranked for a question, best first; facts sharing nothing with it are left out. */
  search(question: string, limit = 5, options: SearchOptions = {}): ScoredFact[] {
    if (limit <= 0) return [];
    return this.rank(question, options)
      .slice(0, limit)
      .map((r) => ({ fact: r.fact, score: r.confidence }));
  }

  /** Answer, "did you mean", or miss. */
  decide(question: string): Decision {
    return decide(this.rank(question), this.engine.model.thresholds);
  }
}
