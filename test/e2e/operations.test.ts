import { execFile, execFileSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/bot.ts';
import { factSchema } from '../../src/core/facts/schema.ts';
import { openDatabase } from '../../src/core/store/database.ts';
import { FactStore } from '../../src/core/store/factStore.ts';
import { start } from '../../src/index.ts';
import { modalSubmit, slash, startFakeDiscord, type FakeDiscord, type InteractionContext } from '../support/fakeDiscord.ts';
import { envFor, freePort, freshDataDir, startBotUnderTest, type BotUnderTest } from './botHarness.ts';
import { EPHEMERAL, MOD_PERMISSIONS } from '../support/discordConstants.ts';



let t: BotUnderTest;
let port: number;

beforeAll(async () => {
  port = await freePort();
  t = await startBotUnderTest({ env: { HEALTH_PORT: String(port), ASK_LIMIT: '5', DUPLICATE_ANSWER_WINDOW_S: '60' } });
});

afterAll(async () => {
  await t?.stop();
});

const ask = (question: string, userId: string, channelId?: string) =>
  t.fake.interact(slash('ask', { question }, { userId, ...(channelId ? { channelId } : {}) })).response();

describe('flood protection', () => {
  it('GIVEN a member asking six times in a row THEN the sixth gets a clear "slow down" with the wait', async () => {
    const member = '1300000000000020001';
    const questions = ['who hosts', 'when is the summit', 'where did they last meet', 'how many fled', 'who mediated before'];
    for (const q of questions) expect((await ask(q, member)).data!.content ?? '').not.toMatch(/slow down/i);
    const sixth = await ask('what is the march draft', member);
    expect(sixth.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(sixth.data!.content).toMatch(/^Slow down a little: .* Try again in \d+ s\.$/);
    expect((await ask('what is the march draft', '1300000000000020002')).data!.embeds).toHaveLength(1);
  });

  it('GIVEN the same answer asked publicly twice in a channel THEN the second asker gets it privately, not the channel', async () => {
    const first = await ask('what did the 2020 ceasefire do', '1300000000000020003');
    expect(first.data!.flags ?? 0).toBe(0);
    const second = await ask('when was the ceasefire', '1300000000000020004');
    expect(second.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(second.data!.content).toMatch(/answered in this channel a moment ago/);
    expect(second.data!.embeds![0]!.description).toBe(first.data!.embeds![0]!.description);
  });
});

describe('health and metrics', () => {
  it('GIVEN HEALTH_PORT THEN /healthz reports the gateway connected and the database writable', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, gateway: true, database: true });
  });

  it('GIVEN answered and unanswered questions THEN /metrics counts them by command and outcome, with latency', async () => {
    await ask('what is the population of armenia', '1300000000000020005');
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/factbot_interactions_total\{command="ask",outcome="ok"\} \d+/);
    expect(text).toMatch(/factbot_interactions_total\{command="ask",outcome="user_error"\} 1/);
    expect(text).toMatch(/factbot_unanswered_questions_total \d+/);
    expect(text).toMatch(/factbot_interaction_duration_seconds_bucket\{le="0.1",command="ask"\} \d+/);
    expect(text).toContain('factbot_gateway_reconnects_total');
  });

  it('GIVEN members asked THEN /metrics shows how many entries each bounded structure holds', async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const size = (name: string) => Number(new RegExp(`^factbot_${name} (\\d+)$`, 'm').exec(text)?.[1]);
    // Five members asked above, all within the 30 s window; at least two answers were posted publicly in the channel.
    expect(size('ask_rate_limit_entries')).toBe(5);
    expect(size('recent_public_answers_entries')).toBeGreaterThanOrEqual(2);
    expect(size('quizzes_running_entries')).toBe(0);
    expect(size('quizzes_ended_entries')).toBe(0);
    expect(size('quiz_start_rate_limit_entries')).toBe(0);
    expect(size('store_revision_entries')).toBe(1);
    expect(size('recent_interaction_ids_entries')).toBeGreaterThanOrEqual(10);
  });

  it('GIVEN the gateway drops THEN /metrics counts the reconnect and /healthz recovers', async () => {
    t.fake.faults.closeGateway(4000);
    await t.fake.waitForReady(5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toMatch(/factbot_gateway_reconnects_total 1/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await ask('who hosts the summit', '1300000000000020006')).data!.embeds).toHaveLength(1);
  });

  it('GIVEN all of the above THEN the fake Discord refused nothing', () => {
    expect(t.fake.failedRequests).toEqual([]);
  });
});

