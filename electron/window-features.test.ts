/**
 * No window of Quorum turns on Blink's or Chromium's experimental features
 * (docs/architecture.md, "A sealed desktop build"). Such features are unfinished web
 * platform code, outside what Electron's security fixes are tested against, and the
 * page shows data from other organisations' bundles.
 *
 * Two checks: the options the window module builds, key by key (a new preference
 * must be added to the list below on purpose), and the main process's source, so a
 * second window, a view, or a command-line switch cannot bring them in another way.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './main-window';

/** Every web preference Quorum's window may set, each reviewed against Electron's security checklist (electron/hardening.ts). */
const REVIEWED_PREFERENCES = [
  'preload',
  'contextIsolation',
  'sandbox',
  'nodeIntegration',
  'nodeIntegrationInWorker',
  'nodeIntegrationInSubFrames',
  'webSecurity',
  'allowRunningInsecureContent',
  'webviewTag',
  'experimentalFeatures',
  'navigateOnDragDrop',
  'safeDialogs',
  'spellcheck',
];

const electronFolder = path.dirname(new URL(import.meta.url).pathname);

/** The main process's own source files (not tests or test stand-ins), with their text. */
async function mainProcessSources(): Promise<{ file: string; text: string }[]> {
  const files = (await readdir(electronFolder)).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('test-stand-ins'));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(path.join(electronFolder, file), 'utf8') })));
}

describe('the window’s features', () => {
  const preferences = mainWindowOptions('/app/dist-electron/preload.cjs').webPreferences ?? {};

  it('enables no Blink features and no experimental ones', () => {
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences.experimentalFeatures).toBe(false);
  });

  it('sets only preferences that were reviewed', () => {
    expect(Object.keys(preferences).sort()).toEqual([...REVIEWED_PREFERENCES].sort());
  });
});

describe('the main process’s source', async () => {
  const sources = await mainProcessSources();

  it('is read (the check below has files to look at)', () => {
    expect(sources.map((source) => source.file)).toEqual(expect.arrayContaining(['main.ts', 'main-window.ts', 'hardening.ts']));
  });

  it('opens windows only with the hardened options of main-window.ts', () => {
    const constructions = sources.flatMap(({ file, text }) => [...text.matchAll(/new\s+(\w*(?:BrowserWindow|BrowserView|WebContentsView|WebContents))\s*\(([^)]*)/g)].map((match) => ({ file, call: match[0] })));
    // main.ts passes Electron's BrowserWindow to openMainWindow, which constructs it.
    expect(constructions).toEqual([{ file: 'main-window.ts', call: 'new BrowserWindow(mainWindowOptions(preloadPath' }]);
  });

  it.each([
    ['enableBlinkFeatures', /enableBlinkFeatures/],
    ['experimentalFeatures: true', /experimentalFeatures\s*:\s*true/],
    ['the enable-blink-features switch', /enable-blink-features/],
    ['the experimental web platform features switch', /enable-experimental-web-platform-features/],
    ['changing a window’s preferences later', /setWebPreferences|webPreferences\s*\.\s*\w+\s*=/],
  ])('never mentions %s', (_what, pattern) => {
    expect(sources.filter(({ text }) => pattern.test(text)).map(({ file }) => file)).toEqual([]);
  });

  it('adds no command-line switch but the interface language', () => {
    const switches = sources.flatMap(({ text }) => [...text.matchAll(/appendSwitch\(\s*'([^']+)'/g)].map((match) => match[1]));
    expect(switches).toEqual(['lang']);
    expect(sources.filter(({ text }) => /appendArgument/.test(text))).toEqual([]);
  });
});
