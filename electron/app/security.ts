/**
 * The shell's security rules as plain functions (no Electron import), so they are unit-tested:
 * the Content-Security-Policy of the app's pages, which URLs count as the app itself, and which may
 * be handed to the system browser.
 */
import { format, pathToFileURL } from 'node:url';

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

/**
 * True when `url` is the app's page itself: the built renderer's index.html, with any #route, and nothing
 * else on disk (IPC is answered only for this page; see ipc.ts). Compared exactly, after the URL parser's
 * own normalisation and never after decoding: the old prefix test decoded the normalised path, so
 * `…/renderer/..%2F..%2Fetc/x.html` became `…/renderer/../../etc/x.html` and passed, and it ignored the host,
 * so `file://attacker/…/renderer/index.html` (a UNC share on Windows) passed too.
 *
 * `appPage` is the path Electron loads (loadFile); `windows` says how to read it (default: this system).
 * The host must be the one that path gives: empty, unless the app itself runs from a UNC share.
 */
export function isAppUrl(url: string, appPage: string, opts: { windows?: boolean } = {}): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || parsed.search !== '') return false;
  const windows = opts.windows ?? process.platform === 'win32';
  // Windows paths are case-insensitive, and Chromium writes the drive letter in upper case whatever it was given.
  const fold = (p: string) => (windows ? p.toLowerCase() : p);
  return appPageUrls(appPage, windows).some((expected) => parsed.host === expected.host && fold(parsed.pathname) === fold(expected.pathname));
}

/**
 * The URL of the app page in the two forms it can take: Node's pathToFileURL, and the one Electron's loadFile
 * builds (url.format of the raw path), which leaves a `%` in the path unescaped where pathToFileURL writes %25.
 * Both come from our own path, so either may be trusted.
 */
function appPageUrls(appPage: string, windows: boolean): URL[] {
  const urls = [pathToFileURL(appPage, { windows })];
  try {
    urls.push(new URL(format({ protocol: 'file', slashes: true, pathname: appPage })));
  } catch {
    // a path url.format cannot express: the first form stands alone
  }
  return urls;
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
