/**
 * Starts the backend host (host.ts) as a plain Node child process, the way the app starts it as an Electron
 * utility process: the same module, the same messages, structured-cloned ("advanced" serialisation, so a
 * dropped file's Uint8Array crosses as bytes, as it does in Electron). From source, the child loads TypeScript
 * through tsx, as the CLI does (bin/mta-sts-audit.mjs).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildLink } from './client';

export interface ForkOptions {
  db: string;
  settings: string;
  /** The app's data folder (the bundle's signing key lives there); none: exports of a bundle refuse. */
  dataDir?: string;
  /** The host module; default host.ts beside this file. */
  hostFile?: string;
}

export function forkBackend(opts: ForkOptions): ChildLink {
  const hostFile = opts.hostFile ?? fileURLToPath(new URL('./host.ts', import.meta.url));
  const child = fork(hostFile, ['--db', opts.db, '--settings', opts.settings, ...(opts.dataDir ? ['--data-dir', opts.dataDir] : [])], {
    serialization: 'advanced',
    execArgv: hostFile.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    post: (message) => {
      child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => child.kill('SIGKILL'),
  };
}
