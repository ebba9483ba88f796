/**
 * Electron's entry point: wires Quorum's main-process modules to the real Electron
 * objects. Everything with a rule in it lives in a module that takes Electron's
 * objects as parameters and has a test beside it; this file only connects them, in
 * the order Electron requires (privileged scheme and open-file before 'ready').
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { applicationMenu } from './app-menu';
import { registerAppScheme, serveAppScheme } from './app-scheme';
import { createFileChannels } from './file-channels';
import { createSharedFolderChannels, folderMemoryIn, SharedFolder } from './shared-folder';
import { BackupFolder, createBackupChannels } from './backup-folder';
import { denyAllPermissions, hardenWebContents } from './hardening';
import { IncomingBundles } from './incoming-bundles';
import { registerChannels, senderIsMainWindow } from './ipc-gate';
import { openMainWindow } from './main-window';
import { bundlePathsIn, claimSingleInstance } from './single-instance';
import { askBeforeLosingChanges } from './unsaved-changes';
import type { EventChannel } from '../shared/ipc';

const BUNDLE_OPENED: EventChannel = 'bundle-opened';

function startQuorum(): void {
  let window: BrowserWindow | null = null;
  const incoming = new IncomingBundles((message) => dialog.showErrorBox('Quorum could not open a file', message));

  // A file from a second launch opens a window if there is none (macOS keeps running with no window).
  const receiveBundle = (filePath: string) => {
    incoming.receive(filePath);
    if (app.isReady() && window === null) createWindow();
  };
  if (!claimSingleInstance(app, { receiveBundle, mainWindow: () => window })) return;

  // Before 'ready': schemes must be privileged, and macOS sends open-file during launch.
  registerAppScheme(protocol);
  app.enableSandbox();
  // Dates in British order (dd/mm/yyyy) in date fields, whatever the system language.
  app.commandLine.appendSwitch('lang', 'en-GB');
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    receiveBundle(filePath);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  for (const filePath of bundlePathsIn(process.argv, process.cwd())) incoming.receive(filePath);

  function createWindow(): void {
    const created = openMainWindow(BrowserWindow, path.join(__dirname, 'preload.cjs'));
    window = created;
    askBeforeLosingChanges(created.webContents, (question) => dialog.showMessageBoxSync(created, { ...question, buttons: [...question.buttons] }));
    created.webContents.on('did-start-loading', () => incoming.pause());
    created.webContents.on('did-finish-load', () =>
      incoming.deliverTo((bundle) => created.webContents.send(BUNDLE_OPENED, bundle)),
    );
    created.on('closed', () => {
      incoming.pause();
      window = null;
    });
  }

  app
    .whenReady()
    .then(() => {
      denyAllPermissions(session.defaultSession);
      Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu({ appName: app.getName(), platform: process.platform, developer: !app.isPackaged })));
      serveAppScheme(protocol, path.join(app.getAppPath(), 'dist', 'renderer'));
      const showOpenDialog = (options: Electron.OpenDialogOptions) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
      // The folder partners share: its path stays here, in the user data folder (docs/bundle-format.md §12).
      const sharedFolder = new SharedFolder({ dialog: { showOpenDialog }, memory: folderMemoryIn(path.join(app.getPath('userData'), 'shared-folder.json')) });
      // The backups folder: its path kept beside the shared folder's (docs/backup-format.md).
      const backupFolder = new BackupFolder({ documents: () => app.getPath('documents'), dialog: { showOpenDialog }, memory: folderMemoryIn(path.join(app.getPath('userData'), 'backup-folder.json')) });
      registerChannels(
        ipcMain,
        {
          ...createFileChannels({
            dialogs: {
              showSaveDialog: (options) => (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
              showOpenDialog,
            },
            defaultFolder: () => app.getPath('documents'),
            appVersion: () => app.getVersion(),
          }),
          ...createSharedFolderChannels(sharedFolder),
          ...createBackupChannels(backupFolder),
        },
        senderIsMainWindow(() => window?.webContents ?? null),
      );
      createWindow();
      app.on('activate', () => {
        if (window === null) createWindow();
      });
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Quorum could not start', error instanceof Error ? error.message : String(error));
      app.quit();
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

startQuorum();
