import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentType, type APIEmbed } from 'discord-api-types/v10';
import { factFileSchema, TOPIC_IDS, type Fact, type FactFile } from '../../src/core/facts/schema.ts';
import {
  modalFields,
  autocomplete,
  button,
  modalSubmit,
  slash,
  subcommand,
  type FakeCallback,
  type FakeComponent,
  type InteractionContext,
  type InteractionInit,
  type OptionRecord,
} from '../support/fakeDiscord.ts';
import { startBotUnderTest, type BotUnderTest } from './botHarness.ts';
import { CHANNEL_MESSAGE, DEFERRED, EPHEMERAL, MODAL, MOD_PERMISSIONS, UPDATE_MESSAGE } from '../support/discordConstants.ts';


const A = '1300000000000000100';
const B = '1300000000000000500';
const MOD_ROLE = '1300000000000000900';

const anna: InteractionContext = { guildId: A, userId: '1300000000000000201', username: 'anna', permissions: MOD_PERMISSIONS };
const ben: InteractionContext = { guildId: A, userId: '1300000000000000202', username: 'ben', permissions: MOD_PERMISSIONS };
const carl: InteractionContext = { guildId: A, userId: '1300000000000000203', username: 'carl' };
const dora: InteractionContext = { guildId: A, userId: '1300000000000000204', username: 'dora', roles: [MOD_ROLE] };
const erin: InteractionContext = { guildId: A, userId: '1300000000000000205', username: 'erin' };
const annaInB: InteractionContext = { ...anna, guildId: B };
const carlInB: InteractionContext = { ...carl, guildId: B };

type FormFields = Record<'question' | 'answer' | 'terms' | 'topic' | 'source', string>;

/** A fact the curated base does not have as such: which agency the article says reported the draft. */
const REUTERS: FormFields = {
  question: 'Which news agency reported the peace draft?',
  answer: 'Reuters: a senior U.S. official told the agency the meeting may unveil a peace agreement draft.',
  terms: 'keywords: news agency, reuters, reported\naliases: Reuters news agency',
  topic: 'summit',
  source: '3: A senior U.S. official told Reuters',
};
const REUTERS_ID = 'which-news-agency-reported-the-peace-draft';

let t: BotUnderTest;
/** Server A's export, reused to build import files. */
let exported: FactFile;

beforeAll(async () => {
  t = await startBotUnderTest({ fake: { guildIds: [A, B] }, env: { MODERATOR_ROLE_IDS: MOD_ROLE } });
});

afterAll(async () => {
  await t?.stop();
});

/** Send an interaction and return the bot's callback; nothing the bot sends may ping anyone. */
async function send(payload: InteractionInit): Promise<FakeCallback> {
  const response = await t.fake.interact(payload).response();
  if (response.type === CHANNEL_MESSAGE || response.type === UPDATE_MESSAGE) expect(response.data!.allowed_mentions).toEqual({ parse: [] });
  return response;
}

const fa = (sub: string, ctx: InteractionContext, options?: OptionRecord) => send(subcommand('factadmin', sub, options, ctx));
const embed = (r: FakeCallback): APIEmbed => r.data!.embeds![0]!;
const isEphemeral = (r: FakeCallback) => ((r.data?.flags ?? 0) & EPHEMERAL) === EPHEMERAL;

/** Every component with a custom id, flattened out of rows. */
function components(r: FakeCallback): FakeComponent[] {
  const out: FakeComponent[] = [];
  const walk = (list: FakeComponent[] | undefined) => {
    for (const c of list ?? []) {
      if (c.custom_id !== undefined) out.push(c);
      walk(c.components);
      if (c.component) walk([c.component]);
    }
  };
  walk(r.data?.components);
  return out;
}

/** The values a modal was opened with, by field (a select's value is its default option). */
const modalValues = (r: FakeCallback) => modalFields(r.data?.components);

/** The form as Discord submits it: each field in its Label, the topic as the option picked from the list. */
function formSubmit(customId: string, fields: FormFields, ctx: InteractionContext): InteractionInit {
  const payload = modalSubmit(customId, fields, { ...ctx, layout: 'label' });
  const components = payload.data.components.map((row) => {
    if (row.type !== ComponentType.Label || row.component.custom_id !== 'topic') return row;
    return { ...row, component: { type: ComponentType.StringSelect as const, id: row.component.id, custom_id: 'topic', values: [fields.topic] } };
  });
  return { ...payload, data: { ...payload.data, components } };
}

function submit(customId: string, fields: FormFields, ctx: InteractionContext) {
  return send(formSubmit(customId, fields, ctx));
}

/** The fact as /fact shows it in that server, or undefined when /fact says there is no such fact. */
async function shownFact(id: string, ctx: InteractionContext = carl): Promise<APIEmbed | undefined> {
  const r = await send(slash('fact', { id }, ctx));
  if (r.data?.embeds?.length) return embed(r);
  expect(isEphemeral(r)).toBe(true);
  expect(r.data!.content).toContain('There is no fact');
  return undefined;
}

/** What /ask answers in that server: the fact's question (title) and answer, or undefined when it says the article doesn't. */
async function asked(question: string, ctx: InteractionContext = carl): Promise<{ title?: string; answer?: string; r: FakeCallback } | undefined> {
  const r = await send(slash('ask', { question }, ctx));
  const e = embed(r);
  if (e.title === 'The article doesn’t say') return undefined;
  return { ...(e.title ? { title: e.title } : {}), ...(e.description ? { answer: e.description } : {}), r };
}

async function historyLines(id: string, ctx: InteractionContext = anna): Promise<string[]> {
  const r = await fa('history', ctx, { id });
  expect(r.data!.content).toBeUndefined();
  expect(isEphemeral(r)).toBe(true);
  return embed(r).description!.split('\n');
}

function expectRefusedAsNonModerator(r: FakeCallback): void {
  expect(r.type).toBe(CHANNEL_MESSAGE);
  expect(isEphemeral(r)).toBe(true);
  expect(r.data!.content).toBe('Only moderators can manage facts: you need the Manage Server permission or a moderator role.');
}

