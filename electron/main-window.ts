/**
 * Quorum's one window: sized so every screen works at 1024×768, shown only once its
 * first paint is ready (no white flash), hardened before it loads anything, and
 * pointed at app://quorum.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { hardenWebContents, secureWebPreferences, type HardenableWebContents } from './hardening';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Quorum',
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export interface QuorumWindow {
  readonly webContents: HardenableWebContents;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

export type QuorumWindowConstructor<W extends QuorumWindow> = new (options: BrowserWindowConstructorOptions) => W;

/** Creates the hardened window and starts loading the renderer. */
export function openMainWindow<W extends QuorumWindow>(BrowserWindow: QuorumWindowConstructor<W>, preloadPath: string): W {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('Quorum could not load its window:', error));
  return window;
}
