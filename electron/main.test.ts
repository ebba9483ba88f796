/**
 * The wiring in main.ts, checked against recording stand-ins for Electron's objects
 * (Electron itself cannot run here). Each test starts Quorum afresh: new stand-ins,
 * a fresh module registry, then main.ts imported, exactly as Electron would load it.
 * 'ready' is whatever the test says: app.whenReady() resolves only when it calls ready().
 *
 * The rules themselves (which URLs are Quorum's, what the menu holds, how files are
 * read) have their own tests beside their modules; these check that main.ts applies
 * them to the real objects, at the right moment, and that the person sees the result.
 */
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions, CustomScheme, MenuItemConstructorOptions } from 'electron';
import { fileTooLargeMessage, INVOKE_CHANNELS, LARGEST_FILE_BYTES, type BundleOpened } from '../shared/ipc';
import { StandInIpcMain, type StandInEvent } from './ipc-test-stand-ins';

type Listener = (...args: never[]) => unknown;

/** Records listeners by event name and lets the test emit events as Electron would. */
class StandInEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
}

/**
 * Like Electron's, a message sent while the page is loading (or reloading) is lost:
 * no page is there yet to listen. A window's contents start loading; the test ends
 * that with did-finish-load and starts a reload with did-start-loading.
 */
class StandInWebContents extends StandInEmitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  constructor(private loading = false) {
    super();
  }
  override emit(event: string, ...args: unknown[]): void {
    if (event === 'did-start-loading') this.loading = true;
    if (event === 'did-finish-load') this.loading = false;
    super.emit(event, ...args);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    if (!this.loading) this.sent.push({ channel, payload });
  }
  /** Emits a will-navigate (or similar) and says whether a listener prevented it. */
  attempt(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
  /** The page refused to unload (beforeunload); says whether main let it close after all. */
  pageRefusesToUnload(): boolean {
    let allowed = false;
    this.emit('will-prevent-unload', { preventDefault: () => (allowed = true) });
    return allowed;
  }
  bundlesReceived(): BundleOpened[] {
    return this.sent.filter((message) => message.channel === 'bundle-opened').map((message) => message.payload as BundleOpened);
  }
}

/** Everything main.ts takes from 'electron', recording what it is asked to do. */
function standInElectron({ lockGranted = true, packaged = true, appPath = '/opt/quorum/resources/app' } = {}) {
  const windows: StandInWindow[] = [];
  let declareReady: () => void = () => undefined;
  const readiness = new Promise<void>((resolve) => (declareReady = resolve));

  class StandInWindow extends StandInEmitter {
    readonly webContents = new StandInWebContents(true);
    readonly loaded: string[] = [];
    readonly focused = vi.fn();
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      windows.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show(): void {}
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {
      this.focused();
    }
  }

  class StandInApp extends StandInEmitter {
    readonly isPackaged = packaged;
    ready = false;
    sandboxed = false;
    readonly switches: [string, string | undefined][] = [];
    readonly commandLine = { appendSwitch: (name: string, value?: string) => this.switches.push([name, value]) };
    readonly requestSingleInstanceLock = vi.fn(() => lockGranted);
    readonly quit = vi.fn();
    readonly whenReady = vi.fn(() => readiness);
    enableSandbox(): void {
      this.sandboxed = true;
    }
    isReady(): boolean {
      return this.ready;
    }
    getName(): string {
      return 'Quorum';
    }
    getVersion(): string {
      return '0.1.0';
    }
    getAppPath(): string {
      return appPath;
    }
    getPath(_name: string): string {
      return tmpdir();
    }
  }

  const app = new StandInApp();
  const permissions = {
    request: null as ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    check: null as ((webContents: unknown, permission: string) => boolean) | null,
    device: null as ((details: unknown) => boolean) | null,
  };
  const schemes = { privileged: [] as CustomScheme[], handlers: new Map<string, (request: Request) => Response | Promise<Response>>() };
  const menus: { template: MenuItemConstructorOptions[] }[] = [];
  const errorBoxes: { title: string; message: string }[] = [];
  const dialogAnswers = { leave: 1 };

  return {
    windows,
    permissions,
    schemes,
    menus,
    errorBoxes,
    dialogAnswers,
    /** Electron's 'ready': resolves app.whenReady() and lets main's then() run. */
    async ready(): Promise<void> {
      app.ready = true;
      declareReady();
      await settle();
    },
    module: {
      app,
      BrowserWindow: StandInWindow,
      ipcMain: new StandInIpcMain(),
      protocol: {
        registerSchemesAsPrivileged: (customSchemes: CustomScheme[]) => schemes.privileged.push(...customSchemes),
        handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => schemes.handlers.set(scheme, handler),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (handler: typeof permissions.request) => (permissions.request = handler),
          setPermissionCheckHandler: (handler: typeof permissions.check) => (permissions.check = handler),
          setDevicePermissionHandler: (handler: typeof permissions.device) => (permissions.device = handler),
        },
      },
      Menu: {
        buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
        setApplicationMenu: (menu: { template: MenuItemConstructorOptions[] }) => menus.push(menu),
      },
      dialog: {
        showErrorBox: (title: string, message: string) => errorBoxes.push({ title, message }),
        showMessageBoxSync: vi.fn((_window: unknown, _options: { buttons: string[] }) => dialogAnswers.leave),
        showSaveDialog: vi.fn(),
        showOpenDialog: vi.fn(),
      },
    },
  };
}

