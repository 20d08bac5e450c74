/**
 * /metrics under forged interactions: custom ids and command names come from whoever sends the
 * interaction, and every label value is a Prometheus series kept until the bot restarts. Forged
 * ones must all count under `unknown`, so a flood cannot grow what /metrics serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../commands/index.ts';
import { APOLOGY, CUSTOM_ID } from '../../src/discord/constants.ts';
import { QUIZ_ID } from '../../src/discord/quiz/quizViews.ts';
import { AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE, EPHEMERAL } from '../support/discordConstants.ts';
import { autocomplete, button, messageContextMenu, modalSubmit, slash, type FakeCallback, type InteractionInit } from '../support/fakeDiscord.ts';
import { freePort, newMembers, startBotUnderTest, type BotUnderTest } from './botHarness.ts';

const GUILD = '1300000000000000100';
const member = newMembers('13000000000300');
const FORGED = 300;
/** Forged prefixes, including words every JavaScript object answers to. */
const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const forgedPrefixes = [...PROTOTYPE_KEYS, ...Array.from({ length: FORGED - PROTOTYPE_KEYS.length }, (_, i) => `forged${i}`)];


let t: BotUnderTest;
let port: number;

beforeAll(async () => {
  port = await freePort();
  t = await startBotUnderTest({ env: { HEALTH_PORT: String(port) } });
});

afterAll(async () => {
  await t?.stop();
});

/** The `command` label values of the interaction metrics, as /metrics serves them. */
async function commandLabels(): Promise<Set<string>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const labels = [...text.matchAll(/^factbot_interaction\w*\{[^}]*\bcommand="([^"]*)"/gm)].map((m) => m[1]!);
  return new Set(labels);
}

/** Send them all, 50 at a time; the replies in order. */
async function sendAll(payloads: readonly InteractionInit[]): Promise<FakeCallback[]> {
  const replies: FakeCallback[] = [];
  for (let i = 0; i < payloads.length; i += 50) {
    replies.push(...(await Promise.all(payloads.slice(i, i + 50).map((p) => t.fake.interact(p).response()))));
  }
  return replies;
}

/** What a forged interaction gets: a short note only its sender sees (never the apology), or no suggestions. */
function expectTurnedAway(r: FakeCallback): void {
  if (r.type === AUTOCOMPLETE_RESULT) {
    expect(r.data?.choices).toEqual([]);
    return;
  }
  expect(r.type).toBe(CHANNEL_MESSAGE);
  expect((r.data?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  expect(r.data?.content).toMatch(/expired|don’t know that command/);
  expect(r.data?.content).not.toBe(APOLOGY);
}

/** Every label the bot may use: its commands, their autocompletes, its own component families, and `unknown`. */
const ALLOWED = new Set([
  ...commandDefinitions.flatMap((c) => [c.name, `${c.name}:autocomplete`]),
  ...[...Object.values(CUSTOM_ID), ...Object.values(QUIZ_ID)].map((prefix) => `component:${prefix.replace(/:$/, '')}`),
  'unknown',
]);

describe('metrics labels under forged interactions', () => {
  it('GIVEN members using the bot as usual THEN /metrics labels their interactions by command and component', async () => {
    const replies = await sendAll([
      slash('ask', { question: 'who hosts the summit' }, member(GUILD)),
      button(`${CUSTOM_ID.showFact}ceasefire-2020`, member(GUILD)),
      autocomplete('fact', { name: 'id', value: 'summit' }, undefined, member(GUILD)),
    ]);
    expect(replies.map((r) => r.data?.content)).not.toContain(APOLOGY);
    expect([...(await commandLabels())].sort()).toEqual(['ask', 'component:fact', 'fact:autocomplete']);
  });

  it('GIVEN 300 forged custom-id prefixes on buttons and forms THEN each is told it expired and /metrics gains only the `unknown` label', async () => {
    const before = await commandLabels();
    const replies = await sendAll([
      ...forgedPrefixes.map((prefix) => button(`${prefix}:1`, member(GUILD))),
      ...forgedPrefixes.map((prefix) => modalSubmit(`${prefix}:1`, { question: 'who hosts the summit' }, member(GUILD))),
    ]);
    expect(replies).toHaveLength(2 * FORGED);
    replies.forEach(expectTurnedAway);
    expect([...(await commandLabels())].sort()).toEqual([...before, 'unknown'].sort());
  });

  it('GIVEN 300 forged command names, slash, autocomplete and right-click THEN each gets a normal answer and /metrics gains no label', async () => {
    const before = await commandLabels();
    const replies = await sendAll([
      ...forgedPrefixes.map((name) => slash(name, { question: 'who hosts the summit' }, member(GUILD))),
      ...forgedPrefixes.map((name) => autocomplete(name, { name: 'question', value: 'who' }, undefined, member(GUILD))),
      ...forgedPrefixes.map((name) => messageContextMenu(name, { content: 'who hosts the summit', author: { id: '1300000000000000999', username: 'someone' } }, member(GUILD))),
    ]);
    expect(replies).toHaveLength(3 * FORGED);
    replies.forEach(expectTurnedAway);
    expect([...(await commandLabels())].sort()).toEqual([...before].sort());
  });

  it('GIVEN all of the above THEN every label /metrics shows is one of the bot’s own commands or components, or `unknown`', async () => {
    const labels = await commandLabels();
    expect([...labels].filter((label) => !ALLOWED.has(label))).toEqual([]);
  });
});