describe('registration', () => {
  it('GIVEN the bot started THEN /factadmin is registered for Manage Server members, in servers only, with every subcommand', () => {
    const command = t.fake.commands(A).find((c) => c.name === 'factadmin')!;
    expect(command.default_member_permissions).toBe('32');
    expect(command.contexts).toEqual([0]);
    expect(command.options!.map((o) => o.name).sort()).toEqual(['add', 'edit', 'export', 'gaps', 'history', 'import', 'remove', 'restore']);
  });
});

describe('/factadmin add', () => {
  it('GIVEN a moderator WHEN they run add THEN a five-field form opens', async () => {
    const r = await fa('add', anna);
    expect(r.type).toBe(MODAL);
    expect(r.data!.custom_id).toBe('fa-add');
    const fields = components(r);
    expect(fields.map((f) => f.custom_id)).toEqual(['question', 'answer', 'terms', 'topic', 'source']);
    expect(fields.map((f) => f.required)).toEqual([true, true, false, true, true]);
    expect(fields.every((f) => f.value === undefined)).toBe(true);
  });

  it('GIVEN the add form THEN each field’s format is in its label or in a help line under it, not only in a placeholder', async () => {
    const labels = (await fa('add', anna)).data!.components!;
    const help = Object.fromEntries(labels.map((l) => [l.component!.custom_id!, `${String(l.label)} | ${String(l.description)}`]));
    expect(labels.every((l) => l.type === ComponentType.Label && String(l.label).length <= 45)).toBe(true);
    expect(help.terms).toMatch(/^Keywords, aliases, phrasings, date \| .*keywords: a, b.*aliases: c, d.*asked: .*date: 2025-08-08/);
    expect(help.source).toMatch(/^Source \(paragraph: quote\) \| Paragraph number, a colon, then words copied from the article/);
  });

  it('GIVEN the add form THEN the topic is picked from the list of topics, not typed', async () => {
    const topic = components(await fa('add', anna)).find((c) => c.custom_id === 'topic')!;
    expect(topic.type).toBe(ComponentType.StringSelect);
    expect(topic.options!.map((o) => o.value)).toEqual(TOPIC_IDS);
    expect(topic.options!.map((o) => o.label)).toContain('Outlook and open issues');
  });

  it('GIVEN a form opened before the topic became a list (the topic typed) WHEN submitted THEN it still saves', async () => {
    const r = await send(modalSubmit('fa-add', { ...REUTERS, question: 'Who told Reuters about the draft?' }, annaInB));
    expect(r.data!.content).toContain('Added `who-told-reuters-about-the-draft`');
  });

  it('GIVEN a form with a problem in several fields WHEN submitted THEN each field’s problem is listed and nothing is saved', async () => {
    const r = await submit(
      'fa-add',
      {
        question: REUTERS.question,
        answer: '   ',
        terms: `keywords: ${'x'.repeat(61)}, fine`,
        topic: 'weather',
        source: '3: a quote the article never had',
      },
      anna,
    );
    expect(isEphemeral(r)).toBe(true);
    const text = r.data!.content!;
    expect(text).toMatch(/^Nothing was saved\. Please fix:/);
    expect(text).toContain('• Topic: must be one of summit, previous-talks');
    expect(text).toContain('• Answer: must not be empty');
    expect(text).toContain('• Keywords, aliases, phrasings, date (item 1): must be at most 60 characters');
    expect(await shownFact(REUTERS_ID)).toBeUndefined();
    expect((await asked(REUTERS.question))?.title).not.toBe(REUTERS.question);
  });

  it('GIVEN a quote that is not verbatim in the paragraph it cites WHEN submitted THEN the source field is named and nothing is saved', async () => {
    const r = await submit('fa-add', { ...REUTERS, source: '4: A senior U.S. official told Reuters' }, anna);
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.content).toMatch(/Source \(paragraph: quote\): .*not verbatim in paragraph 4; it is in paragraph 3/);
    const misremembered = await submit('fa-add', { ...REUTERS, source: '3: A senior official told the Reuters agency' }, anna);
    expect(misremembered.data!.content).toContain('the closest passage there is "A senior U.S. official told Reuters');
    const badFormat = await submit('fa-add', { ...REUTERS, source: 'A senior U.S. official told Reuters' }, anna);
    expect(badFormat.data!.content).toContain('Source (paragraph: quote): write the paragraph number, a colon, then the quote');
    expect(await shownFact(REUTERS_ID)).toBeUndefined();
  });

  it('GIVEN a valid form WHEN submitted THEN the fact is saved and /ask finds it at once in that server only', async () => {
    const curatedAnswer = 'Could a peace agreement draft be unveiled at the meeting?';
    expect((await asked(REUTERS.question))?.title).toBe(curatedAnswer);
    const r = await submit('fa-add', REUTERS, anna);
    expect(r.type).toBe(CHANNEL_MESSAGE);
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.content).toBe(`Added \`${REUTERS_ID}\`. It is searchable with /ask in this server now.`);
    expect(r.data!.allowed_mentions).toEqual({ parse: [] });
    expect(embed(r).fields![0]!.value).toBe('¶3 — “A senior U.S. official told Reuters”');

    const answer = await asked(REUTERS.question);
    expect(answer?.title).toBe(REUTERS.question);
    expect(answer?.answer).toBe(REUTERS.answer);
    expect((await shownFact(REUTERS_ID))?.description).toBe(REUTERS.answer);

    expect((await asked(REUTERS.question, carlInB))?.title).toBe(curatedAnswer);
    expect(await shownFact(REUTERS_ID, carlInB)).toBeUndefined();
  });

  it('GIVEN the same question again WHEN added THEN it gets its own id and does not replace the first', async () => {
    const r = await submit('fa-add', { ...REUTERS, answer: 'Reuters reported it.' }, ben);
    expect(r.data!.content).toContain(`Added \`${REUTERS_ID}-2\``);
    expect((await shownFact(REUTERS_ID))?.description).toBe(REUTERS.answer);
  });
});

