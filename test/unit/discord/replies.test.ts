import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { Answer } from '../../../src/core/answers/answerQuestion.ts';
import { briefing } from '../../../src/core/answers/briefings.ts';
import { buildKnowledge, loadCuratedData } from '../../../src/core/knowledge.ts';
import { briefingReply, firstSentence } from '../../../src/discord/briefingReply.ts';
import { answerReply, quoteUserText, shortLabel } from '../../../src/discord/replies.ts';
import { TIMELINE_PAGE_SIZE, timelineReply } from '../../../src/discord/timeline.ts';

const knowledge = buildKnowledge(loadCuratedData('data').facts);
const fact = knowledge.facts.get('displaced-armenians')!;
const embedOf = (reply: { embeds?: readonly unknown[] }) => (reply.embeds![0] as { toJSON(): APIEmbed }).toJSON();
type ButtonJson = { custom_id: string; label?: string; emoji?: { name?: string } };
const buttonsOf = (reply: { components?: readonly unknown[] }) =>
  (reply.components ?? []).flatMap((row) => (row as { toJSON(): { components: ButtonJson[] } }).toJSON().components);
const everyText = (embed: APIEmbed) => [embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text].join('\n');
const owner = '1300000000000000200';
const base = { question: 'q', didYouMean: null, correction: false, missing: null } as const;
const answeredWith = (score = 1, extra: Partial<Answer> = {}): Answer => ({
  ...base,
  tier: 'answer',
  answered: true,
  fact,
  score,
  suggestions: knowledge.facts.related(fact),
  ...extra,
});

describe('answer replies', () => {
  it('GIVEN an answered question THEN the embed shows the answer, the paragraph and the verbatim quote, and pings no one', () => {
    const reply = answerReply(answeredWith(), false);
    const embed = embedOf(reply);
    expect(embed.description).toBe(fact.answer);
    expect(embed.fields![0]!.value).toContain(`¶${fact.source.paragraph}`);
    expect(embed.fields![0]!.value).toContain(fact.source.quote);
    expect(reply.allowedMentions).toEqual({ parse: [] });
    expect(reply.flags).toBeUndefined();
    expect(reply.components).toHaveLength(1);
  });

  it('GIVEN an answered question THEN the card names its source once: one source field, no second source line in a footer', () => {
    const embed = embedOf(answerReply(answeredWith(), false));
    expect(embed.fields).toHaveLength(1);
    expect(embed.fields![0]!.name).toMatch(/^Source/);
    expect(embed.footer).toBeUndefined();
    expect(everyText(embed).split(`¶${fact.source.paragraph}`)).toHaveLength(2);
    expect(everyText(embed).split(fact.source.quote)).toHaveLength(2);
  });

  it('GIVEN an answer in a server THEN related facts and 👍 / 👎 share one row of at most five short buttons', () => {
    const reply = answerReply(answeredWith(1, { suggestions: knowledge.facts.facts.slice(0, 6) }), false, { votes: true });
    expect(reply.components).toHaveLength(1);
    const buttons = buttonsOf(reply);
    expect(buttons.length).toBeLessThanOrEqual(5);
    expect(buttons.slice(-2).map((b) => [b.custom_id, b.emoji?.name, b.label])).toEqual([
      [`vote:1:${fact.id}`, '👍', undefined],
      [`vote:0:${fact.id}`, '👎', undefined],
    ]);
    const related = buttons.slice(0, -2);
    expect(related.length).toBeGreaterThan(0);
    for (const b of related) {
      expect(b.custom_id).toMatch(/^fact:/);
      expect(b.label!.length).toBeLessThanOrEqual(40);
    }
    for (const b of buttons) expect(b.custom_id.length).toBeLessThanOrEqual(100);
  });

  it('GIVEN private THEN the reply is ephemeral', () => {
    expect(answerReply(answeredWith(1, { suggestions: [] }), true).flags).toBe(64);
  });

  it('GIVEN a likely but uncertain fact THEN "did you mean" shows its question and a button that shows its answer, then the alternatives', () => {
    const other = knowledge.facts.get('september-2023-offensive')!;
    const answer: Answer = { ...base, tier: 'suggest', answered: false, fact: null, didYouMean: fact, score: 0.7, suggestions: [other] };
    const reply = answerReply(answer, false);
    expect(embedOf(reply).title).toBe(`Did you mean: ${fact.question}`);
    const buttons = buttonsOf(reply);
    expect(buttons[0]).toMatchObject({ label: 'Show answer', custom_id: `fact:${fact.id}` });
    expect(buttons.map((b) => b.custom_id)).toEqual([`fact:${fact.id}`, `fact:${other.id}`]);
    expect(embedOf(reply).description).not.toContain(fact.answer);
  });

  it('GIVEN a question whose premise the fact contradicts THEN the answer is framed as a correction', () => {
    const embed = embedOf(answerReply(answeredWith(1, { correction: true }), false));
    expect(embed.title).toMatch(/^Not quite: /);
    expect(embed.description).toBe(fact.answer);
  });

  it('GIVEN any curated fact THEN its answer reads plainly, never opening with "According to the article" or "The article says"', () => {
    for (const f of knowledge.facts.facts) {
      expect(f.answer, f.id).not.toMatch(/^(Yes\. |No\. )?(According to the article|The article (says|reports|describes))/);
    }
  });

  it('GIVEN a question asking for a year the fact does not state THEN the reply says so before the answer', () => {
    expect(embedOf(answerReply(answeredWith(1, { missing: 'year' }), false)).description).toMatch(/^The article doesn’t give the year\. /);
  });

  it('GIVEN a question about someone the fact never names THEN it says so plainly and gives what the article does say', () => {
    const answer: Answer = { ...base, tier: 'miss', answered: false, fact: null, score: 0.9, suggestions: [fact], missing: 'name' };
    const embed = embedOf(answerReply(answer, false));
    expect(embed.title).toBe('The article doesn’t say');
    expect(embed.description).toBe(`The article doesn’t give that name. What it does say: ${fact.answer}`);
  });

  it('GIVEN a question the article does not cover THEN it says so, neutralises the echoed text and offers the nearest facts', () => {
    const answer: Answer = { ...base, question: '@everyone **pizza** <@123>', tier: 'miss', answered: false, fact: null, score: 0.1, suggestions: [fact] };
    const embed = embedOf(answerReply(answer, false));
    expect(embed.title).toBe('The article doesn’t say');
    expect(embed.description).not.toContain('@everyone');
    expect(embed.description).toContain('\\*\\*pizza\\*\\*');
    expect(embed.fields![0]!.value).toBe(`¶${fact.source.paragraph}`);
  });
});

