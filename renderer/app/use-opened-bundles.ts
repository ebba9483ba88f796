/**
 * Bundles that reach the app from outside a page — a .quorum file dropped on the
 * window, or double-clicked and handed over by the operating system — go to the
 * Sync page, which opens them at once (preview first, nothing written until the
 * person accepts). One listener for the whole app, in the shell, so a file is
 * opened once whichever page is showing; the set-up screen, which has no shell,
 * listens through its own join flow instead.
 */
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { usePlatform } from './platform-context';

export function useOpenedBundles(): void {
  const platform = usePlatform();
  const navigate = useNavigate();
  useEffect(() => platform.onBundleOpened((file) => void navigate('/sync', { state: { openedBundle: file } })), [platform, navigate]);
}
