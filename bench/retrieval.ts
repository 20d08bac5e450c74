import Fuse from 'fuse.js';
import { answerQuestion } from '../src/core/answers/answerQuestion.ts';
import type { LabelledQuestion } from '../src/core/answers/questionSet.ts';
import type { Fact } from '../src/core/facts/schema.ts';
import { buildKnowledge } from '../src/core/knowledge.ts';
import { defaultEngine } from '../src/core/search/searchIndex.ts';
import { medianOf, percentile } from './stats.ts';

/** A deterministic PRNG so every run searches the same synthetic facts. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'sul', 'va', 'dor', 'phe', 'lin', 'gra', 'zu', 'mon', 'tel', 'ish', 'bar', 'que'];

/**
 * `total` facts: the curated ones plus synthetic ones built from invented words
 * and the curated vocabulary, so the index grows the way a large server's would.
 */
export function syntheticFacts(curated: readonly Fact[], total: number, seed = 7): Fact[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const curatedWords = curated.flatMap((f) => f.question.toLowerCase().split(/\W+/)).filter((w) => w.length > 3);
  const word = () => (random() < 0.9 ? Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join('') : pick(curatedWords));
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const facts = [...curated];
  for (let i = facts.length; i < total; i++) {
    const template = pick(curated);
    facts.push({
      ...template,
      id: `synthetic-${i}`,
      question: `What about ${sentence(4)}?`,
      questions: [sentence(6), sentence(5), sentence(7)],
      answer: `The record says ${sentence(14)}.`,
      keywords: [word(), word(), word()],
      aliases: [word()],
      related: [],
    });
  }
  return facts;
}

interface LatencyRow extends Record<string, number> {
  p50: number;
  p99: number;
  buildMs: number;
}

/**
 * `warm` questions untimed first, so the figures are for a warm process (JIT compiled, caches and
 * typo buckets built): all of them for ours; ten for the baseline, whose questions take up to half
 * a second each and have nothing to warm beyond the JIT.
 */
function timeQueries(search: (q: string) => unknown, questions: readonly string[], warm = questions.length): number[] {
  for (const q of questions.slice(0, warm)) search(q);
  return questions.map((q) => {
    const started = performance.now();
    search(q);
    return performance.now() - started;
  });
}

/** p50/p99 per question for our engine and for fuse.js with default options over the question text. */
export async function retrievalLatency(facts: readonly Fact[], questions: readonly string[], runs: number) {
  defaultEngine(); // loading the word lists and WordNet is start-up, not index building
  const ours = await medianOf<LatencyRow>(runs, () => {
    const started = performance.now();
    const knowledge = buildKnowledge(facts);
    const buildMs = performance.now() - started;
    const times = timeQueries((q) => answerQuestion(knowledge, q), questions);
    return { p50: percentile(times, 50), p99: percentile(times, 99), buildMs };
  });
  // The baseline takes hundreds of ms per question at 10,000 facts, so it is timed on every fourth question.
  const sample = questions.filter((_, i) => i % 4 === 0);
  const baseline = await medianOf<LatencyRow>(runs, () => {
    const started = performance.now();
    const fuse = new Fuse(facts, { keys: ['question'] });
    const buildMs = performance.now() - started;
    const times = timeQueries((q) => fuse.search(q, { limit: 5 }), sample, 10);
    return { p50: percentile(times, 50), p99: percentile(times, 99), buildMs };
  });
  return { ours, baseline };
}

/** Top-1 of the naive baseline on answerable questions: fuse.js defaults, best hit taken as the answer. */
export function baselineTop1(facts: readonly Fact[], questions: readonly LabelledQuestion[]): number {
  const fuse = new Fuse(facts, { keys: ['question'] });
  const answerable = questions.filter((q) => q.factIds.length > 0);
  const hits = answerable.filter((q) => q.factIds.includes(fuse.search(q.question, { limit: 1 })[0]?.item.id ?? ''));
  return hits.length / answerable.length;
}

/** Our top-1 on answerable questions: the first-ranked fact, answered or offered. */
export function ourTop1(facts: readonly Fact[], questions: readonly LabelledQuestion[]): number {
  const knowledge = buildKnowledge(facts);
  const answerable = questions.filter((q) => q.factIds.length > 0 && q.question.trim() !== '');
  const hits = answerable.filter((q) => q.factIds.includes(knowledge.index.search(q.question, 1)[0]?.fact.id ?? ''));
  return hits.length / answerable.length;
}
