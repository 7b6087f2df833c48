import { useCallback, useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { ExportDone } from '../../shared/ipc';

export interface CompareExportState {
  busy: boolean;
  done: ExportDone | undefined;
  error: string | undefined;
  /** Asks where to save, then writes the CSV; nothing happens if the dialog is cancelled. */
  save(defaultName: string): Promise<void>;
}

/** Saving the comparison of two runs as a CSV, written by the backend with the same rows the view shows. */
export function useCompareExport(runA: number, runB: number): CompareExportState {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportDone>();
  const [error, setError] = useState<string>();

  const save = useCallback(async (defaultName: string) => {
    setError(undefined);
    try {
      const picked = await invoke('dialog:saveFile', { defaultName });
      if (!picked) return;
      setBusy(true);
      setDone(await invoke('export:comparison', { runA, runB, path: picked.path }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, [runA, runB]);

  return { busy, done, error, save };
}
