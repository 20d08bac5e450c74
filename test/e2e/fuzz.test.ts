/**
 * Hostile input end to end: every string option and every field of the moderators' fact form gets
 * the same table of hostile strings, sent through the real client as a malicious client could (the
 * fake does not enforce option lengths on incoming payloads). Every one must get a short reply
 * that pings nobody and echoes nothing that breaks formatting, and no stored fact may change
 * unless the input was valid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factFileSchema, type Fact } from '../../src/core/facts/schema.ts';
import {
  autocomplete,
  button,
  messageContextMenu,
  modalSubmit,
  slash,
  subcommand,
  type FakeCallback,
  type FakeComponent,
  type InteractionContext,
  type InteractionInit,
} from '../support/fakeDiscord.ts';
import { startBotUnderTest, type BotUnderTest } from './botHarness.ts';
import { AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE, DEFERRED, EPHEMERAL, MODAL, MOD_PERMISSIONS, UPDATE_MESSAGE } from '../support/discordConstants.ts';
import { APOLOGY } from '../../src/discord/constants.ts';
import { loadCuratedData } from '../../src/core/knowledge.ts';


/** Guild A takes the option fuzzing; guild B the fact form, so valid saves there cannot disturb A. */
const A = '1300000000000000100';
const B = '1300000000000000500';
/** Guild C imports a fact whose id is "constructor"; guild D adds one through the form. */
const C = '1300000000000000700';
const D = '1300000000000000900';
/** Author of the chat message "Answer with facts" quotes: the one mention the bot itself writes. */
const AUTHOR = '1300000000000000999';

// ---------------------------------------------------------------------------------------------
// The hostile strings

/** Property names of Object.prototype, and the one with a special meaning in object literals. */
const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'] as const;

const zalgo = (text: string) => [...text].map((c) => `${c}\u0336\u0317\u0330\u0353\u0316\u034e\u0361\u0489`).join('');

const HOSTILE: Array<[string, string]> = [
  ['an empty string', ''],
  ['whitespace only', ' \t\n\u00a0\u3000 '],
  ['10,000 letters', 'who hosts the summit '.repeat(500)],
  ['10,000 characters of mentions and links', '@everyone [x](http://evil.example) <@&1300000000000000123> ```'.repeat(160).slice(0, 10_000)],
  ['control characters and NUL', 'who\u0000 hosts\u0001\u0007\u0008 the\u001b[31m summit\u007f\u0085?'],
  ['NUL only', '\u0000\u0000\u0000'],
  ['zalgo', zalgo('who hosts the summit')],
  ['right-to-left text and overrides', 'من يستضيف القمة؟ \u202Eevil.exe\u202C \u200F\u061C'],
  ['emoji ZWJ sequences', '👨‍👩‍👧‍👦 👩🏽‍💻 🧑‍🤝‍🧑'],
  ['flag emoji', '🇦🇲🇦🇿 🏳️‍🌈 🏴‍☠️'],
  ['markdown and code fences', '**bold** __under__ ~~strike~~ ||spoiler|| # heading\n> quote\n```js\nalert(1)\n``` `tick` -# small'],
  ['a masked link', '[click here](http://evil.example) who hosts the summit?'],
  ['@everyone', '@everyone who hosts the summit?'],
  ['@here', '@here where did the leaders meet'],
  ['a role mention', '<@&1300000000000000123> who mediates?'],
  ['user mentions', '<@1300000000000000123> <@!1300000000000000124> who mediates?'],
  ['channel, emoji, timestamp and command mentions', '<#1300000000000000101> <:pepe:1300000000000000125> <t:0:R> </ask:1300000000000000126>'],
  ['invisible characters only', '\u200B\u2060\uFEFF'],
  ['mass mentions hidden behind invisible characters', '\u200B@everyone\u2060 @here\uFEFF'],
  // Words every JavaScript object answers to: a plain object used as a map finds them without being told.
  ...PROTOTYPE_KEYS.map((key): [string, string] => [`the word "${key}"`, key]),
  ['"constructor" in a question', 'what is the constructor of the peace deal'],
  ['every prototype key in one sentence', 'does the valueOf toString hasOwnProperty __proto__ constructor of the deal matter'],
  ['lone surrogates', '\uD800 who \uDFFF hosts \uDBFF'],
  ['a URL with a mass mention', 'https://evil.example/@everyone?x=<@&1300000000000000123>'],
];

