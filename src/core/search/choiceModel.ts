/**
 * A conditional logit ("which of these facts, or none?"): each candidate gets
 * a score s = bias + w·x, "none of them" scores 0, and the probabilities are
 * the softmax over the candidates and "none". Unlike a separate yes/no per
 * candidate, the candidates compete, so the top one's probability already
 * accounts for a close second; and a question that no fact answers teaches the
 * model to leave the probability with "none". Fitted by Fisher scoring
 * (Newton's method with the expected Hessian), with an L2 penalty on the
 * weights; deterministic, a few iterations for a few thousand candidates.
 */

export interface ChoiceModel {
  bias: number;
  weights: number[];
}

/** One question: its candidates' feature vectors and which of them are right (none: the article cannot answer it). */
export interface Choice {
  candidates: readonly (readonly number[])[];
  right: readonly boolean[];
}

function scores(model: ChoiceModel, candidates: readonly (readonly number[])[]): number[] {
  return candidates.map((x) => {
    let s = model.bias;
    for (let j = 0; j < model.weights.length; j++) s += model.weights[j]! * x[j]!;
    return s;
  });
}

/** The probability that each candidate is the right answer; what is left over is "none of them". */
export function choiceProbabilities(model: ChoiceModel, candidates: readonly (readonly number[])[]): number[] {
  const s = scores(model, candidates);
  const top = Math.max(0, ...s);
  const exp = s.map((v) => Math.exp(v - top));
  const total = Math.exp(-top) + exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}

/** The members' probabilities averaged: a committee of the cross-validation folds' models. */
export function averageProbabilities(models: readonly ChoiceModel[], candidates: readonly (readonly number[])[]): number[] {
  const sum = new Array<number>(candidates.length).fill(0);
  for (const model of models) choiceProbabilities(model, candidates).forEach((p, i) => (sum[i]! += p / models.length));
  return sum;
}

function logLikelihood(model: ChoiceModel, data: readonly Choice[], l2: number): number {
  let sum = 0;
  for (const q of data) {
    const p = choiceProbabilities(model, q.candidates);
    const none = 1 - p.reduce((a, b) => a + b, 0);
    const right = q.right.some(Boolean) ? p.reduce((a, v, i) => a + (q.right[i] ? v : 0), 0) : none;
    sum += Math.log(Math.max(right, 1e-300));
  }
  return sum - (l2 / 2) * model.weights.reduce((a, w) => a + w * w, 0);
}

/** Solve A·x = b for a small symmetric positive-definite A (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r]![col]! / p;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

export function fitChoiceModel(data: readonly Choice[], l2 = 1, iterations = 100): ChoiceModel {
  const d = (data.find((q) => q.candidates.length > 0)?.candidates[0]?.length ?? 0) + 1;
  let beta = new Array<number>(d).fill(0);
  const asModel = (b: readonly number[]): ChoiceModel => ({ bias: b[0]!, weights: b.slice(1) });
  let current = logLikelihood(asModel(beta), data, l2);
  for (let iter = 0; iter < iterations; iter++) {
    const gradient = new Array<number>(d).fill(0);
    const fisher = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const q of data) {
      if (q.candidates.length === 0) continue;
      const rows = q.candidates.map((x) => [1, ...x]);
      const p = choiceProbabilities(asModel(beta), q.candidates);
      const mean = new Array<number>(d).fill(0);
      rows.forEach((row, i) => row.forEach((v, j) => (mean[j]! += p[i]! * v)));
      // The expected row given the right answer: the right candidates weighted by probability, or the zero row for "none".
      const rightMass = p.reduce((a, v, i) => a + (q.right[i] ? v : 0), 0);
      const target = new Array<number>(d).fill(0);
      if (rightMass > 0) rows.forEach((row, i) => q.right[i] && row.forEach((v, j) => (target[j]! += (p[i]! / rightMass) * v)));
      for (let j = 0; j < d; j++) gradient[j]! += target[j]! - mean[j]!;
      rows.forEach((row, i) => {
        for (let j = 0; j < d; j++) for (let k = j; k < d; k++) fisher[j]![k]! += p[i]! * row[j]! * row[k]!;
      });
      for (let j = 0; j < d; j++) for (let k = j; k < d; k++) fisher[j]![k]! -= mean[j]! * mean[k]!;
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) fisher[j]![k] = fisher[k]![j]!;
      if (j > 0) {
        gradient[j]! -= l2 * beta[j]!;
        fisher[j]![j]! += l2;
      }
      fisher[j]![j]! += 1e-9;
    }
    const step = solve(fisher, gradient);
    // Step halving keeps every iteration an improvement.
    let scale = 1;
    let next = beta;
    let value = current;
    for (let tries = 0; tries < 30; tries++) {
      next = beta.map((b, j) => b + scale * step[j]!);
      value = logLikelihood(asModel(next), data, l2);
      if (value >= current) break;
      scale /= 2;
    }
    if (value < current) break;
    const moved = Math.max(...step.map((s) => Math.abs(s * scale)));
    beta = next;
    const gain = value - current;
    current = value;
    if (moved < 1e-7 || gain < 1e-9) break;
  }
  return asModel(beta);
}
