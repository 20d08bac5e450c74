/**
 * How much the bot keeps in memory per member, channel or server, in one place. Each bound is far
 * above what normal use reaches, so it only matters under a flood; what happens at the bound is
 * said next to it. The metrics (/metrics, factbot_*_entries) show how full each structure is.
 */
export const MEMORY_BOUNDS = {
  /**
   * Members each rate limiter remembers. 2,000 questions at 50/s, each from another member (the
   * bench's load), keep 1,500 within a 30 s window; 20,000 leaves room for over 600 new members a
   * second, about 4 MB at most. Past it the member idle longest is forgotten early, which can only
   * let them ask again sooner.
   */
  rateLimitedMembers: 20_000,
  /**
   * Answers remembered as posted in a channel (DUPLICATE_ANSWER_WINDOW_S, 60 s by default): 50
   * public answers a second for 60 s is 3,000. Past it the oldest is forgotten, so that answer
   * could be posted publicly once more.
   */
  recentPublicAnswers: 20_000,
  /**
   * Quizzes running at once, across all servers. Each holds its start interaction, its rounds and
   * everyone's answers (tens of KB) for at most 15 minutes, the life of its webhook. Past it
   * /quiz start is refused with a note to try again later.
   */
  runningQuizzes: 1_000,
  /** Quizzes running at once in one server (a study group runs one or two), so no server takes the others' places. */
  runningQuizzesPerServer: 10,
  /** Ended quizzes kept so late clicks on their buttons hear that the quiz ended; an older one's clicks hear the same from the quiz host. */
  endedQuizzesKept: 1_000,
  /** Interaction ids remembered to ignore one delivered twice after a gateway resume (a resume replays seconds, not thousands). */
  recentInteractionIds: 5_000,
  /** Servers whose fact revision the store remembers; one forgotten costs a COUNT query on its next question. */
  storeRevisions: 10_000,
  /**
   * Servers whose own facts (edits and additions) are indexed in memory, on top of the shared
   * curated index: about 15 KB per fact of their own, so 10,000 servers that each edited a fact
   * fit in about 150 MB. A server forgotten re-indexes its own facts on its next question.
   */
  searchOverlays: 10_000,
  /**
   * Facts held in all those overlays together: a fact of a server's own costs 3 to 20 KB indexed
   * (more for long, varied text), so 50,000 stay under about 500 MB even for varied facts, whatever
   * the servers (one at the 5,000-fact cap is 5,000 of them). The least recently asked servers go first.
   */
  searchOverlayFacts: 50_000,
} as const;
