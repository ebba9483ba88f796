import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomScheme } from 'electron';
import { createAppSchemeHandler, registerAppScheme, serveAppScheme } from './app-scheme';

let workspace: string;
let rendererRoot: string;
let serve: (request: Request) => Promise<Response>;
const SECRET = 'the accountable body’s bank details';

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'quorum-scheme-'));
  rendererRoot = path.join(workspace, 'dist', 'renderer');
  await mkdir(path.join(rendererRoot, 'assets'), { recursive: true });
  await writeFile(path.join(rendererRoot, 'index.html'), '<!doctype html><title>Quorum</title>');
  await writeFile(path.join(rendererRoot, 'assets', 'index-abc123.js'), 'console.log("quorum")');
  await writeFile(path.join(rendererRoot, 'assets', 'index-abc123.css'), 'body{}');
  await writeFile(path.join(rendererRoot, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(workspace, 'dist', 'secret.txt'), SECRET);
  await writeFile(path.join(workspace, 'secret.txt'), SECRET);
  serve = createAppSchemeHandler(rendererRoot);
});

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('the app:// scheme', () => {
  it('is registered privileged: standard, secure, fetch and CORS, and still under our CSP', () => {
    const registered: CustomScheme[][] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(schemes) });
    expect(registered).toHaveLength(1);
    const [scheme] = registered[0]!;
    expect(scheme?.scheme).toBe('app');
    expect(scheme?.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, bypassCSP: false });
    expect(scheme?.privileges?.allowServiceWorkers).toBe(false);
  });

  it('is handled for the app scheme by the renderer-folder handler', async () => {
    const handled: [string, (request: Request) => Response | Promise<Response>][] = [];
    serveAppScheme({ handle: (scheme, handler) => handled.push([scheme, handler]) }, rendererRoot);
    expect(handled.map(([scheme]) => scheme)).toEqual(['app']);
    const response = await handled[0]![1](new Request('app://quorum/index.html'));
    expect(await response.text()).toContain('<title>Quorum</title>');
  });
});

describe('serving the built renderer', () => {
  it('serves index.html as HTML for the root and by name', async () => {
    for (const url of ['app://quorum/', 'app://quorum/index.html']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toContain('<title>Quorum</title>');
    }
  });

  it.each([
    ['assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc123.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s, not to be sniffed', async (file, type) => {
    const response = await get(`app://quorum/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the app for a client-side route so reloading a page works', async () => {
    const response = await get('app://quorum/meetings/2026-11-22');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Quorum</title>');
  });

  it('answers 404 for a missing asset rather than the app', async () => {
    expect((await get('app://quorum/assets/missing.js')).status).toBe(404);
  });

  it.each([
    'app://quorum/../secret.txt',
    'app://quorum/..%2fsecret.txt',
    'app://quorum/..%2F..%2Fsecret.txt',
    'app://quorum/%2e%2e/secret.txt',
    'app://quorum/assets/..%2f..%2fsecret.txt',
    'app://quorum/assets/..%2f..%2f..%2fsecret.txt',
    'app://quorum/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://quorum/..%5c..%5csecret.txt',
    'app://quorum/secret.txt%00.html',
    `app://quorum/${encodeURIComponent(path.join(rendererRoot ?? '/', '..', 'secret.txt'))}`,
  ])('refuses to serve anything outside the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('reads an encoded absolute path as a path inside the renderer folder, never the system’s', async () => {
    const response = await get('app://quorum/%2fetc%2fpasswd');
    expect(await response.text()).not.toMatch(/root:/);
  });

  it('refuses a file named by absolute path outside the renderer folder', async () => {
    const outside = encodeURIComponent(path.join(workspace, 'secret.txt'));
    const response = await get(`app://quorum/${outside}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('refuses another host on the app scheme', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(403);
  });

  it('refuses to accept writes', async () => {
    expect((await get('app://quorum/index.html', 'POST')).status).toBe(405);
  });
});

describe('the Content Security Policy', () => {
  async function policyOf(url: string): Promise<Map<string, string[]>> {
    const header = (await get(url)).headers.get('content-security-policy');
    expect(header).toBeTruthy();
    return new Map(
      header!
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...sources]) => [name!, sources]),
    );
  }

  it('is sent with the page, its assets and refusals alike', async () => {
    for (const url of ['app://quorum/index.html', 'app://quorum/assets/index-abc123.js', 'app://quorum/assets/missing.js', 'app://quorum/..%2fsecret.txt']) {
      expect((await get(url)).headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    }
  });

  it('allows only Quorum’s own scripts, styles and connections', async () => {
    const policy = await policyOf('app://quorum/index.html');
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('forbids plugins, framing, <base> and form submission', async () => {
    const policy = await policyOf('app://quorum/index.html');
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('has no unsafe-inline, unsafe-eval, wildcard or remote source anywhere', async () => {
    const policy = await policyOf('app://quorum/index.html');
    for (const [directive, sources] of policy) {
      for (const source of sources) {
        expect(source, directive).not.toMatch(/unsafe|\*|https?:|wss?:|file:/);
      }
    }
  });
});
