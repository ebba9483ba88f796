import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { denyAllPermissions, hardenWebContents, type HardenableWebContents, type NavigationAttempt, type PermissionSession } from './hardening';
import { mainWindowOptions, openMainWindow, type QuorumWindow } from './main-window';

/** A stand-in for Electron's WebContents that records what the hardening registers. */
class StandInWebContents implements HardenableWebContents {
  readonly listeners = new Map<string, ((arg: never) => void)[]>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  on(event: string, listener: (arg: never) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits a navigation-like event and says whether any listener prevented it. */
  attempt(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    let prevented = false;
    const attempt: NavigationAttempt = { url, preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) (listener as (a: NavigationAttempt) => void)(attempt);
    return prevented;
  }
}

describe('the window', () => {
  const preferences = mainWindowOptions('/app/dist-electron/preload.cjs').webPreferences!;

  it('keeps the page isolated from the preload and Node.js', () => {
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
  });

  it('runs the page in the operating system sandbox', () => {
    expect(preferences.sandbox).toBe(true);
  });

  it('keeps web security on and refuses insecure content, webviews and experimental features', () => {
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.webviewTag).toBe(false);
    expect(preferences.experimentalFeatures).toBe(false);
    expect(preferences.navigateOnDragDrop).toBe(false);
  });

  it('loads Quorum’s preload and nothing else', () => {
    expect(preferences.preload).toBe('/app/dist-electron/preload.cjs');
  });

  it('fits a 1024×768 screen', () => {
    const options = mainWindowOptions('/p.cjs');
    expect(options.minWidth).toBeLessThanOrEqual(1024);
    expect(options.minHeight).toBeLessThanOrEqual(768);
  });

  it('is created with those settings, hardened, and pointed at app://quorum', () => {
    let received: BrowserWindowConstructorOptions | undefined;
    const loaded: string[] = [];
    class StandInWindow implements QuorumWindow {
      readonly webContents = new StandInWebContents();
      constructor(options: BrowserWindowConstructorOptions) {
        received = options;
      }
      once(): this {
        return this;
      }
      show(): void {}
      async loadURL(url: string): Promise<void> {
        loaded.push(url);
      }
    }
    const window = openMainWindow(StandInWindow, '/app/dist-electron/preload.cjs');
    expect(received?.webPreferences).toEqual(preferences);
    expect(loaded).toEqual(['app://quorum/index.html']);
    expect(window.webContents.attempt('will-navigate', 'https://example.org/')).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });
});

describe('navigation', () => {
  const contents = new StandInWebContents();
  hardenWebContents(contents);

  it.each(['https://example.org/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://elsewhere/index.html', 'app://quorum.example.org/', 'app://quorum@example.org/', 'javascript:alert(1)', 'not a url'])(
    'refuses to navigate or redirect to %s',
    (url) => {
      expect(contents.attempt('will-navigate', url)).toBe(true);
      expect(contents.attempt('will-redirect', url)).toBe(true);
    },
  );

  it.each(['app://quorum/index.html', 'app://quorum/members', 'app://QUORUM/meetings?id=3#minutes'])('allows navigation within Quorum to %s', (url) => {
    expect(contents.attempt('will-navigate', url)).toBe(false);
    expect(contents.attempt('will-redirect', url)).toBe(false);
  });

  it('opens no new windows, not even for Quorum’s own pages', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://quorum/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    expect(contents.attempt('will-attach-webview')).toBe(true);
  });
});

describe('permissions', () => {
  function hardenedSession() {
    const handlers: Partial<{
      request: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
      check: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
      device: Parameters<PermissionSession['setDevicePermissionHandler']>[0];
    }> = {};
    denyAllPermissions({
      setPermissionRequestHandler: (handler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler) => (handlers.check = handler),
      setDevicePermissionHandler: (handler) => (handlers.device = handler),
    });
    return handlers;
  }

  it.each(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'persistent-storage'])('answers no to a request for %s', (permission) => {
    const callback = vi.fn();
    hardenedSession().request!({}, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it.each(['media', 'notifications', 'serial', 'hid'])('says no when the page checks for %s', (permission) => {
    expect(hardenedSession().check!({}, permission)).toBe(false);
  });

  it('grants no USB, serial or HID device', () => {
    expect(hardenedSession().device!({ deviceType: 'usb' })).toBe(false);
  });
});
