import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { TOPIC_IDS } from '../../src/core/facts/schema.ts';
import type { QuizBank, QuizItem } from '../../src/core/quiz/bankSchema.ts';
import {
  modalFields,
  autocomplete,
  button,
  channelIdFor,
  modalSubmit,
  subcommand,
  type FakeCallback,
  type FakeComponent,
  type FakeMessage,
  type FaultResponse,
  type InteractionContext,
  type InteractionHandle,
  type OptionRecord,
} from '../support/fakeDiscord.ts';
import { startBotUnderTest, type BotUnderTest } from './botHarness.ts';
import { AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE, EPHEMERAL, MODAL, MOD_PERMISSIONS } from '../support/discordConstants.ts';


/** Server A holds the quizzes whose scores the leaderboard tests add up; server B the rest. */
const A = '1300000000000000100';
const B = '1300000000000000500';
/** A second text channel in server B (besides channelIdFor(B)), for the quiz the timer closes while the other tests run. */
const TIMER_CHANNEL = (BigInt(channelIdFor(B)) + 10n).toString();

const inA = (userId: string, username: string, extra: InteractionContext = {}): InteractionContext => ({ guildId: A, userId, username, ...extra });
const inB = (userId: string, username: string, extra: InteractionContext = {}): InteractionContext => ({ guildId: B, userId, username, ...extra });

// Ids ascend in this order, which the leaderboard uses to break ties. Each quiz has its own starter, so a
// per-member limit on starting quizzes would not change what these tests see.
const alice = inA('1300000000000000301', 'alice');
const bob = inA('1300000000000000302', 'bob');
const carol = inA('1300000000000000303', 'carol');
const dave = inA('1300000000000000304', 'dave');
const erin = inA('1300000000000000305', 'erin');
const frank = inA('1300000000000000306', 'frank');
const gus = inA('1300000000000000307', 'gus');
const helen = inA('1300000000000000308', 'helen');
const mod = inA('1300000000000000309', 'mod', { permissions: MOD_PERMISSIONS });
const mia = inA('1300000000000000310', 'mia');
const gina = inB('1300000000000000401', 'gina');
const hank = inB('1300000000000000402', 'hank');
const tim = inB('1300000000000000403', 'tim', { channelId: TIMER_CHANNEL });
const hankAtTimer = { ...hank, channelId: TIMER_CHANNEL };
const ivan = inB('1300000000000000404', 'ivan');
const jon = inB('1300000000000000405', 'jon');
const kim = inB('1300000000000000406', 'kim');
const lee = inB('1300000000000000407', 'lee');
const modB = inB('1300000000000000409', 'modb', { permissions: MOD_PERMISSIONS });

const RIGHT = /^✅ Right!/;
const WRONG = /^❌ Not this time\./;
const ALREADY = 'You already answered this round.';
const TOO_LATE = /already closed/;
const ENDED = /^This quiz has ended\./;
const NOT_STARTER = 'Only the person who started the quiz, or a moderator, can reveal the answer.';
const LETTERS = ['A', 'B', 'C', 'D'];

/** The answer key, read the way a quiz master would: from the bank the bot asks from. */
const bank = JSON.parse(readFileSync('data/quiz.json', 'utf8')) as QuizBank;

let t: BotUnderTest;
/** Requests the fake was told to refuse: the only failed requests allowed at the end. */
const injectedFaults: RegExp[] = [];

function injectFault(match: RegExp, response: FaultResponse): void {
  injectedFaults.push(match);
  t.fake.faults.failNext(match, response);
}

beforeAll(async () => {
  t = await startBotUnderTest({ fake: { guildIds: [A, B] }, env: { QUIZ_REVEAL_PAUSE_MS: '50' } });
});

afterAll(async () => {
  await t?.stop();
});

const mention = (ctx: InteractionContext) => `<@${ctx.userId}>`;
const isEphemeral = (r: FakeCallback) => ((r.data?.flags ?? 0) & EPHEMERAL) === EPHEMERAL;
const embedOf = (m: { embeds?: APIEmbed[] }): APIEmbed => m.embeds![0]!;
const field = (e: APIEmbed, name: string) => e.fields?.find((f) => f.name === name)?.value;