// ---------------------------------------------------------------------------------------------
// Harness

let t: BotUnderTest;
/** /factadmin export of each guild before any fuzzing. */
const before = new Map<string, Fact[]>();
/** fa-edit custom id of a curated fact in guild B, as /factadmin edit opens it. */
let editModalId = '';

let memberCount = 0;
/** A fresh member per interaction, so the per-member flood limits never answer in place of the handler. */
function member(guildId: string | null = A, moderator = false): InteractionContext {
  memberCount += 1;
  return {
    guildId,
    userId: (1300000000000040000n + BigInt(memberCount)).toString(),
    username: `fuzzer${memberCount}`,
    ...(moderator ? { permissions: MOD_PERMISSIONS } : {}),
  };
}
const mod = (guildId = A) => member(guildId, true);

async function send(payload: InteractionInit): Promise<FakeCallback> {
  const h = t.fake.interact(payload);
  const r = await h.response();
  expect(h.rejected).toEqual([]);
  return r;
}

async function exportFacts(guildId: string): Promise<Fact[]> {
  const r = await send(subcommand('factadmin', 'export', undefined, mod(guildId)));
  expect(r.files).toHaveLength(1);
  return factFileSchema.parse(JSON.parse(r.files[0]!.content)).facts;
}

beforeAll(async () => {
  t = await startBotUnderTest({ fake: { guildIds: [A, B, C, D] } });
  before.set(A, await exportFacts(A));
  before.set(B, await exportFacts(B));
  const opened = await send(subcommand('factadmin', 'edit', { id: 'ceasefire-2020' }, mod(B)));
  expect(opened.type).toBe(MODAL);
  editModalId = opened.data!.custom_id!;
});

afterAll(async () => {
  await t?.stop();
});

// ---------------------------------------------------------------------------------------------
// What every reply must satisfy

/**
 * What a member reads in a reply, by how Discord renders it: message content and embed descriptions
 * and field values render full markdown (masked links, mentions, code); embed titles and field names
 * render a little; footers, author names and component labels render none.
 */
function surfaces(r: FakeCallback): { markdown: string[]; titles: string[]; plain: string[] } {
  const embeds = r.data?.embeds ?? [];
  const labels = (list: FakeComponent[] | undefined): string[] =>
    (list ?? []).flatMap((c) => [
      ...[c.label, c.placeholder].filter((x): x is string => typeof x === 'string'),
      ...labels(c.components),
      ...(c.component ? labels([c.component]) : []),
    ]);
  const strings = (xs: Array<string | undefined>) => xs.filter((x): x is string => typeof x === 'string');
  return {
    markdown: strings([r.data?.content, ...embeds.flatMap((e) => [e.description, ...(e.fields ?? []).map((f) => f.value)])]),
    titles: strings(embeds.flatMap((e) => [e.title, ...(e.fields ?? []).map((f) => f.name)])),
    plain: strings([...embeds.flatMap((e) => [e.footer?.text, e.author?.name]), ...labels(r.data?.components)]),
  };
}

