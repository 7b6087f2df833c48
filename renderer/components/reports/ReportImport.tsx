import { useState, type DragEvent } from 'react';
import type { ReportImportState } from '../../hooks/useReportImport';
import { formatInt } from '../../format';
import { ErrorBanner } from '../States';

const plural = (n: number, one: string) => `${formatInt(n)} ${one}${n === 1 ? '' : 's'}`;

/**
 * "Import reports": report files or a folder through the native dialog, or files dropped here; then what was
 * read, in the words of `reports import`, with each rejected file and why.
 */
export function ReportImport({ state }: { state: ReportImportState }) {
  const [over, setOver] = useState(false);
  const [warning, setWarning] = useState<string>();
  const { tally, busy, error } = state;
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    // A dropped folder arrives as an empty, typeless entry whose bytes cannot be read: the dialog reads folders.
    const files = [...e.dataTransfer.files].filter((f) => f.size > 0 || f.type !== '');
    setWarning(files.length < e.dataTransfer.files.length ? 'A folder (or an empty file) cannot be dropped: use "Import a folder…" for folders.' : undefined);
    if (files.length) void state.drop(files);
  };
  return (
    <div className={`report-import${over ? ' over' : ''}`} data-testid="report-drop"
      onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={drop}>
      <div className="report-import-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void state.open(false)}>{busy ? 'Importing…' : 'Import reports…'}</button>
        <button type="button" className="btn" disabled={busy} onClick={() => void state.open(true)}>Import a folder…</button>
        <span className="muted small">or drop report files here: .json, .json.gz, .eml, mbox</span>
      </div>
      {tally && (
        <div role="status" className="report-import-tally">
          <p>{plural(tally.reports, 'report')} read: {formatInt(tally.added)} added, {formatInt(tally.duplicates)} already stored; {formatInt(tally.rejected.length)} rejected</p>
          {tally.rejected.length > 0 && (
            <ul className="rejected-list" aria-label="Rejected files">
              {tally.rejected.slice(0, 50).map((r, i) => <li key={i}><span className="mono">{r.source}</span>: {r.reason}</li>)}
              {tally.rejected.length > 50 && <li>… and {formatInt(tally.rejected.length - 50)} more</li>}
            </ul>
          )}
        </div>
      )}
      {warning && <p className="field-error" role="alert">{warning}</p>}
      {error && <ErrorBanner title="The reports could not be imported" message={error} />}
    </div>
  );
}