type StandInElectron = ReturnType<typeof standInElectron>;

const stage = vi.hoisted(() => ({ electron: null as unknown }));

vi.mock('electron', () => {
  // Each export reads the stand-in of the test now running, so a fresh launch gets fresh objects.
  const exports = {};
  for (const name of ['app', 'BrowserWindow', 'dialog', 'ipcMain', 'Menu', 'protocol', 'session'] as const) {
    Object.defineProperty(exports, name, { enumerable: true, get: () => (stage.electron as StandInElectron).module[name] });
  }
  return exports;
});

/**
 * The real file reader, watched: tests that check nothing reached a loading page
 * wait for the reads themselves, not for a guess at how long a disk takes.
 */
const reads = vi.hoisted(() => ({ started: [] as Promise<unknown>[] }));

vi.mock('./file-reading', async (importOriginal) => {
  const real = await importOriginal<typeof import('./file-reading')>();
  return {
    ...real,
    readFileWithinLimit: (...args: Parameters<typeof real.readFileWithinLimit>) => {
      const reading = real.readFileWithinLimit(...args);
      reads.started.push(reading);
      return reading;
    },
  };
});

/** Lets pending promise callbacks finish. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits until every file read has finished and its result has been passed on (reads start a tick after a file arrives). */
async function readsFinished(): Promise<void> {
  let waitedFor = -1;
  while (waitedFor !== reads.started.length) {
    waitedFor = reads.started.length;
    await settle();
    await Promise.allSettled(reads.started);
  }
  await settle();
}

const originalArgv = process.argv;
const EXECUTABLE = '/opt/quorum/quorum';

/** Launches Quorum as Electron would: main.ts loaded once, with this command line. */
async function launchQuorum(options: Parameters<typeof standInElectron>[0] & { argv?: string[] } = {}): Promise<StandInElectron> {
  const electron = standInElectron(options);
  stage.electron = electron;
  process.argv = [EXECUTABLE, ...(options.argv ?? [])];
  reads.started.length = 0;
  vi.resetModules();
  await import('./main');
  return electron;
}

function onlyWindow(electron: StandInElectron) {
  expect(electron.windows).toHaveLength(1);
  return electron.windows[0]!;
}

function rolesIn(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? rolesIn(item.submenu) : [])]);
}

function withPlatform(platform: NodeJS.Platform, run: () => void): void {
  const original = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { ...original, value: platform });
  try {
    run();
  } finally {
    Object.defineProperty(process, 'platform', original);
  }
}

