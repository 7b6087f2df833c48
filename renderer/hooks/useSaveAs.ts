import { useCallback, useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { ExportDone } from '../../shared/ipc';

export interface SaveAsState {
  busy: boolean;
  done: ExportDone | undefined;
  error: string | undefined;
  /** Asks where to save, then writes; nothing happens if the dialog is cancelled. */
  save(defaultName: string): Promise<void>;
  /** Shows an error of a follow-up step (e.g. opening the folder) where the save's own errors show. */
  fail(e: unknown): void;
}

/** Save through the system dialog: `write` (stable, from useCallback) writes the chosen path in the backend. */
export function useSaveAs(write: (path: string) => Promise<ExportDone>): SaveAsState {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportDone>();
  const [error, setError] = useState<string>();

  const save = useCallback(async (defaultName: string) => {
    setError(undefined);
    try {
      const picked = await invoke('dialog:saveFile', { defaultName });
      if (!picked) return;
      setBusy(true);
      setDone(await write(picked.path));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, [write]);

  const fail = useCallback((e: unknown) => setError(errorMessage(e)), []);

  return { busy, done, error, save, fail };
}
