/**
 * Quizzes under bad luck, through the fake Discord: a moderator deletes a round's message, the
 * /quiz start interaction's webhook is deleted or its token expires, Discord takes nothing at all,
 * and hundreds of quizzes run at once. Issue 13: a quiz never gets stuck, a member never hears
 * "something went wrong" because of it, and its channel is never left blocked.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import type { QuizBank } from '../../src/core/quiz/bankSchema.ts';
import {
  button,
  channelIdFor,
  subcommand,
  type FakeCallback,
  type FakeComponent,
  type FakeMessage,
  type FaultResponse,
  type InteractionContext,
  type InteractionHandle,
} from '../support/fakeDiscord.ts';
import { CHANNEL_MESSAGE, EPHEMERAL } from '../support/discordConstants.ts';
import { newMembers, startBotUnderTest, type BotUnderTest } from './botHarness.ts';

/** One server per story, so that channel messages and leaderboards stay apart (their channel ids too: server id + 1 and up). */
const DELETED = '1300000000000007000';
const WEBHOOK_DELETED = '1300000000000007100';
const TOKEN_EXPIRED = '1300000000000007200';
const NOTHING_POSTS = '1300000000000007300';
/** 30 servers with 10 quizzes each: the most one server may run at once (MEMORY_BOUNDS.runningQuizzesPerServer). */
const MANY = Array.from({ length: 30 }, (_, i) => (1300000000000100000n + BigInt(i) * 1000n).toString());
const QUIZZES_PER_SERVER = 10;

const member = newMembers('13000000000077');
/** A member in a channel of its own in `guildId` (the fake's channel for that server unless `channel` is given). */
const inChannel = (guildId: string, channel?: number): InteractionContext =>
  member(guildId, channel === undefined ? {} : { channelId: (BigInt(channelIdFor(guildId)) + BigInt(channel)).toString() });

const STOPPED = 'Quiz stopped; the scores are posted in the channel.';
const NONE_RUNNING = 'There is no quiz running in this channel.';
const bank = JSON.parse(readFileSync('data/quiz.json', 'utf8')) as QuizBank;

let t: BotUnderTest;
/** Requests the fake was told to refuse, besides edits of deleted messages and calls with an expired token. */
const injectedFaults: RegExp[] = [];

function injectFault(match: RegExp, response: FaultResponse, times: number): void {
  injectedFaults.push(match);
  t.fake.faults.failNext(match, response, times);
}

beforeAll(async () => {
  t = await startBotUnderTest({
    fake: { guildIds: [DELETED, WEBHOOK_DELETED, TOKEN_EXPIRED, NOTHING_POSTS, ...MANY] },
    env: { QUIZ_REVEAL_PAUSE_MS: '50' },
  });
});

afterAll(async () => {
  await t?.stop();
});

const embedOf = (m: { embeds?: APIEmbed[] }): APIEmbed => m.embeds![0]!;
const mention = (ctx: InteractionContext) => `<@${ctx.userId}>`;
const isEphemeral = (r: FakeCallback) => ((r.data?.flags ?? 0) & EPHEMERAL) === EPHEMERAL;
const buttonsOf = (m: { components?: FakeComponent[] }): FakeComponent[] =>
  (m.components ?? []).flatMap((row) => row.components ?? []).filter((c) => c.custom_id !== undefined);
const field = (e: APIEmbed, name: string) => e.fields?.find((f) => f.name === name)?.value;

