/**
 * The app's own preferences (auditor name, default concurrency, default network settings), kept apart from
 * the audit database so deleting runs never loses them. The file store writes atomically (temp + rename).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppSettings } from '../../shared/ipc';
import { requests } from '../../shared/ipc';

export interface SettingsStore {
  get(): AppSettings;
  set(patch: Partial<AppSettings>): AppSettings;
}

export const DEFAULT_APP_SETTINGS: AppSettings = { auditorName: '', concurrency: 16, audit: {} };

/** Keeps only what the contract accepts, so a hand-edited or older file cannot inject unknown settings. */
function sanitize(raw: unknown): AppSettings {
  const parsed = requests['settings:set'].input.safeParse(raw);
  if (!parsed.success) return { ...DEFAULT_APP_SETTINGS };
  return { ...DEFAULT_APP_SETTINGS, ...parsed.data, audit: { ...parsed.data.audit } };
}

function merge(current: AppSettings, patch: Partial<AppSettings>): AppSettings {
  return { ...current, ...patch, audit: patch.audit ? { ...current.audit, ...patch.audit } : current.audit };
}

export function createMemorySettingsStore(initial: Partial<AppSettings> = {}): SettingsStore {
  let current = merge(DEFAULT_APP_SETTINGS, initial);
  return {
    get: () => structuredClone(current),
    set(patch) {
      current = merge(current, patch);
      return structuredClone(current);
    },
  };
}

export function createFileSettingsStore(file: string): SettingsStore {
  let current: AppSettings;
  try {
    current = sanitize(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    current = { ...DEFAULT_APP_SETTINGS };
  }
  return {
    get: () => structuredClone(current),
    set(patch) {
      current = merge(current, patch);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(current, null, 2));
      fs.renameSync(tmp, file);
      return structuredClone(current);
    },
  };
}
