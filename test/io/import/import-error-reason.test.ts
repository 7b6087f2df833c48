/**
 * The importer's own error code reaches the app: `import:preview` refuses with IMPORT_FAILED (the contract's
 * code) and the importer's reason beside it, through the real backend dispatch and a real SQLite file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { Reply } from '../../../shared/ipc';
import { createBackend, createMemorySettingsStore, type Backend } from '../../../electron/handlers';
import { openDatabase } from '../../../electron/store/db';

let tmp: string;
let db: Database.Database;
let backend: Backend;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-import-reason-'));
  db = openDatabase(path.join(tmp, 'audits.sqlite'));
  backend = createBackend({
    db,
    dialogs: { openFile: async () => undefined, saveFile: async () => undefined },
    showItem: () => undefined,
    emit: () => undefined,
    settingsStore: createMemorySettingsStore(),
  });
});

afterAll(() => {
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function preview(name: string, text: string | Uint8Array, column?: string): Promise<Reply<unknown>> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return backend.dispatch('import:preview', { source: { kind: 'bytes', name, bytes }, ...(column ? { column } : {}) });
}

function error(reply: Reply<unknown>) {
  expect(reply.ok).toBe(false);
  return reply.ok ? undefined : reply.error;
}

describe('import errors carry the importer code', () => {
  it('tells an empty file, a non-table, a missing column and a list without domains apart', async () => {
    expect(error(await preview('empty.csv', ''))).toMatchObject({ code: 'IMPORT_FAILED', reason: 'EMPTY' });
    expect(error(await preview('report.pdf', '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n'))).toMatchObject({ code: 'IMPORT_FAILED', reason: 'NOT_A_TABLE' });
    expect(error(await preview('list.csv', 'domain,owner\nexample.net,alice\n', 'nope'))).toMatchObject({ code: 'IMPORT_FAILED', reason: 'UNKNOWN_COLUMN', message: expect.stringMatching(/nope/) });
    expect(error(await preview('nothing.csv', 'domain,owner\nnot a domain,alice\n'))).toMatchObject({ code: 'IMPORT_FAILED', reason: 'NO_DOMAINS' });
  });

  it('gives no reason where the importer did not refuse', async () => {
    const refused = error(await backend.dispatch('import:preview', { source: { kind: 'path', path: path.join(tmp, 'not-chosen.csv') } }));
    expect(refused?.code).toBe('PATH_NOT_ALLOWED');
    expect(refused).not.toHaveProperty('reason');
    const ok = await preview('list.csv', 'domain\nexample.net\n');
    expect(ok.ok).toBe(true);
  });
});
