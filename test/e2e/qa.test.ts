import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { autocomplete, button, messageContextMenu, slash, userObject } from '../support/fakeDiscord.ts';
import type { InteractionContext } from '../support/fakeDiscord.ts';
import type { FakeCallback } from '../support/fakeDiscord.ts';
import { answerQuestion } from '../../src/core/answers/answerQuestion.ts';
import { buildKnowledge, loadCuratedData } from '../../src/core/knowledge.ts';
import { startBotUnderTest, type BotUnderTest } from './botHarness.ts';
import { AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE, EPHEMERAL, UPDATE_MESSAGE } from '../support/discordConstants.ts';


let t: BotUnderTest;

beforeAll(async () => {
  t = await startBotUnderTest();
});

afterAll(async () => {
  await t?.stop();
});

let nextMember = 0;

/** Send as a different member each time, so the per-member rate limit (tested in abuse.test.ts) stays out of the way. */
async function send(payload: Parameters<BotUnderTest['fake']['interact']>[0]): Promise<FakeCallback> {
  if ('member' in payload && payload.member) payload.member.user.id = `13000000000010${String(nextMember++).padStart(5, '0')}`;
  const response = await t.fake.interact(payload).response();
  // Nothing may be parsed for mentions; only /ask share adds the one member it is addressed to.
  expect((response.data?.allowed_mentions ?? { parse: [] }).parse).toEqual([]);
  return response;
}

/** Send as one given member (a timeline's pages belong to whoever opened it). */
async function sendAs(payload: Parameters<BotUnderTest['fake']['interact']>[0]): Promise<FakeCallback> {
  return t.fake.interact(payload).response();
}

const embed = (r: FakeCallback): APIEmbed => r.data!.embeds![0]!;
const isEphemeral = (r: FakeCallback) => ((r.data!.flags ?? 0) & EPHEMERAL) === EPHEMERAL;

/**
 * A vague question the core answers with "did you mean" (the fitted model decides which; the
 * core's own answer is the reference, so a refit does not break what these tests check: how a
 * "did you mean" is shown).
 */
const curated = buildKnowledge(loadCuratedData('data').facts);
const UNSURE = ['peace stuff', 'who is in charge of the talks', 'tell me about the host', 'what about the deal'].find(
  (q) => answerQuestion(curated, q).tier === 'suggest',
)!;
const unsureFact = () => answerQuestion(curated, UNSURE).didYouMean!;
const everything = (e: APIEmbed) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].join('\n');

describe('startup', () => {
  it('GIVEN the bot started THEN every command is registered in the guild with valid definitions', () => {
    const names = t.fake.commands(t.fake.guildIds[0]).map((c) => c.name).sort();
    expect(names).toEqual(['Answer with facts', 'ask', 'fact', 'factadmin', 'help', 'mediators', 'meeting', 'quiz', 'refugees', 'timeline']);
    expect(t.fake.failedRequests).toEqual([]);
  });

  it('GIVEN unchanged definitions WHEN the bot restarts THEN it registers nothing again', async () => {
    const writes = t.fake.commandWrites;
    await t.restart();
    expect(t.fake.commandWrites).toBe(writes);
  });
});

