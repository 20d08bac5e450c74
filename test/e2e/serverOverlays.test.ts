/**
 * Fifty servers whose moderators each added a fact of their own, then members asking across all of
 * them: every question is answered, each server's fact only in that server, and the curated answers
 * everywhere (issue 9's scenario at a rate a shared test machine sustains; the full rate is in
 * `npm run bench -- servers`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { modalSubmit, slash, type FakeCallback } from '../support/fakeDiscord.ts';
import { CHANNEL_MESSAGE, MOD_PERMISSIONS } from '../support/discordConstants.ts';
import { newMembers, startBotUnderTest, type BotUnderTest } from './botHarness.ts';

const SERVERS = Array.from({ length: 50 }, (_, i) => (1300000000000020000n + BigInt(i) * 10n).toString());
/** A server in the same bot that added nothing. */
const PLAIN = '1300000000000029990';
let t: BotUnderTest;
const memberOf = newMembers('13000000000500');
const moderatorOf = (guildId: string) => memberOf(guildId, { permissions: MOD_PERMISSIONS });
const embedOf = (r: FakeCallback): APIEmbed => r.data!.embeds![0]!;
const send = (payload: Parameters<BotUnderTest['fake']['interact']>[0]) => t.fake.interact(payload).response();

/** Each server's own fact: its study group's meeting day, a question the article cannot answer. */
const clubQuestion = 'When does our study group meet to discuss the talks?';
const clubAnswer = (i: number) => `Our study group meets on day ${i + 1} of each month to go through the news on the talks.`;

beforeAll(async () => {
  t = await startBotUnderTest({ fake: { guildIds: [...SERVERS, PLAIN] } });
  for (const [i, guildId] of SERVERS.entries()) {
    const saved = await send(
      modalSubmit(
        'fa-add',
        {
          question: clubQuestion,
          answer: clubAnswer(i),
          terms: 'keywords: study group, meeting day',
          topic: 'outlook',
          source: '13: Both Armenia and Azerbaijan have expressed support for continued negotiations',
        },
        moderatorOf(guildId),
      ),
    );
    expect(saved.data!.content).toMatch(/^Added `/);
  }
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe('fifty servers that each added a fact', () => {
  it('GIVEN questions across all fifty servers THEN every one is answered, with each server’s own fact and the curated facts', async () => {
    const asks: Array<Promise<{ i: number; own: boolean; r: FakeCallback }>> = [];
    for (let n = 0; n < 200; n++) {
      const i = n % SERVERS.length;
      const own = n % 2 === 0;
      const question = own ? clubQuestion : 'How many people were displaced by the 2023 offensive?';
      asks.push(
        t.fake
          .interact(slash('ask', { question }, memberOf(SERVERS[i]!)))
          .response()
          .then((r) => ({ i, own, r })),
      );
      await new Promise((r) => setTimeout(r, 10));
    }
    for (const { i, own, r } of await Promise.all(asks)) {
      expect(r.type).toBe(CHANNEL_MESSAGE);
      expect(embedOf(r).description).toEqual(own ? clubAnswer(i) : expect.stringContaining('100,000'));
    }
  }, 60_000);

  it('GIVEN a server that added nothing THEN none of the fifty facts is found there', async () => {
    const r = await send(slash('ask', { question: clubQuestion }, memberOf(PLAIN)));
    const shown = JSON.stringify(r.data);
    expect(shown).not.toMatch(/study group meets/);
    const ids = (r.data!.components ?? []).flatMap((row) => row.components ?? []).map((c) => c.custom_id);
    expect(ids).not.toContain('fact:when-does-our-study-group-meet-to-discuss-the-talks');
  });

  it('GIVEN one server’s fact THEN asking it in another server gives that server’s own answer, never the first one’s', async () => {
    const r = await send(slash('ask', { question: clubQuestion }, memberOf(SERVERS[7]!)));
    expect(embedOf(r).description).toBe(clubAnswer(7));
    expect(embedOf(r).description).not.toBe(clubAnswer(0));
  });
});