describe('a form people get right the first time', () => {
  /** What remains open, typed the way a phone types it: dashes as hyphens; with other phrasings and a date. */
  const OPEN_ISSUES: FormFields = {
    question: 'Which core issues remain unresolved?',
    answer: 'Security guarantees, border demarcation and the future of displaced populations.',
    terms: 'keywords: core issues, unresolved\nasked: What are the sticking points nobody has solved?\ndate: 2025-08 At the time of the summit',
    topic: 'outlook',
    source: '9: Core issues - including security guarantees,  border demarcation, and the future of displaced populations - remain unresolved.',
  };
  const OPEN_ISSUES_ID = 'which-core-issues-remain-unresolved';
  const ARTICLE_QUOTE = 'Core issues – including security guarantees, border demarcation, and the future of displaced populations – remain unresolved.';

  it('GIVEN a quote typed with hyphens and double spaces where the article has dashes THEN it is saved and the card quotes the article verbatim', async () => {
    const r = await submit('fa-add', OPEN_ISSUES, annaInB);
    expect(r.data!.content).toContain(`Added \`${OPEN_ISSUES_ID}\``);
    expect(embed(r).fields![0]!.value).toContain(ARTICLE_QUOTE);
    expect((await shownFact(OPEN_ISSUES_ID, carlInB))!.fields![0]!.value).toContain(ARTICLE_QUOTE);
  });

  it('GIVEN other phrasings in the form THEN /ask finds the new fact by one of them', async () => {
    expect((await asked('What are the sticking points nobody has solved?', carlInB))?.title).toBe(OPEN_ISSUES.question);
  });

  it('GIVEN a date in the form THEN /timeline lists the new fact on that date', async () => {
    const r = await send(slash('timeline', { topic: 'outlook' }, carlInB));
    expect(embed(r).description).toContain('**At the time of the summit**');
  });

  it('GIVEN a fact with phrasings and a date WHEN opened for editing THEN they are in the form, the topic is picked, and saving keeps them', async () => {
    const open = await fa('edit', annaInB, { id: OPEN_ISSUES_ID });
    const values = modalValues(open) as FormFields;
    expect(values.topic).toBe('outlook');
    expect(values.terms).toContain('asked: What are the sticking points nobody has solved?');
    expect(values.terms).toContain('date: 2025-08 At the time of the summit');
    expect(values.source).toBe(`9: ${ARTICLE_QUOTE}`);
    const saved = await submit(open.data!.custom_id!, { ...values, answer: 'Security guarantees, borders and the displaced.' }, annaInB);
    expect(saved.data!.content).toContain(`Saved \`${OPEN_ISSUES_ID}\` as version 2`);
    expect((await asked('What are the sticking points nobody has solved?', carlInB))?.answer).toBe('Security guarantees, borders and the displaced.');
  });

  it('GIVEN a fact added, edited, removed and brought back THEN its history shows each time as a Discord timestamp, never an ISO string', async () => {
    const ask = await fa('remove', annaInB, { id: OPEN_ISSUES_ID });
    await send(button(components(ask)[0]!.custom_id!, annaInB));
    await send(button(`fa-undo:${OPEN_ISSUES_ID}`, annaInB));
    const lines = await historyLines(OPEN_ISSUES_ID, annaInB);
    expect(lines.map((l) => /· (\w[\w-]*) · by anna · <t:\d+:R>/.exec(l)?.[1])).toEqual(['add', 'edit', 'remove', 'undo-remove']);
    expect(lines.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
  });
});

describe('/factadmin edit', () => {
  it('GIVEN a curated fact WHEN a moderator edits it THEN the form opens filled in, and saving changes what /fact and /ask show in that server only', async () => {
    const open = await fa('edit', anna, { id: 'last-meeting' });
    expect(open.type).toBe(MODAL);
    expect(open.data!.custom_id).toBe('fa-edit:last-meeting:0');
    const values = modalValues(open);
    expect(values.question).toBe('Where and when did the leaders last meet?');
    expect(values.topic).toBe('previous-talks');
    expect(values.source).toBe('4: The leaders of the two former Soviet republics last met in July in Abu Dhabi');
    expect(values.terms).toMatch(/^keywords: .+\naliases: .+/);

    const answer = 'They last met in July in Abu Dhabi (edited by the moderators).';
    const saved = await submit(open.data!.custom_id!, { ...(values as FormFields), answer }, anna);
    expect(isEphemeral(saved)).toBe(true);
    expect(saved.data!.content).toBe('Saved `last-meeting` as version 1.');

    expect((await shownFact('last-meeting'))?.description).toBe(answer);
    expect((await asked('where did the leaders last meet'))?.answer).toBe(answer);
    expect((await shownFact('last-meeting', carlInB))?.description).not.toBe(answer);
    expect((await asked('where did the leaders last meet', carlInB))?.answer).toContain('Abu Dhabi');
  });

  it('GIVEN two moderators editing the same fact WHEN the second saves the stale version THEN it is refused showing what changed, and nothing is overwritten', async () => {
    const annaForm = await fa('edit', anna, { id: 'summit-day' });
    const benForm = await fa('edit', ben, { id: 'summit-day' });
    expect(annaForm.data!.custom_id).toBe('fa-edit:summit-day:0');
    expect(benForm.data!.custom_id).toBe('fa-edit:summit-day:0');

    const annaAnswer = 'The talks are on Friday at the White House (Anna’s wording).';
    const first = await submit(annaForm.data!.custom_id!, { ...(modalValues(annaForm) as FormFields), answer: annaAnswer }, anna);
    expect(first.data!.content).toBe('Saved `summit-day` as version 1.');

    const benValues = modalValues(benForm) as FormFields;
    const second = await submit(benForm.data!.custom_id!, { ...benValues, answer: 'Friday (Ben’s wording).', topic: 'summit' }, ben);
    expect(isEphemeral(second)).toBe(true);
    const text = second.data!.content!;
    expect(text).toContain('was changed while you were editing it');
    expect(text).toContain('now version 1 (you started from version 0)');
    expect(text).toContain('last changed by anna');
    expect(text).toContain('Changed since your version: answer.');
    expect(text).toContain('Nothing was saved');
    const changes = second.data!.embeds![0]!.fields!;
    expect(changes.map((f) => f.name)).toEqual(['answer: now', 'answer: yours (not saved)']);
    expect(changes[0]!.value).toContain('Anna’s wording');
    expect(changes[1]!.value).toContain('Ben’s wording');

    expect((await shownFact('summit-day'))?.description).toBe(annaAnswer);
    const history = await historyLines('summit-day');
    expect(history).toHaveLength(2);
    expect(history.join('\n')).not.toContain('ben');
  });

  it('GIVEN the latest version WHEN the second moderator reopens and saves THEN it is saved on top', async () => {
    const reopened = await fa('edit', ben, { id: 'summit-day' });
    expect(reopened.data!.custom_id).toBe('fa-edit:summit-day:1');
    const saved = await submit(reopened.data!.custom_id!, { ...(modalValues(reopened) as FormFields), answer: 'Friday, at the White House.' }, ben);
    expect(saved.data!.content).toBe('Saved `summit-day` as version 2.');
    expect((await shownFact('summit-day'))?.description).toBe('Friday, at the White House.');
  });

  it('GIVEN an edit form with a problem WHEN saved THEN the problem is reported and the fact is unchanged', async () => {
    const open = await fa('edit', anna, { id: 'summit-day' });
    const r = await submit(open.data!.custom_id!, { ...(modalValues(open) as FormFields), source: '99: Friday' }, anna);
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.content).toMatch(/Nothing was saved[\s\S]*Source \(paragraph: quote\): .*paragraph 99 does not exist/);
    expect((await shownFact('summit-day'))?.description).toBe('Friday, at the White House.');
  });

  it('GIVEN a keyword with a comma in it (“100,000”) WHEN only the answer is edited THEN the keywords come back unchanged', async () => {
    const open = await fa('edit', anna, { id: 'displaced-armenians' });
    const values = modalValues(open) as FormFields;
    expect(values.terms).toContain('100,000');
    const saved = await submit(open.data!.custom_id!, { ...values, answer: 'An estimated 100,000 ethnic Armenians fled to Armenia.' }, anna);
    expect(saved.data!.content).toBe('Saved `displaced-armenians` as version 1.');
    const lines = await historyLines('displaced-armenians');
    expect(lines[1]).toMatch(/ · changed: answer$/);
    const reopened = modalValues(await fa('edit', anna, { id: 'displaced-armenians' }));
    expect(reopened.terms).toBe(values.terms);
  });

  it('GIVEN a fact with many keywords WHEN opened for editing THEN every keyword is in the form, so saving loses none', async () => {
    const keywords = Array.from({ length: 40 }, (_, i) => `keyword number ${i + 1} about the white house summit`);
    const fact: Fact = {
      id: 'many-keywords', topic: 'summit', question: 'A fact with many keywords?', questions: [], answer: 'Friday.',
      keywords, aliases: [], source: { paragraph: 1, quote: 'at the White House on Friday' }, related: [],
    };
    const file = t.fake.hostFile('facts.json', JSON.stringify({ schemaVersion: 1, facts: [fact] }));
    const handle = t.fake.interact(subcommand('factadmin', 'import', { file }, anna));
    expect((await handle.edit()).content).toContain('1 added');
    const open = await fa('edit', anna, { id: 'many-keywords' });
    const values = modalValues(open) as FormFields;
    for (const k of keywords) expect(values.terms).toContain(k);
    const saved = await submit(open.data!.custom_id!, { ...values, answer: 'On Friday.' }, anna);
    expect(saved.data!.content).toBe('Saved `many-keywords` as version 2.');
    expect((await historyLines('many-keywords')).at(-1)).toMatch(/ · changed: answer$/);
  });

  it('GIVEN an unknown id WHEN edit is run THEN an ephemeral message says so', async () => {
    const r = await fa('edit', anna, { id: 'no-such-fact' });
    expect(r.type).toBe(CHANNEL_MESSAGE);
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.content).toContain('There is no fact `no-such-fact` in this server');
  });
});