let folder: string;
let minutesPath: string;
const MINUTES = new TextEncoder().encode('{"format":"quorum-bundle","note":"minutes of 14 May"}');

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'quorum-main-'));
  minutesPath = path.join(folder, 'minutes.quorum');
  await writeFile(minutesPath, MINUTES);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

afterEach(() => {
  process.argv = originalArgv;
  stage.electron = null;
});

describe('starting Quorum, before Electron is ready', () => {
  it('registers app:// as a privileged, secure, standard scheme', async () => {
    const electron = await launchQuorum();
    expect(electron.schemes.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) })]);
  });

  it('sandboxes every renderer and asks for British dates', async () => {
    const electron = await launchQuorum();
    expect(electron.module.app.sandboxed).toBe(true);
    expect(electron.module.app.switches).toContainEqual(['lang', 'en-GB']);
  });

  it('claims the one-copy-per-user lock and opens no window until ready', async () => {
    const electron = await launchQuorum();
    expect(electron.module.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(electron.module.app.quit).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
    expect(electron.module.ipcMain.handlers.size).toBe(0);
  });

  it('as a second copy, quits and sets nothing up: no scheme, no window, no channels', async () => {
    const electron = await launchQuorum({ lockGranted: false, argv: [minutesPath] });
    expect(electron.module.app.quit).toHaveBeenCalledOnce();
    await electron.ready();
    expect(electron.module.app.whenReady).not.toHaveBeenCalled();
    expect(electron.module.app.listeners.size).toBe(0);
    expect(electron.module.app.sandboxed).toBe(false);
    expect(electron.schemes.privileged).toHaveLength(0);
    expect(electron.windows).toHaveLength(0);
    expect(electron.module.ipcMain.handlers.size).toBe(0);
    expect(electron.menus).toHaveLength(0);
  });
});

describe('every web contents Quorum creates', () => {
  it('cannot navigate or be redirected away from app://quorum', async () => {
    const electron = await launchQuorum();
    const contents = new StandInWebContents();
    electron.module.app.emit('web-contents-created', {}, contents);
    expect(contents.attempt('will-navigate', 'https://phishing.example/login')).toBe(true);
    expect(contents.attempt('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-navigate', 'app://quorum/members')).toBe(false);
  });

  it('cannot open new windows', async () => {
    const electron = await launchQuorum();
    const contents = new StandInWebContents();
    electron.module.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });
});

