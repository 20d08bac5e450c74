import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, TimestampStyles, time, userMention } from 'discord.js';
import type { Fact } from '../../core/facts/schema.ts';
import type { QuizRound, QuizState } from '../../core/quiz/engine.ts';
import type { ScoreEntry } from '../../core/quiz/scoring.ts';
import { citation, truncate } from '../replies.ts';

export const QUIZ_ID = {
  /** qz:<quizId>:<round>:<option> */
  answer: 'qz:',
  /** qzr:<quizId>:<round> */
  reveal: 'qzr:',
} as const;

const COLOR = 0x6b46c1;
const LETTERS = ['A', 'B', 'C', 'D'];

/** A round as the channel sees it while it is open: the question and four answer buttons. */
export function openRoundView(quiz: QuizState, roundNumber: number) {
  const round = quiz.rounds[roundNumber - 1]!;
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle(`Quiz · round ${roundNumber} of ${quiz.rounds.length}`)
    .setDescription(round.question)
    .setFooter({ text: 'Everyone may answer once; you alone see whether you were right.' });
  if (round.deadline !== null) embed.addFields({ name: 'Closes', value: time(Math.ceil(round.deadline / 1000), TimestampStyles.RelativeTime) });
  const answers = new ActionRowBuilder<ButtonBuilder>().addComponents(
    round.options.map((option, index) =>
      new ButtonBuilder()
        .setCustomId(`${QUIZ_ID.answer}${quiz.id}:${roundNumber}:${index}`)
        .setLabel(truncate(`${LETTERS[index]}. ${option}`, 80))
        .setStyle(ButtonStyle.Primary),
    ),
  );
  const reveal = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`${QUIZ_ID.reveal}${quiz.id}:${roundNumber}`).setLabel('Reveal').setStyle(ButtonStyle.Secondary),
  );
  return { embeds: [embed], components: [answers, reveal], allowedMentions: { parse: [] as [] } };
}

/** A closed round: the right answer, why, its source, and who got it. No buttons are left to click. */
export function revealedRoundView(round: QuizRound, roundNumber: number, total: number, winners: readonly string[], fact: Fact | undefined) {
  const right = round.options[round.correctIndex]!;
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle(`Quiz · round ${roundNumber} of ${total} · answer`)
    .setDescription(`${round.question}\n\n✅ **${LETTERS[round.correctIndex]}. ${right}**\n${round.explanation}`)
    .addFields({
      name: 'Got it right',
      value: truncate(winners.length > 0 ? winners.map((id) => userMention(id)).join(', ') : 'Nobody this time.', 1024),
    });
  if (fact) embed.addFields({ name: 'Source', value: truncate(citation(fact), 1024) });
  return { embeds: [embed], components: [], allowedMentions: { parse: [] as [] } };
}

const ENDINGS = {
  finished: 'Quiz over! Final scores',
  stopped: 'Quiz stopped. Scores so far',
  aborted: 'Quiz ended because the bot restarted. Scores so far',
  undeliverable: 'Quiz ended because Discord would not take its next question. Scores so far',
} as const;

export function scoreboardView(scoreboard: readonly ScoreEntry[], ending: keyof typeof ENDINGS) {
  const lines = scoreboard.map((s, i) => `${i + 1}. ${userMention(s.userId)} — ${s.points} point${s.points === 1 ? '' : 's'}`);
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle(ENDINGS[ending])
    .setDescription(truncate(lines.join('\n') || 'Nobody answered.', 4096))
    .setFooter({ text: 'Points count towards /quiz leaderboard.' });
  return { embeds: [embed], components: [], allowedMentions: { parse: [] as [] } };
}

export function leaderboardView(entries: ReadonlyArray<{ userId: string; points: number; quizzes: number }>) {
  const lines = entries.map((e, i) => `${i + 1}. ${userMention(e.userId)} — ${e.points} point${e.points === 1 ? '' : 's'} in ${e.quizzes} quiz${e.quizzes === 1 ? '' : 'zes'}`);
  const embed = new EmbedBuilder()
    .setColor(COLOR)
    .setTitle('Quiz leaderboard')
    .setDescription(lines.join('\n') || 'No quizzes played in this server yet. Start one with /quiz start.');
  return { embeds: [embed], allowedMentions: { parse: [] as [] } };
}