describe('/factadmin remove', () => {
  it('GIVEN remove WHEN cancelled THEN nothing changes', async () => {
    const ask = await fa('remove', anna, { id: 'nobel-award-date' });
    expect(isEphemeral(ask)).toBe(true);
    expect(components(ask).map((c) => c.custom_id)).toEqual(['fa-rm:nobel-award-date:0', 'fa-cancel']);
    const cancelled = await send(button('fa-cancel', anna));
    expect(cancelled.type).toBe(UPDATE_MESSAGE);
    expect(cancelled.data!.content).toBe('Cancelled; nothing was changed.');
    expect(cancelled.data!.components).toEqual([]);
    expect(await shownFact('nobel-award-date')).toBeDefined();
  });

  it('GIVEN remove WHEN confirmed THEN /ask and /fact no longer use the fact in that server, and Undo brings it back', async () => {
    expect((await asked('when will the nobel peace prize be awarded'))?.title).toBe('When will the Nobel Peace Prize be awarded?');
    const ask = await fa('remove', anna, { id: 'nobel-award-date' });
    expect(ask.data!.content).toContain('Remove `nobel-award-date`');
    const removed = await send(button(components(ask)[0]!.custom_id!, anna));
    expect(removed.type).toBe(UPDATE_MESSAGE);
    expect(removed.data!.content).toBe('Removed `nobel-award-date`. /ask no longer uses it in this server.');
    expect(components(removed).map((c) => c.custom_id)).toEqual(['fa-undo:nobel-award-date']);

    expect(await shownFact('nobel-award-date')).toBeUndefined();
    expect((await asked('when will the nobel peace prize be awarded'))?.title).not.toBe('When will the Nobel Peace Prize be awarded?');
    expect(await shownFact('nobel-award-date', carlInB)).toBeDefined();

    const edit = await fa('edit', anna, { id: 'nobel-award-date' });
    expect(edit.data!.content).toContain('is removed');
    const again = await fa('remove', anna, { id: 'nobel-award-date' });
    expect(again.data!.content).toContain('already removed');

    const choices = await send(autocomplete('factadmin', { name: 'id', value: 'nobel-award-date' }, undefined, anna, 'restore'));
    expect(choices.data!.choices![0]).toEqual({ name: '[removed] When will the Nobel Peace Prize be awarded? (nobel-award-date)', value: 'nobel-award-date' });

    const undone = await send(button('fa-undo:nobel-award-date', anna));
    expect(undone.type).toBe(UPDATE_MESSAGE);
    expect(undone.data!.content).toBe('Brought `nobel-award-date` back (version 2).');
    expect((await shownFact('nobel-award-date'))?.description).toContain('December');
    expect((await asked('when will the nobel peace prize be awarded'))?.title).toBe('When will the Nobel Peace Prize be awarded?');

    const twice = await send(button('fa-undo:nobel-award-date', anna));
    expect(isEphemeral(twice)).toBe(true);
    expect(twice.data!.content).toContain('is not removed');
  });

  it('GIVEN an open edit form WHEN another moderator removes the fact and the form is then saved THEN nothing is saved and the fact stays removed', async () => {
    const open = await fa('edit', ben, { id: 'offensive-criticism' });
    const ask = await fa('remove', anna, { id: 'offensive-criticism' });
    await send(button(components(ask)[0]!.custom_id!, anna));
    const r = await submit(open.data!.custom_id!, { ...(modalValues(open) as FormFields), answer: 'Edited after removal.' }, ben);
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.content).toContain('nothing was saved');
    expect(await shownFact('offensive-criticism')).toBeUndefined();
    await send(button('fa-undo:offensive-criticism', anna));
    expect((await shownFact('offensive-criticism'))?.description).not.toBe('Edited after removal.');
  });

  it('GIVEN a removal confirmation for a version someone has since edited WHEN confirmed THEN it is refused and the fact stays', async () => {
    const ask = await fa('remove', anna, { id: 'summit-goal' });
    const open = await fa('edit', ben, { id: 'summit-goal' });
    await submit(open.data!.custom_id!, { ...(modalValues(open) as FormFields), answer: 'To resolve an entrenched conflict.' }, ben);
    const r = await send(button(components(ask)[0]!.custom_id!, anna));
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.content).toContain('was changed while you were editing it');
    expect(r.data!.content).toContain('last changed by ben');
    expect((await shownFact('summit-goal'))?.description).toBe('To resolve an entrenched conflict.');
  });
});