describe('once Electron is ready', () => {
  it('refuses every permission the page asks for', async () => {
    const electron = await launchQuorum();
    await electron.ready();
    const answers: boolean[] = [];
    electron.permissions.request?.({}, 'media', (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect(electron.permissions.check?.({}, 'clipboard-read')).toBe(false);
    expect(electron.permissions.device?.({})).toBe(false);
  });

  it('serves the built pages at app://quorum from the app’s dist/renderer', async () => {
    const appPath = await mkdtemp(path.join(folder, 'app-'));
    await mkdir(path.join(appPath, 'dist', 'renderer'), { recursive: true });
    await writeFile(path.join(appPath, 'dist', 'renderer', 'index.html'), '<title>Quorum</title>');
    const electron = await launchQuorum({ appPath });
    await electron.ready();
    const serve = electron.schemes.handlers.get('app');
    expect(serve).toBeDefined();
    const response = await serve!(new Request('app://quorum/members'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<title>Quorum</title>');
    expect(response.headers.get('Content-Security-Policy')).toBeTruthy();
  });

  it('sets Quorum’s own menu, without developer tools or reload when packaged', async () => {
    const electron = await launchQuorum({ packaged: true });
    await electron.ready();
    expect(electron.menus).toHaveLength(1);
    const roles = rolesIn(electron.menus[0]!.template);
    expect(roles).toContain('copy');
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
  });

  it('offers developer tools when run from source', async () => {
    const electron = await launchQuorum({ packaged: false });
    await electron.ready();
    expect(rolesIn(electron.menus[0]!.template)).toContain('toggleDevTools');
  });

  it('answers exactly the allowlisted channels, and only for its own window', async () => {
    const electron = await launchQuorum();
    await electron.ready();
    const ipcMain = electron.module.ipcMain;
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const window = onlyWindow(electron);
    const fromWindow = { sender: window.webContents, senderFrame: { url: 'app://quorum/index.html', parent: null } } as unknown as StandInEvent;
    await expect(ipcMain.invoke('app-version', fromWindow)).resolves.toBe('0.1.0');
    const fromElsewhere = { sender: new StandInWebContents(), senderFrame: { url: 'app://quorum/index.html', parent: null } } as unknown as StandInEvent;
    await expect(ipcMain.invoke('app-version', fromElsewhere)).rejects.toThrow(/not Quorum’s main window/);
  });

  it('opens one hardened window with the preload beside main', async () => {
    const electron = await launchQuorum();
    await electron.ready();
    const window = onlyWindow(electron);
    const preferences = window.options.webPreferences!;
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(path.isAbsolute(preferences.preload!)).toBe(true);
    expect(preferences.preload!.endsWith(`${path.sep}preload.cjs`)).toBe(true);
    expect(window.loaded).toEqual(['app://quorum/index.html']);
    // The window's own contents are hardened too, not only those announced by web-contents-created.
    expect(window.webContents.attempt('will-navigate', 'https://phishing.example/')).toBe(true);
  });

  it('opens the window again when the dock icon is clicked after it was closed (macOS)', async () => {
    const electron = await launchQuorum();
    await electron.ready();
    electron.module.app.emit('activate');
    expect(electron.windows).toHaveLength(1);
    onlyWindow(electron).emit('closed');
    electron.module.app.emit('activate');
    expect(electron.windows).toHaveLength(2);
  });

  it('tells the person and quits when starting fails', async () => {
    const electron = await launchQuorum();
    electron.module.Menu.buildFromTemplate = () => {
      throw new Error('The menu could not be built.');
    };
    await electron.ready();
    expect(electron.errorBoxes).toEqual([{ title: 'Quorum could not start', message: 'The menu could not be built.' }]);
    expect(electron.module.app.quit).toHaveBeenCalled();
  });
});

describe('a .quorum file handed over by the operating system', () => {
  it('on the command line, reaches the page with its bytes once the page has loaded', async () => {
    const electron = await launchQuorum({ argv: ['--enable-logging', minutesPath] });
    await electron.ready();
    const window = onlyWindow(electron);
    await readsFinished();
    expect(window.webContents.bundlesReceived()).toEqual([]);
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(window.webContents.bundlesReceived()).toHaveLength(1));
    const [bundle] = window.webContents.bundlesReceived();
    expect(bundle!.name).toBe('minutes.quorum');
    expect(bundle!.bytes).toEqual(MINUTES);
    expect(electron.errorBoxes).toEqual([]);
  });

  it('from open-file (macOS), is taken by Quorum and reaches the page', async () => {
    const electron = await launchQuorum();
    const event = { preventDefault: vi.fn() };
    electron.module.app.emit('open-file', event, minutesPath);
    expect(event.preventDefault).toHaveBeenCalled();
    await electron.ready();
    const window = onlyWindow(electron);
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(window.webContents.bundlesReceived().map((bundle) => bundle.name)).toEqual(['minutes.quorum']));
  });

  it('from open-file after the window was closed, opens a new window and delivers it there', async () => {
    const electron = await launchQuorum();
    await electron.ready();
    onlyWindow(electron).emit('closed');
    electron.module.app.emit('open-file', { preventDefault: () => undefined }, minutesPath);
    expect(electron.windows).toHaveLength(2);
    const reopened = electron.windows[1]!;
    reopened.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(reopened.webContents.bundlesReceived()).toHaveLength(1));
    expect(electron.windows[0]!.webContents.bundlesReceived()).toEqual([]);
  });

  it('waits while the page reloads, then reaches the reloaded page', async () => {
    const electron = await launchQuorum();
    await electron.ready();
    const window = onlyWindow(electron);
    window.webContents.emit('did-finish-load');
    window.webContents.emit('did-start-loading');
    electron.module.app.emit('open-file', { preventDefault: () => undefined }, minutesPath);
    await readsFinished();
    expect(window.webContents.bundlesReceived()).toEqual([]);
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(window.webContents.bundlesReceived()).toHaveLength(1));
  });

  it('from a second launch, reaches the page and brings the window to the front', async () => {
    const electron = await launchQuorum();
    await electron.ready();
    const window = onlyWindow(electron);
    window.webContents.emit('did-finish-load');
    electron.module.app.emit('second-instance', {}, [EXECUTABLE, 'minutes.quorum'], folder);
    expect(window.focused).toHaveBeenCalled();
    await vi.waitFor(() => expect(window.webContents.bundlesReceived()).toHaveLength(1));
  });

  it('from a second launch when no window is open (macOS), opens one and delivers it there', async () => {
    const electron = await launchQuorum();
    await electron.ready();
    onlyWindow(electron).emit('closed');
    electron.module.app.emit('second-instance', {}, [EXECUTABLE, 'minutes.quorum'], folder);
    expect(electron.windows).toHaveLength(2);
    const reopened = electron.windows[1]!;
    reopened.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(reopened.webContents.bundlesReceived()).toHaveLength(1));
  });

  it('that cannot be found, is reported in plain words instead of being sent', async () => {
    const missing = path.join(folder, 'gone.quorum');
    const electron = await launchQuorum({ argv: [missing] });
    await electron.ready();
    const window = onlyWindow(electron);
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(electron.errorBoxes).toHaveLength(1));
    expect(electron.errorBoxes[0]).toEqual({ title: 'Quorum could not open a file', message: `Quorum could not find “gone.quorum” (${missing}).` });
    expect(window.webContents.bundlesReceived()).toEqual([]);
  });

  it('that is over the size limit, is refused with the limit in words, unread', async () => {
    const huge = path.join(folder, 'huge.quorum');
    await writeFile(huge, '');
    await truncate(huge, LARGEST_FILE_BYTES + 1); // sparse: no disk used
    const electron = await launchQuorum({ argv: [huge] });
    await electron.ready();
    const window = onlyWindow(electron);
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(electron.errorBoxes).toHaveLength(1));
    expect(electron.errorBoxes[0]!.message).toBe(fileTooLargeMessage('huge.quorum', LARGEST_FILE_BYTES + 1));
    expect(window.webContents.bundlesReceived()).toEqual([]);
  });
});

