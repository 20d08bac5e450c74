/**
 * Reliability end to end: gateway faults, REST faults and Discord's deadlines, through the real
 * startup path (src/index.ts) against the fake Discord. Every fault is injected on purpose and
 * recorded in `injected`; the last test checks the fake refused nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import {
  autocomplete,
  slash,
  subcommand,
  type FakeCallback,
  type FaultResponse,
  type InteractionContext,
  type InteractionHandle,
  type InteractionInit,
} from '../support/fakeDiscord.ts';
import { startBotUnderTest, type BotUnderTest } from './botHarness.ts';
import { AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE, DEFERRED, EPHEMERAL, MOD_PERMISSIONS } from '../support/discordConstants.ts';


let t: BotUnderTest;

beforeAll(async () => {
  // A heartbeat every 250 ms so a connection that stopped acknowledging is noticed within a second.
  t = await startBotUnderTest({ fake: { heartbeatIntervalMs: 250 } });
});

afterAll(async () => {
  await t?.stop();
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** A fresh member for every interaction, so the per-member flood limits never get in the way. */
let memberCount = 0;
function member(extra: InteractionContext = {}): InteractionContext {
  memberCount += 1;
  return { userId: (1300000000000020000n + BigInt(memberCount)).toString(), username: `member${memberCount}`, ...extra };
}
const moderator = () => member({ permissions: MOD_PERMISSIONS });

/** Questions the article answers, with a word the answer must contain; cycled so answers stay varied. */
const QUESTIONS: Array<[string, string]> = [
  ['how many ppl fled karabakh', '100,000'],
  ['where did the leaders last meet', 'Abu Dhabi'],
];
let questionCount = 0;
function askPayload(): { payload: InteractionInit; expected: string } {
  const [question, expected] = QUESTIONS[questionCount++ % QUESTIONS.length]!;
  return { payload: slash('ask', { question, private: true }, member()), expected };
}

const embedText = (e: APIEmbed) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n');

function expectAnswer(r: FakeCallback, expected: string): void {
  expect(r.type).toBe(CHANNEL_MESSAGE);
  expect(r.data?.allowed_mentions).toEqual({ parse: [] });
  expect(embedText(r.data!.embeds![0]!)).toContain(expected);
}

/** Ask a question the article answers and check the answer arrives. */
async function expectAnswersNextQuestion(): Promise<void> {
  const { payload, expected } = askPayload();
  const h = t.fake.interact(payload);
  expectAnswer(await h.response(), expected);
  expectAnsweredOnce(h);
}

/** Every REST request that was about this interaction (callback and webhook), in order. */
function requestsFor(h: { id: string; token: string }) {
  return t.fake.requests.filter((r) => r.path.startsWith(`/interactions/${h.id}/`) || r.path.includes(`/${h.token}`));
}
const callbackStatuses = (h: { id: string; token: string }) =>
  requestsFor(h).filter((r) => r.path.endsWith('/callback')).map((r) => r.status);

