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
