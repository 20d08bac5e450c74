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
  /** Problems listed for one file: enough to fix a file in a few rounds, never a giant report. */
  reportedProblems: 50,
} as const;
