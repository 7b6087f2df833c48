import type { ReactNode } from 'react';
import type { ExportState } from '../hooks/useExport';
import { formatBytes } from '../format';
import { ErrorBanner } from './States';

interface Props {
  title: string;
  description: ReactNode;
  button: string;
  state: ExportState;
  defaultName: string;
  disabled?: boolean;
}

/** One export: what it contains, a save button, and where the file went. */
export function ExportCard({ title, description, button, state, defaultName, disabled }: Props) {
  return (
    <section className="card export-card" aria-label={title}>
      <h2>{title}</h2>
      <p className="muted">{description}</p>
      <button type="button" className="btn btn-primary" disabled={disabled || state.busy} onClick={() => state.save(defaultName)}>
        {state.busy ? 'Writing…' : button}
      </button>
      {state.error && <ErrorBanner title="Not saved" message={state.error} />}
      {state.done && (
        <div className="saved" role="status">
          <span className="saved-label">Saved</span>
          <span className="mono break saved-path">{state.done.path}</span>
          <span className="muted small">{formatBytes(state.done.bytes)}</span>
          <button type="button" className="btn btn-small" onClick={state.showInFolder}>Show in folder</button>
        </div>
      )}
    </section>
  );
}