async function until<T>(get: () => T | undefined | null | false, what: string | (() => string), timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A button click answered ephemerally (never the apology); returns the text only the clicker sees. */
async function click(customId: string, ctx: InteractionContext, timeoutMs?: number): Promise<string> {
  const r = await t.fake.interact(button(customId, ctx)).response(timeoutMs);
  expect(r.type).toBe(CHANNEL_MESSAGE);
  expect(isEphemeral(r)).toBe(true);
  return r.data!.content!;
}

/** /quiz stop: acknowledged at once (ephemeral), then the outcome in the deferred reply. */
async function stopQuiz(ctx: InteractionContext, timeoutMs?: number): Promise<string> {
  const handle = t.fake.interact(subcommand('quiz', 'stop', undefined, ctx));
  expect((await handle.response(timeoutMs)).type).toBe(5);
  return (await handle.edit(1, timeoutMs)).content;
}

interface Quiz {
  handle: InteractionHandle;
  id: string;
  starter: InteractionContext;
  channelId: string;
}

/** /quiz start: round 1 is the public reply. */
async function startQuiz(starter: InteractionContext, rounds = 3, timeoutMs?: number): Promise<Quiz> {
  const handle = t.fake.interact(subcommand('quiz', 'start', { rounds, seconds: 10 }, starter));
  const r = await handle.response(timeoutMs);
  expect(r.type).toBe(CHANNEL_MESSAGE);
  const id = /^qz:(\d+):1:0$/.exec(buttonsOf(r.data!)[0]?.custom_id ?? '')?.[1];
  expect(id, `quiz started: ${r.data?.content ?? ''}`).toBeDefined();
  return { handle, id: id!, starter, channelId: starter.channelId ?? channelIdFor(starter.guildId!) };
}

/**
 * The quiz's messages as its channel shows them now, oldest first: the reply to /quiz start, its
 * followups, and what the bot posted in the channel itself.
 */
function shown(quiz: Quiz): FakeMessage[] {
  const all = [quiz.handle.original(), ...quiz.handle.followUps, ...t.fake.channelMessages(quiz.channelId)];
  return all.filter((m): m is FakeMessage => m !== undefined).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

const titles = (quiz: Quiz) => shown(quiz).map((m) => embedOf(m).title ?? '');

/** Waits until the channel shows exactly these titles for the quiz, in this order. */
async function channelShows(quiz: Quiz, expected: string[], timeoutMs = 5000): Promise<FakeMessage[]> {
  await until(
    () => JSON.stringify(titles(quiz)) === JSON.stringify(expected),
    () => `the channel to show ${JSON.stringify(expected)}; it shows ${JSON.stringify(titles(quiz))}`,
    timeoutMs,
  );
  return shown(quiz);
}

/** The open round n (wherever its message is): its right and a wrong option, from the bank. */
async function openRound(quiz: Quiz, n: number, total: number): Promise<{ message: FakeMessage; right: number; wrong: number }> {
  const message = await until(() => shown(quiz).find((m) => embedOf(m).title === `Quiz · round ${n} of ${total}`), `round ${n} to be asked`);
  const item = bank.items.find((i) => i.question === embedOf(message).description)!;
  const options = buttonsOf(message).slice(0, 4).map((b) => (b.label ?? '').slice(3));
  const right = options.indexOf(item.correct);
  expect(right).toBeGreaterThanOrEqual(0);
  return { message, right, wrong: (right + 1) % 4 };
}

const answerId = (quiz: Quiz, round: number, option: number) => `qz:${quiz.id}:${round}:${option}`;
const revealId = (quiz: Quiz, round: number) => `qzr:${quiz.id}:${round}`;
const round = (n: number, total = 3) => `Quiz · round ${n} of ${total}`;
const answer = (n: number, total = 3) => `Quiz · round ${n} of ${total} · answer`;

describe('a round whose message a moderator deleted', () => {
  it('GIVEN the round’s message was deleted WHEN the starter clicks Reveal THEN the answer comes as a new message and the quiz goes on to its scoreboard', async () => {
    const starter = inChannel(DELETED, 10);
    const player = { ...member(DELETED), channelId: starter.channelId! };
    const quiz = await startQuiz(starter);
    const round1 = await openRound(quiz, 1, 3);
    expect(await click(answerId(quiz, 1, round1.right), player)).toMatch(/^✅ Right!/);
    expect(t.fake.deleteMessage(round1.message.id)).toBe(true);

    expect(await click(revealId(quiz, 1), starter)).toBe('Revealed.');
    const [revealed] = await channelShows(quiz, [answer(1), round(2)]);
    expect(field(embedOf(revealed!), 'Got it right')).toBe(mention(player));
    expect(buttonsOf(revealed!)).toEqual([]);

    // The next round's message is deleted too; the quiz still ends with its scoreboard.
    const round2 = await openRound(quiz, 2, 3);
    t.fake.deleteMessage(round2.message.id);
    expect(await click(revealId(quiz, 2), starter)).toBe('Revealed.');
    await openRound(quiz, 3, 3);
    expect(await click(revealId(quiz, 3), starter)).toBe('Revealed.');
    const end = (await channelShows(quiz, [answer(1), answer(2), answer(3), 'Quiz over! Final scores'])).at(-1)!;
    expect(embedOf(end).description).toBe(`1. ${mention(player)} — 1 point`);
    expect(await stopQuiz(starter)).toBe(NONE_RUNNING);
  });

  it('GIVEN the round’s message was deleted WHEN its time runs out THEN the timer posts the answer as a new message and asks the next question', async () => {
    const starter = inChannel(DELETED, 11);
    const quiz = await startQuiz(starter);
    const round1 = await openRound(quiz, 1, 3);
    expect(await click(answerId(quiz, 1, round1.wrong), starter)).toMatch(/^❌ Not this time\./);
    t.fake.deleteMessage(round1.message.id);

    // Nobody reveals: the 10 s timer closes the round.
    await channelShows(quiz, [answer(1), round(2)], 15_000);
    await openRound(quiz, 2, 3);
    expect(await click(revealId(quiz, 2), starter)).toBe('Revealed.');
    await openRound(quiz, 3, 3);
    expect(await click(revealId(quiz, 3), starter)).toBe('Revealed.');
    const end = (await channelShows(quiz, [answer(1), answer(2), answer(3), 'Quiz over! Final scores'])).at(-1)!;
    expect(embedOf(end).description).toBe(`1. ${mention(starter)} — 0 points`);
  });

  it('GIVEN the round’s message was deleted WHEN the starter stops the quiz THEN the usual reply, the answer as a new message, and the scores so far', async () => {
    const starter = inChannel(DELETED, 12);
    const player = { ...member(DELETED), channelId: starter.channelId! };
    const quiz = await startQuiz(starter);
    const round1 = await openRound(quiz, 1, 3);
    expect(await click(answerId(quiz, 1, round1.right), player)).toMatch(/^✅ Right!/);
    t.fake.deleteMessage(round1.message.id);

    expect(await stopQuiz(starter)).toBe(STOPPED);
    const [closed, end] = await channelShows(quiz, [answer(1), 'Quiz stopped. Scores so far']);
    expect(field(embedOf(closed!), 'Got it right')).toBe(mention(player));
    expect(embedOf(end!).description).toBe(`1. ${mention(player)} — 1 point`);
    expect(await stopQuiz(starter)).toBe(NONE_RUNNING);
  });
});

describe('a quiz whose interaction webhook is gone', () => {
  it('GIVEN Discord deleted the start interaction’s webhook (10015) THEN the quiz goes on in the channel to its scoreboard, and a new quiz can start there', async () => {
    const starter = inChannel(WEBHOOK_DELETED);
    const player = member(WEBHOOK_DELETED);
    const quiz = await startQuiz(starter);
    const round1 = await openRound(quiz, 1, 3);
    injectFault(new RegExp(`^/webhooks/\\d+/${quiz.handle.token}(/|$)`), { status: 404, body: { code: 10015, message: 'Unknown Webhook' } }, 100);

    expect(await click(answerId(quiz, 1, round1.right), player)).toMatch(/^✅ Right!/);
    expect(await click(revealId(quiz, 1), starter)).toBe('Revealed.');
    // Round 1's message (the reply) cannot be edited any more: its answer and round 2 are posted in the channel.
    await channelShows(quiz, [round(1), answer(1), round(2)]);
    const round2 = await openRound(quiz, 2, 3);
    expect(round2.message.webhook_id).toBeUndefined();
    expect(await click(answerId(quiz, 2, round2.right), player)).toMatch(/^✅ Right!/);
    expect(await click(revealId(quiz, 2), starter)).toBe('Revealed.');
    await openRound(quiz, 3, 3);
    expect(await click(revealId(quiz, 3), starter)).toBe('Revealed.');
    // The bot edits its own channel messages in place.
    const end = (await channelShows(quiz, [round(1), answer(1), answer(2), answer(3), 'Quiz over! Final scores'])).at(-1)!;
    expect(embedOf(end).description).toBe(`1. ${mention(player)} — 2 points`);

    const next = await startQuiz({ ...member(WEBHOOK_DELETED), channelId: quiz.channelId });
    expect(await stopQuiz(next.starter)).toBe(STOPPED);
    expect(embedOf(await next.handle.followUp(1)).title).toBe('Quiz stopped. Scores so far');
  });

  it('GIVEN the start interaction’s token expired (50027) THEN the quiz goes on in the channel to its scoreboard', async () => {
    const starter = inChannel(TOKEN_EXPIRED);
    const quiz = await startQuiz(starter);
    const round1 = await openRound(quiz, 1, 3);
    const lifetime = t.fake.tokenLifetimeMs;
    t.fake.tokenLifetimeMs = 0; // every interaction token is now older than its lifetime
    try {
      expect(await click(answerId(quiz, 1, round1.right), starter)).toMatch(/^✅ Right!/);
      expect(await click(revealId(quiz, 1), starter)).toBe('Revealed.');
      await openRound(quiz, 2, 3);
      expect(await click(revealId(quiz, 2), starter)).toBe('Revealed.');
      await openRound(quiz, 3, 3);
      expect(await click(revealId(quiz, 3), starter)).toBe('Revealed.');
      const end = (await channelShows(quiz, [round(1), answer(1), answer(2), answer(3), 'Quiz over! Final scores'])).at(-1)!;
      expect(embedOf(end).description).toBe(`1. ${mention(starter)} — 1 point`);
      expect(t.fake.failedRequests.some((r) => r.path.includes(quiz.handle.token) && r.status === 401)).toBe(true);
    } finally {
      t.fake.tokenLifetimeMs = lifetime;
    }
    const next = await startQuiz({ ...member(TOKEN_EXPIRED), channelId: quiz.channelId });
    expect(await stopQuiz(next.starter)).toBe(STOPPED);
  });

  it('GIVEN neither the webhook nor the channel takes the next question THEN the quiz ends, its points count, and the channel is free', async () => {
    const starter = inChannel(NOTHING_POSTS);
    const player = member(NOTHING_POSTS);
    const quiz = await startQuiz(starter);
    const round1 = await openRound(quiz, 1, 3);
    injectFault(new RegExp(`^/webhooks/\\d+/${quiz.handle.token}(/|$)`), { status: 404, body: { code: 10015, message: 'Unknown Webhook' } }, 100);
    const channelPost = new RegExp(`^POST /channels/${quiz.channelId}/messages$`);
    injectFault(channelPost, { status: 403, body: { code: 50001, message: 'Missing Access' } }, 100);

    expect(await click(answerId(quiz, 1, round1.right), player)).toMatch(/^✅ Right!/);
    expect(await click(revealId(quiz, 1), starter)).toBe('Revealed.');
    // The answer, round 2 and the scoreboard were each refused.
    const refused = () => t.fake.failedRequests.filter((r) => channelPost.test(`${r.method} ${r.path}`)).length;
    await until(() => refused() >= 3, () => `3 refused channel posts (so far ${refused()})`);

    expect(await stopQuiz(starter)).toBe(NONE_RUNNING);
    const board = await t.fake.interact(subcommand('quiz', 'leaderboard', undefined, player)).response();
    expect(embedOf(board.data!).description).toBe(`1. ${mention(player)} — 1 point in 1 quiz`);
    const next = await startQuiz({ ...member(NOTHING_POSTS), channelId: quiz.channelId });
    expect(await stopQuiz(next.starter)).toBe(STOPPED);
    await next.handle.followUp(1);
  });
});

describe('hundreds of quizzes at once', () => {
  it(
    `GIVEN ${MANY.length * QUIZZES_PER_SERVER} quizzes in ${MANY.length} servers WHEN every starter reveals round 1 at once THEN every Reveal is answered, the timers close the other rounds, and every quiz posts its scoreboard and frees its channel`,
    async () => {
      const LONG = 120_000;
      const starters = MANY.flatMap((guildId) => Array.from({ length: QUIZZES_PER_SERVER }, (_, c) => inChannel(guildId, 10 + c)));
      const quizzes = await Promise.all(starters.map((starter) => startQuiz(starter, 3, LONG)));
      expect(new Set(quizzes.map((q) => q.id)).size).toBe(quizzes.length);

      // Each starter answers right, then all reveal at the same moment: Discord wants each answer within 3 s.
      const rounds1 = await Promise.all(quizzes.map((quiz) => openRound(quiz, 1, 3)));
      const answers = await Promise.all(quizzes.map((quiz, i) => click(answerId(quiz, 1, rounds1[i]!.right), quiz.starter)));
      expect(answers.filter((a) => !/^✅ Right!/.test(a))).toEqual([]);
      const reveals = await Promise.all(quizzes.map((quiz) => click(revealId(quiz, 1), quiz.starter)));
      expect(reveals.filter((r) => r !== 'Revealed.')).toEqual([]);

      // Nobody touches rounds 2 and 3: their timers close them.
      const ends = await Promise.all(quizzes.map((quiz) => quiz.handle.followUp(3, LONG)));
      ends.forEach((end, i) => {
        expect(embedOf(end).title).toBe('Quiz over! Final scores');
        expect(embedOf(end).description).toBe(`1. ${mention(quizzes[i]!.starter)} — 1 point`);
      });
      for (const quiz of quizzes) expect(titles(quiz)).toEqual([answer(1), answer(2), answer(3), 'Quiz over! Final scores']);
      const stops = await Promise.all(quizzes.map((quiz) => stopQuiz(quiz.starter, LONG)));
      expect(stops.filter((s) => s !== NONE_RUNNING)).toEqual([]);
    },
    180_000,
  );
});

describe('what the fake Discord refused', () => {
  it('GIVEN all of the above THEN it refused only edits of deleted messages, expired tokens and what it was told to', () => {
    const unexpected = t.fake.failedRequests.filter(
      (r) =>
        !injectedFaults.some((m) => m.test(r.path) || m.test(`${r.method} ${r.path}`)) &&
        !(r.status === 404 && (r.response as { code?: number } | undefined)?.code === 10008) &&
        !(r.status === 401 && (r.response as { code?: number } | undefined)?.code === 50027),
    );
    expect(unexpected.map((r) => `${r.method} ${r.path} → ${r.status}`)).toEqual([]);
  });
});
