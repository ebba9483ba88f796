/**
 * `npm start`: builds Quorum and runs it in Electron, if Electron's program is here.
 *
 * The electron package downloads its program when it is installed; where that cannot
 * be fetched (no network, a proxy, a blocked host), `require('electron')` would try
 * again and fail with a long stack trace. So this looks for the program first, the way
 * the electron package does (its path.txt and dist/, or ELECTRON_OVERRIDE_DIST_PATH),
 * tries Electron's own download once if it is missing, and otherwise says so in one
 * line and points to `npm run dev`, which runs Quorum in a browser.
 *
 *   node scripts/start.mjs           build, then start Electron
 *   node scripts/start.mjs --check   only say whether Electron's program is here (exit 0 or 1)
 *
 * QUORUM_ELECTRON_DIR names another electron package folder (for the tests).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const NO_ELECTRON_MESSAGE =
  'Quorum’s desktop app cannot start here: Electron’s program was not downloaded (it is fetched when npm installs, and could not be). Run `npm run dev` to use Quorum in a browser instead.';

/** Where the electron package says its program is, if it is there; null if it is not. */
export function electronProgram(electronDir, env = process.env) {
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(overridden) ? overridden : null;
  }
  if (!relative) return null;
  const program = path.join(electronDir, 'dist', relative);
  return existsSync(program) ? program : null;
}

/** Runs the electron package's own installer once, quietly; says whether it finished. */
function tryDownload(electronDir) {
  const installer = path.join(electronDir, 'install.js');
  if (!existsSync(installer)) return false;
  const result = spawnSync(process.execPath, [installer], { cwd: electronDir, stdio: 'ignore', timeout: 5 * 60_000 });
  return result.status === 0;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

function main() {
  const electronDir = process.env.QUORUM_ELECTRON_DIR ?? path.join(root, 'node_modules', 'electron');
  let program = electronProgram(electronDir);
  if (!program && tryDownload(electronDir)) program = electronProgram(electronDir);
  if (!program) {
    console.error(NO_ELECTRON_MESSAGE);
    return 1;
  }
  if (process.argv.includes('--check')) {
    console.log(`Electron’s program is at ${program}`);
    return 0;
  }
  const built = run('npm', ['run', 'build']);
  if (built !== 0) return built;
  return run(program, ['.']);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
