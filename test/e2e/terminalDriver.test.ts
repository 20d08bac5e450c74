import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/core/answers/answerQuestion.ts';
import { buildKnowledge, loadCuratedData } from '../../src/core/knowledge.ts';
import type { FakeMessage } from '../support/fakeDiscord.ts';
import { pickPayload } from '../support/terminalComponents.ts';
import { DRIVER_MODERATOR_ROLE_ID, TerminalDriver } from '../support/terminalDriver.ts';
import { renderMessage } from '../support/terminalRender.ts';
import { startBotUnderTest, type BotUnderTest } from './botHarness.ts';

let t: BotUnderTest;
/** A question the bot answers outright (the core decides, so a refit of the model does not break these tests). */
const curated = buildKnowledge(loadCuratedData('data').facts);
const ANSWERED = curated.facts.facts.find((f) => answerQuestion(curated, f.question).fact?.id === f.id)!.question;
let out: string[];
let driver: TerminalDriver;

beforeAll(async () => {
  t = await startBotUnderTest({ env: { MODERATOR_ROLE_IDS: DRIVER_MODERATOR_ROLE_ID } });
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  out = [];
  driver = new TerminalDriver(t.fake, (text) => out.push(text));
});

/** Type lines into the driver as a person would and return what it printed for them. */
async function type(...lines: string[]): Promise<string> {
  out.length = 0;
  for (const line of lines) await driver.handle(line);
  return out.join('\n');
}

describe('the terminal driver', () => {
  it('GIVEN a question THEN it prints the answer as a person reads it: title, text, source and buttons, no JSON', async () => {
    const shown = await type(`ask question=${ANSWERED}`);
    expect(shown).toMatch(/^factbot:/);
    expect(shown).toMatch(/== .+ ==/);
    expect(shown).toContain('¶');
    expect(shown).toMatch(/\[ [^\]]+ \]/);
    expect(shown).not.toMatch(/[{}]"|"type":/);
  });

  it('GIVEN a button label WHEN clicked THEN that button of the message above is pressed and its reply printed', async () => {
    const shown = await type(`ask question=${ANSWERED} private=true`);
    const label = /\[ (\w[^\]]*?)… \]/.exec(shown)![1]!;
    const clicked = await type(`click ${label}`);
    expect(clicked).toContain(`== ${label}`);
    expect(t.fake.interactions.at(-1)!.payload.type).toBe(3);
  });

  it('GIVEN a button with only an emoji WHEN clicked by it THEN it is pressed', async () => {
    await type(`ask question=${ANSWERED}`);
    expect(await type('click 👍')).toContain('(only you can see this)');
    expect(t.fake.interactions.at(-1)!.payload.type).toBe(3);
  });

  it('GIVEN share=@alice THEN the answer is addressed to that member', async () => {
    const shown = await type(`ask question=${ANSWERED} share=@alice`);
    expect(shown).toContain('Answer for @alice');
  });

  it('GIVEN a subcommand THEN it runs it, and later rounds posted by the bot are printed too', async () => {
    const shown = await type('quiz start rounds=3 seconds=10');
    expect(shown).toContain('Quiz · round 1 of 3');
    expect(shown).toMatch(/\[ A\. .+ \]/);
    const answered = await type('click A');
    expect(answered).toContain('(only you can see this)');
    out.length = 0;
    await driver.handle('click Reveal');
    for (let waited = 0; !out.join('\n').includes('round 2 of 3') && waited < 5000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      driver.printChanges();
    }
    expect(out.join('\n')).toContain('factbot (edited):');
    expect(out.join('\n')).toContain('Quiz · round 2 of 3');
    await type('quiz stop');
  });

  it('GIVEN a member THEN /factadmin is refused; AS a moderator (the role) THEN factadmin gaps answers', async () => {
    expect(await type('factadmin gaps')).toContain('Only moderators');
    const shown = await type('as moderator', 'factadmin gaps');
    expect(shown).toContain('You are now a moderator');
    expect(shown).not.toContain('Only moderators');
    expect(t.fake.interactions.at(-1)!.payload.member!.roles).toEqual([DRIVER_MODERATOR_ROLE_ID]);
  });

  it('GIVEN a form THEN it asks each field by its label, and Enter keeps what is filled in, then sends it', async () => {
    await type('as moderator');
    const opened = await type('factadmin edit id=ceasefire-2020');
    expect(opened).toMatch(/^Form: /);
    const prompts: string[] = [];
    while (driver.prompt !== '> ') {
      prompts.push(driver.prompt);
      await driver.handle('');
    }
    expect(prompts.length).toBeGreaterThanOrEqual(4);
    expect(prompts[0]).toMatch(/now: /);
    expect(t.fake.interactions.at(-1)!.payload.type).toBe(5);
    expect(out.join('\n')).toMatch(/^factbot/m);
  });

  it('GIVEN a file option THEN the file at that path is attached (factadmin import)', async () => {
    const shown = await type('as moderator', 'factadmin import file=data/facts.json');
    expect(shown).toMatch(/factbot \(only you can see this\):\n.*(Imported|imported|Replaced|replaced|facts)/);
    const sent = t.fake.interactions.at(-1)!.payload.data as { resolved?: { attachments?: Record<string, { filename: string }> } };
    expect(Object.values(sent.resolved!.attachments!)[0]!.filename).toBe('facts.json');
  });

  it('GIVEN the message menu on a member’s message THEN it answers that message', async () => {
    const shown = await type(`app Answer with facts: ${ANSWERED}`);
    expect(shown).toContain(ANSWERED);
    expect(t.fake.interactions.at(-1)!.payload.data).toMatchObject({ name: 'Answer with facts', type: 3 });
  });

  it('GIVEN complete THEN it lists the suggestions by their text', async () => {
    const shown = await type('complete fact id=nobel');
    expect(shown).toMatch(/^Suggestions:\n {2}1\. /);
  });

  it.each([
    ['quiz', 'needs one of: start, stop, leaderboard'],
    ['ask', 'needs question='],
    ['ask question=hi colour=red', 'has no option "colour"'],
    ['click Nowhere', 'No button "Nowhere"'],
    ['quiz start rounds=1', 'rounds must be between'],
  ])('GIVEN the mistake %j THEN it says what to type instead', async (line, said) => {
    expect(await type(line)).toContain(said);
  });

  it('GIVEN quit THEN handle says to leave', async () => {
    expect(await driver.handle('quit')).toBe('quit');
  });
});

