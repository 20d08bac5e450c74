import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { Answer } from '../../../src/core/answers/answerQuestion.ts';
import { briefing } from '../../../src/core/answers/briefings.ts';
import { buildKnowledge, loadCuratedData } from '../../../src/core/knowledge.ts';
import { answerReply, briefingReply, quoteUserText } from '../../../src/discord/replies.ts';
import { TIMELINE_PAGE_SIZE, timelineReply } from '../../../src/discord/timeline.ts';

const knowledge = buildKnowledge(loadCuratedData('data').facts);
const fact = knowledge.facts.get('displaced-armenians')!;
const embedOf = (reply: { embeds?: readonly unknown[] }) => (reply.embeds![0] as { toJSON(): APIEmbed }).toJSON();
const buttonsOf = (reply: { components?: readonly unknown[] }) =>
  (reply.components ?? []).flatMap((row) => (row as { toJSON(): { components: Array<{ custom_id: string; label: string }> } }).toJSON().components);
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
    expect(embed.description).toContain('The article says otherwise.');
    expect(embed.description).toContain(fact.answer);
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

describe('briefings and timeline', () => {
  it('GIVEN /meeting THEN every listed fact cites its paragraph', () => {
    const embed = embedOf(briefingReply(briefing('meeting', knowledge.facts)));
    expect(embed.fields!.length).toBeGreaterThanOrEqual(5);
    for (const field of embed.fields!) expect(field.value).toMatch(/\(¶\d+\)$/);
    expect(embed.fields!.map((f) => f.value).join(' ')).toContain('Abu Dhabi');
  });

  it('GIVEN a long timeline THEN the first page shows the oldest events with a Later button', () => {
    const events = knowledge.facts.timeline();
    expect(events.length).toBeGreaterThan(TIMELINE_PAGE_SIZE);
    const first = timelineReply(events, undefined, 0);
    const embed = embedOf(first);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embed.description).toContain('1990');
    expect(embed.footer!.text).toMatch(/^Page 1 of \d+/);
    const buttons = (first.components![0] as { toJSON(): { components: Array<{ disabled?: boolean; custom_id: string }> } }).toJSON().components;
    expect(buttons[0]!.disabled).toBe(true);
    expect(buttons[1]!.custom_id).toBe('tl:all:1');
  });

  it('GIVEN the last page THEN it holds the latest events and Later is disabled', () => {
    const events = knowledge.facts.timeline();
    const last = Math.ceil(events.length / TIMELINE_PAGE_SIZE) - 1;
    const reply = timelineReply(events, undefined, 99);
    expect(embedOf(reply).description).toContain(events.at(-1)!.date!.label);
    const buttons = (reply.components![0] as { toJSON(): { components: Array<{ disabled?: boolean }> } }).toJSON().components;
    expect(buttons[1]!.disabled).toBe(true);
    expect(embedOf(reply).footer!.text).toContain(`Page ${last + 1} of ${last + 1}`);
  });
});

describe('briefings with long moderator answers', () => {
  it('GIVEN ten 1,000-character answers THEN /meeting still fits in one embed Discord accepts, each fact citing its paragraph', () => {
    const long = knowledge.facts.facts.map((f) => ({ ...f, answer: `${'Very long answer. '.repeat(55)}`.slice(0, 1000) }));
    const brief = briefing('meeting', buildKnowledge(long).facts);
    const embed = embedOf(briefingReply(brief));
    const total = [embed.title, embed.description, embed.footer?.text, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])].join('').length;
    expect(total).toBeLessThanOrEqual(6000);
    expect(embed.fields).toHaveLength(brief.facts.length);
    for (const field of embed.fields!) expect(field.value).toMatch(/…? ?\(¶\d+\)$/);
  });
});
