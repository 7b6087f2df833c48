/**
 * The backend as the app runs it, for the end-to-end tests: the host module in a real child process
 * (electron/backend/fork.ts), main's client and router in this process, the dialogs answered here. Returns the
 * same `Backend` shape the in-process handlers have, so the page bridge (bridge.ts) is unchanged.
 */
import path from 'node:path';
import fs from 'node:fs';
import type { Backend, Dialogs } from '../../electron/handlers';
import type { AppSettings } from '../../shared/ipc';
import { createBackendClient, type BackendClient } from '../../electron/backend/client';
import { forkBackend } from '../../electron/backend/fork';
import { createMainRouter } from '../../electron/backend/main-router';

export interface ChildBackendOptions {
  db: string;
  /** settings.json; `initial` is written there first (the saved preferences the backend starts with). */
  settings: string;
  initial?: Partial<AppSettings>;
  dialogs: Dialogs;
  showItem(path: string): void;
  emit(event: string, payload: unknown): void;
}

export async function startChildBackend(opts: ChildBackendOptions): Promise<{ backend: Backend; client: BackendClient }> {
  if (opts.initial) fs.writeFileSync(opts.settings, JSON.stringify(opts.initial));
  const client = createBackendClient(forkBackend({ db: opts.db, settings: opts.settings, dataDir: path.dirname(opts.settings) }), opts.emit);
  await client.ready;
  return { backend: createMainRouter({ client, dialogs: opts.dialogs, showItem: opts.showItem }), client };
}
