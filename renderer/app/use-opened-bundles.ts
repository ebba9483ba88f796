/**
 * Files that reach the app from outside a page — a file dropped on the window,
 * or a .quorum file double-clicked and handed over by the operating system — go
 * to the Sync page. A bundle is opened there at once (preview first, nothing
 * written until the person accepts); a dropped file that is not a bundle (or is
 * too large to open) is not read, and the Sync page says so and does nothing
 * else. One listener for the whole app, in the shell, so a file is taken once
 * whichever page is showing; the set-up screen, which has no shell, listens
 * through its own join flow instead.
 *
 * Both arrive as navigation state: { openedBundle: OpenedFile } or
 * { refusedDrops: RefusedDrop[] } (renderer/features/sync/SyncPage.tsx).
 */
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { onRefusedDrops } from '../platform/dropped-bundles';
import { usePlatform } from './platform-context';

export function useOpenedBundles(): void {
  const platform = usePlatform();
  const navigate = useNavigate();
  useEffect(() => platform.onBundleOpened((file) => void navigate('/sync', { state: { openedBundle: file } })), [platform, navigate]);
  useEffect(() => onRefusedDrops((drops) => void navigate('/sync', { state: { refusedDrops: drops } })), [navigate]);
}
