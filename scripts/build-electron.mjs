/**
 * Bundles Electron's main process and preload with esbuild:
 *   electron/main.ts    -> dist-electron/main.cjs
 *   electron/preload.ts -> dist-electron/preload.cjs
 * CommonJS for Node, with 'electron' left as a require (Electron provides it).
 *
 * The preload runs sandboxed, where require() knows only 'electron' (and a few
 * Node shims), so the build fails if the preload bundle would require anything else.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-electron');

const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'info',
  metafile: true,
};

const [main, preload] = await Promise.all([
  build({ ...shared, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') }),
  build({ ...shared, entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs') }),
]);

const preloadRequires = new Set(
  Object.values(preload.metafile.outputs).flatMap((output) => output.imports.filter((imported) => imported.external).map((imported) => imported.path)),
);
preloadRequires.delete('electron');
if (preloadRequires.size > 0) {
  console.error(`The sandboxed preload may require only 'electron', but would require: ${[...preloadRequires].join(', ')}`);
  process.exit(1);
}

const sizeOf = (result) =>
  Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.cjs'))
    .map(([file, output]) => `${file} (${Math.round(output.bytes / 1024)} KB)`);
console.log(`Built ${[...sizeOf(main), ...sizeOf(preload)].join(', ')}`);
