import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { bundlePathsIn, claimSingleInstance, type FocusableWindow, type SingleInstanceApp } from './single-instance';

function standInApp(lockObtained: boolean) {
  const listeners: ((event: unknown, argv: string[], workingDirectory: string) => void)[] = [];
  const app = {
    requestSingleInstanceLock: vi.fn(() => lockObtained),
    quit: vi.fn(),
    on: vi.fn((_event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void) => {
      listeners.push(listener);
    }),
  } satisfies SingleInstanceApp;
  const secondLaunch = (argv: string[], workingDirectory: string) => listeners.forEach((listener) => listener({}, argv, workingDirectory));
  return { app, secondLaunch };
}

function standInWindow(minimized = false) {
  return {
    isMinimized: vi.fn(() => minimized),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  } satisfies FocusableWindow;
}

describe('a second launch', () => {
  it('quits when another Quorum already holds the lock, and does nothing else', () => {
    const { app } = standInApp(false);
    const receiveBundle = vi.fn();
    expect(claimSingleInstance(app, { receiveBundle, mainWindow: () => null })).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.on).not.toHaveBeenCalled();
  });

  it('keeps running when it is the first', () => {
    const { app } = standInApp(true);
    expect(claimSingleInstance(app, { receiveBundle: vi.fn(), mainWindow: () => null })).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('forwards a .quorum file from a second launch to the first and brings its window to the front', () => {
    const { app, secondLaunch } = standInApp(true);
    const receiveBundle = vi.fn();
    const window = standInWindow(true);
    claimSingleInstance(app, { receiveBundle, mainWindow: () => window });
    secondLaunch(['/opt/Quorum/quorum', '--no-sandbox', 'Downloads/from-luton.quorum'], '/home/secretariat');
    expect(receiveBundle).toHaveBeenCalledExactlyOnceWith(path.resolve('/home/secretariat', 'Downloads/from-luton.quorum'));
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('still focuses the window when no file was given', () => {
    const { app, secondLaunch } = standInApp(true);
    const receiveBundle = vi.fn();
    const window = standInWindow(false);
    claimSingleInstance(app, { receiveBundle, mainWindow: () => window });
    secondLaunch(['/opt/Quorum/quorum'], '/home/secretariat');
    expect(receiveBundle).not.toHaveBeenCalled();
    expect(window.restore).not.toHaveBeenCalled();
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('keeps the file for later when the window is not open yet', () => {
    const { app, secondLaunch } = standInApp(true);
    const receiveBundle = vi.fn();
    claimSingleInstance(app, { receiveBundle, mainWindow: () => null });
    secondLaunch(['quorum', '/tmp/a.quorum'], '/');
    expect(receiveBundle).toHaveBeenCalledWith(path.resolve('/tmp/a.quorum'));
  });
});

describe('finding bundles on a command line', () => {
  it('finds .quorum and .quorum.json files, in order, as absolute paths', () => {
    expect(bundlePathsIn(['/usr/bin/quorum', 'a.quorum', '/data/B.QUORUM', 'c.quorum.json'], '/home/s')).toEqual([
      path.resolve('/home/s/a.quorum'),
      path.resolve('/data/B.QUORUM'),
      path.resolve('/home/s/c.quorum.json'),
    ]);
  });

  it('understands file:// URLs from Linux file managers', () => {
    const file = path.resolve('/home/s/Bundles/from bedford.quorum');
    expect(bundlePathsIn(['quorum', pathToFileURL(file).href], '/')).toEqual([file]);
  });

  it('ignores switches, the app folder and other files', () => {
    expect(bundlePathsIn(['electron', '.', '--inspect=x.quorum', 'notes.txt', 'quorum', 'report.pdf'], '/home/s')).toEqual([]);
  });
});
