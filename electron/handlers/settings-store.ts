/**
 * The app's own preferences (auditor name, default concurrency, default network settings), kept apart from
 * the audit database so deleting runs never loses them. The file store writes atomically (temp + rename).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppSettings } from '../../shared/ipc';
import { requests } from '../../shared/ipc';
import { applyPatch, type Patch } from '../../shared/settings-patch';
import type { AuditSettings } from '../../shared/types';

/**
 * An update as `settings:set` parses it: a key absent or undefined keeps the saved value, null clears an
 * optional one (shared/settings-patch.ts).
 */
export type SettingsPatch = Patch<Omit<AppSettings, 'audit'>> & { audit?: Patch<AuditSettings> | undefined };

export interface SettingsStore {
  get(): AppSettings;
  set(patch: SettingsPatch): AppSettings;
}

export const DEFAULT_APP_SETTINGS: AppSettings = { auditorName: '', concurrency: 16, audit: {} };

/** Keeps only what the contract accepts, so a hand-edited or older file cannot inject unknown settings. */
function sanitize(raw: unknown): AppSettings {
  const parsed = requests['settings:set'].input.safeParse(raw);
  if (!parsed.success) return { ...DEFAULT_APP_SETTINGS };
  return merge(DEFAULT_APP_SETTINGS, parsed.data);
}

/**
 * The patch over the current settings, the network settings key by key. Undefined never overwrites: zod's
 * optional keys keep an explicit undefined, and spreading it erased the saved value.
 */
function merge(current: AppSettings, patch: SettingsPatch): AppSettings {
  const { audit, ...top } = patch;
  return { ...applyPatch(current, top), audit: applyPatch(current.audit, audit) };
}

export function createMemorySettingsStore(initial: SettingsPatch = {}): SettingsStore {
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