/** Text the bot should have neutralised but that Discord would render (or show as a mass mention). */
function formattingProblems(r: FakeCallback): string[] {
  const { markdown, titles, plain } = surfaces(r);
  const problems: string[] = [];
  const rendered = markdown.join('\n');
  // The spec: no @everyone/@here un-neutralised anywhere in the content or the embeds.
  if (/@(everyone|here)/.test([...markdown, ...titles].join('\n'))) problems.push('an un-neutralised @everyone/@here');
  if (/(?<!\\)\[[^\]\n]*\]\(\s*<?https?:/i.test(rendered)) problems.push('an unescaped masked link');
  if (/(?<!\\)<@[!&]?\d+>/.test(rendered.replaceAll(`<@${AUTHOR}>`, ''))) problems.push('a rendered user or role mention');
  if (/(?<!\\)```/.test(rendered)) problems.push('an unescaped code fence');
  if (/\bundefined\b|\[object \w+\]|\bNaN\b|\[native code\]/.test([...markdown, ...titles, ...plain].join('\n'))) {
    problems.push('internal values leaking ("undefined", "[object …]", "[native code]")');
  }
  return problems;
}

/** A short reply (a message of at most 2000 characters, or embeds) that pings nobody, and never the apology. */
function expectShortReplyPingingNobody(r: FakeCallback): void {
  expect(r.type).toBe(CHANNEL_MESSAGE);
  const content = r.data?.content ?? '';
  expect(content).not.toBe(APOLOGY);
  expect(content.length).toBeLessThanOrEqual(2000);
  expect(content.length > 0 || (r.data?.embeds?.length ?? 0) > 0).toBe(true);
  const mentions = r.data?.allowed_mentions;
  expect(mentions?.parse).toEqual([]);
  expect(mentions?.users ?? []).toEqual([]);
  expect(mentions?.roles ?? []).toEqual([]);
}

/** ...and renders nothing hostile. */
function expectSafeReply(r: FakeCallback): void {
  expectShortReplyPingingNobody(r);
  expect(formattingProblems(r)).toEqual([]);
}

function expectSafeAutocomplete(r: FakeCallback): void {
  expect(r.type).toBe(AUTOCOMPLETE_RESULT);
  const choices = r.data!.choices!;
  expect(choices.length).toBeLessThanOrEqual(25);
  for (const c of choices) {
    expect(c.name.length).toBeGreaterThan(0);
    expect(c.name.length).toBeLessThanOrEqual(100);
    expect(String(c.value).length).toBeLessThanOrEqual(100);
    expect(c.name).not.toMatch(/\bundefined\b|\[object \w+\]/);
  }
}

const isEphemeral = (r: FakeCallback) => ((r.data?.flags ?? 0) & EPHEMERAL) === EPHEMERAL;

// ---------------------------------------------------------------------------------------------
// Every string option

interface Target {
  name: string;
  build(value: string): InteractionInit;
  autocomplete?: boolean;
}

const TARGETS: Target[] = [
  { name: '/ask question', build: (v) => slash('ask', { question: v }, member()) },
  { name: '/fact id', build: (v) => slash('fact', { id: v }, member()) },
  { name: '/timeline topic', build: (v) => slash('timeline', { topic: v }, member()) },
  { name: '/quiz start topic', build: (v) => subcommand('quiz', 'start', { topic: v }, member()) },
  { name: '/factadmin edit id', build: (v) => subcommand('factadmin', 'edit', { id: v }, mod()) },
  { name: '/factadmin remove id', build: (v) => subcommand('factadmin', 'remove', { id: v }, mod()) },
  { name: '/factadmin history id', build: (v) => subcommand('factadmin', 'history', { id: v }, mod()) },
  { name: '/factadmin restore id', build: (v) => subcommand('factadmin', 'restore', { id: v, version: 1 }, mod()) },
  {
    name: '"Answer with facts" on a chat message',
    build: (v) => messageContextMenu('Answer with facts', { content: v, author: { id: AUTHOR, username: 'someone' } }, member()),
  },
  { name: '/ask autocomplete', autocomplete: true, build: (v) => autocomplete('ask', { name: 'question', value: v }, undefined, member()) },
  { name: '/fact autocomplete', autocomplete: true, build: (v) => autocomplete('fact', { name: 'id', value: v }, undefined, member()) },
  {
    name: '/factadmin edit autocomplete',
    autocomplete: true,
    build: (v) => autocomplete('factadmin', { name: 'id', value: v }, undefined, mod(), 'edit'),
  },
  {
    name: '/quiz start autocomplete',
    autocomplete: true,
    build: (v) => autocomplete('quiz', { name: 'topic', value: v }, undefined, member(), 'start'),
  },
];

describe.each(TARGETS)('$name', (target) => {
  it.each(HOSTILE)('GIVEN %s THEN a short reply that pings nobody and renders nothing hostile', async (_label, value) => {
    const r = await send(target.build(value));
    if (target.autocomplete) expectSafeAutocomplete(r);
    else expectSafeReply(r);
  });
});

describe('/timeline with a topic that is not one of its choices', () => {
  it('GIVEN an empty, blank or unknown topic THEN it is refused, or the whole timeline is shown; never an empty timeline', async () => {
    const full = (await send(slash('timeline', {}, member()))).data!.embeds![0]!.description;
    for (const topic of ['', '   ', 'weather']) {
      const r = await send(slash('timeline', { topic }, member()));
      expectShortReplyPingingNobody(r);
      const shown = r.data!.embeds?.[0];
      if (shown) expect({ topic, title: shown.title, description: shown.description }).toEqual({ topic, title: 'Timeline of the story', description: full });
      else expect(isEphemeral(r)).toBe(true);
    }
  });
});

describe('after the option fuzzing', () => {
  it('GIVEN every hostile option THEN no fact in the server changed', async () => {
    expect(await exportFacts(A)).toEqual(before.get(A));
  });

  it('GIVEN the hostile questions recorded as unanswered THEN /factadmin gaps shows them neutralised, and their Add buttons open a valid form', async () => {
    const r = await send(subcommand('factadmin', 'gaps', undefined, mod()));
    expectSafeReply(r);
    expect(isEphemeral(r)).toBe(true);
    expect(r.data!.embeds![0]!.title).toBe('Gaps in this server’s facts');
    const addButtons = (r.data!.components ?? []).flatMap((row) => row.components ?? []).filter((c) => c.custom_id?.startsWith('fa-gap:'));
    expect(addButtons.length).toBeGreaterThan(0);
    for (const b of addButtons) {
      const opened = await send(button(b.custom_id!, { ...mod(), message: { components: r.data!.components as never } }));
      expect(opened.type).toBe(MODAL);
      expect(opened.data!.custom_id).toBe('fa-add');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Prototype keys as fact ids, topics and the payloads of buttons and forms

/** A normal answer to a click or a form: a message, an edit of the clicked message, or a form; never the apology. */
function expectNormalAnswer(r: FakeCallback): void {
  expect([CHANNEL_MESSAGE, UPDATE_MESSAGE, MODAL]).toContain(r.type);
  if (r.type === MODAL) return;
  expect(r.data?.content ?? '').not.toBe(APOLOGY);
  expect(r.data?.allowed_mentions?.parse ?? []).toEqual([]);
  expect(formattingProblems(r)).toEqual([]);
}

const summitDay = loadCuratedData('data').facts.find((f) => f.id === 'summit-day')!;
/** The imported fact: dated before every curated event, so it opens the timeline. */
const CONSTRUCTOR_FACT = {
  ...summitDay,
  id: 'constructor',
  question: 'Who is the constructor of the peace deal?',
  questions: ['what is the constructor of the peace deal'],
  answer: 'Constructor check: the leaders themselves build the peace deal, the article says they meet at the White House.',
  keywords: ['constructor'],
  aliases: [],
  date: { sort: '1900', label: 'Constructor year' },
  related: ['summit-day'],
};

async function importFile(guildId: string, facts: readonly unknown[]): Promise<string> {
  const h = t.fake.interact(subcommand('factadmin', 'import', { file: t.fake.hostFile('facts.json', JSON.stringify({ schemaVersion: 1, facts })) }, mod(guildId)));
  expect((await h.response()).type).toBe(DEFERRED);
  const message = await h.edit(1, 15_000);
  expect(message.allowed_mentions).toEqual({ parse: [] });
  return message.content;
}

describe('prototype keys as fact ids and topics', () => {
  beforeAll(async () => {
    // Imported in C; added through the moderators' form in D, whose id comes from the question.
    expect(await importFile(C, [CONSTRUCTOR_FACT, { ...summitDay, id: 'peace-deal-builder', related: ['constructor'] }])).toMatch(/^Imported: 2 added/);
    const added = await send(modalSubmit('fa-add', { ...VALID, question: 'Constructor' }, mod(D)));
    expect(added.data!.content).toMatch(/^Added `constructor`\./);
  });

  it('GIVEN facts whose ids or topics are prototype keys WHEN imported THEN each is named in the problem list and nothing is imported', async () => {
    const facts = PROTOTYPE_KEYS.flatMap((key) => [
      { ...summitDay, id: key },
      { ...summitDay, id: `topic-${key.toLowerCase().replace(/_/g, '')}`, topic: key },
    ]);
    const content = await importFile(C, facts);
    const shown = content.replace(/\\(.)/g, '$1'); // as Discord renders it, without the escapes
    expect(shown).toMatch(/^Nothing was imported: the file has 9 problem\(s\)\./);
    for (const key of PROTOTYPE_KEYS.filter((k) => k !== 'constructor')) expect(shown).toContain(`• fact "${key}" (#`);
    expect(shown.match(/topic: must be one of/g)).toHaveLength(PROTOTYPE_KEYS.length);
    expect((await exportFacts(C)).map((f) => f.id).filter((id) => id.startsWith('topic-'))).toEqual([]);
  });

  describe.each([
    ['imported', C],
    ['added through the form', D],
  ])('a fact whose id is "constructor", %s', (_how, guildId) => {
    it('GIVEN /fact id:constructor THEN it is shown', async () => {
      const r = await send(slash('fact', { id: 'constructor' }, member(guildId)));
      expectSafeReply(r);
      expect(r.data!.embeds![0]!.title).toMatch(/constructor/i);
    });

    it('GIVEN "constructor" typed in the autocomplete of /fact and /factadmin edit THEN it is offered', async () => {
      for (const payload of [
        autocomplete('fact', { name: 'id', value: 'constructor' }, undefined, member(guildId)),
        autocomplete('factadmin', { name: 'id', value: 'constructor' }, undefined, mod(guildId), 'edit'),
      ]) {
        const r = await send(payload);
        expectSafeAutocomplete(r);
        expect(r.data!.choices!.map((c) => c.value)).toContain('constructor');
      }
    });

    it('GIVEN /ask and "Answer with facts" on the question the fact answers THEN a normal answer, never the apology', async () => {
      for (const payload of [
        slash('ask', { question: 'what is the constructor of the peace deal' }, member(guildId)),
        messageContextMenu('Answer with facts', { content: 'what is the constructor of the peace deal', author: { id: AUTHOR, username: 'someone' } }, member(guildId)),
      ]) {
        const r = await send(payload);
        expectSafeReply(r);
        expect(r.data!.embeds).toHaveLength(1);
      }
    });

    it('GIVEN /timeline, with and without its topic, and its page buttons THEN the timeline is shown', async () => {
      for (const payload of [slash('timeline', {}, member(guildId)), slash('timeline', { topic: 'summit' }, member(guildId))]) {
        const r = await send(payload);
        expectSafeReply(r);
        // Only the imported fact has a date; the form has no date field.
        if (guildId === C) expect(r.data!.embeds![0]!.description).toContain('Constructor year');
      }
      for (const customId of ['tl:summit:0', 'tl:constructor:0', 'tl:all:1']) expectNormalAnswer(await send(button(customId, member(guildId))));
    });

    it('GIVEN a "Not helpful" vote on it THEN /factadmin gaps lists it, and its history is shown', async () => {
      expectNormalAnswer(await send(button('vote:0:constructor', member(guildId))));
      const gaps = await send(subcommand('factadmin', 'gaps', undefined, mod(guildId)));
      expectSafeReply(gaps);
      expect(gaps.data!.embeds![0]!.fields![0]!.value).toContain('`constructor`');
      const history = await send(subcommand('factadmin', 'history', { id: 'constructor' }, mod(guildId)));
      expectSafeReply(history);
      expect(history.data!.embeds).toHaveLength(1);
    });

    it('GIVEN /factadmin edit, remove, undo and restore THEN each works on it as on any fact', async () => {
      const opened = await send(subcommand('factadmin', 'edit', { id: 'constructor' }, mod(guildId)));
      expect(opened.type).toBe(MODAL);
      const saved = await send(modalSubmit(opened.data!.custom_id!, { ...VALID, question: 'Who is the constructor of the deal?' }, mod(guildId)));
      expect(saved.data!.content).toMatch(/^Saved `constructor` as version \d+\./);

      const asked = await send(subcommand('factadmin', 'remove', { id: 'constructor' }, mod(guildId)));
      expectSafeReply(asked);
      const confirm = asked.data!.components![0]!.components![0]!.custom_id!;
      expect(confirm).toMatch(/^fa-rm:constructor:\d+$/);
      const removed = await send(button(confirm, mod(guildId)));
      expectNormalAnswer(removed);
      expect(removed.data!.content).toBe('Removed `constructor`. /ask no longer uses it in this server.');
      const undone = await send(button('fa-undo:constructor', mod(guildId)));
      expectNormalAnswer(undone);
      expect(undone.data!.content).toMatch(/^Brought `constructor` back/);
      const restored = await send(subcommand('factadmin', 'restore', { id: 'constructor', version: 1 }, mod(guildId)));
      expectSafeReply(restored);
      expect(restored.data!.content).toMatch(/^Restored version 1 of `constructor`/);
      expect((await exportFacts(guildId)).map((f) => f.id)).toContain('constructor');
    });
  });
});

