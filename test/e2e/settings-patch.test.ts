/**
 * Partial settings updates through the real IPC path (dispatch → zod → handler → file store → SQLite run):
 * zod's optional keys keep an explicit `undefined` (structured clone carries it from the renderer), which
 * used to erase the saved value it was spread over. Undefined now means "unchanged" and null means "clear".
 * The audit started here only ever queries a loopback port where nothing answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppSettings, ImportPreview, Reply, RunSummary } from '../../shared/ipc';
import { createBackend, createFileSettingsStore, type Backend } from '../../electron/handlers';
import { openDatabase } from '../../electron/store/db';
import { getRun } from '../../electron/store/runs';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBinternalCA\n-----END CERTIFICATE-----\n';

let tmp: string;
let settingsFile: string;
let db: Database.Database;
let backend: Backend;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-settings-'));
  settingsFile = path.join(tmp, 'settings.json');
  db = openDatabase(path.join(tmp, 'audits.sqlite'));
  backend = createBackend({
    db,
    dialogs: { openFile: async () => undefined, saveFile: async () => undefined },
    showItem: () => {},
    emit: () => {},
    settingsStore: createFileSettingsStore(settingsFile),
  });
});
afterAll(async () => {
  await backend.stop();
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function value<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

const setSettings = async (patch: unknown) => value(await backend.dispatch('settings:set', patch)) as AppSettings;

describe('partial settings updates', () => {
  it('keep every saved setting an update sends as undefined, in memory and in the file', async () => {
    await setSettings({ auditorName: 'Dana Auditor', concurrency: 8, audit: { dnsTimeoutMs: 2500, extraCaPem: PEM, ehloName: 'audit.example.net' } });
    const after = await setSettings({
      auditorName: undefined, concurrency: undefined,
      audit: { dnsTimeoutMs: undefined, extraCaPem: undefined, ehloName: undefined, retries: 2 },
    });
    const expected = { auditorName: 'Dana Auditor', concurrency: 8, audit: { dnsTimeoutMs: 2500, extraCaPem: PEM, ehloName: 'audit.example.net', retries: 2 } };
    expect(after).toEqual(expected);
    expect(value(await backend.dispatch('settings:get', {}))).toEqual(expected);
    expect(createFileSettingsStore(settingsFile).get()).toEqual(expected);
    // A whole `audit` sent as undefined changes nothing either.
    expect(await setSettings({ audit: undefined })).toEqual(expected);
  });

  it('clear an optional setting sent as null', async () => {
    const cleared = await setSettings({ audit: { extraCaPem: null } });
    expect(Object.hasOwn(cleared.audit, 'extraCaPem')).toBe(false);
    expect(cleared.audit).toMatchObject({ dnsTimeoutMs: 2500, ehloName: 'audit.example.net', retries: 2 });
    expect(Object.hasOwn(createFileSettingsStore(settingsFile).get().audit, 'extraCaPem')).toBe(false);
  });

  it('start an audit over the saved defaults: undefined keeps a default, null clears it', async () => {
    await setSettings({
      audit: { resolvers: ['127.0.0.1:9'], dnsTimeoutMs: 150, dnsRetries: 0, smtpProbes: false, retries: 0, extraCaPem: PEM },
    });
    const preview = value(await backend.dispatch('import:preview', { source: { kind: 'bytes', name: 'estate.csv', bytes: new TextEncoder().encode('domain\nexample.invalid\n') } })) as ImportPreview;
    const run = value(await backend.dispatch('run:start', {
      token: preview.token, name: 'undefined settings', concurrency: 1,
      settings: { resolvers: undefined, dnsTimeoutMs: undefined, smtpProbes: undefined, httpsPort: undefined, extraCaPem: null },
    })) as RunSummary;
    const stored = getRun(db, run.id)!.settings;
    expect(stored.resolvers).toEqual(['127.0.0.1:9']);
    expect(stored.dnsTimeoutMs).toBe(150);
    expect(stored.smtpProbes).toBe(false);
    expect(stored.httpsPort).toBe(443);
    expect(stored.extraCaPem).toBeUndefined();
    await backend.dispatch('run:cancel', { runId: run.id });
  });
});