describe('/factadmin history and restore', () => {
  it('GIVEN a fact changed several times THEN history lists every version with who, when and what changed', async () => {
    const lines = await historyLines('nobel-award-date');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('**v0** · the curated text every server starts from');
    expect(lines[1]).toMatch(/^\*\*v1\*\* · remove · by anna · <t:\d+:R>$/);
    expect(lines[2]).toMatch(/^\*\*v2\*\* · undo-remove · by anna · <t:\d+:R>$/);

    const added = await historyLines(REUTERS_ID);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^\*\*v1\*\* · add · by anna · <t:\d+:R>$/);

    const summitDay = await historyLines('summit-day', ben);
    expect(summitDay[1]).toMatch(/^\*\*v1\*\* · edit · by anna · <t:\d+:R> · changed: answer$/);
    expect(summitDay[2]).toMatch(/^\*\*v2\*\* · edit · by ben · <t:\d+:R> · changed: answer$/);
  });

  it('GIVEN edits in server A THEN server B’s history of the same fact has only the curated text', async () => {
    expect(await historyLines('summit-day', annaInB)).toEqual(['**v0** · the curated text every server starts from']);
  });

  it('GIVEN an earlier version WHEN restored THEN it is current again and the restore is itself in history', async () => {
    const r = await fa('restore', anna, { id: 'summit-day', version: 1 });
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.content).toBe('Restored version 1 of `summit-day`; it is now version 3.');
    expect((await shownFact('summit-day'))?.description).toBe('The talks are on Friday at the White House (Anna’s wording).');
    const lines = await historyLines('summit-day');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^\*\*v3\*\* · restore · by anna · <t:\d+:R> · changed: answer$/);

    const curated = await fa('restore', anna, { id: 'summit-day', version: 0 });
    expect(curated.data!.content).toBe('Restored version 0 of `summit-day`; it is now version 4.');
    expect((await shownFact('summit-day'))?.description).toBe((await shownFact('summit-day', carlInB))?.description);
  });

  it('GIVEN a version that does not exist WHEN restored THEN it says which versions exist and changes nothing', async () => {
    const r = await fa('restore', anna, { id: 'summit-day', version: 9 });
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.content).toContain('has no version 9: it has versions 0 to 4');
    expect(await historyLines('summit-day')).toHaveLength(5);
  });

  it('GIVEN a removed fact WHEN an earlier version is restored THEN it comes back', async () => {
    const ask = await fa('remove', anna, { id: 'former-soviet-republics' });
    await send(button(components(ask)[0]!.custom_id!, anna));
    expect(await shownFact('former-soviet-republics')).toBeUndefined();
    const r = await fa('restore', anna, { id: 'former-soviet-republics', version: 0 });
    expect(r.data!.content).toBe('Restored version 0 of `former-soviet-republics`; it is now version 2.');
    expect(await shownFact('former-soviet-republics')).toBeDefined();
  });
});

describe('votes on answers', () => {
  it('GIVEN an answer THEN it carries Helpful / Not helpful buttons for its fact, one vote per member per fact, changeable', async () => {
    const handle = t.fake.interact(slash('ask', { question: 'How many people were displaced by the 2023 offensive?' }, carl));
    const answer = await handle.response();
    const votes = components(answer).filter((c) => c.custom_id!.startsWith('vote:'));
    expect(votes.map((c) => [c.custom_id, (c.emoji as { name?: string } | undefined)?.name])).toEqual([
      ['vote:1:displaced-armenians', '👍'],
      ['vote:0:displaced-armenians', '👎'],
    ]);
    const message = { id: handle.original()!.id };

    const first = await send(button('vote:0:displaced-armenians', { ...carl, message }));
    expect(isEphemeral(first)).toBe(true);
    expect(first.data!.content).toBe('Thanks, your vote is recorded.');
    const same = await send(button('vote:0:displaced-armenians', { ...carl, message }));
    expect(same.data!.content).toBe('You already voted that way on this fact.');
    const changed = await send(button('vote:1:displaced-armenians', { ...carl, message }));
    expect(changed.data!.content).toBe('Thanks, your vote is changed.');
    const back = await send(button('vote:0:displaced-armenians', { ...carl, message }));
    expect(back.data!.content).toBe('Thanks, your vote is changed.');

    const other = await send(button('vote:0:displaced-armenians', { ...erin, message }));
    expect(other.data!.content).toBe('Thanks, your vote is recorded.');
    const helpful = await send(button('vote:1:displaced-armenians', { ...dora, message }));
    expect(helpful.data!.content).toBe('Thanks, your vote is recorded.');

    // Another answer of the same fact is the same vote.
    const later = await send(button('vote:0:displaced-armenians', { ...carl, message: { id: '1300000000000077777' } }));
    expect(later.data!.content).toBe('You already voted that way on this fact.');

    // Server B counts its own votes.
    const inB = await send(button('vote:0:displaced-armenians', { ...carlInB, message }));
    expect(inB.data!.content).toBe('Thanks, your vote is recorded.');
  });

  it('GIVEN a question the article does not cover THEN the reply has no vote buttons', async () => {
    const r = await send(slash('ask', { question: 'what is the capital of azerbaijan' }, carl));
    expect(components(r).some((c) => c.custom_id!.startsWith('vote:'))).toBe(false);
  });
});