/** Every button and form the bot makes, with a prototype key where its payload names a fact, topic, quiz or question. */
const PAYLOADS: Array<[string, (key: string) => InteractionInit]> = [
  ['the "show fact" button', (key) => button(`fact:${key}`, member())],
  ['a vote button', (key) => button(`vote:1:${key}`, member())],
  ['the timeline page button', (key) => button(`tl:${key}:${key}`, member())],
  ['a quiz answer button', (key) => button(`qz:${key}:${key}:${key}`, member())],
  ['the quiz reveal button', (key) => button(`qzr:${key}:1`, member())],
  ['the remove confirmation button', (key) => button(`fa-rm:${key}:1`, mod())],
  ['the undo button', (key) => button(`fa-undo:${key}`, mod())],
  ['a gap\'s "Add" button', (key) => button(`fa-gap:${key}`, mod())],
  ['the edit form', (key) => modalSubmit(`fa-edit:${key}:1`, VALID, mod())],
];

describe.each(PAYLOADS)('%s', (_name, build) => {
  it.each(PROTOTYPE_KEYS)('GIVEN "%s" as its payload THEN a normal answer, never the apology', async (key) => {
    expectNormalAnswer(await send(build(key)));
  });
});

// ---------------------------------------------------------------------------------------------
// The fact form

