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

describe('npm run facts -- backup', () => {
  it('GIVEN the bot running with a server’s own edits THEN backup --out writes a copy that, restored, exports the same facts, and says how to restore it', async () => {
    const { mkdtempSync, cpSync, renameSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const backups = mkdtempSync(join(tmpdir(), 'factbot-backups-'));
    const out = join(backups, 'factbot-backup.db');
    const edit = join(backups, 'edit.json');
    const file = JSON.parse(readFileSync('data/facts.json', 'utf8')) as { facts: Array<{ id: string; answer: string }> };
    const hostFact = file.facts.find((f) => f.id === 'summit-host')!;
    writeFileSync(edit, JSON.stringify({ schemaVersion: 1, facts: [{ ...hostFact, answer: `${hostFact.answer} (edited before the backup)` }] }));
    expect((await cli('src/cli/facts.ts', ['import', '--guild', guild(), edit], t.dataDir)).code).toBe(0);

    const result = await cli('src/cli/facts.ts', ['backup', '--out', out], t.dataDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Backed up ${join(t.dataDir, 'factbot.db')} to ${out}`);
    expect(result.stdout).toContain('it reads back intact');
    expect(result.stdout).toContain(`To restore: stop the bot, copy ${out} over ${join(t.dataDir, 'factbot.db')}`);

    // Restore it into a folder of its own and compare what the server's facts export to.
    const restored = mkdtempSync(join(tmpdir(), 'factbot-restored-'));
    cpSync('data', restored, { recursive: true, filter: (src) => !/\.db(-wal|-shm)?$/.test(src) });
    renameSync(out, join(restored, 'factbot.db'));
    const live = await cli('src/cli/facts.ts', ['export', '--guild', guild()], t.dataDir);
    const fromBackup = await cli('src/cli/facts.ts', ['export', '--guild', guild()], restored);
    expect(fromBackup.code).toBe(0);
    expect(fromBackup.stdout).toBe(live.stdout);
    expect(fromBackup.stdout).toContain('(edited before the backup)');
    for (const dir of [backups, restored]) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['no --out', () => ['backup'], 'backup needs --out <file.db>: where to write the copy.'],
    ['an --out that exists', () => ['backup', '--out', join(t.dataDir, 'facts.json')], 'already exists; name a new file (a backup never overwrites one).'],
    ['the bot’s own database as --out', () => ['backup', '--out', join(t.dataDir, 'factbot.db')], 'is the bot\'s own database; name a new file'],
    ['an --out in a folder that does not exist', () => ['backup', '--out', join(t.dataDir, 'missing', 'copy.db')], 'does not exist; create it first.'],
  ])('GIVEN %s THEN backup says what to fix, exits 1 and writes nothing', async (_what, args, message) => {
    const before = readFileSync(join(t.dataDir, 'facts.json'), 'utf8');
    const result = await cli('src/cli/facts.ts', args(), t.dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(readFileSync(join(t.dataDir, 'facts.json'), 'utf8')).toBe(before);
  });
});
