/**
 * The Node versions Quorum's README and package.json name are the ones its packages
 * accept (docs/architecture.md, "Node versions"): scripts/check-node-engines.mjs, which
 * applies npm's own engine rule to package-lock.json, finds no package that would make
 * `npm ci` warn on any of them, and the README lists the packages that do warn on Node 20.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

async function checkEngines(...versions: string[]): Promise<{ code: number; lines: string[] }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'scripts', 'check-node-engines.mjs'), ...versions], { cwd: root });
    return { code: 0, lines: stdout.split('\n').filter(Boolean) };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, lines: failed.stdout.split('\n').filter(Boolean) };
  }
}

describe('the Node versions Quorum names', async () => {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');

  it('are in package.json and the README alike', () => {
    expect(manifest.engines.node).toBe('^22.13.0 || ^24.0.0 || >=26.0.0');
    expect(readme).toContain(`\`${manifest.engines.node}\``);
  });

  it('include no version on which any installed package would warn', async () => {
    expect(await checkEngines()).toEqual({ code: 0, lines: [`No engine warnings on any Node version package.json allows (${manifest.engines.node}).`] });
  });

  it('start where Electron 45 asks, at Node 22.12 or later', async () => {
    const electron = JSON.parse(await readFile(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(electron.engines.node.replace(/\s/g, '')).toBe('>=22.12.0');
    expect(await checkEngines('22.13.0', '24.0.0', '26.0.0')).toEqual({ code: 0, lines: ['Node 22.13.0: no engine warnings.', 'Node 24.0.0: no engine warnings.', 'Node 26.0.0: no engine warnings.'] });
  });

  it('leave out 22.12 and 25, on which packages would warn', async () => {
    const { code, lines } = await checkEngines('22.12.0', '25.0.0');
    expect(code).toBe(1);
    expect(lines.some((line) => line.startsWith('Node 22.12.0: eslint@'))).toBe(true);
    expect(lines.some((line) => line.startsWith('Node 25.0.0: nanoid@'))).toBe(true);
  });

  it('are told truthfully for Node 20, where the tests run: the README lists every package that warns there', async () => {
    const { code, lines } = await checkEngines('20.19.0');
    expect(code).toBe(1);
    const packages = lines.map((line) => /^Node 20\.19\.0: (@?[^@\s]+)@/.exec(line)?.[1]);
    expect(packages).toContain('electron');
    expect(readme).toContain(`prints ${['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][packages.length]} engine warnings`);
    for (const name of packages) expect(readme).toContain(`\`${name}\``);
  });
});