/** Every component with a custom id, flattened out of rows. */
function buttonsOf(m: { components?: FakeComponent[] }): FakeComponent[] {
  return (m.components ?? []).flatMap((row) => row.components ?? []).filter((c) => c.custom_id !== undefined);
}

/** Send an interaction and return the bot's callback; nothing the bot sends may ping anyone. */
async function send(payload: Parameters<BotUnderTest['fake']['interact']>[0]): Promise<FakeCallback> {
  const response = await t.fake.interact(payload).response();
  if (response.type !== MODAL && response.type !== AUTOCOMPLETE_RESULT) {
    expect(response.data?.allowed_mentions ?? { parse: [] }).toEqual({ parse: [] });
  }
  return response;
}

/** A button click answered ephemerally; returns the text only the clicker sees. */
async function click(customId: string, ctx: InteractionContext): Promise<string> {
  const r = await send(button(customId, ctx));
  expect(r.type).toBe(CHANNEL_MESSAGE);
  expect(isEphemeral(r)).toBe(true);
  return r.data!.content!;
}

const quizCommand = (sub: string, ctx: InteractionContext, options?: OptionRecord) =>
  sub === 'stop' ? stopQuiz(ctx) : send(subcommand('quiz', sub, options, ctx));

/**
 * /quiz stop acknowledges at once (ephemeral defer) and then says what happened, because posting
 * the scoreboard may be slow; this returns that final message in the shape of a reply.
 */
async function stopQuiz(ctx: InteractionContext): Promise<FakeCallback> {
  const handle = t.fake.interact(subcommand('quiz', 'stop', undefined, ctx));
  const deferred = await handle.response();
  expect(deferred.type).toBe(5);
  expect(deferred.data!.flags! & 64).toBe(64);
  const final = await handle.edit(1);
  expect(final.allowed_mentions).toEqual({ parse: [] });
  return { type: 4, data: { content: final.content, flags: final.flags }, files: [] };
}

async function until<T>(get: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Quiz {
  handle: InteractionHandle;
  id: string;
  starter: InteractionContext;
}

/** /quiz start: round 1 is the public reply, with four answers and a Reveal button. */
async function startQuiz(starter: InteractionContext, options: OptionRecord = {}): Promise<Quiz> {
  const handle = t.fake.interact(subcommand('quiz', 'start', options, starter));
  const r = await handle.response();
  expect(r.type).toBe(CHANNEL_MESSAGE);
  expect(isEphemeral(r)).toBe(false);
  expect(r.data!.allowed_mentions).toEqual({ parse: [] });
  const id = /^qz:(\d+):1:0$/.exec(buttonsOf(r.data!)[0]?.custom_id ?? '')?.[1];
  expect(id).toBeDefined();
  return { handle, id: id!, starter };
}

/** Round n's message as it is now (round 1 is the reply, later rounds are followups); waits for it to be posted. */
async function roundMessage(quiz: Quiz, n: number): Promise<FakeMessage> {
  if (n === 1) {
    await quiz.handle.response();
    return quiz.handle.original()!;
  }
  await quiz.handle.followUp(n - 1);
  return quiz.handle.followUps[n - 2]!;
}

/** The message after the last round: the scoreboard. */
async function endMessage(quiz: Quiz, rounds: number): Promise<APIEmbed> {
  return embedOf(await quiz.handle.followUp(rounds));
}

const answerId = (quiz: Quiz, round: number, option: number) => `qz:${quiz.id}:${round}:${option}`;
const revealId = (quiz: Quiz, round: number) => `qzr:${quiz.id}:${round}`;

/** An open round: its question, four answer buttons and a Reveal button, with our answer key. */
async function openRound(quiz: Quiz, n: number, total: number): Promise<{ item: QuizItem; right: number; wrong: number[] }> {
  const message = await roundMessage(quiz, n);
  const e = embedOf(message);
  expect(e.title).toBe(`Quiz · round ${n} of ${total}`);
  const ids = buttonsOf(message).map((b) => b.custom_id);
  expect(ids).toEqual([0, 1, 2, 3].map((o) => answerId(quiz, n, o)).concat(revealId(quiz, n)));
  const item = bank.items.find((i) => i.question === e.description);
  expect(item, `question "${e.description}" comes from the bank`).toBeDefined();
  const labels = buttonsOf(message).slice(0, 4).map((b) => b.label ?? '');
  labels.forEach((label, i) => expect(label.startsWith(`${LETTERS[i]}. `)).toBe(true));
  const options = labels.map((label) => label.slice(3));
  expect([...options].sort()).toEqual([item!.correct, ...item!.wrong].sort());
  const right = options.indexOf(item!.correct);
  return { item: item!, right, wrong: [0, 1, 2, 3].filter((o) => o !== right) };
}

/** A revealed round: the right answer, the explanation, the source and who got it, and no buttons left. */
async function revealedRound(quiz: Quiz, n: number, total: number, item: QuizItem, right: number): Promise<APIEmbed> {
  const message = await until(
    () => {
      const m = n === 1 ? quiz.handle.original() : quiz.handle.followUps[n - 2];
      return m && m.components.length === 0 ? m : undefined;
    },
    `round ${n} to be revealed`,
  );
  const e = embedOf(message);
  expect(e.title).toBe(`Quiz · round ${n} of ${total} · answer`);
  expect(e.description).toBe(`${item.question}\n\n✅ **${LETTERS[right]}. ${item.correct}**\n${item.explanation}`);
  expect(field(e, 'Source')).toMatch(/^¶\d+ — “.+”$/);
  expect(buttonsOf(message)).toEqual([]);
  return e;
}

describe('/quiz start options', () => {
  it('GIVEN an empty or partial topic THEN autocomplete offers at most 25 real topics', async () => {
    const all = await send(autocomplete('quiz', { name: 'topic', value: '' }, undefined, alice, 'start'));
    expect(all.type).toBe(AUTOCOMPLETE_RESULT);
    const choices = all.data!.choices!;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect(TOPIC_IDS).toContain(c.value);
    const nobel = await send(autocomplete('quiz', { name: 'topic', value: 'NOBEL' }, undefined, alice, 'start'));
    expect(nobel.data!.choices!.map((c) => c.value)).toEqual(['nobel']);
    const nothing = await send(autocomplete('quiz', { name: 'topic', value: 'zzz' }, undefined, alice, 'start'));
    expect(nothing.data!.choices).toEqual([]);
  });

  it('GIVEN a topic typed by hand that does not exist THEN an ephemeral refusal, and no quiz starts', async () => {
    const r = await quizCommand('start', helen, { topic: 'pizza' });
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.content).toContain('There is no topic');
    expect((await quizCommand('stop', helen)).data!.content).toBe('There is no quiz running in this channel.');
  });
});