describe('/factadmin gaps', () => {
  it('GIVEN unanswered questions THEN gaps lists them normalised, counted, most asked first, with when, plus the unhelpful facts', async () => {
    await send(slash('ask', { question: 'who won the world cup' }, carl));
    await send(slash('ask', { question: 'Who won the World Cup?!' }, erin));
    await send(slash('ask', { question: '  WHO   won the world-cup  ' }, carl));
    await send(slash('ask', { question: 'what is the population of armenia' }, carl));
    await send(slash('ask', { question: 'what is the capital of azerbaijan' }, carlInB));

    const r = await fa('gaps', anna);
    expect(isEphemeral(r)).toBe(true);
    const [unhelpful] = embed(r).fields!;
    const [heading, ...lines] = embed(r).description!.split('\n');
    expect(heading).toBe('**Unanswered questions (most asked first)**');
    // Asked three times by two members: two.
    expect(lines[0]).toMatch(/^\*\*2×\*\* “WHO won the world-cup” · last <t:\d+:R>$/);
    expect(lines.some((l) => l.startsWith('**1×** “what is the population of armenia”'))).toBe(true);
    expect(lines.some((l) => l.startsWith('**1×** “what is the capital of azerbaijan”'))).toBe(true);
    expect(lines.join('\n')).not.toContain('which news agency');
    expect(unhelpful!.value).toBe('`displaced-armenians` · 2 not helpful, 1 helpful');

    const inB = await fa('gaps', annaInB);
    const [bUnhelpful] = embed(inB).fields!;
    expect(embed(inB).description).toMatch(/^\*\*Unanswered questions \(most asked first\)\*\*\n\*\*1×\*\* “what is the capital of azerbaijan”/);
    expect(embed(inB).description).not.toContain('world');
    expect(bUnhelpful!.value).toBe('`displaced-armenians` · 1 not helpful, 0 helpful');
  });

  it('GIVEN a gap WHEN its button is clicked THEN the add form opens with the question filled in, and saving answers it', async () => {
    const r = await fa('gaps', anna);
    const gapButton = components(r).find((c) => c.custom_id === 'fa-gap:WHO won the world-cup')!;
    expect(gapButton).toBeDefined();
    const form = await send(button(gapButton.custom_id!, anna));
    expect(form.type).toBe(MODAL);
    expect(form.data!.custom_id).toBe('fa-add');
    expect(modalValues(form).question).toBe('WHO won the world-cup');

    // A moderator answers it from the article (it has nothing on football, so they point at what it does say).
    const saved = await submit(
      'fa-add',
      {
        question: 'Who won the world cup?',
        answer: 'The article is about the Armenia–Azerbaijan talks and says nothing about football.',
        terms: 'keywords: world cup, football, won',
        topic: 'outlook',
        source: '13: Both Armenia and Azerbaijan have expressed support for continued negotiations.',
      },
      anna,
    );
    expect(saved.data!.content).toContain('Added `who-won-the-world-cup`');
    expect((await asked('who won the world cup'))?.title).toBe('Who won the world cup?');
  });
});

describe('/factadmin gaps with many long questions', () => {
  it('GIVEN long questions that start alike THEN every gap gets its own button and every listed line is whole', async () => {
    const stem = 'Please tell me everything the article says about the purple zebra parade in the town square near';
    const questions = Array.from({ length: 10 }, (_, i) => `${stem} building number ${i + 1} and its zebras`);
    for (const question of questions) await send(slash('ask', { question }, carlInB));
    const r = await fa('gaps', annaInB);
    expect(r.type).toBe(CHANNEL_MESSAGE);
    expect(r.data!.content).toBeUndefined();
    const lines = embed(r).description!.split('\n').slice(1);
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(line).toMatch(/^\*\*\d+×\*\* “.+” · last <t:\d+:R>$/);
    const ids = components(r).map((c) => c.custom_id!);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    const prefilled: string[] = [];
    for (const id of ids) {
      const form = await send(button(id, annaInB));
      expect(form.type).toBe(MODAL);
      prefilled.push(modalValues(form).question!);
    }
    // Most recently asked first among equals: each button names its own question, start and distinguishing end.
    expect(prefilled.map((q) => /number (\d+) and its zebras$/.exec(q)?.[1])).toEqual(['10', '9', '8', '7', '6', '5', '4', '3', '2', '1']);
    for (const q of prefilled) expect(q.startsWith('Please tell me everything the article says')).toBe(true);
  });
});