type FormFields = Record<'question' | 'answer' | 'terms' | 'topic' | 'source', string>;
const FIELDS = ['question', 'answer', 'terms', 'topic', 'source'] as const;

/** A valid new fact (the article names Reuters as the source of the draft news). */
const VALID: FormFields = {
  question: 'Which news agency reported the peace draft?',
  answer: 'Reuters: a senior U.S. official told the agency the meeting may unveil a peace agreement draft.',
  terms: 'keywords: news agency, reuters, reported\naliases: Reuters news agency',
  topic: 'summit',
  source: '3: A senior U.S. official told Reuters',
};

/**
 * Values no form may accept in this field. No hostile string is a topic or a "paragraph: quote" source;
 * a question or an answer needs at least one letter or digit (as /ask asks of a question) and must fit;
 * keywords are optional, so only what cannot fit is refused there.
 */
function mustRefuse(field: keyof FormFields, value: string): boolean {
  if (field === 'topic' || field === 'source') return true;
  if (field === 'terms') return value.length > 4000;
  const max = field === 'question' ? 100 : 1000;
  return value.trim().length > max || !/[\p{L}\p{N}]/u.test(value);
}

const NOTHING_SAVED = /^Nothing was saved\. Please fix:\n• /;
/** Facts the form legitimately added in guild B, by id. */
const added = new Map<string, FormFields>();
/** The confirmation shown for each saved hostile value, by "field|label". */
const confirmations = new Map<string, FakeCallback>();

