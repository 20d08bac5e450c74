/**
 * A bot in 300 servers, which keeps no server, channel or role in memory (src/discord/client.ts):
 * everything it does still works in any of them, from what each interaction carries.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { applyQuizEvent, createQuiz } from '../../src/core/quiz/engine.ts';
import type { QuizBank } from '../../src/core/quiz/bankSchema.ts';
import { openDatabase } from '../../src/core/store/database.ts';
import { QuizStore } from '../../src/core/store/quizStore.ts';
import { button, channelIdFor, slash, subcommand, type FakeCallback } from '../support/fakeDiscord.ts';
import { CHANNEL_MESSAGE, EPHEMERAL, MOD_PERMISSIONS } from '../support/discordConstants.ts';
import { newMembers, startBotUnderTest, type BotUnderTest } from './botHarness.ts';

const SERVERS = Array.from({ length: 300 }, (_, i) => (1300000000000010000n + BigInt(i) * 10n).toString());
const MOD_ROLE = '1300000000000000900';
const bank = JSON.parse(readFileSync('data/quiz.json', 'utf8')) as QuizBank;

let t: BotUnderTest;
const memberOf = newMembers('13000000000300');

beforeAll(async () => {
  t = await startBotUnderTest({ fake: { guildIds: SERVERS }, env: { MODERATOR_ROLE_IDS: MOD_ROLE, QUIZ_REVEAL_PAUSE_MS: '50' } });
});

afterAll(async () => {
  await t?.stop();
});

const embedOf = (m: { embeds?: APIEmbed[] }): APIEmbed => m.embeds![0]!;
const isEphemeral = (r: FakeCallback) => ((r.data?.flags ?? 0) & EPHEMERAL) === EPHEMERAL;
const send = (payload: Parameters<BotUnderTest['fake']['interact']>[0]) => t.fake.interact(payload).response();

describe('a bot in 300 servers', () => {
  it('GIVEN members of servers far apart in the list THEN each gets the answer to /ask', async () => {
    for (const guildId of [SERVERS[0]!, SERVERS[137]!, SERVERS[299]!]) {
      const r = await send(slash('ask', { question: 'how many ppl fled karabach' }, memberOf(guildId)));
      expect(r.type).toBe(CHANNEL_MESSAGE);
      expect(embedOf(r.data!).description).toContain('100,000');
    }
  });

  it('GIVEN a quiz started in one server THEN it posts in that channel, takes answers and ends with the scoreboard', async () => {
    const guildId = SERVERS[211]!;
    const starter = memberOf(guildId);
    const handle = t.fake.interact(subcommand('quiz', 'start', { rounds: 3 }, starter));
    const round1 = await handle.response();
    expect(round1.type).toBe(CHANNEL_MESSAGE);
    expect(isEphemeral(round1)).toBe(false);
    expect(handle.original()!.channel_id).toBe(channelIdFor(guildId));
    const question = embedOf(round1.data!);
    expect(question.title).toBe('Quiz · round 1 of 3');
    const item = bank.items.find((i) => i.question === question.description)!;
    const answers = round1.data!.components!.flatMap((row) => row.components ?? []).filter((c) => c.custom_id?.startsWith('qz:'));
    const right = answers.find((b) => b.label?.slice(3) === item.correct)!;

    const player = memberOf(guildId);
    const click = await send(button(right.custom_id!, player));
    expect(isEphemeral(click)).toBe(true);
    expect(click.data!.content).toMatch(/^✅ Right!/);

    const stop = t.fake.interact(subcommand('quiz', 'stop', undefined, starter));
    expect((await stop.response()).type).toBe(5);
    expect((await stop.edit(1)).content).toBe('Quiz stopped; the scores are posted in the channel.');
    const scoreboard = embedOf(await handle.followUp(1));
    expect(scoreboard.description).toBe(`1. <@${player.userId}> — 1 point`);
  });

  it('GIVEN moderators by Manage Server or by role in two servers THEN both may manage facts there, and a member may not', async () => {
    const byPermission = await send(subcommand('factadmin', 'history', { id: 'summit-day' }, memberOf(SERVERS[42]!, { permissions: MOD_PERMISSIONS })));
    expect(isEphemeral(byPermission)).toBe(true);
    expect(embedOf(byPermission.data!).description).toBeDefined();
    const byRole = await send(subcommand('factadmin', 'history', { id: 'summit-day' }, memberOf(SERVERS[250]!, { roles: [MOD_ROLE] })));
    expect(embedOf(byRole.data!).description).toBeDefined();
    const member = await send(subcommand('factadmin', 'history', { id: 'summit-day' }, memberOf(SERVERS[250]!)));
    expect(member.data!.content).toBe('Only moderators can manage facts: you need the Manage Server permission or a moderator role.');
  });

  it('GIVEN a quiz left running by a crash in one server THEN after a restart its end is posted in that channel', async () => {
    const guildId = SERVERS[123]!;
    const channelId = channelIdFor(guildId);
    // What a kill -9 mid-quiz leaves behind: the quiz saved as running, written here from another connection.
    const db = openDatabase(t.dataDir);
    const created = createQuiz({ id: '1300000000000777777', channelId, guildId, starterId: '1300000000000000201', items: bank.items, random: () => 0.5, now: Date.now() });
    new QuizStore(db).save(applyQuizEvent(created, { type: 'start', at: Date.now() }).state);
    db.close();

    await t.restart();

    await expect.poll(() => t.fake.channelMessages(channelId).length).toBe(1);
    const end = embedOf(t.fake.channelMessages(channelId)[0]!);
    expect(end.title).toBe('Quiz ended because the bot restarted. Scores so far');
    expect(end.description).toBe('Nobody answered.');
  });

  it('GIVEN all of the above THEN the fake Discord refused nothing the bot sent', () => {
    expect(t.fake.failedRequests).toEqual([]);
  });
});
