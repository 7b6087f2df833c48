/**
 * Debian's Chromium for the renderer tests (the Electron binary cannot be downloaded here): headless, no
 * network chatter, one 1280×800 page per test file, with the preload API bridged to the real handlers.
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Tests that need Chromium are skipped on a machine without it; CI installs it. */
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);

export async function launchChromium(): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return { browser, context };
}
