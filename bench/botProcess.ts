import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { envFor } from '../test/e2e/botHarness.ts';
import type { FakeDiscord } from '../test/support/fakeDiscord.ts';

/** `npm start`'s command line (after its prestart build), read from package.json so the bench measures exactly that. */
function startCommand(): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [program, ...args] = scripts.start!.split(' ');
  if (program !== 'node') throw new Error(`npm start runs ${program}, the bench expects node`);
  return args.map((arg) => (arg.endsWith('.js') ? resolve(arg) : arg));
}

export function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

export interface BotProcess {
  child: ChildProcess;
  /** Process start to the "ready" log line, which the bot writes once its commands are registered. */
  startupMs: number;
  residentBytes(): number;
  /** SIGTERM, and SIGKILL if a stalled bot has not exited within 5 s. */
  stop(): Promise<void>;
}

/** The bot as `npm start` runs it (build first with `npm run build`), against the fake, in its own process. */
export async function startBotProcess(fake: FakeDiscord, dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<BotProcess> {
  const started = performance.now();
  const child = spawn(process.execPath, startCommand(), {
    cwd: dataDir,
    env: { PATH: process.env.PATH, ...envFor(fake, dataDir, { LOG_LEVEL: 'info', ...extraEnv }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((ready, fail) => {
    let pending = '';
    const onData = (chunk: Buffer) => {
      // Only the line being read is kept: the bot logs every interaction and nothing here needs them.
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      if (lines.some((line) => line.includes('"msg":"ready"'))) ready();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`bot exited with ${code} before it was ready`)));
  });
  const startupMs = performance.now() - started;
  return {
    child,
    startupMs,
    residentBytes: () => residentBytes(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}
