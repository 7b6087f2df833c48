import { useCompareExport } from '../hooks/useCompareExport';

/** Saves the comparison as a CSV (written by the backend, the same rows as shown) and says where. */
export function CompareExport({ runA, runB, defaultName }: { runA: number; runB: number; defaultName: string }) {
  const { busy, done, error, save } = useCompareExport(runA, runB);
  return (
    <span className="compare-export">
      <button type="button" className="btn" disabled={busy} onClick={() => void save(defaultName)}>{busy ? 'Saving…' : 'Export comparison (CSV)…'}</button>
      {done && <span className="muted small" role="status">Saved <span className="mono saved-path">{done.path}</span></span>}
      {error && <span className="bad-text small" role="alert">{error}</span>}
    </span>
  );
}
