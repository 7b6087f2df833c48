/**
 * The backend process's entry: the handlers, the engine and the store, off the main process's event loop, so
 * that an audit saturating this loop never delays windows, menus or dialogs. The app starts it with Electron's
 * `utilityProcess.fork` (electron/app/backend-process.ts); tests, the benchmark and anything else in plain Node
 * with `child_process.fork` (fork.ts). Same module either way: only the end of the channel differs.
 *
 *   --db FILE         the SQLite database
 *   --settings FILE   the app's preferences (settings.json)
 */
import { parseArgs } from 'node:util';
import type Database from 'better-sqlite3';
import { createBackend, createFileSettingsStore } from '../handlers';
import { openDatabase } from '../store/db';
import type { FromBackend, Port } from './protocol';
import { serveBackend } from './serve';

/** Electron's `process.parentPort` in a utility process (declared here: only electron/app/ may import electron). */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/** `flushed`: resolves once every message posted so far has left the process (so exiting loses no reply). */
function parentPort(): Port<FromBackend, unknown> & { flushed(): Promise<void> } {
  const electronPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (m) => electronPort.postMessage(m),
      onMessage: (l) => electronPort.on('message', (e) => l(e.data)),
      flushed: () => new Promise((resolve) => setImmediate(resolve)),
    };
  }
  if (!process.send) throw new Error('the backend host must be started as a child process with an IPC channel (fork.ts)');
  let last: Promise<void> = Promise.resolve();
  return {
    post: (m) => {
      last = new Promise((resolve) => process.send!(m, undefined, undefined, () => resolve()));
    },
    onMessage: (l) => process.on('message', l),
    flushed: () => last,
  };
}

const port = parentPort();
const { values } = parseArgs({ options: { db: { type: 'string' }, settings: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true });
let db: Database.Database;
try {
  if (!values.db || !values.settings) throw new Error('the backend needs --db and --settings');
  db = openDatabase(values.db);
} catch (err) {
  port.post({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  await port.flushed();
  process.exit(1);
}
const backend = createBackend({
  db,
  emit: (event, payload) => port.post({ type: 'event', event, payload } as FromBackend),
  settingsStore: createFileSettingsStore(values.settings),
  dataDir: values['data-dir'],
});
let exiting = false;
const exit = () => {
  if (exiting) return;
  exiting = true;
  db.close();
  void port.flushed().then(() => process.exit(0));
};
serveBackend(port, backend, exit);
// The parent went away without a shutdown (it crashed or was killed): save the audits as paused, as on close.
process.on('disconnect', () => void backend.stop().finally(exit));
port.post({ type: 'ready' });