// Started first so that its 10 s round runs out while the other tests play; checked further down.
let timerQuiz: Quiz;
let timerRound1: { item: QuizItem; right: number };

describe('a round nobody reveals (part 1)', () => {
  it('GIVEN seconds:10 THEN the round says when it closes', async () => {
    timerQuiz = await startQuiz(tim, { rounds: 3, seconds: 10 });
    timerRound1 = await openRound(timerQuiz, 1, 3);
    const closes = field(embedOf(await roundMessage(timerQuiz, 1)), 'Closes');
    const at = Number(/^<t:(\d+):R>$/.exec(closes ?? '')?.[1]);
    expect(at * 1000 - Date.now()).toBeGreaterThan(8_000);
    expect(at * 1000 - Date.now()).toBeLessThanOrEqual(11_000);
    expect(await click(answerId(timerQuiz, 1, timerRound1.right), hankAtTimer)).toMatch(RIGHT);
  });
});

describe('a full quiz with three members and a late joiner', () => {
  let quiz: Quiz;

  it('GIVEN /quiz start rounds:3 THEN round 1 is posted; answers get a private right or wrong, once per member', async () => {
    quiz = await startQuiz(alice, { rounds: 3 });
    const { item, right, wrong } = await openRound(quiz, 1, 3);
    expect(embedOf(await roundMessage(quiz, 1)).footer?.text).toContain('Everyone may answer once');

    expect(await click(answerId(quiz, 1, right), alice)).toMatch(RIGHT);
    // A double click: both clicks arrive together; exactly one counts.
    const twice = await Promise.all([click(answerId(quiz, 1, wrong[0]!), bob), click(answerId(quiz, 1, wrong[0]!), bob)]);
    expect(twice.filter((x) => WRONG.test(x))).toHaveLength(1);
    expect(twice.filter((x) => x === ALREADY)).toHaveLength(1);
    // A second click on the right answer does not change bob's answer.
    expect(await click(answerId(quiz, 1, right), bob)).toBe(ALREADY);
    expect(await click(answerId(quiz, 1, wrong[1]!), carol)).toMatch(WRONG);

    // One quiz per channel.
    const second = await quizCommand('start', carol, { rounds: 3 });
    expect(isEphemeral(second)).toBe(true);
    expect(second.data!.content).toContain('already running in this channel');

    // Only the starter (or a moderator) reveals.
    expect(await click(revealId(quiz, 1), bob)).toBe(NOT_STARTER);
    expect(quiz.handle.edits).toHaveLength(0);
    expect(buttonsOf((await roundMessage(quiz, 1)))).toHaveLength(5);

    // The starter double-clicks Reveal: the round is revealed once.
    const reveals = await Promise.all([click(revealId(quiz, 1), alice), click(revealId(quiz, 1), alice)]);
    expect(reveals).toContain('Revealed.');
    expect(reveals.filter((x) => x === 'Revealed.')).toHaveLength(1);
    const revealed = await revealedRound(quiz, 1, 3, item, right);
    expect(field(revealed, 'Got it right')).toBe(mention(alice));
    expect(quiz.handle.edits).toHaveLength(1);

    // After the reveal, answers are too late, even from someone who had not answered.
    expect(await click(answerId(quiz, 1, right), dave)).toMatch(TOO_LATE);
    expect(await click(answerId(quiz, 1, right), carol)).toMatch(TOO_LATE);
  });

  it('GIVEN round 2 THEN a member joining late scores, and round 1’s buttons stay closed', async () => {
    const { item, right, wrong } = await openRound(quiz, 2, 3);
    // A Reveal click left over from round 1 must not reveal round 2.
    expect(await click(revealId(quiz, 1), alice)).not.toBe('Revealed.');
    expect(buttonsOf(await roundMessage(quiz, 2))).toHaveLength(5);
    expect(await click(answerId(quiz, 1, 0), carol)).toMatch(TOO_LATE);

    expect(await click(answerId(quiz, 2, right), bob)).toMatch(RIGHT);
    expect(await click(answerId(quiz, 2, right), dave)).toMatch(RIGHT);
    expect(await click(answerId(quiz, 2, wrong[2]!), alice)).toMatch(WRONG);
    expect(await click(revealId(quiz, 2), alice)).toBe('Revealed.');
    const revealed = await revealedRound(quiz, 2, 3, item, right);
    expect(field(revealed, 'Got it right')).toBe(`${mention(bob)}, ${mention(dave)}`);
    // Round 1 was not touched again.
    expect(quiz.handle.edits).toHaveLength(1);
  });

  it('GIVEN the last round revealed THEN the scoreboard is posted, best first, ties going to the earlier right answer', async () => {
    const { item, right, wrong } = await openRound(quiz, 3, 3);
    for (const member of [alice, bob, carol]) expect(await click(answerId(quiz, 3, right), member)).toMatch(RIGHT);
    expect(await click(answerId(quiz, 3, wrong[0]!), dave)).toMatch(WRONG);
    expect(await click(revealId(quiz, 3), alice)).toBe('Revealed.');
    expect(field(await revealedRound(quiz, 3, 3, item, right), 'Got it right')).toBe([alice, bob, carol].map(mention).join(', '));

    const end = await endMessage(quiz, 3);
    expect(end.title).toBe('Quiz over! Final scores');
    expect(end.description!.split('\n')).toEqual([
      `1. ${mention(alice)} — 2 points`,
      `2. ${mention(bob)} — 2 points`,
      `3. ${mention(dave)} — 1 point`,
      `4. ${mention(carol)} — 1 point`,
    ]);
    expect(quiz.handle.followUps).toHaveLength(3);
    expect(quiz.handle.followUps[2]!.components).toEqual([]);

    // Buttons of the finished quiz.
    expect(await click(answerId(quiz, 3, right), erin)).toMatch(ENDED);
    expect(await click(revealId(quiz, 3), alice)).toMatch(ENDED);
  });
});

