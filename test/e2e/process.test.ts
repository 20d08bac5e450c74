import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slash, startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord.ts';
import { envFor, freshDataDir } from './botHarness.ts';

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run one of the project's entry points as a real process, the way npm scripts do. */
function run(script: string, env: NodeJS.ProcessEnv, untilOutput?: RegExp) {
  // Run from the data folder so a developer's own .env in the repo cannot leak into the test.
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), resolve(script)], {
    cwd: String(env.DATA_DIR),
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
  const seen = new Promise<void>((done, reject) => {
    if (!untilOutput) return done();
    const check = () => (untilOutput.test(stdout) ? done() : undefined);
    child.stdout.on('data', check);
    void finished.then((f) => reject(new Error(`exited ${f.code} before ${untilOutput}: ${f.stdout}${f.stderr}`)));
  });
  return { child, finished, seen };
}

let fake: FakeDiscord;
let dataDir: string;

beforeEach(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 250 });
  dataDir = freshDataDir();
});

afterEach(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start (src/index.ts as a process)', () => {
  it('GIVEN the .env values THEN it logs in, answers, and exits 0 on SIGTERM without logging the token', async () => {
    const bot = run('src/index.ts', envFor(fake, dataDir, { LOG_LEVEL: 'info' }), /"msg":"ready"/);
    await bot.seen;
    const answer = await fake.interact(slash('ask', { question: 'Who is hosting the Armenia-Azerbaijan summit, and where?' })).response();
    expect(answer.data!.embeds![0]!.description).toContain('White House');
    bot.child.kill('SIGTERM');
    const result = await bot.finished;
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(fake.token);
    expect(result.stdout).not.toMatch(/"level":(50|60)/);
    const handled = result.stdout
      .split('\n')
      .filter((line) => line.includes('"msg":"interaction"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(handled[0]).toMatchObject({ command: 'ask', guildId: fake.guildIds[0], outcome: 'ok' });
    expect(handled[0]!.interactionId).toMatch(/^\d+$/);
    expect(handled[0]!.latencyMs).toEqual(expect.any(Number));
  });

  it('GIVEN a missing token THEN it stops at once naming the variable and the fix', async () => {
    const env = envFor(fake, dataDir);
    delete env.DISCORD_TOKEN;
    const result = await run('src/index.ts', env).finished;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DISCORD_TOKEN is missing. Set it in .env');
  });

  it('GIVEN a fact file with a broken field THEN it stops naming the file, the field and the fix', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const file = JSON.parse(readFileSync(`${dataDir}/facts.json`, 'utf8')) as { facts: Array<{ source: { paragraph: number } }> };
    file.facts[1]!.source.paragraph = 0;
    writeFileSync(`${dataDir}/facts.json`, JSON.stringify(file));
    const result = await run('src/index.ts', envFor(fake, dataDir)).finished;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${dataDir}/facts.json`);
    expect(result.stderr).toContain('facts[1].source.paragraph: must be 1 or more');
  });
});

describe('npm run deploy', () => {
  it('GIVEN no commands registered THEN it registers them, and a second run sends nothing', async () => {
    const env = envFor(fake, dataDir);
    const first = await run('src/cli/deploy.ts', env).finished;
    expect(first.stdout).toContain(`Commands registered server ${fake.guildIds[0]}`);
    expect(fake.commands(fake.guildIds[0]).map((c) => c.name)).toContain('ask');
    const writes = fake.commandWrites;
    const second = await run('src/cli/deploy.ts', env).finished;
    expect(second.stdout).toContain('already up to date');
    expect(fake.commandWrites).toBe(writes);
  });
});