describe('/factadmin export and import', () => {
  it('GIVEN a server with edits THEN export is the effective fact base as a JSON file in the data/facts.json format', async () => {
    const r = await fa('export', anna);
    expect(isEphemeral(r)).toBe(true);
    expect(r.files).toHaveLength(1);
    expect(r.files[0]!.name).toBe(`facts-${A}.json`);
    exported = factFileSchema.parse(JSON.parse(r.files[0]!.content));
    const byId = new Map(exported.facts.map((f) => [f.id, f]));
    expect(byId.get(REUTERS_ID)?.answer).toBe(REUTERS.answer);
    expect(byId.get('last-meeting')?.answer).toBe('They last met in July in Abu Dhabi (edited by the moderators).');
    expect(r.data!.content).toBe(`This server’s ${exported.facts.length} facts, in the data/facts.json format.`);

    const inB = await fa('export', annaInB);
    const bFile = factFileSchema.parse(JSON.parse(inB.files[0]!.content));
    expect(bFile.facts.map((f) => f.id)).not.toContain(REUTERS_ID);
    expect(bFile.facts.find((f) => f.id === 'last-meeting')?.answer).not.toContain('edited by the moderators');
  });

  it('GIVEN a removed fact THEN export leaves it out', async () => {
    const ask = await fa('remove', anna, { id: 'march-draft' });
    await send(button(components(ask)[0]!.custom_id!, anna));
    const file = factFileSchema.parse(JSON.parse((await fa('export', anna)).files[0]!.content));
    expect(file.facts.map((f) => f.id)).not.toContain('march-draft');
    await send(button('fa-undo:march-draft', anna));
  });

  async function importFile(content: string, ctx: InteractionContext = anna) {
    const file = t.fake.hostFile('facts.json', content);
    const handle = t.fake.interact(subcommand('factadmin', 'import', { file }, ctx));
    const first = await handle.response();
    expect(first.type).toBe(DEFERRED);
    expect(isEphemeral(first)).toBe(true);
    const message = await handle.edit();
    expect(message.allowed_mentions).toEqual({ parse: [] });
    return message.content;
  }

  it('GIVEN a file with problems in several facts WHEN imported THEN every problem is listed with its fact id and field, and nothing is applied', async () => {
    const facts: unknown[] = structuredClone(exported.facts);
    const good = { ...(facts[0] as Fact), id: 'a-good-new-fact', question: 'A good new fact?' };
    (facts[1] as Fact).answer = 'Changed, but the file has problems elsewhere.';
    (facts[2] as { topic: string }).topic = 'weather';
    (facts[3] as Fact).source = { paragraph: 1, quote: 'not in the article' };
    (facts[4] as { keywords: unknown }).keywords = 'not a list';
    facts.push(good);
    const ids = (facts as Fact[]).map((f) => f.id);
    const text = await importFile(JSON.stringify({ schemaVersion: 1, facts }));
    expect(text).toMatch(/^Nothing was imported: the file has 3 problem\(s\)\./);
    expect(text).toContain(`fact "${ids[2]}" (#3) topic:`);
    expect(text).toContain(`fact "${ids[3]}" source.quote is not verbatim in paragraph 1`);
    expect(text).toContain(`fact "${ids[4]}" (#5) keywords:`);
    expect(await shownFact('a-good-new-fact')).toBeUndefined();
    expect((await shownFact(ids[1]!))?.description).not.toBe('Changed, but the file has problems elsewhere.');
  });

  it('GIVEN a file where every fact has a problem WHEN imported THEN every problem is reported, none left out', async () => {
    const facts = structuredClone(exported.facts).map((f) => ({ ...f, topic: 'weather' }));
    const handle = t.fake.interact(subcommand('factadmin', 'import', { file: t.fake.hostFile('facts.json', JSON.stringify({ schemaVersion: 1, facts })) }, anna));
    const message = await handle.edit();
    const everything = [message.content, ...message.attachments.map((a) => a.content)].join('\n');
    expect(message.content).toContain(`Nothing was imported: the file has ${facts.length} problem(s).`);
    for (const [i, f] of facts.entries()) expect(everything).toContain(`fact "${f.id}" (#${i + 1}) topic:`);
  });

  it.each([
    ['null', 'null'],
    ['a list', '[]'],
    ['a number', '42'],
  ])('GIVEN a JSON file that is %s WHEN imported THEN it says what a fact file needs and nothing is applied', async (_label, content) => {
    const text = await importFile(content);
    // Problem lines are neutralised like any text from a file; Discord shows "\[" as "[".
    expect(text).toBe(
      'Nothing was imported: the file has 1 problem(s).\n• The file must be a JSON object like {"schemaVersion": 1, "facts": \\[...\\]}, the format /factadmin export makes.',
    );
  });

  it('GIVEN a file that is not JSON WHEN imported THEN it says so and nothing is applied', async () => {
    const text = await importFile('{"schemaVersion": 1, "facts": [');
    expect(text).toMatch(/^Nothing was imported: the file has 1 problem\(s\)\.\n• The file is not valid JSON/);
  });

  it('GIVEN a valid file WHEN imported THEN all of it is applied in that server only, recorded in history, and /ask uses it', async () => {
    const facts = structuredClone(exported.facts);
    const edited = facts.find((f) => f.id === 'trump-motives')!;
    edited.answer = 'Imported: Trump links it to geopolitics and domestic themes.';
    facts.push({ ...structuredClone(facts.find((f) => f.id === REUTERS_ID)!), id: 'reuters-imported', question: 'Who did the official tell about the draft?' });
    const text = await importFile(JSON.stringify({ schemaVersion: 1, facts }));
    expect(text).toMatch(/^Imported: 1 added, \d+ updated, \d+ unchanged\./);
    expect(text).toContain('+ `reuters-imported`');
    expect(text).toContain('~ `trump-motives`');
    expect((await shownFact('trump-motives'))?.description).toBe(edited.answer);
    expect((await shownFact('reuters-imported'))?.description).toBe(REUTERS.answer);
    expect((await historyLines('trump-motives')).at(-1)).toMatch(/^\*\*v1\*\* · import · by anna · <t:\d+:R> · changed: answer$/);
    expect((await shownFact('trump-motives', carlInB))?.description).not.toBe(edited.answer);
  });
});