describe('/quiz stop', () => {
  it('GIVEN a member who neither started the quiz nor moderates THEN refused; GIVEN the starter THEN stopped with the scores so far', async () => {
    const quiz = await startQuiz(bob, { rounds: 3 });
    const round1 = await openRound(quiz, 1, 3);
    expect(await click(answerId(quiz, 1, round1.right), carol)).toMatch(RIGHT);
    // A moderator may reveal.
    expect(await click(revealId(quiz, 1), mod)).toBe('Revealed.');
    await revealedRound(quiz, 1, 3, round1.item, round1.right);

    const round2 = await openRound(quiz, 2, 3);
    expect(await click(answerId(quiz, 2, round2.right), erin)).toMatch(RIGHT);

    const refused = await quizCommand('stop', erin);
    expect(isEphemeral(refused)).toBe(true);
    expect(refused.data!.content).toBe('Only the person who started the quiz, or a moderator, can stop it.');
    expect(buttonsOf(await roundMessage(quiz, 2))).toHaveLength(5);

    const stopped = await quizCommand('stop', bob);
    expect(isEphemeral(stopped)).toBe(true);
    expect(stopped.data!.content).toBe('Quiz stopped; the scores are posted in the channel.');
    // The open round shows its answer (and who had it right) with no buttons left, then the scores.
    const closed = await revealedRound(quiz, 2, 3, round2.item, round2.right);
    expect(field(closed, 'Got it right')).toBe(mention(erin));
    const end = await endMessage(quiz, 2);
    expect(end.title).toBe('Quiz stopped. Scores so far');
    expect(end.description!.split('\n')).toEqual([`1. ${mention(carol)} — 1 point`, `2. ${mention(erin)} — 1 point`]);

    expect(await click(answerId(quiz, 2, round2.right), dave)).toMatch(ENDED);
    expect((await quizCommand('stop', bob)).data!.content).toBe('There is no quiz running in this channel.');
  });

  it('GIVEN a topic with fewer questions than rounds THEN the quiz says so; a moderator may stop it', async () => {
    const quiz = await startQuiz(gus, { topic: 'nobel', rounds: 5 });
    expect((await roundMessage(quiz, 1)).content).toBe('Only 4 questions are available on "Nobel Peace Prize", so this quiz has 4 rounds instead of 5.');
    const { item } = await openRound(quiz, 1, 4);
    expect(item.topic).toBe('nobel');
    const stopped = await quizCommand('stop', mod);
    expect(stopped.data!.content).toBe('Quiz stopped; the scores are posted in the channel.');
    const end = await endMessage(quiz, 1);
    expect(end.title).toBe('Quiz stopped. Scores so far');
    expect(end.description).toBe('Nobody answered.');
    expect(buttonsOf(await roundMessage(quiz, 1))).toEqual([]);
  });
});

