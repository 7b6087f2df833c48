/**
 * The shell's security rules as plain functions (no Electron import), so they are unit-tested:
 * the Content-Security-Policy of the app's pages, which URLs count as the app itself, and which may
 * be handed to the system browser.
 */

/**
 * Everything the renderer needs comes from its own files. No inline script, no eval, no network
 * (`connect-src 'none'`: all data comes through the preload bridge), no plugins, no forms. It is delivered
 * as a meta tag (a file:// page has no response headers), where `frame-ancestors` would be ignored.
 * Inline `style` attributes set by React go through the CSSOM, which `style-src 'self'` allows.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** True when `url` is a file of the built renderer (index.html and its assets), nothing else on disk. */
export function isAppUrl(url: string, rendererDir: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:') return false;
  const root = new URL(`file://${rendererDir.replace(/\\/g, '/').replace(/^\/?/, '/').replace(/\/?$/, '/')}`);
  return decodeURIComponent(parsed.pathname).startsWith(decodeURIComponent(root.pathname));
}

/**
 * Links the user may open in the system browser: https only, no credentials in the URL. Anything else
 * (file:, javascript:, custom schemes that launch programs) is dropped.
 */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}
