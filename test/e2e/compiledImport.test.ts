import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
/** Inside dist/ (ignored by git) so the compiled files find node_modules as npm start's do. */
const OUT = resolve('dist', 'import-worker-test');

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('npm start (the compiled bot)', () => {
  it('GIVEN the sources compiled as npm start builds them THEN a large import is checked in a worker thread, without tsx', async () => {
    rmSync(OUT, { recursive: true, force: true });
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    await exec(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', OUT]);
    const module = (path: string) => JSON.stringify(pathToFileURL(resolve(OUT, path)).href);
    const script = `
      import { ImportChecker } from ${module('src/core/store/importChecker.js')};
      import { IMPORT_CHECKS } from ${module('src/core/facts/caps.js')};
      import { loadCuratedData } from ${module('src/core/knowledge.js')};
      const curated = loadCuratedData('data');
      const facts = curated.facts.map((fact) => ({ ...fact, id: fact.id + '-copy', related: [] }));
      const checker = new ImportChecker({ ...IMPORT_CHECKS, inlineBytes: 0 });
      const snapshot = () => ({ guildId: '1', revision: 0, heads: [], curated: curated.facts });
      const prepared = await checker.prepare({ text: JSON.stringify({ schemaVersion: 1, facts }), paragraphs: curated.paragraphs, snapshot });
      console.log(JSON.stringify(prepared.ok ? prepared.plan.summary : prepared));
    `;
    const check = resolve(OUT, 'check.mjs');
    writeFileSync(check, script);
    // Plain node, as npm start runs: no tsx loader anywhere.
    const { stdout } = await exec(process.execPath, [check], { env: { PATH: process.env.PATH } });
    const summary = JSON.parse(stdout) as { added: string[] };
    expect(summary.added).toHaveLength(39);
    expect(summary.added[0]).toMatch(/-copy$/);
  }, 60_000);
});