describe('items whose fact a moderator changed', () => {
  it('GIVEN a moderator edited a fact’s answer THEN its quiz items are skipped until reviewed', async () => {
    const form = await send(subcommand('factadmin', 'edit', { id: 'displaced-armenians' }, modB));
    expect(form.type).toBe(MODAL);
    const values = modalFields(form.data!.components);
    const saved = await send(modalSubmit(form.data!.custom_id!, { ...values, answer: 'About 100,000 ethnic Armenians left (edited).' }, modB));
    expect(saved.data!.content).toContain('Saved `displaced-armenians`');

    const quiz = await startQuiz(jon, { topic: 'displacement', rounds: 3 });
    expect((await roundMessage(quiz, 1)).content).toBe('Only 1 question is available on "The displaced people", so this quiz has 1 round instead of 3.');
    const { item } = await openRound(quiz, 1, 1);
    expect(item.factId).not.toBe('displaced-armenians');
    expect((await quizCommand('stop', jon)).data!.content).toBe('Quiz stopped; the scores are posted in the channel.');
    await endMessage(quiz, 1);

    // Moderators see which quiz questions wait for review, and why.
    const gaps = await send(subcommand('factadmin', 'gaps', undefined, modB));
    const review = gaps.data!.embeds![0]!.fields!.find((f) => f.name.startsWith('Quiz questions left out'));
    expect(review?.value).toMatch(/`q-displaced-armenians-\d+` on `displaced-armenians` · answer changed/);
  });
});

