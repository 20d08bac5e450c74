import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slash } from '../support/fakeDiscord.ts';
import { startBotUnderTest, type BotUnderTest } from './botHarness.ts';

const exec = promisify(execFile);

/** Run an offline tool the way `npm run <script>` does, on the test's data folder. */
async function cli(script: string, args: string[], dataDir: string, input?: string) {
  const child = exec(process.execPath, ['--import', import.meta.resolve('tsx'), resolve(script), ...args], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir },
  });
  if (input !== undefined) {
    child.child.stdin!.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A fact file of n small valid facts of its own, copied from the first curated fact. */
function fileWith(n: number): string {
  const [template] = (JSON.parse(readFileSync('data/facts.json', 'utf8')) as { facts: Array<Record<string, unknown>> }).facts;
  const facts = Array.from({ length: n }, (_, i) => ({ ...template, id: `cap-${i}`, questions: [], keywords: [], aliases: [], related: [] }));
  return JSON.stringify({ schemaVersion: 1, facts });
}

let t: BotUnderTest;
const guild = () => t.fake.guildIds[0]!;

beforeAll(async () => {
  t = await startBotUnderTest();
});

afterAll(async () => {
  await t?.stop();
});

describe('npm run ask', () => {
  it('GIVEN a question THEN it prints the same answer /ask gives, with its source', async () => {
    const { stdout, code } = await cli('src/cli/ask.ts', ['how many ppl fled karabach'], t.dataDir);
    expect(code).toBe(0);
    expect(stdout).toContain('100,000');
    expect(stdout).toMatch(/Source: paragraph 5: “.+”/);
    const discord = await t.fake.interact(slash('ask', { question: 'how many ppl fled karabach' })).response();
    expect(stdout).toContain(discord.data!.embeds![0]!.description!);
  });

  it('GIVEN --json and questions on stdin THEN one JSON object per line with the documented fields', async () => {
    const { stdout } = await cli('src/cli/ask.ts', ['--json'], t.dataDir, 'where did the leaders last meet\nwhat is the population of armenia\n\n🙂\n');
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ answered: true, factId: 'last-meeting', source: { paragraph: 4 } });
    expect(lines[0]!.score).toEqual(expect.any(Number));
    expect(lines[1]).toMatchObject({ answered: false, factId: null, source: null });
    expect(lines[1]!.suggestions).toEqual(expect.any(Array));
    expect(lines[2]).toMatchObject({ answered: false, factId: null, answer: expect.stringMatching(/type a question/) });
    expect(lines[3]).toMatchObject({ answered: false, factId: null });
  });
});

describe('npm run facts', () => {
  it('GIVEN validate THEN facts and quiz bank are checked', async () => {
    const { stdout, code } = await cli('src/cli/facts.ts', ['validate'], t.dataDir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\d+ facts and \d+ quiz items are valid/);
  });

  it('GIVEN an exported file edited offline WHEN imported THEN the running bot answers with it, and history records it', async () => {
    const exported = join(t.dataDir, 'export.json');
    expect((await cli('src/cli/facts.ts', ['export', '--guild', guild(), '--out', exported], t.dataDir)).code).toBe(0);
    const file = JSON.parse(readFileSync(exported, 'utf8')) as { facts: Array<{ id: string; answer: string }> };
    file.facts.find((f) => f.id === 'summit-day')!.answer = 'The article says the talks are on Friday (edited offline).';
    writeFileSync(exported, JSON.stringify(file));
    const imported = await cli('src/cli/facts.ts', ['import', '--guild', guild(), exported, '--by', 'alice'], t.dataDir);
    expect(imported.stdout).toContain('1 updated');
    const shown = await t.fake.interact(slash('fact', { id: 'summit-day' })).response();
    expect(shown.data!.embeds![0]!.description).toContain('edited offline');
    const history = await cli('src/cli/facts.ts', ['history', '--guild', guild(), 'summit-day'], t.dataDir);
    expect(history.stdout).toMatch(/v1 {2}import by alice at .*\(changed: answer\)/);
  });

  it('GIVEN a file with just one edited fact whose related facts are not in it THEN it is imported alone', async () => {
    const exported = join(t.dataDir, 'one.json');
    await cli('src/cli/facts.ts', ['export', '--guild', guild(), '--out', exported], t.dataDir);
    const file = JSON.parse(readFileSync(exported, 'utf8')) as { facts: Array<{ id: string; answer: string; related: string[] }> };
    const one = file.facts.find((f) => f.id === 'last-meeting')!;
    expect(one.related.length).toBeGreaterThan(0);
    one.answer = 'The article says they last met in July in Abu Dhabi (imported alone).';
    writeFileSync(exported, JSON.stringify({ schemaVersion: 1, facts: [one] }));
    const imported = await cli('src/cli/facts.ts', ['import', '--guild', guild(), exported], t.dataDir);
    expect(imported.stdout).toContain('1 updated');
    const shown = await t.fake.interact(slash('fact', { id: 'last-meeting' })).response();
    expect(shown.data!.embeds![0]!.description).toContain('imported alone');
  });

  it('GIVEN DATA_DIR pointing at a folder the bot never used THEN the tool refuses instead of creating a database', async () => {
    const { mkdtempSync, cpSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const elsewhere = mkdtempSync(join(tmpdir(), 'factbot-elsewhere-'));
    for (const name of ['facts.json', 'article.txt', 'quiz.json']) cpSync(join('data', name), join(elsewhere, name));
    const result = await cli('src/cli/facts.ts', ['history', '--guild', guild(), 'summit-day'], elsewhere);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('There is no bot database');
    expect(existsSync(join(elsewhere, 'factbot.db'))).toBe(false);
  });

  it.each([
    ['more facts than one import may hold', () => fileWith(2001), 'The file holds 2,001 facts; one import may hold at most 2,000.'],
    ['more than 1 MB', () => `${fileWith(1)}${' '.repeat(1_000_000)}`, 'one import may be at most 1000000. Split it into smaller files. Nothing was imported.'],
  ])('GIVEN a file with %s THEN it is refused with the cap and nothing is imported', async (_what, content, message) => {
    const file = join(t.dataDir, 'over-cap.json');
    writeFileSync(file, content());
    const result = await cli('src/cli/facts.ts', ['import', '--guild', guild(), file], t.dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    const history = await cli('src/cli/facts.ts', ['history', '--guild', guild(), 'cap-0'], t.dataDir);
    expect(history.stderr).toContain('There is no fact "cap-0"');
  });

  it('GIVEN a broken file THEN nothing is imported and each problem names the fact and field', async () => {
    const broken = join(t.dataDir, 'broken.json');
    const file = JSON.parse(readFileSync(join(t.dataDir, 'facts.json'), 'utf8')) as { facts: Array<Record<string, unknown>> };
    file.facts[0]!.answer = '';
    file.facts[1]!.source = { paragraph: 2, quote: 'not in the article' };
    writeFileSync(broken, JSON.stringify(file));
    const result = await cli('src/cli/facts.ts', ['import', '--guild', guild(), broken], t.dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Nothing was imported');
    expect(result.stderr).toMatch(/fact "summit-host" \(#1\) answer: must not be empty/);
    expect(result.stderr).toMatch(/fact "summit-day" source.quote is not verbatim/);
  });
});