function expectRefused(r: FakeCallback): void {
  expectSafeReply(r);
  expect(isEphemeral(r)).toBe(true);
  expect(r.data!.content).toMatch(NOTHING_SAVED);
  expect(r.data!.embeds ?? []).toEqual([]);
}

describe('the fact form (fa-add) with every field hostile', () => {
  it.each(HOSTILE)('GIVEN %s in all five fields THEN nothing is saved and the reply says what to fix', async (_label, value) => {
    const fields: FormFields = { question: value, answer: value, terms: value, topic: value, source: value };
    expectRefused(await send(modalSubmit('fa-add', fields, mod(B))));
  });
});

describe('the edit form (fa-edit) with every field hostile', () => {
  it.each(HOSTILE)('GIVEN %s in all five fields THEN the fact is not changed', async (_label, value) => {
    const fields: FormFields = { question: value, answer: value, terms: value, topic: value, source: value };
    expectRefused(await send(modalSubmit(editModalId, fields, mod(B))));
  });
});

describe.each(FIELDS)('the fact form with only %s hostile', (field) => {
  it.each(HOSTILE)('GIVEN %s THEN it is refused if invalid, otherwise saved, and either way nobody is pinged', async (label, value) => {
    const r = await send(modalSubmit('fa-add', { ...VALID, [field]: value }, mod(B)));
    expectShortReplyPingingNobody(r);
    expect(isEphemeral(r)).toBe(true);
    const saved = /^Added `([a-z0-9-]+)`\./.exec(r.data!.content ?? '');
    if (saved) {
      added.set(saved[1]!, { ...VALID, [field]: value });
      confirmations.set(`${field}|${label}`, r);
    }
    if (mustRefuse(field, value)) expectRefused(r);
    else if (!saved) expectRefused(r);
  });
});