describe('a gateway reconnect mid-quiz', () => {
  it('GIVEN the gateway drops and resumes THEN the quiz keeps its answers and goes on', async () => {
    const quiz = await startQuiz(gina, { rounds: 3 });
    const round1 = await openRound(quiz, 1, 3);
    expect(await click(answerId(quiz, 1, round1.right), hank)).toMatch(RIGHT);

    const resumes = t.fake.resumeCount;
    t.fake.faults.closeGateway(4000);
    // Clicked while the bot is disconnected: delivered when it resumes.
    const pending = send(button(answerId(quiz, 1, round1.wrong[0]!), gina));
    await t.fake.waitForReady();
    expect(t.fake.resumeCount).toBe(resumes + 1);
    expect((await pending).data!.content).toMatch(WRONG);

    expect(await click(answerId(quiz, 1, round1.right), hank)).toBe(ALREADY);
    expect(await click(revealId(quiz, 1), gina)).toBe('Revealed.');
    expect(field(await revealedRound(quiz, 1, 3, round1.item, round1.right), 'Got it right')).toBe(mention(hank));
    const round2 = await openRound(quiz, 2, 3);
    expect(await click(answerId(quiz, 2, round2.right), gina)).toMatch(RIGHT);
    expect((await quizCommand('stop', gina)).data!.content).toBe('Quiz stopped; the scores are posted in the channel.');
    const end = await endMessage(quiz, 2);
    expect(end.description!.split('\n')).toEqual([`1. ${mention(hank)} — 1 point`, `2. ${mention(gina)} — 1 point`]);
  });
});

describe('Discord refusing the first question', () => {
  it('GIVEN Discord refuses the reply to /quiz start (interaction expired) THEN nothing more is sent for it and the channel is not left blocked', async () => {
    const payload = subcommand('quiz', 'start', { rounds: 3 }, kim);
    injectFault(new RegExp(`^/interactions/${payload.id}/`), { status: 404, body: { code: 10062, message: 'Unknown interaction' } });
    const refused = t.fake.interact(payload);
    await until(() => t.fake.requests.some((r) => r.path.startsWith(`/interactions/${payload.id}/`)), 'the refused reply');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // An expired interaction takes no answer: no apology is attempted, so nothing is refused twice.
    expect(t.fake.requests.filter((r) => r.path.startsWith(`/interactions/${payload.id}/`))).toHaveLength(1);
    expect(refused.callbacks).toHaveLength(0);

    expect((await quizCommand('stop', kim)).data!.content).toBe('There is no quiz running in this channel.');
    const quiz = await startQuiz(lee, { rounds: 3 });
    await openRound(quiz, 1, 3);
    expect((await quizCommand('stop', lee)).data!.content).toBe('Quiz stopped; the scores are posted in the channel.');
    expect((await endMessage(quiz, 1)).description).toBe('Nobody answered.');
  });
});

describe('a Reveal that arrives before Discord has taken the round’s message', () => {
  it('GIVEN the next question is held back by a rate limit WHEN its Reveal comes first THEN the round is still revealed and the quiz goes on', async () => {
    const quiz = await startQuiz(ivan, { rounds: 3 });
    await openRound(quiz, 1, 3);
    injectFault(new RegExp(`^POST /webhooks/\\d+/${quiz.handle.token}$`), {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.3, global: false },
    });
    expect(await click(revealId(quiz, 1), ivan)).toBe('Revealed.');
    // Round 2 opens after the pause, but its message waits out the rate limit; the starter's Reveal (e.g. from a
    // second device that already shows it) is clicked as soon as the round is open.
    let content = '';
    for (let i = 0; i < 100 && content !== 'Revealed.'; i++) content = await click(revealId(quiz, 2), ivan);
    expect(content).toBe('Revealed.');
    expect(t.fake.failedRequests.some((r) => r.status === 429 && r.path.includes(quiz.handle.token))).toBe(true);
    // "Revealed." does not wait for Discord: the round's message is posted, then edited, once the rate limit has passed.
    const round2 = await until(() => {
      const m = quiz.handle.followUps[0];
      return m && m.components.length === 0 ? m : undefined;
    }, 'round 2 to be posted and revealed');
    expect(embedOf(round2).title).toBe('Quiz · round 2 of 3 · answer');
    expect(round2.components).toEqual([]);
    await openRound(quiz, 3, 3);
    expect((await quizCommand('stop', ivan)).data!.content).toBe('Quiz stopped; the scores are posted in the channel.');
    expect((await endMessage(quiz, 3)).title).toBe('Quiz stopped. Scores so far');
  });
});

