import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPS } from '../../src/core/facts/caps.ts';
import { fileOf, ownFacts } from '../support/generatedFacts.ts';
import { loadCuratedData } from '../../src/core/knowledge.ts';
import { CHANNEL_MESSAGE, DEFERRED, EPHEMERAL, MOD_PERMISSIONS } from '../support/discordConstants.ts';
import { startRecordingServer } from '../support/recordingServer.ts';
import { slash, subcommand, type FakeMessage, type InteractionContext } from '../support/fakeDiscord.ts';
import { startBotUnderTest, type BotUnderTest } from './botHarness.ts';

/** A imports, B answers questions meanwhile, C is filled up to its cap. */
const A = '1300000000000000100';
const B = '1300000000000000500';
const C = '1300000000000000700';
const mod = (guildId: string): InteractionContext => ({ guildId, userId: '1300000000000000201', username: 'anna', permissions: MOD_PERMISSIONS });
const member = (guildId: string): InteractionContext => ({ guildId, userId: '1300000000000000203', username: 'carl' });

const curated = loadCuratedData('data').facts;
let t: BotUnderTest;
beforeAll(async () => {
  t = await startBotUnderTest({ fake: { guildIds: [A, B, C] } });
});
afterAll(async () => {
  await t?.stop();
});

function startImport(content: string, guildId = A) {
  return t.fake.interact(subcommand('factadmin', 'import', { file: t.fake.hostFile('facts.json', content) }, mod(guildId)));
}

/** The import's final reply (after its deferral). */
async function imported(content: string, guildId = A): Promise<FakeMessage> {
  const handle = startImport(content, guildId);
  expect((await handle.response()).type).toBe(DEFERRED);
  const message = await handle.edit(1, 15_000);
  expect(message.allowed_mentions).toEqual({ parse: [] });
  return message;
}

/** Whether the server has the fact, asked through /factadmin history (no search index is built for it). */
async function has(id: string, guildId = A): Promise<boolean> {
  const r = await t.fake.interact(subcommand('factadmin', 'history', { id }, mod(guildId))).response();
  return r.data?.embeds?.length === 1;
}

