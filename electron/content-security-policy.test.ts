/**
 * The browser build runs under the desktop app's Content Security Policy
 * (docs/architecture.md, "A sealed desktop build"): the page Vite builds from the
 * project's own vite.config.ts is read back, and its <meta> policy compared with the
 * header app://quorum sends (electron/app-scheme.ts), directive by directive.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, createServer, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { createAppSchemeHandler } from './app-scheme';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, devServerContentSecurityPolicy } from './content-security-policy';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const configFile = path.join(root, 'vite.config.ts');

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...sources] = part.split(/\s+/);
        return [name, sources.join(' ')];
      }),
  );
}

/** The content of the page's <meta http-equiv="Content-Security-Policy">, entities decoded; undefined if it has none. */
function metaPolicy(html: string): string | undefined {
  const tags = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
  expect(tags.length).toBeLessThanOrEqual(1);
  return tags[0]?.[1]?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('the policy a <meta> tag carries', () => {
  it('is the desktop app’s, directive by directive, less frame-ancestors, which only a header can carry', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    const meta = directives(META_CONTENT_SECURITY_POLICY);
    expect(header.get('frame-ancestors')).toBe("'none'");
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
  });

  it('is what app://quorum sends as its header, less frame-ancestors', async () => {
    const folder = path.join(root, 'renderer');
    const response = await createAppSchemeHandler(folder)(new Request('app://quorum/index.html'));
    const sent = directives(response.headers.get('Content-Security-Policy') ?? '');
    sent.delete('frame-ancestors');
    expect(sent).toEqual(directives(META_CONTENT_SECURITY_POLICY));
  });
});

describe('the built page', () => {
  it('carries exactly that policy, before anything loads', async () => {
    const result = await build({ configFile, logLevel: 'silent', build: { write: false, sourcemap: false } });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((output) => (output as Rollup.RollupOutput).output);
    const page = outputs.find((output) => output.fileName === 'index.html');
    expect(page?.type).toBe('asset');
    const html = String((page as Rollup.OutputAsset).source);
    expect(metaPolicy(html)).toBe(META_CONTENT_SECURITY_POLICY);
    // Before the first script or stylesheet, and no inline script for the policy to block.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.search(/<script|<link rel="stylesheet"/));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toContain('nonce');
  }, 60_000);
});

describe('the dev server’s page', () => {
  it('carries the same policy, with one nonce for the scripts and styles Vite adds', async () => {
    const server = await createServer({ configFile, logLevel: 'silent', server: { middlewareMode: true, hmr: false, watch: null } });
    try {
      const source = await readFile(path.join(root, 'renderer', 'index.html'), 'utf8');
      const html = await server.transformIndexHtml('/index.html', source);
      const nonce = /<meta property="csp-nonce" nonce="([^"]+)"/.exec(html)?.[1];
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      expect(metaPolicy(html)).toBe(devServerContentSecurityPolicy(nonce!));
      const dev = directives(devServerContentSecurityPolicy(nonce!));
      const built = directives(META_CONTENT_SECURITY_POLICY);
      for (const [directive, sources] of built) expect(dev.get(directive)).toBe(directive === 'script-src' || directive === 'style-src' ? `${sources} 'nonce-${nonce}'` : sources);
      // Before every script, and every script Vite adds carries the nonce (its client gives the same nonce to the <style> elements it adds).
      expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
      const scripts = [...html.matchAll(/<script([^>]*)>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes] of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    } finally {
      await server.close();
    }
  }, 60_000);
});