describe('closing the window with changes not saved', () => {
  it('asks, over the window, and closes only when the person chooses to leave', async () => {
    const electron = await launchQuorum();
    await electron.ready();
    const window = onlyWindow(electron);
    const ask = electron.module.dialog.showMessageBoxSync;

    electron.dialogAnswers.leave = 1;
    expect(window.webContents.pageRefusesToUnload()).toBe(false);
    electron.dialogAnswers.leave = 0;
    expect(window.webContents.pageRefusesToUnload()).toBe(true);

    expect(ask).toHaveBeenCalledTimes(2);
    const [parent, question] = ask.mock.calls[0]!;
    expect(parent).toBe(window);
    expect(question.buttons[0]).toBe('Leave without saving');
  });
});

describe('closing the last window', () => {
  it('quits on Linux and Windows', async () => {
    for (const platform of ['linux', 'win32'] as const) {
      const electron = await launchQuorum();
      await electron.ready();
      withPlatform(platform, () => electron.module.app.emit('window-all-closed'));
      expect(electron.module.app.quit).toHaveBeenCalledOnce();
    }
  });

  it('keeps running on macOS, as Mac apps do', async () => {
    const electron = await launchQuorum();
    await electron.ready();
    withPlatform('darwin', () => electron.module.app.emit('window-all-closed'));
    expect(electron.module.app.quit).not.toHaveBeenCalled();
  });
});