describe('only moderators', () => {
  const subcommands: Array<[string, OptionRecord | undefined]> = [
    ['add', undefined],
    ['edit', { id: 'summit-host' }],
    ['remove', { id: 'summit-host' }],
    ['history', { id: 'summit-host' }],
    ['restore', { id: 'summit-day', version: 1 }],
    ['gaps', undefined],
    ['export', undefined],
  ];

  it('GIVEN a member without Manage Server typing a fact id THEN autocomplete shows them nothing (no ids, no removed facts)', async () => {
    const r = await send(autocomplete('factadmin', { name: 'id', value: 'summit' }, undefined, carl, 'history'));
    expect(r.data!.choices).toEqual([]);
    const mod = await send(autocomplete('factadmin', { name: 'id', value: 'summit' }, undefined, anna, 'history'));
    expect(mod.data!.choices!.length).toBeGreaterThan(0);
  });

  it.each(subcommands)('GIVEN a member without Manage Server WHEN they run /factadmin %s THEN it is refused', async (sub, options) => {
    expectRefusedAsNonModerator(await fa(sub, carl, options));
  });

  it('GIVEN a member without Manage Server WHEN they import a file THEN it is refused and nothing is applied', async () => {
    const facts = [{ ...exported.facts[0]!, id: 'sneaky-import', question: 'Sneaky?' }];
    const file = t.fake.hostFile('facts.json', JSON.stringify({ schemaVersion: 1, facts }));
    expectRefusedAsNonModerator(await fa('import', carl, { file }));
    expect(await shownFact('sneaky-import')).toBeUndefined();
  });

  it('GIVEN a member without Manage Server WHEN they submit the add or edit form THEN it is refused and nothing changes', async () => {
    expectRefusedAsNonModerator(await submit('fa-add', { ...REUTERS, question: 'A sneaky new fact?' }, carl));
    expect(await shownFact('a-sneaky-new-fact')).toBeUndefined();
    const before = (await shownFact('summit-host'))!.description;
    const open = await fa('edit', anna, { id: 'summit-host' });
    const r = await submit(open.data!.custom_id!, { ...(modalValues(open) as FormFields), answer: 'Vandalised.' }, carl);
    expectRefusedAsNonModerator(r);
    expect((await shownFact('summit-host'))!.description).toBe(before);
  });

  it('GIVEN a member without Manage Server WHEN they click Remove, Undo, Cancel or a gap button THEN it is refused and nothing changes', async () => {
    expectRefusedAsNonModerator(await send(button('fa-rm:summit-host:0', carl)));
    expect(await shownFact('summit-host')).toBeDefined();
    const ask = await fa('remove', anna, { id: 'summit-format' });
    await send(button(components(ask)[0]!.custom_id!, anna));
    expectRefusedAsNonModerator(await send(button('fa-undo:summit-format', carl)));
    expect(await shownFact('summit-format')).toBeUndefined();
    expectRefusedAsNonModerator(await send(button('fa-cancel', carl)));
    expectRefusedAsNonModerator(await send(button('fa-gap:who won the world cup', carl)));
    await send(button('fa-undo:summit-format', anna));
  });

  it('GIVEN a member with a role from MODERATOR_ROLE_IDS but no Manage Server THEN they can manage facts', async () => {
    const r = await fa('add', dora);
    expect(r.data?.content).toBeUndefined();
    expect(r.type).toBe(MODAL);
    const lines = await historyLines('summit-day', dora);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('GIVEN a Manage Server moderator of server A WHEN they act in server B without it THEN they are refused there', async () => {
    expectRefusedAsNonModerator(await fa('gaps', { ...carlInB, username: 'anna', userId: anna.userId! }));
  });
});

describe('votes that mean something', () => {
  const NOT_RECORDED = 'This answer’s fact is not in this server’s facts (it may have been removed since), so your vote was not recorded.';

  it('GIVEN a vote button forged for a fact the server does not have THEN the member is told privately it was not recorded, and gaps does not count it', async () => {
    const erinInB: InteractionContext = { ...erin, guildId: B };
    // An id no server has, and one only server A added.
    for (const customId of ['vote:0:no-such-fact', `vote:0:${REUTERS_ID}`]) {
      const r = await send(button(customId, { ...erinInB, message: { id: '1300000000000088888' } }));
      expect(r.type).toBe(CHANNEL_MESSAGE);
      expect(isEphemeral(r)).toBe(true);
      expect(r.data!.content).toBe(NOT_RECORDED);
    }
    const unhelpful = embed(await fa('gaps', annaInB)).fields![0]!.value;
    expect(unhelpful).not.toContain('no-such-fact');
    expect(unhelpful).not.toContain(REUTERS_ID);
  });

  it('GIVEN one member voting "Not helpful" on 10 private answers of the same fact THEN gaps counts one vote', async () => {
    const frank: InteractionContext = { guildId: B, userId: '1300000000000000206', username: 'frank' };
    const replies: string[] = [];
    for (let i = 0; i < 10; i++) {
      const handle = t.fake.interact(slash('ask', { question: 'Where did the leaders last meet?', private: true }, frank));
      const answer = await handle.response();
      expect(isEphemeral(answer)).toBe(true);
      const notHelpful = components(answer).find((c) => c.custom_id!.startsWith('vote:0:'))!;
      expect(notHelpful.custom_id).toBe('vote:0:last-meeting');
      const r = await send(button(notHelpful.custom_id!, { ...frank, message: { id: handle.original()!.id } }));
      replies.push(r.data!.content!);
    }
    expect(replies).toEqual(['Thanks, your vote is recorded.', ...Array<string>(9).fill('You already voted that way on this fact.')]);
    expect(embed(await fa('gaps', annaInB)).fields![0]!.value).toContain('`last-meeting` · 1 not helpful, 0 helpful');
  });
});

describe('gaps that survive junk', () => {
  it('GIVEN 600 unique junk questions from 600 members THEN the question three members asked is still listed first in gaps, and one member asking it 4 times adds nothing', async () => {
    const member = (n: number): InteractionContext => ({ guildId: B, userId: `13000000000009${String(n).padStart(5, '0')}`, username: `asker${n}` });
    const real = 'what is the best pizza topping in naples';
    for (const n of [1, 2, 3]) await send(slash('ask', { question: real }, member(n)));
    for (let i = 0; i < 3; i++) await send(slash('ask', { question: real }, member(1)));
    for (let n = 100; n < 700; n++) await send(slash('ask', { question: `qzx vvk ${n.toString(36)} wqj` }, member(n)));
    const [, first] = embed(await fa('gaps', annaInB)).description!.split('\n');
    expect(first).toMatch(/^\*\*3×\*\* “what is the best pizza topping in naples” · last <t:\d+:R>$/);
  });
});

describe('Discord limits', () => {
  it('GIVEN all of the above THEN the fake Discord refused nothing the bot sent', () => {
    expect(t.fake.failedRequests).toEqual([]);
  });
});
