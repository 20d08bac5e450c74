import type { Answer } from '../core/answers/answerQuestion.ts';
import type { BotContext } from './command.ts';

/** Where a question was asked and by whom: an interaction has both. */
export interface AskedBy {
  guildId: string | null;
  user: { id: string };
}

/**
 * Count a question the article could not answer, for /factadmin gaps and /metrics. Called after
 * the reply is sent: a busy database must never keep a member waiting or lose their answer.
 * The member who asked is passed on, so one member asking again (or flooding) counts once.
 */
export function noteUnanswered(ctx: BotContext, asked: AskedBy, answer: Answer): void {
  if (answer.answered) return;
  ctx.metrics.unansweredQuestion();
  if (asked.guildId === null) return;
  try {
    ctx.store.recordUnanswered(asked.guildId, answer.question, asked.user.id);
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not record an unanswered question');
  }
}