/** What the leaderboard of server A shows after the quizzes above (B's quizzes do not count here). */
const STANDINGS_A = [
  `1. ${mention(alice)} — 2 points in 1 quiz`,
  `2. ${mention(bob)} — 2 points in 1 quiz`,
  `3. ${mention(carol)} — 2 points in 2 quizzes`,
  `4. ${mention(dave)} — 1 point in 1 quiz`,
  `5. ${mention(erin)} — 1 point in 1 quiz`,
];

describe('/quiz leaderboard', () => {
  it('GIVEN the quizzes played THEN the server’s standings: points, then fewer quizzes, then id; other servers apart', async () => {
    const r = await quizCommand('leaderboard', helen);
    expect(isEphemeral(r)).toBe(false);
    expect(embedOf(r.data!).title).toBe('Quiz leaderboard');
    expect(embedOf(r.data!).description!.split('\n')).toEqual(STANDINGS_A);
    const inServerB = embedOf((await quizCommand('leaderboard', modB)).data!).description!.split('\n');
    expect(inServerB).toEqual([`1. ${mention(gina)} — 1 point in 1 quiz`, `2. ${mention(hank)} — 1 point in 1 quiz`]);
  });
});

describe('a round nobody reveals (part 2)', () => {
  it('GIVEN the time limit passes THEN the timer reveals the round and the next one follows', async () => {
    const message = await until(
      () => {
        const m = timerQuiz.handle.original();
        return m && m.components.length === 0 ? m : undefined;
      },
      'the timer to close round 1',
      12_000,
    );
    expect(field(embedOf(message), 'Got it right')).toBe(mention(hank));
    await revealedRound(timerQuiz, 1, 3, timerRound1.item, timerRound1.right);
    await openRound(timerQuiz, 2, 3);
    expect(await click(answerId(timerQuiz, 1, timerRound1.right), tim)).toMatch(TOO_LATE);
    expect((await quizCommand('stop', tim)).data!.content).toBe('Quiz stopped; the scores are posted in the channel.');
    expect((await endMessage(timerQuiz, 2)).description).toBe(`1. ${mention(hank)} — 1 point`);
    const inServerB = embedOf((await quizCommand('leaderboard', modB)).data!).description!.split('\n');
    expect(inServerB).toEqual([`1. ${mention(hank)} — 2 points in 2 quizzes`, `2. ${mention(gina)} — 1 point in 1 quiz`]);
  });
});

describe('a restart', () => {
  it('GIVEN a quiz running WHEN the bot restarts THEN the quiz ends with a message, its buttons say it ended, and the standings persist', async () => {
    const quiz = await startQuiz(dave, { rounds: 3 });
    const round1 = await openRound(quiz, 1, 3);
    expect(await click(answerId(quiz, 1, round1.right), frank)).toMatch(RIGHT);

    await t.restart();

    const end = await endMessage(quiz, 1);
    expect(end.title).toBe('Quiz ended because the bot restarted. Scores so far');
    expect(end.description).toBe(`1. ${mention(frank)} — 1 point`);
    expect(buttonsOf(await roundMessage(quiz, 1))).toEqual([]);

    expect(await click(answerId(quiz, 1, round1.right), carol)).toMatch(ENDED);
    expect(await click(answerId(quiz, 1, round1.wrong[0]!), frank)).toMatch(ENDED);
    expect(await click(revealId(quiz, 1), dave)).toMatch(ENDED);

    const board = embedOf((await quizCommand('leaderboard', helen)).data!).description!.split('\n');
    expect(board).toEqual([...STANDINGS_A, `6. ${mention(frank)} — 1 point in 1 quiz`]);

    // The channel is free again.
    expect((await quizCommand('stop', mia)).data!.content).toBe('There is no quiz running in this channel.');
    const next = await startQuiz(mia, { rounds: 3 });
    await openRound(next, 1, 3);
    expect((await quizCommand('stop', mia)).data!.content).toBe('Quiz stopped; the scores are posted in the channel.');
    await endMessage(next, 1);
  });

  it('GIVEN all of the above THEN the fake Discord refused nothing the bot sent', () => {
    const unexpected = t.fake.failedRequests.filter((r) => !injectedFaults.some((m) => m.test(r.path) || m.test(`${r.method} ${r.path}`)));
    expect(unexpected).toEqual([]);
    expect(t.fake.failedRequests).toHaveLength(injectedFaults.length);
  });
});
