import { randomBytes } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { META_CONTENT_SECURITY_POLICY, devServerContentSecurityPolicy } from './electron/content-security-policy.ts';

/**
 * index.html carries the desktop app's Content Security Policy as a <meta> tag, from the
 * one module that defines it (electron/content-security-policy.ts; docs/architecture.md,
 * "A sealed desktop build"). The dev server also lets the <style> elements Vite's hot
 * reload adds apply, by a nonce made as it starts (Vite's html.cspNonce); a build has none.
 */
function contentSecurityPolicy(): Plugin {
  let policy = META_CONTENT_SECURITY_POLICY;
  return {
    name: 'quorum-content-security-policy',
    config(_config, { command }) {
      if (command !== 'serve') return undefined;
      const nonce = randomBytes(16).toString('base64url');
      policy = devServerContentSecurityPolicy(nonce);
      return { html: { cspNonce: nonce } };
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
    },
  };
}

// The renderer is the Vite root; relative base so the build loads from app:// and from a file server alike.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
});
