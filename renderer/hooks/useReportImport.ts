import { useCallback, useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { ReportImportTally } from '../../shared/tlsrpt';

export interface ReportImportState {
  tally: ReportImportTally | undefined;
  busy: boolean;
  error: string | undefined;
  /** Opens the native dialog for report files (several) or one folder, then imports what was chosen. */
  open(folder: boolean): Promise<void>;
  drop(files: File[]): Promise<void>;
}

/** Importing TLS-RPT reports: the main process reads, validates and stores them; `onDone` reloads the views. */
export function useReportImport(onDone: () => void): ReportImportState {
  const [tally, setTally] = useState<ReportImportTally>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = useCallback(async (load: () => Promise<ReportImportTally | null>) => {
    setBusy(true);
    setError(undefined);
    try {
      const t = await load();
      if (t) {
        setTally(t);
        onDone();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, [onDone]);

  const open = useCallback((folder: boolean) => run(async () => {
    const picked = await invoke('dialog:openReports', { folder });
    return picked ? invoke('reports:import', { paths: picked.paths }) : null;
  }), [run]);

  const drop = useCallback((files: File[]) => run(async () => {
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    return invoke('reports:import', { files: read });
  }), [run]);

  return { tally, busy, error, open, drop };
}
