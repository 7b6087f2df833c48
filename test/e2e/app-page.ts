/**
 * The app as each browser e2e file opens it: the renderer as built, served over loopback to Debian's
 * Chromium, with the preload's bridge wired to a backend (bridge.ts). One page; close() ends the browser and
 * the server.
 */
import type { Page } from 'playwright-core';
import type { Backend } from '../../electron/handlers';
import { installBridge } from './bridge';
import { launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';
import { serveStatic } from './static-server';

export interface AppPage {
  page: Page;
  /** The renderer's address; routes are `${url}#/run/1` and so on. */
  url: string;
  close(): Promise<void>;
}

export async function openAppInChromium(getBackend: () => Backend): Promise<AppPage> {
  const server = await serveStatic(ensureRendererBuilt());
  try {
    const { browser, context } = await launchChromium();
    await installBridge(context, getBackend);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('page error:', err));
    return {
      page,
      url: server.url,
      close: async () => {
        await browser.close();
        await server.close();
      },
    };
  } catch (err) {
    await server.close();
    throw err;
  }
}