describe('menus', () => {
  const withMenu = {
    id: '1',
    content: '',
    embeds: [],
    flags: 0,
    attachments: [],
    components: [{ type: 1, components: [{ type: 3, custom_id: 'related', placeholder: 'Related facts', options: [{ label: 'Who mediates?', value: 'mediators' }, { label: 'When is the summit?', value: 'summit-day' }] }] }],
  } as unknown as FakeMessage;

  it('GIVEN a select menu THEN it is printed with its numbered entries', () => {
    expect(renderMessage(withMenu)).toContain('[ Related facts v ]  (type: pick <option>)\n    1. Who mediates?\n    2. When is the summit?');
  });

  it.each(['2', 'when is'])('GIVEN pick %j THEN that entry of the menu is chosen', (choice) => {
    const payload = pickPayload([withMenu], choice, {});
    expect(payload.data).toEqual({ custom_id: 'related', component_type: 3, values: ['summit-day'] });
  });
});

describe('npm run fake-discord', () => {
  it('GIVEN it is started with piped input THEN it prints the .env lines, moderator role included, and quit exits at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factbot-driver-'));
    writeFileSync(join(dir, 'input.txt'), 'quit\n');
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), resolve('test/support/runFakeDiscord.ts')], {
      cwd: dir,
      env: { PATH: process.env.PATH, FAKE_DISCORD_PORT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdin.end('quit\n');
    const started = Date.now();
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(stdout).toContain(`MODERATOR_ROLE_IDS=${DRIVER_MODERATOR_ROLE_ID}`);
    expect(stdout).toMatch(/DISCORD_API_BASE=http:\/\/127\.0\.0\.1:\d+\/api/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
