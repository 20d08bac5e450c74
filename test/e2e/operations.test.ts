import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slash } from '../support/fakeDiscord.ts';
import { startBotUnderTest, type BotUnderTest } from './botHarness.ts';
import { EPHEMERAL } from '../support/discordConstants.ts';


async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let t: BotUnderTest;
let port: number;

beforeAll(async () => {
  port = await freePort();
  t = await startBotUnderTest({ env: { HEALTH_PORT: String(port), ASK_LIMIT: '5', DUPLICATE_ANSWER_WINDOW_S: '60' } });
});

afterAll(async () => {
  await t?.stop();
});

const ask = (question: string, userId: string, channelId?: string) =>
  t.fake.interact(slash('ask', { question }, { userId, ...(channelId ? { channelId } : {}) })).response();

describe('flood protection', () => {
  it('GIVEN a member asking six times in a row THEN the sixth gets a clear "slow down" with the wait', async () => {
    const member = '1300000000000020001';
    const questions = ['who hosts', 'when is the summit', 'where did they last meet', 'how many fled', 'who mediated before'];
    for (const q of questions) expect((await ask(q, member)).data!.content ?? '').not.toMatch(/slow down/i);
    const sixth = await ask('what is the march draft', member);
    expect(sixth.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(sixth.data!.content).toMatch(/^Slow down a little: .* Try again in \d+ s\.$/);
    expect((await ask('what is the march draft', '1300000000000020002')).data!.embeds).toHaveLength(1);
  });

  it('GIVEN the same answer asked publicly twice in a channel THEN the second asker gets it privately, not the channel', async () => {
    const first = await ask('what did the 2020 ceasefire do', '1300000000000020003');
    expect(first.data!.flags ?? 0).toBe(0);
    const second = await ask('when was the ceasefire', '1300000000000020004');
    expect(second.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(second.data!.content).toMatch(/answered in this channel a moment ago/);
    expect(second.data!.embeds![0]!.description).toBe(first.data!.embeds![0]!.description);
  });
});

describe('health and metrics', () => {
  it('GIVEN HEALTH_PORT THEN /healthz reports the gateway connected and the database writable', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, gateway: true, database: true });
  });

  it('GIVEN answered and unanswered questions THEN /metrics counts them by command and outcome, with latency', async () => {
    await ask('what is the population of armenia', '1300000000000020005');
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/factbot_interactions_total\{command="ask",outcome="ok"\} \d+/);
    expect(text).toMatch(/factbot_interactions_total\{command="ask",outcome="user_error"\} 1/);
    expect(text).toMatch(/factbot_unanswered_questions_total \d+/);
    expect(text).toMatch(/factbot_interaction_duration_seconds_bucket\{le="0.1",command="ask"\} \d+/);
    expect(text).toContain('factbot_gateway_reconnects_total');
  });

  it('GIVEN members asked THEN /metrics shows how many entries each bounded structure holds', async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const size = (name: string) => Number(new RegExp(`^factbot_${name} (\\d+)$`, 'm').exec(text)?.[1]);
    // Five members asked above, all within the 30 s window; at least two answers were posted publicly in the channel.
    expect(size('ask_rate_limit_entries')).toBe(5);
    expect(size('recent_public_answers_entries')).toBeGreaterThanOrEqual(2);
    expect(size('quizzes_running_entries')).toBe(0);
    expect(size('quizzes_ended_entries')).toBe(0);
    expect(size('quiz_start_rate_limit_entries')).toBe(0);
    expect(size('store_revision_entries')).toBe(1);
    expect(size('recent_interaction_ids_entries')).toBeGreaterThanOrEqual(10);
  });

  it('GIVEN the gateway drops THEN /metrics counts the reconnect and /healthz recovers', async () => {
    t.fake.faults.closeGateway(4000);
    await t.fake.waitForReady(5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/factbot_gateway_reconnects_total 1/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await ask('who hosts the summit', '1300000000000020006')).data!.embeds).toHaveLength(1);
  });

  it('GIVEN all of the above THEN the fake Discord refused nothing', () => {
    expect(t.fake.failedRequests).toEqual([]);
  });
});
