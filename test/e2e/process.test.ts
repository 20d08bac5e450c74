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
  // npm start's flag too, so stderr holds only what the bot itself says.
  const child = spawn(process.execPath, ['--disable-warning=UnsupportedCacheOverwriteWarning', '--import', import.meta.resolve('tsx'), resolve(script)], {
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

  it('GIVEN it started THEN it logs the invite link once, with the bot and applications.commands scopes', async () => {
    const bot = run('src/index.ts', envFor(fake, dataDir, { LOG_LEVEL: 'info' }), /invite link/);
    await bot.seen;
    bot.child.kill('SIGTERM');
    const { stdout } = await bot.finished;
    const invites = stdout.split('\n').filter((line) => line.includes('invite link'));
    expect(invites).toHaveLength(1);
    const { invite } = JSON.parse(invites[0]!) as { invite: string };
    expect(new URL(invite).searchParams.get('client_id')).toBe(fake.applicationId);
    expect(new URL(invite).searchParams.get('scope')).toBe('bot applications.commands');
  });

  it('GIVEN a clean Ctrl-C THEN it logs no reconnecting warning and says it closed the database', async () => {
    const bot = run('src/index.ts', envFor(fake, dataDir, { LOG_LEVEL: 'info' }), /invite link/);
    await bot.seen;
    bot.child.kill('SIGINT');
    const result = await bot.finished;
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/reconnecting|disconnected/);
    expect(result.stdout).not.toMatch(/"level":(40|50|60)/);
    expect(result.stdout).toContain('database closed');
  });

  it('GIVEN LOG_FORMAT=pretty THEN the logs are readable lines, not JSON', async () => {
    const bot = run('src/index.ts', envFor(fake, dataDir, { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' }), /invite link/);
    await bot.seen;
    bot.child.kill('SIGTERM');
    const { stdout } = await bot.finished;
    expect(stdout).toMatch(/^\d\d:\d\d:\d\d INFO {2}ready user=\S+ commands=\w+$/m);
    expect(stdout).not.toMatch(/^\{/m);
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

describe('npm start: the first-run mistakes end in one sentence naming the cause and the fix', () => {
  const unreachable = 'http://127.0.0.1:1/api';
  it.each([
    ['a token Discord rejects', { DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.wrong-token-value' }, /^Discord rejected DISCORD_TOKEN .*Reset Token\) into \.env\.$/],
    ['a client id that is not the token’s application', { DISCORD_CLIENT_ID: '123456789012345678' }, /^DISCORD_CLIENT_ID 123456789012345678 is not the application of DISCORD_TOKEN: set DISCORD_CLIENT_ID=1300000000000000001 in \.env/],
    ['a DISCORD_GUILD_ID the bot has not joined', { DISCORD_GUILD_ID: '123456789012345678' }, /^The bot has not joined the server DISCORD_GUILD_ID=123456789012345678 \(Discord answered Missing Access\): invite it with https:\/\/discord\.com\/oauth2\/authorize\?client_id=1300000000000000001&.* or leave DISCORD_GUILD_ID empty/],
    ['Discord unreachable', { DISCORD_API_BASE: unreachable }, /^Discord could not be reached at http:\/\/127\.0\.0\.1:1\/api \(ECONNREFUSED\): check that it is running/],
  ])('GIVEN %s THEN it exits 1 with that one sentence, no stack and no token', async (_case, override, sentence) => {
    const env = envFor(fake, dataDir, { LOG_LEVEL: 'info', ...override });
    const result = await run('src/index.ts', env).finished;
    expect(result.code).toBe(1);
    const said = result.stderr.trim().split('\n');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(sentence);
    expect(result.stdout + result.stderr).not.toContain(String(env.DISCORD_TOKEN));
    expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('npm run invite', () => {
  it('GIVEN only DISCORD_CLIENT_ID THEN it prints the link that adds the bot with its scopes and permissions', async () => {
    const result = await run('src/cli/invite.ts', { DATA_DIR: dataDir, DISCORD_CLIENT_ID: fake.applicationId }).finished;
    expect(result.code).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe(fake.applicationId);
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel, Send Messages, Embed Links: a quiz posts in its channel once its interaction has expired.
    expect(url.searchParams.get('permissions')).toBe(String(1024 + 2048 + 16384));
  });

  it('GIVEN no DISCORD_CLIENT_ID THEN it names the variable and where to find it', async () => {
    const result = await run('src/cli/invite.ts', { DATA_DIR: dataDir }).finished;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DISCORD_CLIENT_ID is missing. Set it in .env (copy .env.example): the application id from the developer portal's General Information page");
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

  it('GIVEN a server the bot has not joined THEN it says so in one sentence with the invite link', async () => {
    const result = await run('src/cli/deploy.ts', envFor(fake, dataDir, { DISCORD_GUILD_ID: '123456789012345678' })).finished;
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^The bot has not joined the server DISCORD_GUILD_ID=123456789012345678 .*invite it with https:\/\/discord\.com\/oauth2\/authorize\?[^\n]*$/);
  });
});
