/* global process, console, URL */
// `npm start`: runs the compiled bot in dist/, which `npm ci` / `npm install` build once (see prepare.js)
// and `npm run build` rebuilds, so a start never waits for the TypeScript compiler.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = new URL('../dist/src/index.js', import.meta.url);

if (!existsSync(entry)) {
  console.error('dist/ is missing: run npm run build first (npm start runs the compiled bot and does not compile it).');
  process.exit(1);
}

/** The newest modification time of the TypeScript files under `dir`, 0 when there are none. */
function newestSource(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const file of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    // parentPath arrived in Node 20.12; earlier 20.x call it path.
    if (file.isFile() && file.name.endsWith('.ts')) newest = Math.max(newest, statSync(`${file.parentPath ?? file.path}/${file.name}`).mtimeMs);
  }
  return newest;
}

// After a git pull the sources can be newer than the build; saying so beats running yesterday's code silently.
if (Math.max(newestSource(`${root}src`), newestSource(`${root}commands`)) > statSync(entry).mtimeMs) {
  console.error('note: dist/ is older than the sources; run npm run build to start the current code.');
}

const { main } = await import(entry.href);
await main();