describe('imports over the caps', () => {
  it('GIVEN the 1 MB file of 333,320 empty facts WHEN imported THEN it is refused with the cap and nothing changes', async () => {
    const message = await imported(JSON.stringify({ schemaVersion: 1, facts: Array<object>(333_320).fill({}) }));
    expect(message.content).toBe(
      'Nothing was imported: the file has 1 problem(s).\n• The file holds 333,320 facts; one import may hold at most 2,000. Split it into smaller files.',
    );
    expect(message.attachments).toEqual([]);
  });

  it('GIVEN valid facts one over the cap WHEN imported THEN it is refused with the cap and none is added', async () => {
    const message = await imported(fileOf(ownFacts(CAPS.importFacts + 1, 'over')));
    expect(message.content).toContain('The file holds 2,001 facts; one import may hold at most 2,000.');
    expect(await has('over-0')).toBe(false);
  });

  it('GIVEN 2,000 broken facts WHEN imported THEN the reply lists the first 100 problems and says how many there are in all, in the message and the file', async () => {
    const message = await imported(fileOf(ownFacts(CAPS.importFacts, 'broken').map((f) => ({ ...f, topic: 'weather' }))));
    expect(message.content).toMatch(/^Nothing was imported: the file has 2,000 problems\. Here are the first 100; fix them and import it again to see the rest\.\n• fact "broken-0" \(#1\) topic: /);
    expect(message.content).toMatch(/\n…and 1,9\d\d more problems; 2,000 in all\. The first 100 are listed in import-problems\.txt\.$/);
    const file = message.attachments[0]!.content;
    const listed = file.split('\n').filter((line) => line.startsWith('• '));
    expect(listed).toHaveLength(CAPS.reportedProblems);
    expect(listed.at(-1)).toMatch(/^• fact "broken-99" \(#100\) topic: /);
    expect(file.trimEnd().split('\n').at(-1)).toBe('…and 1,900 more problems; 2,000 in all.');
  });

  it('GIVEN a large file with one broken fact at the end WHEN imported THEN nothing of it is applied', async () => {
    const facts: unknown[] = ownFacts(CAPS.importFacts - 1, 'almost');
    facts.push({ ...curated[1]!, source: { paragraph: 1, quote: 'not in the article' } });
    const message = await imported(fileOf(facts));
    expect(message.content).toContain(`fact "${curated[1]!.id}" source.quote is not verbatim in paragraph 1`);
    expect(await has('almost-0')).toBe(false);
  });
});

describe('a large import does not hold up other servers', () => {
  it('GIVEN a 2,000-fact import checked in server A THEN /ask in server B is answered meanwhile, and then all 2,000 facts are applied', async () => {
    const handle = startImport(fileOf(ownFacts(CAPS.importFacts, 'big')));
    expect((await handle.response()).type).toBe(DEFERRED);
    // Questions in B, one after another, until the import replies: many are answered while it is checked.
    let answeredMeanwhile = 0;
    while (handle.edits.length === 0) {
      const reply = await t.fake.interact(slash('ask', { question: 'Where did the leaders last meet?' }, member(B))).response();
      if (handle.edits.length === 0) answeredMeanwhile += 1;
      expect(reply.data!.embeds![0]!.title).not.toBe('The article doesn’t say');
    }
    // Checked in this thread instead, the import let at most 2 through (the ones sent while it downloaded); in a worker, over 100.
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(10);
    expect(handle.edits[0]!.content).toMatch(/^Imported: 2000 added, 0 updated, 0 unchanged\./);
    expect(await has('big-0')).toBe(true);
    expect(await has('big-1999')).toBe(true);
    expect(await has('big-0', B)).toBe(false);
  });

  it('GIVEN an import under way in a server THEN a second one there is refused at once, while another server may import', async () => {
    const first = startImport(fileOf(ownFacts(500, 'first')));
    expect((await first.response()).type).toBe(DEFERRED);
    const second = await startImport(fileOf(ownFacts(10, 'second'))).response();
    expect(second.data!.content).toBe('An import is already under way in this server: wait for its reply, then try again. Nothing was imported.');
    const elsewhere = await imported(fileOf(ownFacts(500, 'elsewhere')), B);
    expect(elsewhere.content).toMatch(/^Imported: 500 added/);
    expect((await first.edit(1, 15_000)).content).toMatch(/^Imported: 500 added/);
    expect(await has('second-0')).toBe(false);
  });
});

describe('what one server may hold', () => {
  it('GIVEN imports up to the server cap THEN one beyond it is refused, and /factadmin add says the server is full', async () => {
    expect((await imported(fileOf(ownFacts(2000, 'c1')), C)).content).toMatch(/^Imported: 2000 added/);
    expect((await imported(fileOf(ownFacts(2000, 'c2')), C)).content).toMatch(/^Imported: 2000 added/);
    const refused = await imported(fileOf(ownFacts(1001, 'c3')), C);
    expect(refused.content).toBe(
      'Nothing was imported: the file has 1 problem(s).\n• This import would bring the server to 5,001 facts of its own (added or edited); one server may hold at most 5,000. Remove facts it no longer needs or import fewer. Nothing was imported.',
    );
    expect(await has('c3-0', C)).toBe(false);
    expect((await imported(fileOf(ownFacts(1000, 'c3')), C)).content).toMatch(/^Imported: 1000 added/);

    const add = await t.fake.interact(subcommand('factadmin', 'add', undefined, mod(C))).response();
    expect(add.data!.content).toBe(
      'This server already holds 5,000 facts of its own (added or edited), the most one server may hold. Remove facts it no longer needs, then try again. Nothing was saved.',
    );
  });
});

describe('where an import file may come from', () => {
  it('GIVEN a forged attachment whose URL points at another server THEN the moderator is told it is not on Discord, and that server is never asked for it', async () => {
    const elsewhere = await startRecordingServer(fileOf(ownFacts(3, 'forged')));
    try {
      const port = new URL(elsewhere.origin).port;
      const forgedUrls = [
        `${elsewhere.origin}/attachments/0/1/facts.json`,
        `http://localhost:${port}/attachments/0/1/facts.json`,
        `http://cdn.discordapp.com@127.0.0.1:${port}/facts.json`,
        `https://cdn.discordapp.com.evil.example/attachments/0/1/facts.json`,
        `file:///etc/passwd`,
      ];
      for (const url of forgedUrls) {
        const file = { ...t.fake.hostFile('facts.json', fileOf(ownFacts(3, 'forged'))), url, proxy_url: url };
        const r = await t.fake.interact(subcommand('factadmin', 'import', { file }, mod(A))).response();
        expect({ url, type: r.type, ephemeral: ((r.data?.flags ?? 0) & EPHEMERAL) === EPHEMERAL, content: r.data?.content }).toEqual({
          url,
          type: CHANNEL_MESSAGE,
          ephemeral: true,
          content: 'That file is not on Discord’s servers, so I did not download it. Attach the file to `/factadmin import` itself. Nothing was imported.',
        });
      }
      expect(elsewhere.requests).toEqual([]);
      expect(await has('forged-0')).toBe(false);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('what a refused import shows back', () => {
  /** Markdown Discord would render: a masked link, a mass mention, bold. */
  const rendered = (text: string) => ({
    maskedLink: /(?<!\\)\[[^\]\n]*\]\(/.test(text),
    massMention: /@(everyone|here)/.test(text),
    bold: /(?<!\\)\*\*/.test(text),
  });
  const inert = { maskedLink: false, massMention: false, bold: false };

  it('GIVEN a fact whose id is a masked link, a mass mention and bold text THEN the problem list shows the id as typed, rendering none of it', async () => {
    const id = '[x](https://evil.example) @everyone **b**';
    const message = await imported(fileOf([{ ...ownFacts(1)[0], id }]));
    expect(message.content).toContain('• fact "\\[x\\](https://evil.example) @\u200beveryone \\*\\*b\\*\\*" (#1) id: must be lowercase words');
    expect(rendered(message.content)).toEqual(inert);
  });

  it('GIVEN a file that is not JSON but a masked link and a mass mention THEN the JSON error quoting it renders none of it', async () => {
    const message = await imported('[x](https://evil.example) @everyone **b**');
    expect(message.content).toMatch(/^Nothing was imported: the file has 1 problem\(s\)\.\n• The file is not valid JSON: /);
    expect(rendered(message.content)).toEqual(inert);
  });

  it('GIVEN more problems than fit in a message, each naming a hostile id THEN the message and its count stay inert and within Discord’s limit', async () => {
    const id = '[x](https://evil.example) @everyone **b**';
    const message = await imported(fileOf(ownFacts(300, 'hostile').map((f, i) => ({ ...f, id: `${id} ${i}` }))));
    expect(message.content.length).toBeLessThanOrEqual(2000);
    expect(message.content).toMatch(/…and \d+ more problems; 300 in all\. The first 100 are listed in import-problems\.txt\.$/);
    expect(rendered(message.content)).toEqual(inert);
  });
});
