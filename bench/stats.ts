/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Run a measurement several times and keep the median of each figure, to tame a noisy shared machine. */
export async function medianOf<T extends Record<string, number>>(runs: number, measure: () => T | Promise<T>): Promise<T> {
  const results: T[] = [];
  for (let i = 0; i < runs; i++) results.push(await measure());
  const out: Record<string, number> = {};
  for (const key of Object.keys(results[0]!)) out[key] = median(results.map((r) => r[key]!));
  return out as T;
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}x`;
