/**
 * The privileged app:// scheme that serves the built renderer (dist/renderer).
 *
 * Registered as standard and secure before the app is ready, so app://quorum is a
 * secure context with a stable origin: IndexedDB, WebCrypto and fetch behave as on
 * https. The handler reads files from the renderer folder with Node's fs and refuses
 * anything that would resolve outside it (../, encoded separators, other hosts).
 * Paths without a file extension that do not exist are client-side routes and get
 * index.html, so reloading on /members works. Every response carries the strict
 * Content Security Policy.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/** The privileges of app://. Not bypassCSP: our own CSP applies to it. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  stream: false,
  bypassCSP: false,
  allowServiceWorkers: false,
} as const;

export interface SchemeRegistrar {
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
}

export interface SchemeHandlerRegistrar {
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** Must run before the app's 'ready' event (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serves rendererRoot at app://quorum/. Call after 'ready'. */
export function serveAppScheme(protocol: SchemeHandlerRegistrar, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppSchemeHandler(rendererRoot));
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

function refusal(status: 400 | 403 | 404 | 405, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The file a request maps to inside rendererRoot, or null when it would leave it.
 * Exported for tests of the traversal rules.
 */
export function fileForRequest(rendererRoot: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = path.resolve(rendererRoot);
  const relative = decoded.replace(/^[/\\]+/, '');
  const resolved = path.resolve(root, relative === '' ? 'index.html' : relative);
  const fromRoot = path.relative(root, resolved);
  if (fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${path.sep}`) || path.isAbsolute(fromRoot)) return null;
  return resolved;
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

export function createAppSchemeHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererRoot);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Quorum serves its pages read-only.');
    const filePath = fileForRequest(root, request.url);
    if (filePath === null) return refusal(403, 'Outside Quorum’s pages.');
    let served = filePath;
    if (!(await isFile(served))) {
      // A client-side route (no extension) is the single-page app; a missing asset is a 404.
      if (path.extname(served) !== '') return refusal(404, 'Not found.');
      served = path.join(root, 'index.html');
      if (!(await isFile(served))) return refusal(404, 'Quorum’s pages are not built: run npm run build.');
    }
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(served));
    return new Response(body, { status: 200, headers: { ...securityHeaders(), 'Content-Type': mimeTypeFor(served) } });
  };
}