describe('/ask', () => {
  it('GIVEN a chat-style question with typos THEN it answers with the figure, the paragraph and a verbatim quote', async () => {
    const r = await send(slash('ask', { question: 'how many ppl fled karabach' }));
    expect(r.type).toBe(CHANNEL_MESSAGE);
    expect(r.data!.flags ?? 0).toBe(0);
    expect(embed(r).description).toContain('100,000');
    expect(embed(r).fields![0]!.value).toMatch(/^¶5 — “.+”$/);
    expect(r.data!.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN private:true THEN only the asker sees the answer', async () => {
    const r = await send(slash('ask', { question: 'where did the leaders last meet', private: true }));
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(embed(r).description).toContain('Abu Dhabi');
  });

  it('GIVEN an answer THEN related facts come as buttons that show that fact to whoever clicks', async () => {
    const r = await send(slash('ask', { question: 'Who has mediated between Armenia and Azerbaijan in the past?' }));
    const buttons = r.data!.components![0]!.components!;
    expect(buttons.length).toBeGreaterThan(0);
    const customId = buttons[0]!.custom_id!;
    const clicked = await send(button(customId));
    expect(clicked.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(embed(clicked).title!.startsWith(buttons[0]!.label!.replace(/…$/, ''))).toBe(true);
    expect(embed(clicked).fields![0]!.value).toMatch(/^¶\d+/);
  });

  it('GIVEN an answer in a server THEN one calm card: the answer, its source once, and one row with short related-fact labels and 👍 / 👎', async () => {
    const r = await send(slash('ask', { question: 'Who has mediated between Armenia and Azerbaijan in the past?' }));
    const card = embed(r);
    expect(card.fields).toHaveLength(1);
    expect(card.footer).toBeUndefined();
    expect(everything(card).match(/¶\d+/g)).toHaveLength(1);
    expect(r.data!.components).toHaveLength(1);
    const buttons = r.data!.components![0]!.components!;
    expect(buttons.length).toBeLessThanOrEqual(5);
    expect(buttons.slice(-2).map((b) => [(b.emoji as { name?: string } | undefined)?.name, b.label])).toEqual([
      ['👍', undefined],
      ['👎', undefined],
    ]);
    for (const b of buttons.slice(0, -2)) expect(b.label!.length).toBeLessThanOrEqual(40);
    expect(card.description).not.toMatch(/^(According to the article|The article says)/);
  });

  it('GIVEN a question the article does not cover THEN only the asker sees that, with the nearest facts, never a wrong answer', async () => {
    const r = await send(slash('ask', { question: 'what is the population of armenia' }));
    expect(embed(r).title).toMatch(/^(The article doesn’t say|Did you mean: .*)$/);
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.components!.flatMap((row) => row.components!).every((c) => c.custom_id!.startsWith('fact:'))).toBe(true);
  });

  it('GIVEN a question the article does not cover and private:False THEN the member asked for it in the open, so the channel sees it', async () => {
    const r = await send(slash('ask', { question: 'what is the best pizza in yerevan', private: false }));
    expect(embed(r).title).toBe('The article doesn’t say');
    expect(isEphemeral(r)).toBe(false);
  });

  it.each(['hi', 'lol', 'thanks', 'Hello everyone!', 'nice', 'trump'])('GIVEN %j THEN a short private hint, never a public post', async (question) => {
    const r = await send(slash('ask', { question }));
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.embeds ?? []).toEqual([]);
    expect(r.data!.content!.length).toBeLessThan(200);
    expect(r.data!.content).toContain('question');
  });

  it('GIVEN one word that names a fact THEN it is answered, not waved off as noise', async () => {
    const r = await send(slash('ask', { question: 'ceasefire' }));
    expect(embed(r).description).toContain('2020');
  });

  it('GIVEN a paraphrase the bot is not sure of THEN "did you mean" shows the likeliest question and its answer is one click away', async () => {
    expect(UNSURE, 'one of the vague questions gets a "did you mean"').toBeDefined();
    const r = await send(slash('ask', { question: UNSURE }));
    expect(embed(r).title).toBe(`Did you mean: ${unsureFact().question}`);
    const [show] = r.data!.components![0]!.components!;
    expect(show!.label).toBe('Show answer');
    const clicked = await send(button(show!.custom_id!));
    expect(clicked.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(embed(clicked).description).toContain(unsureFact().answer.slice(0, 40));
  });

  it.each([
    ['whitespace only', '   '],
    ['emoji only', '🙂🙂🙂'],
  ])('GIVEN %s THEN a short ephemeral explanation', async (_label, question) => {
    const r = await send(slash('ask', { question }));
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(r.data!.content!.length).toBeLessThan(200);
  });

  it.each([
    ['300 characters of noise', 'x9$#'.repeat(75)],
    ['markdown and a mass mention', '@everyone **bold** `code` [link](http://evil.example) who hosts?'],
    ['right-to-left and zalgo', 'مرحبا Z̷̢a̸l̶g̵o̷'],
  ])('GIVEN %s THEN it replies without pinging or breaking formatting', async (_label, question) => {
    const r = await send(slash('ask', { question }));
    expect(r.data!.allowed_mentions).toEqual({ parse: [] });
    const text = r.data!.content ?? everything(embed(r));
    expect(text).not.toContain('@everyone');
    expect(text).not.toContain('[link](');
  });

  it('GIVEN a half-typed question THEN autocomplete suggests real questions within Discord limits', async () => {
    const r = await send(autocomplete('ask', { name: 'question', value: 'abu dh' }));
    expect(r.type).toBe(AUTOCOMPLETE_RESULT);
    const choices = r.data!.choices!;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(String(choices[0]!.value).toLowerCase()).toContain('abu dhabi');
  });

  it('GIVEN an empty autocomplete box THEN 25 real questions are offered', async () => {
    const r = await send(autocomplete('ask', { name: 'question', value: '' }));
    expect(r.data!.choices).toHaveLength(25);
  });
});

describe('briefings', () => {
  it('GIVEN /meeting THEN it tells where the leaders last met, the summit and what comes next, each with a paragraph', async () => {
    const text = everything(embed(await send(slash('meeting'))));
    expect(text).toContain('Abu Dhabi');
    expect(text).toContain('White House');
    expect(text).toMatch(/Friday/);
    expect(text).toContain('General Assembly');
    expect(text).toMatch(/¶4/);
  });

  it('GIVEN /refugees THEN it gives the figure with its context', async () => {
    const text = everything(embed(await send(slash('refugees'))));
    expect(text).toContain('100,000');
    expect(text).toMatch(/September 2023/);
    expect(text).toMatch(/criticism|criticised/i);
  });

  it('GIVEN /mediators THEN it names who mediates now and who did before', async () => {
    const text = everything(embed(await send(slash('mediators'))));
    for (const name of ['Trump', 'Russia', 'European Union', 'Moscow', '2020']) expect(text).toContain(name);
  });

  it('GIVEN /timeline THEN dated events come in order, and a topic narrows them', async () => {
    const all = embed(await send(slash('timeline'))).description!;
    expect(all.indexOf('1990')).toBeGreaterThanOrEqual(0);
    expect(all.indexOf('1990')).toBeLessThan(all.indexOf('September 2023'));
    const nobel = embed(await send(slash('timeline', { topic: 'nobel' }))).description!;
    expect(nobel).toContain('December');
    expect(nobel).not.toContain('1990');
  });

  it('GIVEN a timeline longer than a page WHEN its opener clicks Later THEN the message turns to the next page', async () => {
    const opener: InteractionContext = { userId: '1300000000000000401', username: 'opener' };
    const first = await sendAs(slash('timeline', {}, opener));
    expect(embed(first).footer!.text).toMatch(/^Page 1 of \d+/);
    const later = first.data!.components![0]!.components![1]!;
    expect(later.custom_id).toBe(`tl:all:1:${opener.userId}`);
    const turned = await sendAs(button(later.custom_id!, opener));
    expect(turned.type).toBe(UPDATE_MESSAGE); // the same message, now on page 2
    expect(embed(turned).footer!.text).toMatch(/^Page 2 of/);
    expect(embed(turned).description).not.toBe(embed(first).description);
  });

  it('GIVEN a timeline someone else opened WHEN another member clicks Later THEN they get their own private copy and the shared page stays put', async () => {
    const opener: InteractionContext = { userId: '1300000000000000402', username: 'opener' };
    const other: InteractionContext = { userId: '1300000000000000403', username: 'other' };
    const first = await sendAs(slash('timeline', {}, opener));
    const later = first.data!.components![0]!.components![1]!;
    const copy = await sendAs(button(later.custom_id!, other));
    expect(copy.type).toBe(CHANNEL_MESSAGE);
    expect(isEphemeral(copy)).toBe(true);
    expect(embed(copy).footer!.text).toMatch(/^Page 2 of/);
    // The copy's buttons are the other member's own to turn.
    const copyLater = copy.data!.components![0]!.components![1]!;
    expect(copyLater.custom_id).toBe(`tl:all:2:${other.userId}`);
    expect((await sendAs(button(copyLater.custom_id!, other))).type).toBe(UPDATE_MESSAGE);
  });

  it.each(['meeting', 'refugees', 'mediators', 'timeline'])('GIVEN /%s private:True THEN only the member who asked sees it', async (name) => {
    const r = await send(slash(name, { private: true }));
    expect(isEphemeral(r)).toBe(true);
    expect(embed(r).description!.length).toBeGreaterThan(0);
    expect(isEphemeral(await send(slash(name)))).toBe(false);
  });

  it.each(['meeting', 'refugees', 'mediators'])('GIVEN /%s THEN it reads on a phone: one short line per fact, no sentence opening with "According to the article"', async (name) => {
    const e = embed(await send(slash(name)));
    expect(everything(e).length).toBeLessThanOrEqual(1200);
    expect(e.fields ?? []).toEqual([]);
    expect(e.description).not.toMatch(/(^|\n)• (According to the article|The article says)/);
  });

  it('GIVEN /help THEN it explains how to ask and names the source', async () => {
    const r = await send(slash('help'));
    const text = everything(embed(r));
    expect(text).toContain('/ask');
    expect(text).toContain('Source');
  });
});

describe('sharing answers', () => {
  it('GIVEN share:@member THEN the answer is addressed to them and only they may be pinged', async () => {
    const member = '1300000000000000777';
    const r = await send(
      slash(
        'ask',
        [
          { name: 'question', type: 3, value: 'Who is hosting the Armenia-Azerbaijan summit, and where?' },
          { name: 'share', type: 6, value: member },
        ],
        { resolved: { users: { [member]: userObject(member, 'friend') } } },
      ),
    );
    expect(r.data!.content).toBe(`Answer for <@${member}>`);
    expect(r.data!.allowed_mentions).toEqual({ parse: [], users: [member] });
    expect(r.data!.flags ?? 0).toBe(0);
  });

  it('GIVEN share:@member and a question the bot is not sure of THEN only the asker sees a "did you mean" and nobody is pinged', async () => {
    const member = '1300000000000000778';
    const r = await send(
      slash(
        'ask',
        [
          { name: 'question', type: 3, value: UNSURE },
          { name: 'share', type: 6, value: member },
        ],
        { resolved: { users: { [member]: userObject(member, 'friend') } } },
      ),
    );
    expect(embed(r).title).toMatch(/^Did you mean: /);
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(r.data!.allowed_mentions).toEqual({ parse: [] });
    expect(r.data!.content).toContain('not shared anything yet');
  });

  it('GIVEN "Answer with facts" on a member message THEN a public answer quotes it', async () => {
    const r = await send(
      messageContextMenu('Answer with facts', { id: '1300000000000000888', content: 'wait how many ppl fled karabakh?? @everyone', author: { id: '1300000000000000999', username: 'curious' } }),
    );
    expect(r.data!.flags ?? 0).toBe(0);
    expect(r.data!.content).toContain('> wait how many ppl fled karabakh');
    expect(r.data!.content).not.toContain('@everyone');
    expect(embed(r).description).toContain('100,000');
    expect(r.data!.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN "Answer with facts" on a message the article cannot answer THEN only the helper sees that it does not say', async () => {
    const r = await send(
      messageContextMenu('Answer with facts', { id: '1300000000000000889', content: 'what is the best pizza in yerevan', author: { id: '1300000000000000999', username: 'curious' } }),
    );
    expect(embed(r).title).toBe('The article doesn’t say');
    expect(isEphemeral(r)).toBe(true);
  });

  it('GIVEN "Answer with facts" on a message that asks nothing THEN the answer goes to the helper alone', async () => {
    const r = await send(
      messageContextMenu('Answer with facts', { id: '1300000000000000892', content: 'so 100,000 people fled karabakh in 2023', author: { id: '1300000000000000999', username: 'curious' } }),
    );
    expect(isEphemeral(r)).toBe(true);
    expect(embed(r).description).toContain('100,000');
    expect(r.data!.content).toContain('doesn’t ask anything');
  });

  it('GIVEN "Answer with facts" on a greeting THEN the helper gets a short private hint, never a public post', async () => {
    const r = await send(messageContextMenu('Answer with facts', { id: '1300000000000000893', content: 'lol', author: { id: '1300000000000000999', username: 'curious' } }));
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.embeds ?? []).toEqual([]);
  });

  it('GIVEN "Answer with facts" on a message the bot is not sure of THEN only the helper sees the "did you mean", quoting the message', async () => {
    const r = await send(
      messageContextMenu('Answer with facts', { id: '1300000000000000891', content: `${UNSURE}?`, author: { id: '1300000000000000999', username: 'curious' } }),
    );
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(embed(r).title).toMatch(/^Did you mean: /);
    expect(r.data!.content).toContain(`> ${UNSURE}?`);
  });

  it('GIVEN "Answer with facts" on a message without text THEN a short ephemeral explanation', async () => {
    const r = await send(messageContextMenu('Answer with facts', { id: '1300000000000000890', content: '', author: { id: '1300000000000000999', username: 'curious' } }));
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
  });
});

describe('/fact', () => {
  it('GIVEN a fact id THEN it shows the fact with its source', async () => {
    const r = await send(slash('fact', { id: 'ceasefire-2020' }));
    expect(embed(r).description).toContain('2020');
    expect(embed(r).fields![0]!.value).toMatch(/^¶12 — /);
  });

  it('GIVEN an unknown id THEN an ephemeral message suggests close ids', async () => {
    const r = await send(slash('fact', { id: 'ceasefire-2021' }));
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(r.data!.content).toContain('`ceasefire-2020`');
  });

  it('GIVEN typing in the id box THEN autocomplete offers matching facts by id and meaning', async () => {
    const r = await send(autocomplete('fact', { name: 'id', value: 'nobel' }));
    const values = r.data!.choices!.map((c) => c.value);
    expect(values).toContain('nobel-nominations');
    for (const c of r.data!.choices!) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});

describe('robustness', () => {
  it('GIVEN a button from an unknown family THEN the member gets an ephemeral note, not silence', async () => {
    const r = await send(button('mystery:123'));
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('GIVEN all of the above THEN the fake Discord refused nothing the bot sent', () => {
    expect(t.fake.failedRequests).toEqual([]);
  });
});
