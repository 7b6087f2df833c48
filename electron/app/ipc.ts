/**
 * Wires the backend (main-router.ts: dialogs here, the rest in the backend process) to Electron IPC: one
 * `ipcMain.handle` per contract channel. Requests from any frame
 * but the app's own top-level page are refused; anything thrown is wrapped in the reply envelope, because
 * `ipcRenderer.invoke` would only carry an error's message.
 */
import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { REQUEST_NAMES, type Events, type Reply } from '../../shared/ipc';
import type { Backend } from '../handlers';
import { toIpcError } from '../handlers/errors';
import { isAppUrl } from './security';

function trustedSender(frame: WebFrameMain | null, appPage: string): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url, appPage);
}

/** `appPage`: the renderer's index.html, the one page whose requests are answered. */
export function registerIpc(backend: Backend, appPage: string): void {
  for (const channel of REQUEST_NAMES) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Reply<unknown>> => {
      if (!trustedSender(event.senderFrame, appPage)) {
        return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'request refused: it did not come from the app window' } };
      }
      try {
        return await backend.dispatch(channel, input);
      } catch (err) {
        return { ok: false, error: toIpcError(err) };
      }
    });
  }
}

/** Push events go to the main window only, and are dropped while it is closed. */
export function windowEmitter(getWindow: () => BrowserWindow | undefined) {
  return <E extends keyof Events>(event: E, payload: Events[E]): void => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(event, payload);
  };
}
