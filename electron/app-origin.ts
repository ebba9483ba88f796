/**
 * Quorum's renderer lives at one fixed origin, app://quorum, served by our own
 * privileged scheme. A fixed origin keeps IndexedDB (the whole store) in the same
 * place across launches and installs, and gives main one thing to compare against
 * when it decides whether a navigation or an IPC sender is Quorum's own page.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'quorum';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Where the window is pointed at start-up. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The origin of a URL as "scheme://host[:port]", or null when it does not parse.
 * Node's URL reports the origin of non-special schemes such as app: as "null", so
 * it is rebuilt here from protocol and host.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}