describe('quoteUserText', () => {
  it('GIVEN a long question THEN it is cut with an ellipsis', () => {
    expect(quoteUserText('a'.repeat(500), 50)).toHaveLength(50);
  });
});

describe('short text', () => {
  it.each([
    ['Who has mediated between Armenia and Azerbaijan in the past?', 'Who has mediated between Armenia and…'],
    ['Where did the leaders last meet?', 'Where did the leaders last meet?'],
  ])('GIVEN the label %j THEN a button shows %j, cut at a word', (text, label) => {
    expect(shortLabel(text)).toBe(label);
  });

  it.each([
    ['The two leaders last met in July in Abu Dhabi. The article does not state the year.', 'The two leaders last met in July in Abu Dhabi.'],
    ['Yes. Armenia and Azerbaijan are two former Soviet republics.', 'Yes. Armenia and Azerbaijan are two former Soviet republics.'],
    ['It seeks to reassert U.S. influence in the Caucasus. More follows.', 'It seeks to reassert U.S. influence in the Caucasus.'],
  ])('GIVEN the answer %j THEN a briefing line keeps %j', (text, line) => {
    expect(firstSentence(text)).toBe(line);
  });
});

describe('briefings and timeline', () => {
  it('GIVEN /meeting THEN every listed fact cites its paragraph', () => {
    const embed = embedOf(briefingReply(briefing('meeting', knowledge.facts)));
    const lines = embed.description!.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line).toMatch(/^• .+ \(¶\d+\)$/);
    expect(embed.description).toContain('Abu Dhabi');
  });

  it.each(['meeting', 'refugees', 'mediators'] as const)('GIVEN /%s THEN the whole briefing reads on a phone: at most 1,200 characters (a phone screen), one line per fact', (name) => {
    const brief = briefing(name, knowledge.facts);
    const embed = embedOf(briefingReply(brief));
    expect(everyText(embed).length).toBeLessThanOrEqual(1200);
    expect(embed.description!.split('\n')).toHaveLength(brief.facts.length);
    expect(embed.fields ?? []).toEqual([]);
  });

  it('GIVEN a timeline page THEN it reads on a phone: at most 1,200 characters', () => {
    const events = knowledge.facts.timeline();
    const pages = Math.ceil(events.length / TIMELINE_PAGE_SIZE);
    for (let page = 0; page < pages; page++) {
      expect(everyText(embedOf(timelineReply(events, { topic: undefined, page, ownerId: owner }))).length).toBeLessThanOrEqual(1200);
    }
  });

  it('GIVEN a long timeline THEN the first page shows the oldest events with a Later button', () => {
    const events = knowledge.facts.timeline();
    expect(events.length).toBeGreaterThan(TIMELINE_PAGE_SIZE);
    const first = timelineReply(events, { topic: undefined, page: 0, ownerId: owner });
    const embed = embedOf(first);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description).toContain('1990');
    expect(embed.footer!.text).toMatch(/^Page 1 of \d+/);
    const buttons = (first.components![0] as { toJSON(): { components: Array<{ disabled?: boolean; custom_id: string }> } }).toJSON().components;
    expect(buttons[0]!.disabled).toBe(true);
    expect(buttons[1]!.custom_id).toBe(`tl:all:1:${owner}`);
  });

  it('GIVEN the last page THEN it holds the latest events and Later is disabled', () => {
    const events = knowledge.facts.timeline();
    const last = Math.ceil(events.length / TIMELINE_PAGE_SIZE) - 1;
    const reply = timelineReply(events, { topic: undefined, page: 99, ownerId: owner });
    expect(embedOf(reply).description).toContain(events.at(-1)!.date!.label);
    const buttons = (reply.components![0] as { toJSON(): { components: Array<{ disabled?: boolean }> } }).toJSON().components;
    expect(buttons[1]!.disabled).toBe(true);
    expect(embedOf(reply).footer!.text).toContain(`Page ${last + 1} of ${last + 1}`);
  });
});

describe('briefings with long moderator answers', () => {
  it('GIVEN ten 1,000-character answers THEN /meeting still fits in one embed Discord accepts, each fact citing its paragraph', () => {
    const long = knowledge.facts.facts.map((f) => ({ ...f, answer: `${'Very long answer without a stop '.repeat(40)}`.slice(0, 1000) }));
    const brief = briefing('meeting', buildKnowledge(long).facts);
    const embed = embedOf(briefingReply(brief));
    const total = [embed.title, embed.description, embed.footer?.text, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])].join('').length;
    expect(total).toBeLessThanOrEqual(6000);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    const lines = embed.description!.split('\n');
    expect(lines).toHaveLength(brief.facts.length);
    for (const line of lines) expect(line).toMatch(/…? ?\(¶\d+\)$/);
  });
});
