import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { applicationMenu } from './app-menu';

function roles(menu: MenuItemConstructorOptions[]): string[] {
  return menu.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

describe('the application menu', () => {
  it('offers no developer tools and no reload in the packaged app', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const found = roles(applicationMenu({ appName: 'Quorum', platform, developer: false }));
      expect(found).not.toContain('toggleDevTools');
      expect(found).not.toContain('reload');
      expect(found).not.toContain('forceReload');
    }
  });

  it('offers them when run from source', () => {
    expect(roles(applicationMenu({ appName: 'Quorum', platform: 'linux', developer: true }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('keeps copy and paste, zoom and quitting on every operating system', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const found = roles(applicationMenu({ appName: 'Quorum', platform, developer: false }));
      expect(found).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'undo', 'zoomIn', 'zoomOut', 'resetZoom']));
      expect(found.includes('quit')).toBe(true);
    }
  });

  it('puts About and Quit under the app’s own name on macOS', () => {
    const [first] = applicationMenu({ appName: 'Quorum', platform: 'darwin', developer: false });
    expect(first?.label).toBe('Quorum');
    expect(roles([first!])).toEqual(expect.arrayContaining(['about', 'quit']));
  });
});
