/**
 * Durability: "a kill -9 at any moment loses no acknowledged edit". The bot runs as a real
 * process (src/index.ts, as `npm start` runs it); moderators stream edits and new facts through
 * the fake Discord; the process is SIGKILLed mid-stream while more edits are in flight; a new
 * process on the same DATA_DIR must show every edit whose success reply was received.
 *
 * Each edit is made by a member whose name identifies it ("l2e7": lane 2, edit 7), so
 * /factadmin history proves, through Discord, that every acknowledged version is there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  modalFields,
  modalSubmit,
  slash,
  startFakeDiscord,
  subcommand,
  type FakeCallback,
  type FakeDiscord,
  type InteractionContext,
  type InteractionHandle,
} from '../support/fakeDiscord.ts';
import { envFor, freshDataDir } from './botHarness.ts';
import { MOD_PERMISSIONS } from '../support/discordConstants.ts';

const MODERATOR_ID = '1300000000000000301';
const ROUNDS = 4;
/** Curated facts edited concurrently, one lane each: each lane saves from the version its previous save returned. */
const EDITED = ['summit-host', 'summit-day', 'last-meeting', 'core-dispute'];
/** Per lane per round: a bound so history stays within one embed. */
const MAX_EDITS_PER_LANE = 8;

type Fields = Record<'question' | 'answer' | 'terms' | 'topic' | 'source', string>;

interface Bot {
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

/** src/index.ts as a real process, run from the data folder like process.test.ts does; resolves once it logged "ready". */
async function startBot(fake: FakeDiscord, dataDir: string): Promise<Bot> {
  const env = envFor(fake, dataDir, { LOG_LEVEL: 'info' });
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), resolve('src/index.ts')], {
    cwd: dataDir,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  await new Promise<void>((done, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/"msg":"ready"/.test(output)) done();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`the bot exited before it was ready:\n${output}`)));
  });
  return { child, exited, output: () => output };
}

const moderator = (username: string): InteractionContext => ({ userId: MODERATOR_ID, username, permissions: MOD_PERMISSIONS });

interface Acked {
  lane: number;
  factId: string;
  /** Who made it: unique per edit, shown in history. */
  username: string;
  version: number;
  answer: string;
}

interface Killed {
  round: number;
  /** Edits whose reply had not come when the process died. */
  inFlight: Array<{ factId: string; username: string; answer: string; kind: 'edit' | 'add' }>;
}

let fake: FakeDiscord;
let dataDir: string;
let bot: Bot | undefined;

beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 250 });
  dataDir = freshDataDir();
});

