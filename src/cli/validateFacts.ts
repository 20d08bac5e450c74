import { loadCuratedData } from '../core/knowledge.ts';
import { runCli } from './runCli.ts';

runCli('usage: npm run facts:validate   (checks DATA_DIR/facts.json against the schema and the article)', () => {
  const dataDir = process.env.DATA_DIR ?? 'data';
  const { facts } = loadCuratedData(dataDir);
  const dated = facts.filter((f) => f.date).length;
  console.log(`${dataDir}/facts.json is valid: ${facts.length} facts, ${dated} dated, every quote verbatim in its paragraph.`);
});
