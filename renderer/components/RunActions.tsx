import type { RunSummary } from '../../shared/ipc';
import type { RunAction } from '../hooks/useRunControl';

export type { RunAction };

interface Props {
  run: RunSummary;
  /** The action in progress, if any: its button says so and the others wait. */
  busy: RunAction | undefined;
  onAction(action: RunAction): void;
  /** Cancel is only asked for here; the view confirms it (a cancelled audit cannot be resumed). */
  onCancelRequest(): void;
  onResults(): void;
  /** A new audit of the same list, client, tags and settings. */
  onAgain?(): void;
}

export const resumable = (r: RunSummary): boolean => !r.active && (r.state === 'paused' || r.state === 'interrupted' || r.state === 'pending');

/** Pause, resume and cancel while the audit is unfinished, or the way to the results once it is complete. */
export function RunActions({ run, busy, onAction, onCancelRequest, onResults, onAgain }: Props) {
  return (
    <>
      {run.active && (
        <button type="button" className="btn" disabled={busy !== undefined} onClick={() => onAction('run:pause')}>
          {busy === 'run:pause' ? 'Pausing…' : 'Pause'}
        </button>
      )}
      {resumable(run) && !run.imported && (
        <button type="button" className="btn btn-primary" disabled={busy !== undefined} onClick={() => onAction('run:resume')}>
          {busy === 'run:resume' ? 'Resuming…' : 'Resume'}
        </button>
      )}
      {(run.active || resumable(run)) && (
        <button type="button" className="btn btn-danger-outline" disabled={busy !== undefined} onClick={onCancelRequest}>
          {busy === 'run:cancel' ? 'Cancelling…' : 'Cancel audit…'}
        </button>
      )}
      {run.done > 0 && run.state !== 'completed' && <button type="button" className="btn" onClick={onResults}>Results so far</button>}
      {onAgain && !run.active && !run.imported && (run.state === 'completed' || run.state === 'cancelled') && (
        <button type="button" className="btn" onClick={onAgain} title="A new audit of the same list, client, tags and settings">Audit again</button>
      )}
      {run.state === 'completed' && <button type="button" className="btn btn-primary" onClick={onResults}>View results</button>}
    </>
  );
}
