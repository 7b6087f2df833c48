/**
 * Runs sandboxed in the renderer before the page: exposes `window.auditor = { invoke, on }` and nothing
 * else. Only the contract's channel and event names pass; listeners get the payload, never the IPC event
 * (whose `sender` would hand the page a raw ipcRenderer).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// Names only: shared/ipc.ts would bring zod into the sandboxed bundle. The types below are erased at build.
import { isEventName, isRequestName } from '../../shared/ipc-names';
import type { AuditorApi, Reply } from '../../shared/ipc';

const api: AuditorApi = {
  invoke(channel, input) {
    if (!isRequestName(channel)) {
      const refused: Reply<never> = { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no such request: ${String(channel)}` } };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`no such event: ${String(event)}`);
    const forward = (_e: IpcRendererEvent, payload: unknown) => listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('auditor', api);