/** Answered exactly once: one accepted callback, nothing refused (above all no 40060 "already acknowledged"). */
function expectAnsweredOnce(h: InteractionHandle): void {
  expect(h.callbacks).toHaveLength(1);
  expect(h.rejected).toEqual([]);
  expect(callbackStatuses(h).filter((s) => s < 300)).toHaveLength(1);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const callbackRoute = (p: InteractionInit) => new RegExp(`^/interactions/${p.id}/${escapeRegExp(p.token)}/callback$`);

/** Faults injected on purpose (route + the status the fake answers with), for the final check. */
const injected: Array<{ match: RegExp; status: number }> = [];
function inject(match: RegExp, response: FaultResponse, times = 1): void {
  injected.push({ match, status: response.status });
  t.fake.faults.failNext(match, response, times);
}

/** Routes of interactions whose refusals a failing test of their own already reports as a bug. */
const knownBugs: RegExp[] = [];

/** Resolves once the gateway has been resumed `count` more times than `before`. */
async function resumed(before: number, count = 1): Promise<void> {
  await expect.poll(() => t.fake.resumeCount, { timeout: 8000, interval: 20 }).toBeGreaterThanOrEqual(before + count);
  await t.fake.waitForReady(8000);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------

describe('gateway faults', () => {
  it('GIVEN the gateway closes with 4000 WHEN a question is asked while the bot is down THEN it resumes and answers that question exactly once', async () => {
    await expectAnswersNextQuestion();
    const before = { resumes: t.fake.resumeCount, identifies: t.fake.identifyCount };
    t.fake.faults.closeGateway(4000);
    const { payload, expected } = askPayload();
    const queued = t.fake.interact(payload); // the bot is disconnected: replayed on RESUME
    await resumed(before.resumes);
    expectAnswer(await queued.response(), expected);
    await expectAnswersNextQuestion();
    expectAnsweredOnce(queued);
    expect(t.fake.identifyCount).toBe(before.identifies);
  });

  it('GIVEN the socket is lost abruptly (1006) WHEN a question is asked meanwhile THEN it resumes and answers it exactly once', async () => {
    const before = { resumes: t.fake.resumeCount, identifies: t.fake.identifyCount };
    t.fake.faults.dropGateway();
    const { payload, expected } = askPayload();
    const queued = t.fake.interact(payload);
    await resumed(before.resumes);
    expectAnswer(await queued.response(), expected);
    await expectAnswersNextQuestion();
    expectAnsweredOnce(queued);
    expect(t.fake.identifyCount).toBe(before.identifies);
  });

  it('GIVEN Discord requests a reconnect (op 7) WHEN a question arrives at that moment THEN it is answered exactly once and so is the next', async () => {
    const before = { resumes: t.fake.resumeCount, identifies: t.fake.identifyCount };
    t.fake.faults.requestReconnect();
    const { payload, expected } = askPayload();
    const raced = t.fake.interact(payload); // on the old socket as the bot leaves it: seen there or replayed, never both
    await resumed(before.resumes);
    expectAnswer(await raced.response(), expected);
    await expectAnswersNextQuestion();
    expectAnsweredOnce(raced);
    expect(t.fake.identifyCount).toBe(before.identifies);
  });

  it('GIVEN a resumable invalid session (op 9 true) THEN the bot resumes on the same connection and answers the next question', async () => {
    const before = { resumes: t.fake.resumeCount, identifies: t.fake.identifyCount };
    t.fake.faults.invalidateSession(true);
    await resumed(before.resumes);
    await expectAnswersNextQuestion();
    expect(t.fake.identifyCount).toBe(before.identifies);
  });

  // BUG (see report): @discordjs/ws answers op 9 with a RESUME carrying the sequence it had before the
  // preceding dispatch was recorded, so Discord replays an interaction the bot has already handled,
  // and the bot, which does not remember interaction ids, answers it a second time (400 40060),
  // then tries its apology (40060 again).
  it('GIVEN a question delivered just before a resumable invalid session THEN the replayed copy is not answered a second time', async () => {
    const before = t.fake.resumeCount;
    const { payload, expected } = askPayload();
    const raced = t.fake.interact(payload); // delivered live, then replayed on RESUME
    knownBugs.push(callbackRoute(payload)); // its refusals fail this test, not the final check
    t.fake.faults.invalidateSession(true);
    await resumed(before);
    expectAnswer(await raced.response(), expected);
    await expectAnswersNextQuestion();
    await sleep(200); // lets a second handling of `raced` finish
    expect(raced.rejected).toEqual([]);
    expectAnsweredOnce(raced);
  });

  it('GIVEN heartbeats are no longer acknowledged THEN the bot drops the zombie connection, resumes and answers the next question', async () => {
    const before = { resumes: t.fake.resumeCount, connections: t.fake.gatewayConnections };
    t.fake.faults.stopHeartbeatAcks(true);
    const { payload, expected } = askPayload();
    const during = t.fake.interact(payload); // the zombie connection still delivers events
    try {
      await expect.poll(() => t.fake.resumeCount, { timeout: 8000, interval: 20 }).toBeGreaterThan(before.resumes);
    } finally {
      t.fake.faults.stopHeartbeatAcks(false);
    }
    await t.fake.waitForReady(8000);
    expect(t.fake.gatewayConnections).toBeGreaterThan(before.connections);
    expectAnswer(await during.response(), expected);
    await expectAnswersNextQuestion();
    expectAnsweredOnce(during);
  });

  it('GIVEN a non-resumable invalid session (op 9 false) THEN the bot identifies again and answers the next question', async () => {
    const before = { identifies: t.fake.identifyCount, commandWrites: t.fake.commandWrites };
    t.fake.faults.invalidateSession(false);
    // @discordjs/ws throttles identifies to one per ~5 s; the session is gone, so nothing can be queued meanwhile.
    await expect.poll(() => t.fake.identifyCount, { timeout: 10_000, interval: 20 }).toBe(before.identifies + 1);
    await t.fake.waitForReady(5000);
    await expectAnswersNextQuestion();
    expect(t.fake.commandWrites).toBe(before.commandWrites);
  });
});

describe('REST faults on the interaction callback', () => {
  it('GIVEN a 500 on the callback THEN discord.js retries it and the member gets the answer once', async () => {
    const { payload, expected } = askPayload();
    inject(callbackRoute(payload), { status: 500 });
    const h = t.fake.interact(payload);
    expectAnswer(await h.response(), expected);
    expect(callbackStatuses(h)).toEqual([500, 204]);
    expectAnsweredOnce(h);
  });

  it('GIVEN three 500s in a row (discord.js retries = 3) THEN the fourth attempt delivers the answer', async () => {
    const { payload, expected } = askPayload();
    inject(callbackRoute(payload), { status: 502, body: { message: 'Bad Gateway', code: 0 } }, 3);
    const h = t.fake.interact(payload);
    expectAnswer(await h.response(), expected);
    expect(callbackStatuses(h)).toEqual([502, 502, 502, 204]);
    expectAnsweredOnce(h);
  });

  it('GIVEN a 429 with retry_after THEN the answer waits it out and is delivered once', async () => {
    const { payload, expected } = askPayload();
    inject(callbackRoute(payload), {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.4, global: false },
      headers: { 'retry-after': '0.4', 'x-ratelimit-scope': 'user' },
    });
    const started = Date.now();
    const h = t.fake.interact(payload);
    expectAnswer(await h.response(), expected);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(callbackStatuses(h)).toEqual([429, 204]);
    expectAnsweredOnce(h);
  });

  it('GIVEN a 429 and then a 500 THEN both are retried and the answer is delivered once', async () => {
    const { payload, expected } = askPayload();
    inject(callbackRoute(payload), { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false } });
    inject(callbackRoute(payload), { status: 500 });
    const h = t.fake.interact(payload);
    expectAnswer(await h.response(), expected);
    expect(callbackStatuses(h)).toEqual([429, 500, 204]);
    expectAnsweredOnce(h);
  });

  it('GIVEN the callback fails with 500 every time THEN the process survives, nothing is acknowledged twice and the next question is answered', async () => {
    const { payload } = askPayload();
    inject(callbackRoute(payload), { status: 500 }, 1000);
    const h = t.fake.interact(payload);
    // 1 + 3 retries for the answer; the router then tries its apology, which fails the same way.
    await expect.poll(() => callbackStatuses(h).length, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(4);
    await sleep(300);
    const statuses = callbackStatuses(h);
    expect(statuses.every((s) => s === 500)).toBe(true);
    expect(statuses.length % 4).toBe(0); // every reply gets exactly the attempts discord.js makes
    expect(h.callbacks).toEqual([]);
    expect(h.rejected.filter((r) => (r.body as { code?: number } | undefined)?.code === 40060)).toEqual([]);
    await expectAnswersNextQuestion();
  });

  it('GIVEN the callback answers 404 10062 Unknown interaction THEN it is not retried, nothing crashes and the next question is answered', async () => {
    const { payload } = askPayload();
    inject(callbackRoute(payload), { status: 404, body: { message: 'Unknown interaction', code: 10062 } }, 1000);
    const h = t.fake.interact(payload);
    await expect.poll(() => callbackStatuses(h).length, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(1);
    await sleep(200);
    // The answer once; at most one more try (the apology), never a retry loop.
    expect(callbackStatuses(h).length).toBeLessThanOrEqual(2);
    expect(callbackStatuses(h).every((s) => s === 404)).toBe(true);
    expect(h.callbacks).toEqual([]);
    await expectAnswersNextQuestion();
  });

  it('GIVEN the interaction expired before the bot could answer (the fake itself answers 10062) THEN there is no second acknowledgement and the bot carries on', async () => {
    const { payload } = askPayload();
    injected.push({ match: callbackRoute(payload), status: 404 }); // the fake's own deadline, forced
    const deadline = t.fake.interactionDeadlineMs;
    t.fake.interactionDeadlineMs = -1;
    let h: InteractionHandle;
    try {
      h = t.fake.interact(payload);
      await expect.poll(() => h.rejected.length, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(1);
      await sleep(200);
    } finally {
      t.fake.interactionDeadlineMs = deadline;
    }
    expect(h.callbacks).toEqual([]);
    expect(h.rejected.map((r) => (r.body as { code?: number }).code)).not.toContain(40060);
    expect(h.rejected.every((r) => r.status === 404)).toBe(true);
    await expectAnswersNextQuestion();
  });
});

describe('REST faults on follow-ups (a quiz posts its scoreboard as a follow-up)', () => {
  /** Start a quiz; returns the starting interaction (its webhook carries every later quiz message). */
  async function startQuiz(): Promise<{ start: InteractionHandle; starter: InteractionContext }> {
    const starter = member();
    const start = t.fake.interact(subcommand('quiz', 'start', { rounds: 3, seconds: 10 }, starter));
    const r = await start.response();
    expect(r.type).toBe(CHANNEL_MESSAGE);
    expect(r.data!.components?.length ?? 0).toBeGreaterThan(0);
    return { start, starter };
  }
  const followUpRoute = (h: InteractionHandle) => new RegExp(`^POST /webhooks/${t.fake.applicationId}/${escapeRegExp(h.token)}$`);
  const followUpStatuses = (h: InteractionHandle) =>
    t.fake.requests.filter((r) => r.method === 'POST' && r.path === `/webhooks/${t.fake.applicationId}/${h.token}`).map((r) => r.status);

  it('GIVEN a 500 and then a 429 on the follow-up THEN the scoreboard is still posted once and /quiz stop is answered', async () => {
    const { start, starter } = await startQuiz();
    inject(followUpRoute(start), { status: 500 });
    inject(followUpRoute(start), { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.3, global: false } });
    const stop = t.fake.interact(subcommand('quiz', 'stop', undefined, starter));
    const r = await stop.response();
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect((await stop.edit(1)).content).toBe('Quiz stopped; the scores are posted in the channel.');
    const scoreboard = await start.followUp(1);
    expect(start.followUps).toHaveLength(1);
    expect(scoreboard.allowed_mentions).toEqual({ parse: [] });
    expect(followUpStatuses(start)).toEqual([500, 429, 200]);
    expectAnsweredOnce(stop);
    expect(start.rejected).toEqual([]);
  });

  it('GIVEN the follow-up fails every time THEN /quiz stop still gets one reply, the quiz is over and a new one can start', async () => {
    const { start, starter } = await startQuiz();
    inject(followUpRoute(start), { status: 503 }, 1000);
    const stop = t.fake.interact(subcommand('quiz', 'stop', undefined, starter));
    const r = await stop.response();
    expect(r.type).toBe(DEFERRED);
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect((await stop.edit(1)).content).toBe('Quiz stopped; the scores are posted in the channel.');
    expect(followUpStatuses(start).length).toBeGreaterThanOrEqual(4);
    expect(followUpStatuses(start).every((s) => s === 503)).toBe(true);
    expectAnsweredOnce(stop);
    // Nothing is left running in the channel: a new quiz starts and can be stopped normally.
    const again = await startQuiz();
    const stopped = t.fake.interact(subcommand('quiz', 'stop', undefined, again.starter));
    expect((await stopped.edit(1)).content).toBe('Quiz stopped; the scores are posted in the channel.');
    await again.start.followUp(1);
    await expectAnswersNextQuestion();
  });
});

describe('deadlines', () => {
  // /quiz stop acknowledges before it posts the scoreboard (a follow-up that may be rate limited),
  // so it never misses Discord's 3 s deadline.
  it('GIVEN the scoreboard follow-up is rate limited for 3.2 s THEN /quiz stop is still acknowledged within the deadline', async () => {
    const starter = member();
    const start = t.fake.interact(subcommand('quiz', 'start', { rounds: 3, seconds: 10 }, starter));
    await start.response();
    const route = new RegExp(`^POST /webhooks/${t.fake.applicationId}/${escapeRegExp(start.token)}$`);
    inject(route, { status: 429, body: { message: 'You are being rate limited.', retry_after: 3.2, global: false } });
    const payload = subcommand('quiz', 'stop', undefined, starter);
    knownBugs.push(callbackRoute(payload)); // its refusals fail this test, not the final check
    const stop = t.fake.interact(payload);
    await start.followUp(1, 6000); // the scoreboard gets through once the rate limit is over
    await sleep(200);
    expect(stop.rejected).toEqual([]);
    expect(stop.callbacks).toHaveLength(1);
    expect((await stop.edit(1)).content).toBe('Quiz stopped; the scores are posted in the channel.');
  });
});

describe('deadlines: autocomplete always answers', () => {
  const HUGE = 'who hosts the summit abu dhabi karabakh '.repeat(250).slice(0, 10_000);
  const GARBAGE = '\u0000\u0007\u001b[2J\uFFFF\uD800(((((((((([[[[[.*+?^${}|\\%s%n{{constructor}}__proto__ \u202E\u200B'.repeat(40);
  const cases: Array<[string, () => InteractionInit]> = [
    ['/ask question, 10,000 characters', () => autocomplete('ask', { name: 'question', value: HUGE }, undefined, member())],
    ['/ask question, garbage', () => autocomplete('ask', { name: 'question', value: GARBAGE }, undefined, member())],
    ['/fact id, 10,000 characters', () => autocomplete('fact', { name: 'id', value: HUGE }, undefined, member())],
    ['/fact id, garbage', () => autocomplete('fact', { name: 'id', value: GARBAGE }, undefined, member())],
    ['/factadmin edit id, 10,000 characters', () => autocomplete('factadmin', { name: 'id', value: HUGE }, undefined, moderator(), 'edit')],
    ['/factadmin remove id, garbage', () => autocomplete('factadmin', { name: 'id', value: GARBAGE }, undefined, moderator(), 'remove')],
    ['/quiz start topic, 10,000 characters', () => autocomplete('quiz', { name: 'topic', value: HUGE }, undefined, member(), 'start')],
    ['/quiz start topic, garbage', () => autocomplete('quiz', { name: 'topic', value: GARBAGE }, undefined, member(), 'start')],
    ['/ask in a DM, 10,000 characters', () => autocomplete('ask', { name: 'question', value: HUGE }, undefined, member({ guildId: null }))],
    ['a command without autocomplete (/help)', () => autocomplete('help', { name: 'x', value: 'abc' }, undefined, member())],
    ['a command that no longer exists', () => autocomplete('gone', { name: 'q', value: 'abc' }, undefined, member())],
  ];

  it.each(cases)('GIVEN autocomplete on %s THEN a valid list (possibly empty) arrives well within the deadline', async (_label, build) => {
    const started = Date.now();
    const h = t.fake.interact(build());
    const r = await h.response();
    const took = Date.now() - started;
    expect(r.type).toBe(AUTOCOMPLETE_RESULT);
    const choices = r.data!.choices!;
    expect(Array.isArray(choices)).toBe(true);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(String(c.value).length).toBeLessThanOrEqual(100);
    }
    expect(took).toBeLessThan(1500); // Discord's deadline is 3 s; leave room for a slow machine
    expectAnsweredOnce(h);
  });

  it('GIVEN the autocomplete callback fails with 500 every time THEN nothing crashes and autocomplete keeps working', async () => {
    const payload = autocomplete('ask', { name: 'question', value: 'abu dh' }, undefined, member());
    inject(callbackRoute(payload), { status: 500 }, 1000);
    const h = t.fake.interact(payload);
    await expect.poll(() => callbackStatuses(h).length, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(4);
    await sleep(200);
    expect(h.callbacks).toEqual([]);
    const next = t.fake.interact(autocomplete('ask', { name: 'question', value: 'abu dh' }, undefined, member()));
    expect((await next.response()).data!.choices!.length).toBeGreaterThan(0);
  });
});

describe('after every fault', () => {
  it('GIVEN all of the above THEN the fake refused nothing but the faults injected on purpose', async () => {
    await expectAnswersNextQuestion();
    const unexpected = t.fake.failedRequests
      .filter((r) => !injected.some((f) => f.status === r.status && (f.match.test(r.path) || f.match.test(`${r.method} ${r.path}`))))
      .filter((r) => !knownBugs.some((route) => route.test(r.path)))
      .map((r) => ({ route: `${r.method} ${r.path}`, status: r.status, response: r.response }));
    expect(unexpected).toEqual([]);
  });
});
