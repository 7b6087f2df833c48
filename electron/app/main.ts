/**
 * The Electron main process: one window, locked down, its menus and dialogs. The backend (handlers, engine,
 * store) runs in a utility process of its own (backend-process.ts), so an audit never holds up this loop;
 * main answers the dialogs itself and forwards every other request (electron/backend/main-router.ts).
 * Order matters: the app name and data folder are set before anything reads them.
 */
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, Menu, session, shell } from 'electron';
import { defaultDatabasePath, PRODUCT_NAME } from '../paths';
import type { Backend } from '../handlers';
import { createBackendClient } from '../backend/client';
import { createMainRouter } from '../backend/main-router';
import { startBackendProcess } from './backend-process';
import { createDialogs } from './dialogs';
import { registerIpc, windowEmitter } from './ipc';
import { buildMenu } from './menu';
import { isAllowedExternalUrl } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The app's one page: loaded into the window, and the only sender IPC answers (security.ts, isAppUrl). */
const appPage = path.join(here, '..', 'renderer', 'index.html');
const preloadFile = path.join(here, '..', 'preload', 'preload.cjs');
const backendHost = path.join(here, '..', 'backend', 'host.js');

// electron/paths.ts mirrors userData for the CLI; pointing Electron at the same folder makes both open
// one database whatever name the packager gives the executable.
app.setName(PRODUCT_NAME);
app.setPath('userData', path.dirname(defaultDatabasePath()));

let win: BrowserWindow | undefined;
let backend: Backend | undefined;
let stopping = false;

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1280, height: 800, minWidth: 1024, minHeight: 640, show: false, title: PRODUCT_NAME, backgroundColor: '#f4f6f9',
    webPreferences: {
      preload: preloadFile, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true,
      webviewTag: false, spellcheck: false, devTools: !app.isPackaged,
    },
  });
  w.once('ready-to-show', () => w.show());
  w.on('closed', () => {
    if (win === w) win = undefined;
  });
  void w.loadFile(appPage);
  return w;
}

/** No page may open windows or navigate away; https links go to the system browser. */
function lockDownContents(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  const dbFile = defaultDatabasePath();
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const link = startBackendProcess(backendHost, { db: dbFile, settings: path.join(app.getPath('userData'), 'settings.json'), dataDir: app.getPath('userData') });
  const client = createBackendClient(link, windowEmitter(() => win));
  void client.exited.then((code) => {
    // Requests now answer BACKEND_UNAVAILABLE; the window stays up to say so.
    if (!stopping) console.error(`MTA-STS Auditor: the backend process ended unexpectedly (exit code ${code})`);
  });
  await client.ready;
  backend = createMainRouter({ client, dialogs: createDialogs(() => win), showItem: (file) => shell.showItemInFolder(file) });
  registerIpc(backend, appPage);
  Menu.setApplicationMenu(buildMenu());
  win = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  lockDownContents();
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (!win && backend) win = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    // Running audits are paused first so their state is saved as resumable, not left "running": the backend
    // pauses them, closes the store and exits; past a bound it is killed (main-router.ts, DEFAULT_STOP_TIMEOUT_MS).
    if (!backend || stopping) return;
    stopping = true;
    event.preventDefault();
    void backend.stop().finally(() => app.quit());
  });
  app.whenReady().then(start).catch((err: unknown) => {
    console.error('MTA-STS Auditor failed to start:', err);
    app.exit(1);
  });
}
