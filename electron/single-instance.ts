/**
 * One Quorum per user. Two copies on the same IndexedDB store would each believe
 * their clock and log were the only ones; so a second launch hands its .quorum file
 * (if any) to the first and exits, and the first comes to the front.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Files Quorum opens from the operating system. */
const BUNDLE_NAME = /\.quorum(\.json)?$/i;

/**
 * The .quorum files named in a command line, as absolute paths. Relative paths are
 * resolved against the launching shell's folder; file:// URLs (some Linux file
 * managers pass them) become paths. Switches are ignored; the executable never ends in .quorum.
 */
export function bundlePathsIn(argv: readonly string[], workingDirectory: string): string[] {
  const found: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    let candidate = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        candidate = fileURLToPath(arg);
      } catch {
        continue;
      }
    }
    if (BUNDLE_NAME.test(candidate)) found.push(path.resolve(workingDirectory, candidate));
  }
  return found;
}

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
}

export interface SecondInstanceRouting {
  /** Where a second launch's .quorum files go (IncomingBundles.receive). */
  receiveBundle(filePath: string): void;
  /** The window to bring to the front, if it exists yet. */
  mainWindow(): FocusableWindow | null;
}

export function bringToFront(window: FocusableWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Takes the single-instance lock. Without it this is a second launch: the app quits
 * and false is returned, and the caller must do nothing more. With it, later
 * launches' bundles are forwarded and the window is focused.
 */
export function claimSingleInstance(app: SingleInstanceApp, routing: SecondInstanceRouting): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const filePath of bundlePathsIn(argv, workingDirectory)) routing.receiveBundle(filePath);
    const window = routing.mainWindow();
    if (window !== null) bringToFront(window);
  });
  return true;
}
