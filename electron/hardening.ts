/**
 * The security settings of Quorum's window, its web contents and its session, as
 * Electron's security checklist asks (electronjs.org/docs/latest/tutorial/security).
 *
 * The renderer shows data that arrives in bundles from other organisations, so it is
 * treated like a web page: no Node.js, isolated and sandboxed, unable to navigate
 * away from app://quorum, to open windows, to embed <webview>s, or to be granted any
 * permission (camera, notifications, clipboard reads, ...). Quorum needs none.
 */
import type { WebPreferences } from 'electron';
import { isAppUrl } from './app-origin';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // A file dropped on the window is handed to the page (bundle import), never navigated to.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

/** What Electron passes to will-navigate / will-redirect listeners (the parts we use). */
export interface NavigationAttempt {
  readonly url: string;
  preventDefault(): void;
}

export interface HardenableWebContents {
  on(event: 'will-navigate', listener: (attempt: NavigationAttempt) => void): unknown;
  on(event: 'will-redirect', listener: (attempt: NavigationAttempt) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Refuses navigation and redirects to anything but app://quorum, every new window,
 * and every <webview>. Apply to every web contents the app creates.
 */
export function hardenWebContents(contents: HardenableWebContents): void {
  const stayHome = (attempt: NavigationAttempt) => {
    if (!isAppUrl(attempt.url)) attempt.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface PermissionSession {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/** Every permission request is answered no, every permission check says no, no device is granted. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
