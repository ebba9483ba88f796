#!/usr/bin/env node
/**
 * Generates resources/bank-holidays/<nation>.json from the rules in
 * shared/rules/bank-holiday-rules.ts (Easter computus, first/last Mondays, weekend
 * substitute days and the proclaimed one-off changes), so the tables the app ships
 * are reproducible and reviewed as code.
 *
 *   node scripts/bank-holidays.mjs           write the tables
 *   node scripts/bank-holidays.mjs --check   exit 1 if a committed table differs from the rules
 *
 * The rules are TypeScript; esbuild (already a dev dependency) bundles them in memory.
 */
import { build } from 'esbuild';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'resources', 'bank-holidays');
const NATIONS = ['england-and-wales', 'scotland', 'northern-ireland'];

const bundle = await build({
  entryPoints: [path.join(root, 'shared', 'rules', 'bank-holiday-rules.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'error',
});
const rules = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);

/** One holiday per line, so a change to the rules shows as a readable diff. */
function render(table) {
  const lines = table.holidays.map((h) => `    ${JSON.stringify(h)}`);
  return (
    '{\n' +
    `  "nation": ${JSON.stringify(table.nation)},\n` +
    `  "firstYear": ${table.firstYear},\n` +
    `  "lastYear": ${table.lastYear},\n` +
    '  "holidays": [\n' +
    lines.join(',\n') +
    '\n  ]\n}\n'
  );
}

const check = process.argv.includes('--check');
let stale = 0;
await mkdir(outDir, { recursive: true });
for (const nation of NATIONS) {
  const file = path.join(outDir, `${nation}.json`);
  const text = render(rules.generateBankHolidayTable(nation));
  if (check) {
    const committed = await readFile(file, 'utf8').catch(() => '');
    if (committed !== text) {
      console.error(`${path.relative(root, file)} differs from the rules: run node scripts/bank-holidays.mjs`);
      stale += 1;
    }
  } else {
    await writeFile(file, text);
    console.log(`wrote ${path.relative(root, file)}`);
  }
}
process.exitCode = stale ? 1 : 0;
