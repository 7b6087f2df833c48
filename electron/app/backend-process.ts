/**
 * Starts the backend (electron/backend/host.ts, built to out/backend/host.js) in an Electron utility process:
 * a Node process of its own, so the audit's event loop is never the one serving windows, menus and dialogs.
 * Everything past the link is plain Node code (electron/backend/client.ts), tested without Electron.
 */
import { utilityProcess } from 'electron';
import type { ChildLink } from '../backend/client';

export function startBackendProcess(hostFile: string, opts: { db: string; settings: string; dataDir: string }): ChildLink {
  const child = utilityProcess.fork(hostFile, ['--db', opts.db, '--settings', opts.settings, '--data-dir', opts.dataDir], { serviceName: 'MTA-STS Auditor backend', stdio: 'inherit' });
  return {
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}