describe.each(FIELDS)('what the bot shows back of a fact saved with a hostile %s', (field) => {
  it.each(HOSTILE)('GIVEN %s THEN the confirmation renders nothing hostile', (label) => {
    const r = confirmations.get(`${field}|${label}`);
    if (r === undefined) return; // refused: nothing of it is shown
    expect(formattingProblems(r)).toEqual([]);
  });
});

describe('after the form fuzzing', () => {
  it('GIVEN every hostile form THEN the export holds the facts from before, unchanged, plus only the valid ones saved', async () => {
    const after = await exportFacts(B);
    const previous = before.get(B)!;
    const ids = new Set(previous.map((f) => f.id));
    expect(after.filter((f) => ids.has(f.id))).toEqual(previous);
    const extra = after.filter((f) => !ids.has(f.id));
    expect(extra.map((f) => f.id).sort()).toEqual([...added.keys()].sort());
    for (const fact of extra) {
      const form = added.get(fact.id)!;
      // Saved as typed, less control and invisible characters (NUL, escapes, zero-width spaces).
      expect(fact.question).toBe(withoutInvisible(form.question));
      expect(fact.answer).toBe(withoutInvisible(form.answer));
      expect(fact.topic).toBe(form.topic);
    }
  });

  it('GIVEN all of the above THEN the fake Discord refused nothing the bot sent', () => {
    expect(t.fake.failedRequests.map((r) => ({ route: `${r.method} ${r.path}`, status: r.status, response: r.response }))).toEqual([]);
  });
});

function withoutInvisible(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is what is checked
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cf}]/gu, '').trim();
}
