/* global process, console, URL */
// npm runs this after `npm ci` and `npm install`: compile dist/ once, so `npm start` never has to.
// `npm ci --omit=dev` installs no TypeScript; the install must not fail then, and npm start runs the
// dist/ already there (built before pruning dev dependencies, or copied from a build stage).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.log('prepare: TypeScript is not installed (npm ci --omit=dev), so dist/ is not built here; npm start runs the dist/ already present.');
  process.exit(0);
}
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
process.exit(build.status ?? 1);
