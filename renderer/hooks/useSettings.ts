import { useCallback, useEffect, useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { AppSettings, RequestInput } from '../../shared/ipc';

export interface SettingsState {
  settings: AppSettings | undefined;
  error: string | undefined;
  save(patch: RequestInput<'settings:set'>): Promise<boolean>;
}

/** The app's preferences: auditor name and defaults for new audits. */
export function useSettings(): SettingsState {
  const [settings, setSettings] = useState<AppSettings>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    invoke('settings:get', {}).then(setSettings, (e: unknown) => setError(errorMessage(e)));
  }, []);

  const save = useCallback(async (patch: RequestInput<'settings:set'>) => {
    try {
      setSettings(await invoke('settings:set', patch));
      setError(undefined);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  }, []);

  return { settings, error, save };
}
