import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord-api-types/v10';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { answerQuestion } from '../../src/core/answers/answerQuestion.ts';
import { buildKnowledge, loadCuratedData } from '../../src/core/knowledge.ts';
import { EPHEMERAL } from '../support/discordConstants.ts';
import { autocomplete, DEFAULT_MEMBER_PERMISSIONS, slash, type FakeCallback, type InteractionInit } from '../support/fakeDiscord.ts';
import { newMembers, startBotUnderTest, type BotUnderTest } from './botHarness.ts';

const MODERATOR_ROLE = '1300000000000000555';
let t: BotUnderTest;
const member = newMembers('13000000000031');

beforeAll(async () => {
  t = await startBotUnderTest({ env: { MODERATOR_ROLE_IDS: MODERATOR_ROLE } });
});

afterAll(async () => {
  await t?.stop();
});

const send = (payload: InteractionInit): Promise<FakeCallback> => t.fake.interact(payload).response();
const embed = (r: FakeCallback): APIEmbed => r.data!.embeds![0]!;
const everything = (e: APIEmbed) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].join('\n');
const guild = () => t.fake.guildIds[0]!;
const curated = buildKnowledge(loadCuratedData('data').facts);

describe('/help', () => {
  it('GIVEN a member runs /help THEN it names every command they can use, the message menu and share, privately', async () => {
    const r = await send(slash('help', undefined, member(guild())));
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    const text = everything(embed(r));
    for (const command of t.fake.commands(guild())) {
      if (command.name === 'factadmin') continue;
      expect(text, `help mentions ${command.name}`).toContain(command.type === 1 ? `/${command.name}` : command.name);
    }
    expect(text).toContain('share:');
    expect(text).toContain('private:True');
    for (const sub of ['start', 'stop', 'leaderboard']) expect(text).toContain(`/quiz ${sub}`);
    expect(text).not.toContain('/factadmin');
  });

  it.each([
    ['a moderator role', { roles: [MODERATOR_ROLE] }],
    ['Manage Server', { permissions: (BigInt(DEFAULT_MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageGuild).toString() }],
  ])('GIVEN a member with %s runs /help THEN it also explains every /factadmin subcommand', async (_, extra) => {
    const r = await send(slash('help', undefined, member(guild(), extra)));
    const text = everything(embed(r));
    expect(text).toContain('/factadmin');
    const factadmin = t.fake.commands(guild()).find((c) => c.name === 'factadmin')!;
    for (const sub of factadmin.options ?? []) expect(text).toContain(`\`${sub.name}\``);
  });
});

describe('autocomplete a member can read', () => {
  it.each(['', 'nobel', 'who hosts', 'ceasefire'])('GIVEN %j typed in /fact THEN the choices are questions, never ids', async (typed) => {
    const r = await send(autocomplete('fact', { name: 'id', value: typed }, undefined, member(guild())));
    const choices = r.data!.choices!;
    expect(choices.length).toBeGreaterThan(0);
    for (const choice of choices) {
      expect(choice.name).not.toContain(String(choice.value));
      expect(curated.facts.get(String(choice.value))!.question).toContain(choice.name.replace(/…$/, ''));
    }
  });

  it('GIVEN typing in /ask THEN the choices are readable questions, never ids', async () => {
    const r = await send(autocomplete('ask', { name: 'question', value: 'nobel' }, undefined, member(guild())));
    for (const choice of r.data!.choices!) {
      expect(choice.name).toMatch(/\s/);
      expect(curated.facts.get(choice.name)).toBeUndefined();
    }
  });
});

describe('/fact', () => {
  const answered = curated.facts.facts.find((f) => answerQuestion(curated, f.question.toLowerCase()).fact?.id === f.id)!;

  it('GIVEN a question typed into /fact instead of picked THEN it shows the fact that answers it', async () => {
    const r = await send(slash('fact', { id: answered.question.toLowerCase() }, member(guild())));
    expect(embed(r).title).toBe(answered.question);
  });

  it('GIVEN a typed question no fact answers THEN only the member is told to pick from the list or use /ask', async () => {
    const r = await send(slash('fact', { id: 'what is the recipe for baklava?' }, member(guild())));
    expect(r.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(r.data!.content).toMatch(/pick a question from the list, or ask in your own words with \/ask/);
  });

  it('GIVEN private:True THEN only the member sees the fact; without it the channel does', async () => {
    const alone = await send(slash('fact', { id: answered.id, private: true }, member(guild())));
    expect(alone.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    const shown = await send(slash('fact', { id: answered.id }, member(guild())));
    expect((shown.data!.flags ?? 0) & EPHEMERAL).toBe(0);
  });

  it('GIVEN a fact card THEN it fits a phone: one embed, at most one row of at most three related facts', async () => {
    const r = await send(slash('fact', { id: answered.id }, member(guild())));
    expect(r.data!.embeds).toHaveLength(1);
    const rows = r.data!.components ?? [];
    expect(rows.length).toBeLessThanOrEqual(1);
    expect(rows[0]?.components?.length ?? 0).toBeLessThanOrEqual(3);
  });
});
