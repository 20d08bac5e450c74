import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { slash, startFakeDiscord } from '../support/fakeDiscord.ts';
import { envFor, freshDataDir } from './botHarness.ts';

const exec = promisify(execFile);
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string | undefined> }).scripts;

/** npm start's node arguments, with its launcher taken from `root` instead of the repository. */
function startArgs(root: string): string[] {
  const [program, ...args] = scripts.start!.split(' ');
  expect(program).toBe('node');
  return args.map((arg) => (arg === 'scripts/start.js' ? join(root, 'scripts', 'start.js') : arg));
}

/** A folder laid out as the repository is, holding only the given scripts (and whatever the test adds). */
function sandbox(...files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'factbot-start-'));
  mkdirSync(join(root, 'scripts'));
  for (const file of files) cpSync(join('scripts', file), join(root, 'scripts', file));
  return root;
}

const cleanup: string[] = [];
afterAll(() => cleanup.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('npm start runs the built bot', () => {
  it('GIVEN npm start THEN it does not compile first (no prestart build)', () => {
    expect(scripts.prestart).toBeUndefined();
    expect(scripts.start).not.toMatch(/tsc|tsx|build/);
    expect(scripts.prepare).toBe('node scripts/prepare.js');
  });

  it('GIVEN no build yet THEN it says in one line to run npm run build first', async () => {
    const root = sandbox('start.js');
    cleanup.push(root);
    const result = await exec(process.execPath, startArgs(root)).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1 });
    expect(result.stderr.trim()).toBe('dist/ is missing: run npm run build first (npm start runs the compiled bot and does not compile it).');
  });

  it('GIVEN sources changed after the build THEN it still starts and says to rebuild', async () => {
    const root = sandbox('start.js');
    cleanup.push(root);
    mkdirSync(join(root, 'dist', 'src'), { recursive: true });
    writeFileSync(join(root, 'dist', 'src', 'index.js'), "export async function main() { console.log('bot started'); }\n");
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'bot.ts'), '');
    const built = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'dist', 'src', 'index.js'), built, built);
    const { stdout, stderr } = await exec(process.execPath, startArgs(root));
    expect(stdout).toBe('bot started\n');
    expect(stderr).toContain('dist/ is older than the sources; run npm run build');
  });

  it('GIVEN an install without dev dependencies (npm ci --omit=dev) THEN prepare skips the build instead of failing', async () => {
    const root = sandbox('prepare.js');
    cleanup.push(root);
    // Outside the repository no node_modules is reachable, as after --omit=dev: no TypeScript.
    const { stdout } = await exec(process.execPath, [join(root, 'scripts', 'prepare.js')]);
    expect(stdout).toContain('TypeScript is not installed (npm ci --omit=dev)');
  });

  it('GIVEN the bot built once THEN npm start runs it with plain node, no TypeScript loader, and it answers', async () => {
    // Inside dist/ (ignored by git) so the compiled files find node_modules as the real build's do.
    const root = resolve('dist', 'npm-start-test');
    cleanup.push(root);
    rmSync(root, { recursive: true, force: true });
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    await exec(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(root, 'dist')]);
    mkdirSync(join(root, 'scripts'));
    cpSync(join('scripts', 'start.js'), join(root, 'scripts', 'start.js'));

    const fake = await startFakeDiscord({ heartbeatIntervalMs: 250 });
    const dataDir = freshDataDir();
    cleanup.push(dataDir);
    const child = spawn(process.execPath, startArgs(root), {
      cwd: dataDir,
      env: { PATH: process.env.PATH, ...envFor(fake, dataDir, { LOG_LEVEL: 'info' }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    await new Promise<void>((ready) => child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()).includes('"msg":"ready"') && ready()));
    const answer = await fake.interact(slash('ask', { question: 'Who is hosting the Armenia-Azerbaijan summit, and where?' })).response();
    expect(answer.data!.embeds![0]!.description).toContain('White House');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    await fake.close();
  }, 60_000);
});
