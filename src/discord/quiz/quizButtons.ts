import type { ButtonHandler } from '../command.ts';
import { isModerator } from '../permissions.ts';
import { QUIZ_ID } from './quizViews.ts';

/**
 * Seconds a round may last. The quiz posts and edits through the starting
 * interaction's webhook, which Discord keeps for 15 minutes: 15 rounds of
 * at most 45 s plus the pauses between them stay inside that. Should the webhook go anyway
 * (deleted, or its token refused), the quiz goes on through the channel (see quizMessages.ts).
 */
export const QUIZ_SECONDS_OPTION = { min: 10, max: 45 } as const;

export const quizAnswerButton: ButtonHandler = {
  prefix: QUIZ_ID.answer,
  async execute(interaction, payload, ctx) {
    const [quizId = '', round = '', option = ''] = payload.split(':');
    await ctx.quizzes.answer(interaction, quizId, Number(round), Number(option));
  },
};

export const quizRevealButton: ButtonHandler = {
  prefix: QUIZ_ID.reveal,
  async execute(interaction, payload, ctx) {
    const [quizId = '', round = ''] = payload.split(':');
    await ctx.quizzes.reveal(interaction, quizId, Number(round), isModerator(interaction, ctx.moderatorRoleIds));
  },
};
