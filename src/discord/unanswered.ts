import type { Answer } from '../core/answers/answerQuestion.ts';
import type { BotContext } from './command.ts';

/**
 * Count a question the article could not answer, for /factadmin gaps and /metrics. Called after
 * the reply is sent: a busy database must never keep a member waiting or lose their answer.
 */
export function noteUnanswered(ctx: BotContext, guildId: string | null, answer: Answer): void {
  if (answer.answered) return;
  ctx.metrics.unansweredQuestion();
  if (guildId === null) return;
  try {
    ctx.store.recordUnanswered(guildId, answer.question);
  } catch (error) {
    ctx.logger.warn({ err: error }, 'could not record an unanswered question');
  }
}
