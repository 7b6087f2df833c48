import { useState } from 'react';
import { errorMessage, invoke } from '../api';
import type { ExportDone } from '../../shared/ipc';

/** Saves the comparison as a CSV (written by the backend, the same rows as shown) and says where. */
export function CompareExport({ runA, runB, defaultName }: { runA: number; runB: number; defaultName: string }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportDone>();
  const [error, setError] = useState<string>();
  const save = async () => {
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
  };
  return (
    <span className="compare-export">
      <button type="button" className="btn" disabled={busy} onClick={() => void save()}>{busy ? 'Saving…' : 'Export comparison (CSV)…'}</button>
      {done && <span className="muted small" role="status">Saved <span className="mono saved-path">{done.path}</span></span>}
      {error && <span className="bad-text small" role="alert">{error}</span>}
    </span>
  );
}