afterAll(async () => {
  if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
    bot.child.kill('SIGKILL');
    await bot.exited;
  }
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function send(handle: InteractionHandle): Promise<FakeCallback> {
  return handle.response();
}

/** The edit form as a moderator opens it now: its version and values. */
async function openEdit(factId: string): Promise<{ version: number; fields: Fields }> {
  const r = await send(fake.interact(subcommand('factadmin', 'edit', { id: factId }, moderator('opener'))));
  const [, , version] = r.data!.custom_id!.split(':');
  const fields = modalFields(r.data!.components) as Fields;
  return { version: Number(version), fields };
}

async function historyLines(factId: string): Promise<string[]> {
  const r = await send(fake.interact(subcommand('factadmin', 'history', { id: factId }, moderator('checker'))));
  return r.data!.embeds![0]!.description!.split('\n');
}

async function factAnswer(factId: string): Promise<string | undefined> {
  const r = await send(fake.interact(slash('fact', { id: factId }, moderator('reader'))));
  return r.data!.embeds?.[0]?.description;
}

describe('kill -9 in the middle of a stream of edits', () => {
  it('GIVEN edits streaming from several moderators WHEN the process is SIGKILLed mid-stream, 4 times THEN every acknowledged edit is there after restart', async () => {
    const started = Date.now();
    const acked: Acked[] = [];
    const ackedAdds: Array<{ factId: string; answer: string }> = [];
    const kills: Killed[] = [];
    let addCount = 0;

    bot = await startBot(fake, dataDir);
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) {
        bot = await startBot(fake, dataDir);
        await verify(acked, ackedAdds, kills);
      }
      // Where each lane starts: the version and text a moderator opening the form sees now.
      const lanes = await Promise.all(EDITED.map(async (factId) => ({ factId, ...(await openEdit(factId)) })));

      // The moment of the kill: right after a random number of replies, or at a random time, whichever comes first.
      const killAfter = 4 + Math.floor(Math.random() * 12);
      let ackedThisRound = 0;
      let killed = false;
      const inFlight = new Map<InteractionHandle, Killed['inFlight'][number]>();
      let onKill!: () => void;
      const killedSignal = new Promise<'killed'>((done) => (onKill = () => done('killed')));
      const current = bot;

      const kill = () => {
        if (killed) return;
        killed = true;
        current.child.kill('SIGKILL');
        onKill();
      };
      const acknowledge = () => {
        ackedThisRound += 1;
        if (ackedThisRound >= killAfter) kill();
      };
      const timer = setTimeout(kill, 15 + Math.random() * 60);

      /** Dispatch, then wait for the reply or the kill, whichever comes first. */
      const submit = async (handle: InteractionHandle, what: Killed['inFlight'][number]) => {
        inFlight.set(handle, what);
        const reply = handle.response(15_000);
        reply.catch(() => undefined);
        const outcome = await Promise.race([reply, killedSignal]);
        if (outcome === 'killed') return undefined;
        inFlight.delete(handle);
        return outcome;
      };

      const editLane = async (lane: number) => {
        const state = lanes[lane]!;
        for (let n = 1; n <= MAX_EDITS_PER_LANE && !killed; n++) {
          const username = `r${round}l${lane}e${n}`;
          const answer = `Durability check: ${state.factId} edited by ${username}.`;
          const handle = fake.interact(modalSubmit(`fa-edit:${state.factId}:${state.version}`, { ...state.fields, answer }, moderator(username)));
          const r = await submit(handle, { factId: state.factId, username, answer, kind: 'edit' });
          if (!r) return;
          const saved = /^Saved `([a-z0-9-]+)` as version (\d+)\.$/.exec(r.data!.content ?? '');
          expect(saved, `reply to ${username}: ${r.data!.content}`).not.toBeNull();
          state.version = Number(saved![2]);
          acked.push({ lane, factId: state.factId, username, version: state.version, answer });
          acknowledge();
        }
      };

      const addLane = async () => {
        const template = lanes[0]!.fields;
        while (!killed && addCount < 60) {
          addCount += 1;
          const question = `Durability question number ${addCount}?`;
          const answer = `Durability answer number ${addCount}.`;
          const factId = `durability-question-number-${addCount}`;
          const handle = fake.interact(modalSubmit('fa-add', { ...template, question, answer }, moderator(`r${round}add${addCount}`)));
          const r = await submit(handle, { factId, username: `r${round}add${addCount}`, answer, kind: 'add' });
          if (!r) return;
          expect(r.data!.content).toBe(`Added \`${factId}\`. It is searchable with /ask in this server now.`);
          ackedAdds.push({ factId, answer });
          acknowledge();
        }
      };

      await Promise.all([...EDITED.map((_, lane) => editLane(lane)), addLane()]);
      clearTimeout(timer);
      expect(killed, 'the stream ended before the kill: raise MAX_EDITS_PER_LANE').toBe(true);
      await current.exited;
      // A reply the process sent just before it died still counts as acknowledged.
      await new Promise((done) => setTimeout(done, 50));
      const stillOpen: Killed['inFlight'] = [];
      for (const [handle, what] of inFlight) {
        const reply = handle.callbacks[0];
        if (!reply) {
          stillOpen.push(what);
          continue;
        }
        if (what.kind === 'add') ackedAdds.push({ factId: what.factId, answer: what.answer });
        else {
          const version = Number(/as version (\d+)\./.exec(reply.data?.content ?? '')?.[1]);
          if (Number.isInteger(version)) acked.push({ lane: EDITED.indexOf(what.factId), factId: what.factId, username: what.username, version, answer: what.answer });
        }
      }
      kills.push({ round, inFlight: stillOpen });
    }

    bot = await startBot(fake, dataDir);
    const committedMidFlight = await verify(acked, ackedAdds, kills);
    bot.child.kill('SIGTERM');
    await bot.exited;

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const inFlightCounts = kills.map((k) => k.inFlight.length);
    console.log(
      `durability: ${acked.length} acknowledged edits and ${ackedAdds.length} acknowledged new facts over ${ROUNDS} kill -9s, ` +
        `all present after restart; killed in the middle of ${inFlightCounts.join(' + ')} = ${inFlightCounts.reduce((a, b) => a + b, 0)} edits ` +
        `(${committedMidFlight} of them had been saved, the rest were not); ${seconds} s`,
    );
    expect(acked.length + ackedAdds.length).toBeGreaterThanOrEqual(ROUNDS * 2);
    expect(fake.failedRequests).toEqual([]);
  });
});

/**
 * Through the fake Discord: every acknowledged edit is in history as the version its reply named,
 * by the member who made it; each fact shows its latest acknowledged text (or a later edit that was
 * in flight when the process died and had been saved); every acknowledged new fact is there.
 * Returns how many in-flight edits turned out to have been saved.
 */
async function verify(acked: readonly Acked[], ackedAdds: ReadonlyArray<{ factId: string; answer: string }>, kills: readonly Killed[]): Promise<number> {
  let committedMidFlight = 0;
  const lost: string[] = [];
  for (const factId of EDITED) {
    const lines = await historyLines(factId);
    const mine = acked.filter((a) => a.factId === factId);
    for (const edit of mine) {
      const line = lines.find((l) => l.startsWith(`**v${edit.version}** ·`));
      if (!line?.startsWith(`**v${edit.version}** · edit · by ${edit.username} ·`)) lost.push(`${factId} v${edit.version} by ${edit.username}: ${line ?? 'missing'}`);
    }
    const inFlight = kills.flatMap((k) => k.inFlight).filter((f) => f.factId === factId);
    committedMidFlight += inFlight.filter((f) => lines.some((l) => l.includes(` by ${f.username} `))).length;
    const latest = mine.reduce<Acked | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined);
    const shown = await factAnswer(factId);
    const allowed = [latest?.answer, ...inFlight.map((f) => f.answer)];
    if (latest && !allowed.includes(shown)) lost.push(`${factId} shows "${shown}", expected "${latest.answer}"`);
  }
  for (const add of ackedAdds) {
    const shown = await factAnswer(add.factId);
    if (shown !== add.answer) lost.push(`${add.factId} shows "${shown}"`);
  }
  for (const add of kills.flatMap((k) => k.inFlight).filter((f) => f.kind === 'add')) {
    if ((await factAnswer(add.factId)) === add.answer) committedMidFlight += 1;
  }
  expect(lost, 'acknowledged edits missing after a kill -9').toEqual([]);
  return committedMidFlight;
}
