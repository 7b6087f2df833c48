import { useCallback, useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { ExportDone } from '../../shared/ipc';
import type { TagFilter } from '../../shared/tags';

export type ExportKind = 'workbook' | 'pdf' | 'summary' | 'bundle';

export interface ExportState {
  busy: boolean;
  done: ExportDone | undefined;
  error: string | undefined;
  /** Asks where to save, then writes; nothing happens if the dialog is cancelled. */
  save(defaultName: string): Promise<void>;
  showInFolder(): Promise<void>;
}

/** One export action (workbook, full PDF, summary PDF or bundle) and its outcome; `tag`: only the domains with that tag value. */
export function useExport(runId: number, kind: ExportKind, tag?: TagFilter): ExportState {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportDone>();
  const [error, setError] = useState<string>();

  const save = useCallback(async (defaultName: string) => {
    setError(undefined);
    try {
      const picked = await invoke('dialog:saveFile', { defaultName });
      if (!picked) return;
      setBusy(true);
      const { path } = picked;
      if (kind === 'workbook') setDone(await invoke('export:workbook', { runId, path, tag }));
      else if (kind === 'bundle') setDone(await invoke('export:bundle', { runId, path, tag }));
      else setDone(await invoke('export:pdf', { runId, path, summaryOnly: kind === 'summary', tag }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, [runId, kind, tag]);

  const showInFolder = useCallback(async () => {
    if (!done) return;
    try {
      await invoke('shell:showItem', { path: done.path });
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [done]);

  return { busy, done, error, save, showInFolder };
}
