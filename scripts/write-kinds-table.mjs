#!/usr/bin/env node
/**
 * Writes the table of kinds of record into docs/bundle-format.md, between
 * `<!-- kinds:start -->` and `<!-- kinds:end -->`, from the registry
 * (shared/domain/registry-doc.ts). Run it after changing the registry:
 *
 *   npm run docs:kinds
 *
 * shared/domain/registry-doc.test.ts fails until the document matches. The
 * TypeScript is bundled in memory with esbuild (already used for the main
 * process), so nothing is downloaded or compiled to disk but one temporary file.
 */
import { build } from 'esbuild';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docPath = path.join(root, 'docs', 'bundle-format.md');

const result = await build({
  absWorkingDir: root,
  entryPoints: ['shared/domain/registry-doc.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  logLevel: 'warning',
});

const dir = await mkdtemp(path.join(tmpdir(), 'quorum-kinds-'));
try {
  const modulePath = path.join(dir, 'registry-doc.mjs');
  await writeFile(modulePath, result.outputFiles[0].contents);
  const { withKindsTable, KINDS_START, KINDS_END } = await import(pathToFileURL(modulePath).href);
  const doc = await readFile(docPath, 'utf8');
  if (!doc.includes(KINDS_START) || !doc.includes(KINDS_END)) {
    console.error(`docs/bundle-format.md has no ${KINDS_START} … ${KINDS_END} markers to write the table between.`);
    process.exitCode = 1;
  } else {
    const updated = withKindsTable(doc);
    if (updated === doc) console.log('docs/bundle-format.md: the table of kinds is up to date.');
    else {
      await writeFile(docPath, updated);
      console.log('docs/bundle-format.md: the table of kinds was rewritten from the registry.');
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
