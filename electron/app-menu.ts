/**
 * Quorum's application menu, in place of Electron's default one. The default
 * offers "Toggle Developer Tools" and "Force Reload" to everyone; a packaged
 * Quorum offers neither (developer tools would let anyone at the keyboard run
 * code against the consortium's store, and a reload mid-import only confuses).
 * What people do expect stays: the Edit menu (without it, copy and paste
 * shortcuts do not work on macOS), zoom for those who need larger text, full
 * screen, and the window commands of each operating system.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** True only when run from source (not packaged): adds reload and developer tools. */
  developer: boolean;
}

export function applicationMenu({ appName, platform, developer }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const menus: MenuItemConstructorOptions[] = [];
  if (mac) {
    menus.push({
      label: appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  menus.push({ label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit', label: 'Exit' }] });
  menus.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  menus.push({
    label: 'View',
    submenu: [
      ...(developer ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[]) : []),
      { role: 'resetZoom', label: 'Actual Size' },
      { role: 'zoomIn', label: 'Larger Text' },
      { role: 'zoomOut', label: 'Smaller Text' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  menus.push({ label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] });
  return menus;
}
