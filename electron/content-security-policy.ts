/**
 * The Content Security Policy sent with every page and asset of app://quorum.
 *
 * Only Quorum's own bundled code runs: no inline or eval'd script, no plugins, no
 * frames, no network beyond our own origin (Quorum syncs by files, never a server),
 * no <base> or form submissions that could send data elsewhere. Styles are 'self'
 * only: React's style props are applied through the CSSOM, which style-src does not
 * govern, so 'unsafe-inline' is not needed. Images may be data: URIs (icons inlined
 * by the bundler) and blob: URLs (previews of files the user opened).
 */

export const CONTENT_SECURITY_POLICY_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'manifest-src': "'self'",
  'media-src': "'none'",
  'frame-src': "'none'",
  'object-src': "'none'",
  'frame-ancestors': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CONTENT_SECURITY_POLICY_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources}`)
  .join('; ');

/**
 * Directives a policy in a <meta> tag cannot carry: browsers ignore them there and
 * log an error (CSP Level 3, section 3.3). Only frame-ancestors is in ours; the
 * desktop app's header enforces it.
 */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

function policyOf(directives: [string, string][]): string {
  return directives.map(([directive, sources]) => `${directive} ${sources}`).join('; ');
}

const metaDirectives = Object.entries(CONTENT_SECURITY_POLICY_DIRECTIVES).filter(([directive]) => !HEADER_ONLY_DIRECTIVES.has(directive));

/**
 * The policy the renderer's index.html carries in a <meta http-equiv> tag, put there
 * by vite.config.ts, so Quorum in a browser runs under the same rules as the desktop
 * app (docs/architecture.md, "A sealed desktop build"): CONTENT_SECURITY_POLICY less
 * the directives a <meta> cannot carry.
 */
export const META_CONTENT_SECURITY_POLICY = policyOf(metaDirectives);

/**
 * The policy Vite's dev server (`npm run dev`) puts in index.html: the meta policy,
 * except that script-src and style-src also allow one nonce, which Vite puts on its
 * scripts and on the <style> elements its hot reload adds for each CSS import (Vite's
 * html.cspNonce). The built page has exactly META_CONTENT_SECURITY_POLICY.
 */
export function devServerContentSecurityPolicy(nonce: string): string {
  return policyOf(metaDirectives.map(([directive, sources]) => [directive, directive === 'script-src' || directive === 'style-src' ? `${sources} 'nonce-${nonce}'` : sources]));
}
