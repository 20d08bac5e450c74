import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../core/errors.ts';
import { CAPS } from '../core/facts/caps.ts';
import { checkImport } from '../core/facts/importFacts.ts';
import { loadCuratedData } from '../core/knowledge.ts';
import { loadQuizBank, QUIZ_FILE } from '../core/quiz/loadBank.ts';
import { backupDatabase } from '../core/store/backup.ts';
import { DATABASE_FILE, openDatabase } from '../core/store/database.ts';
import { FactStore } from '../core/store/factStore.ts';
import { runCli } from './runCli.ts';

const USAGE = `usage: npm run facts -- <command> [options]   (DATA_DIR selects the data folder, default: data)
  validate                                   check facts.json and quiz.json against their schemas and the article
  export  --guild <id> [--out file.json]     a server's effective facts in the facts.json format (stdout by default)
  import  --guild <id> <file.json> [--by name]   check the whole file, then apply all of it or none
  history --guild <id> <fact-id>             every version of a fact in a server: who, when, what changed
  backup  --out <file.db>                    a consistent copy of the bot's database, safe while the bot runs
The bot picks up imported facts at its next question; no restart is needed.`;

runCli(USAGE, async (argv) => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { guild: { type: 'string' }, out: { type: 'string' }, by: { type: 'string', default: 'command line' } },
  });
  const [command, argument] = positionals;
  const dataDir = process.env.DATA_DIR ?? 'data';
  if (command === 'backup') {
    await backup(dataDir, values.out, positionals.slice(1));
    return;
  }
  const curated = loadCuratedData(dataDir);
  if (command === 'validate') {
    const bank = loadQuizBank(join(dataDir, QUIZ_FILE), curated.facts);
    console.log(`${dataDir}: ${curated.facts.length} facts and ${bank.items.length} quiz items are valid; every quote is verbatim in its paragraph.`);
    return;
  }
  if (!['export', 'import', 'history'].includes(command ?? '')) throw new UserError(USAGE);
  const guild = values.guild;
  if (!guild || !/^\d{17,20}$/.test(guild)) throw new UserError(`--guild must be a server id (17 to 20 digits).\n${USAGE}`);
  // The bot creates its database on first start; a missing one here means DATA_DIR points elsewhere.
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    throw new UserError(`There is no bot database at ${join(dataDir, DATABASE_FILE)}. Set DATA_DIR (in .env or the environment) to the folder the bot uses, or start the bot once.`);
  }
  const db = openDatabase(dataDir);
  try {
    const store = new FactStore(db, curated.facts);
    if (command === 'export') {
      const text = `${JSON.stringify(store.exportFacts(guild), null, 2)}\n`;
      if (values.out) writeFileSync(values.out, text);
      else process.stdout.write(text);
    } else if (command === 'import') {
      if (!argument) throw new UserError(`import needs a file.\n${USAGE}`);
      const checked = checkImport(readImportFile(argument), curated.paragraphs);
      if (!checked.ok) {
        const count = checked.complete ? `${checked.problems.length} problem(s)` : `more than ${checked.problems.length} problems; the first ${checked.problems.length}`;
        throw new UserError(`Nothing was imported: ${count}.\n${checked.problems.map((p) => `  - ${p}`).join('\n')}`);
      }
      const summary = store.importFacts(guild, checked.facts, { id: 'cli', name: values.by });
      console.log(`Imported into ${guild}: ${summary.added.length} added, ${summary.updated.length} updated, ${summary.unchanged} unchanged.`);
    } else {
      if (!argument) throw new UserError(`history needs a fact id.\n${USAGE}`);
      if (!store.getFact(guild, argument)) throw new UserError(`There is no fact "${argument}" in server ${guild}.`);
      for (const v of store.history(guild, argument)) {
        const who = v.at === null ? 'curated text' : `${v.action} by ${v.actorName ?? 'unknown'} at ${v.at}`;
        console.log(`v${v.version}  ${who}${v.changedFields.length > 0 ? `  (changed: ${v.changedFields.join(', ')})` : ''}`);
      }
    }
  } finally {
    db.close();
  }
});

/** `backup --out file`: needs no curated data, so it works whatever state facts.json is in. */
async function backup(dataDir: string, out: string | undefined, extra: readonly string[]): Promise<void> {
  if (extra.length > 0) throw new UserError(`backup takes no other arguments (got ${extra.join(' ')}).\n${USAGE}`);
  if (!out?.trim()) throw new UserError(`backup needs --out <file.db>: where to write the copy.\n${USAGE}`);
  const source = join(dataDir, DATABASE_FILE);
  if (!existsSync(source)) {
    throw new UserError(`There is no bot database at ${source}. Set DATA_DIR (in .env or the environment) to the folder the bot uses.`);
  }
  const copy = await backupDatabase(source, out);
  console.log(
    `Backed up ${source} to ${copy.path} (${copy.bytes} bytes, schema version ${copy.schemaVersion}, ` +
      `${copy.facts} fact(s) of their own in ${copy.servers} server(s)); it reads back intact.\n` +
      `To restore: stop the bot, copy ${copy.path} over ${source}, delete ${source}-wal and ${source}-shm if present, start the bot.`,
  );
}

/** The same size cap as an import through Discord, checked before the file is read. */
function readImportFile(path: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new UserError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path. Nothing was imported.`);
  }
  if (size > CAPS.importBytes) throw new UserError(`${path} is ${size} bytes; one import may be at most ${CAPS.importBytes}. Split it into smaller files. Nothing was imported.`);
  return readFileSync(path, 'utf8');
}
