import { availableParallelism } from 'node:os';

/**
 * How much one import and one server may hold. A real community's fact base is the 39 curated
 * facts (40 KB) plus a few dozen of its own; the harm starts in the thousands: a server with
 * 4,000 imported facts made every answer in every server take about 2 s, and a 1 MB file of
 * 333,320 empty facts kept the bot busy for 30 s (issue 9). The caps sit far from both.
 */
export const CAPS = {
  /** Bytes in one import file; also what Discord's download is checked against. */
  importBytes: 1_000_000,
  /** Facts in one import file, counted right after JSON.parse, before any fact is checked. */
  importFacts: 2_000,
  /** Facts a server holds of its own: added or edited and not removed (removed ones free their place). */
  serverFacts: 5_000,
  /** Problems listed for one file (the rest are counted): enough to fix a file in a few rounds, never a giant report. */
  reportedProblems: 100,
} as const;

/**
 * How imports are checked without stalling the other servers. Measured on a 2-core machine:
 * checking and planning 2,000 facts takes 35-90 ms of CPU, so anything beyond a small file is
 * checked in a worker thread; the bot's own thread then only writes the planned rows (30-45 ms).
 */
export const IMPORT_CHECKS = {
  /** Files up to this size are checked in the bot's own thread: 64 KB is about 100 facts, about 4 ms. */
  inlineBytes: 64_000,
  /** Worker threads checking at once: one core is left for answering questions. */
  workers: Math.max(1, Math.min(2, availableParallelism() - 1)),
  /** Imports waiting for a worker; more are refused at once with "try again in a minute". */
  waiting: 4,
  /** A check that takes longer is stopped (the worker is ended) and the import refused. */
  timeoutMs: 10_000,
  /** A worker's heap: a 1 MB file needs a few MB; a runaway check stops here instead of growing the bot. */
  workerHeapMb: 128,
} as const;
