/**
 * Picks the Platform once, at start-up: Electron's when the preload has put
 * window.quorum there, the browser's otherwise. Features receive the chosen one
 * (e.g. through a React context) and never ask which it is.
 */
import { createBrowserPlatform } from './browser';
import { createElectronPlatform } from './electron';
import type { Platform } from './platform';

export function choosePlatform(host: Window = window): Platform {
  return host.quorum ? createElectronPlatform(host.quorum, host) : createBrowserPlatform(host);
}

export type { OpenedFile, OpenFileRequest, Platform, SaveFileRequest, SaveResult } from './platform';
