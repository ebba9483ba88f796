/**
 * `npm start` where Electron's program could not be downloaded says so in one line and
 * points to `npm run dev` (scripts/start.mjs; docs/architecture.md, "A sealed desktop
 * build"). The script is run as npm runs it, a real Node process, against electron
 * package folders made here: without its program, with it, and with an installer that
 * fails or succeeds.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const script = path.join(root, 'scripts', 'start.mjs');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function start(electronDir: string, args: string[] = ['--check'], env: Record<string, string> = {}): Promise<Outcome> {
  const environment: NodeJS.ProcessEnv = { ...process.env, QUORUM_ELECTRON_DIR: electronDir, ...env };
  if (!env.ELECTRON_OVERRIDE_DIST_PATH) delete environment.ELECTRON_OVERRIDE_DIST_PATH;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], { env: environment, cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Electron's program as the electron package lays it out: path.txt names it inside dist/. */
async function placeProgram(electronDir: string, name = 'electron'): Promise<string> {
  await mkdir(path.join(electronDir, 'dist'), { recursive: true });
  await writeFile(path.join(electronDir, 'path.txt'), name);
  const program = path.join(electronDir, 'dist', name);
  await writeFile(program, '#!/bin/sh\n');
  await chmod(program, 0o755);
  return program;
}

function expectOneLineSayingNpmRunDev(outcome: Outcome) {
  expect(outcome.code).toBe(1);
  expect(outcome.stdout).toBe('');
  const lines = outcome.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('Electron’s program was not downloaded');
  expect(lines[0]).toContain('`npm run dev`');
}

let electronDir: string;
beforeEach(async () => {
  electronDir = await mkdtemp(path.join(tmpdir(), 'quorum-electron-package-'));
});
afterEach(async () => {
  await rm(electronDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('runs scripts/start.mjs', async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.start).toBe('node scripts/start.mjs');
  });

  it('says in one line that Electron is missing, and points to npm run dev, when the package never downloaded it', async () => {
    expectOneLineSayingNpmRunDev(await start(electronDir));
  });

  it('says the same when path.txt names a program that is not there', async () => {
    await writeFile(path.join(electronDir, 'path.txt'), 'electron');
    expectOneLineSayingNpmRunDev(await start(electronDir));
  });

  it('tries Electron’s own download once, and keeps its failure to that one line', async () => {
    const tried = path.join(electronDir, 'tried');
    await writeFile(
      path.join(electronDir, 'install.js'),
      `require('fs').writeFileSync(${JSON.stringify(tried)}, 'yes'); console.error('TypeError: fetch failed\\n    at FetchDownloader.download'); process.exit(1);`,
    );
    expectOneLineSayingNpmRunDev(await start(electronDir));
    await expect(readFile(tried, 'utf8')).resolves.toBe('yes');
  });

  it('goes on when the download works', async () => {
    await writeFile(
      path.join(electronDir, 'install.js'),
      `const fs = require('fs'); fs.mkdirSync('dist'); fs.writeFileSync('dist/electron', ''); fs.writeFileSync('path.txt', 'electron');`,
    );
    const outcome = await start(electronDir);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout).toContain(path.join(electronDir, 'dist', 'electron'));
  });

  it('finds the program where the electron package puts it', async () => {
    const program = await placeProgram(electronDir);
    const outcome = await start(electronDir);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout.trim()).toBe(`Electron’s program is at ${program}`);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'quorum-electron-dist-'));
    try {
      await writeFile(path.join(electronDir, 'path.txt'), 'electron');
      await writeFile(path.join(elsewhere, 'electron'), '');
      const outcome = await start(electronDir, ['--check'], { ELECTRON_OVERRIDE_DIST_PATH: elsewhere });
      expect(outcome.stdout.trim()).toBe(`Electron’s program is at ${path.join(elsewhere, 'electron')}`);
      expectOneLineSayingNpmRunDev(await start(electronDir, ['--check'], { ELECTRON_OVERRIDE_DIST_PATH: path.join(elsewhere, 'missing') }));
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
