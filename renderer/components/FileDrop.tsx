import { useState, type DragEvent } from 'react';

interface Props {
  busy: boolean;
  onBrowse(): void;
  onDrop(file: File): void;
}

const ACCEPTED = /\.(csv|tsv|txt|xlsx)$/i;

/** Where a list of domains comes in: a native file dialog, or a file dropped on the zone. */
export function FileDrop({ busy, onBrowse, onDrop }: Props) {
  const [over, setOver] = useState(false);
  const [warning, setWarning] = useState<string>();
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    if (!ACCEPTED.test(file.name)) {
      setWarning(`"${file.name}" is not a CSV or XLSX file.`);
      return;
    }
    setWarning(undefined);
    onDrop(file);
  };
  return (
    <div className={`file-drop${over ? ' over' : ''}`} data-testid="file-drop"
      onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={drop}>
      <svg className="file-drop-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M12 3v12m0-12-4 4m4-4 4 4M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <p className="file-drop-title">Drop a CSV or Excel file here</p>
      <p className="muted">One domain per row; e-mail addresses and URLs are accepted. Other columns become tags.</p>
      <button type="button" className="btn btn-primary" onClick={onBrowse} disabled={busy}>
        {busy ? 'Reading…' : 'Choose file…'}
      </button>
      {warning && <p className="field-error" role="alert">{warning}</p>}
    </div>
  );
}