/** A fact a moderator adds through the form: the article's own words, so it is valid. */
const FORM = {
  question: 'Which news agency reported the peace draft?',
  answer: 'Reuters: a senior U.S. official told the agency the meeting may unveil a peace agreement draft.',
  terms: 'keywords: news agency, reuters, reported',
  topic: 'summit',
  source: '3: A senior U.S. official told Reuters',
};

/**
 * DATA_DIR on a tmpfs of 8 MB, filled to the last byte by a filler file: the disk is really full.
 * Mounting needs root (or CAP_SYS_ADMIN); where the test runner has neither, these tests are skipped.
 */
describe('a full disk', () => {
  let fake: FakeDiscord | undefined;
  let bot: RunningBot | undefined;
  let dir: string;
  let mounted = false;
  let healthPort: number;
  let mod: InteractionContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'factbot-full-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir], { stdio: 'ignore' });
      mounted = true;
    } catch {
      return;
    }
    cpSync('data', dir, { recursive: true, filter: (src) => !/\.db(-wal|-shm)?$/.test(src) });
    fake = await startFakeDiscord({ heartbeatIntervalMs: 250 });
    healthPort = await freePort();
    bot = await start(envFor(fake, dir, { HEALTH_PORT: String(healthPort) }));
    mod = { guildId: fake.guildIds[0], userId: '1300000000000021001', username: 'mod', permissions: MOD_PERMISSIONS };
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    if (mounted) execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  const healthz = async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status;
  const filler = () => join(dir, 'filler');

  /** Fold the write-ahead log into the file and empty it, then take every free byte: the next commit has nowhere to go. */
  function fillDisk(): void {
    const other = new Database(join(dir, 'factbot.db'));
    other.pragma('wal_checkpoint(TRUNCATE)');
    other.close();
    const fd = openSync(filler(), 'w');
    try {
      for (const size of [1 << 20, 4096, 1]) {
        try {
          for (;;) writeSync(fd, Buffer.alloc(size));
        } catch {
          // ENOSPC: go on with smaller writes until not even a byte fits.
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  it('GIVEN DATA_DIR full WHEN a moderator saves a fact THEN they read "Could not save: the disk is full.", nothing is saved and /healthz is unhealthy; once space is freed the save goes through and /healthz is healthy', async (context) => {
    if (!mounted) context.skip();
    expect(await healthz()).toBe(200);
    fillDisk();
    expect(statSync(filler()).size).toBeGreaterThan(1 << 20);

    const refused = await fake!.interact(modalSubmit('fa-add', FORM, mod)).response();
    expect(refused.data!.flags! & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.data!.content).toMatch(/^Could not save: the disk is full\. Nothing was changed; /);
    expect(await healthz()).toBe(503);
    const missing = await fake!.interact(slash('fact', { id: 'which-news-agency-reported-the-peace-draft' }, mod)).response();
    expect(missing.data!.content).toContain('There is no fact');

    rmSync(filler());
    const saved = await fake!.interact(modalSubmit('fa-add', FORM, mod)).response();
    expect(saved.data!.content).toContain('Added `which-news-agency-reported-the-peace-draft`');
    expect(await healthz()).toBe(200);
    expect(fake!.failedRequests).toEqual([]);
  });
});

describe('a damaged database file', () => {
  let dir: string;
  beforeAll(() => {
    dir = freshDataDir();
    const db = openDatabase(dir);
    const store = new FactStore(db, []);
    for (let i = 0; i < 300; i++) {
      const fact = factSchema.parse({
        id: `own-fact-${i}`,
        topic: 'summit',
        question: `What about own fact ${i}?`,
        answer: `Answer ${i}. ${'Long enough to fill pages. '.repeat(20)}`,
        source: { paragraph: 1, quote: 'x' },
      });
      store.addFact(t.fake.guildIds[0]!, fact, { id: '1300000000000021002', name: 'mod' });
    }
    db.close();
    const path = join(dir, 'factbot.db');
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2));
    closeSync(fd);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('GIVEN 8 KB of the middle of the database overwritten WHEN the bot starts THEN it stops at once with one plain line naming the file and how to recover, no stack', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', import.meta.resolve('tsx'), resolve('src/index.ts')], {
      cwd: dir,
      env: { PATH: process.env.PATH, ...envFor(t.fake, dir) },
    });
    const failed = await run.then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed).toBeDefined();
    expect(failed!.code).toBe(1);
    const lines = failed!.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${join(dir, 'factbot.db').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the database file is damaged \\(`));
    expect(lines[0]).toContain('restore a backup made with "npm run facts -- backup"');
    expect(lines[0]).toContain('to start with an empty database');
    expect(failed!.stdout).toBe('');
  });
});
