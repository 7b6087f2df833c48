import { formatInt } from '../format';

interface Props {
  done: number;
  total: number;
  onConfirm(): void;
  onKeep(): void;
}

/** Asks before cancelling: what is kept, what will not be audited, and that there is no way back. */
export function CancelConfirm({ done, total, onConfirm, onKeep }: Props) {
  return (
    // Escape answers "keep it", like closing a dialog.
    <div className="confirm-bar" role="group" aria-label="Confirm cancel" onKeyDown={(e) => { if (e.key === 'Escape') onKeep(); }}>
      <p className="confirm-text">
        <strong>Cancel this audit?</strong> The {formatInt(done)} domains audited so far are kept; the other {formatInt(Math.max(0, total - done))} will
        not be audited, and a cancelled audit cannot be resumed.
      </p>
      <button type="button" className="btn btn-danger" onClick={onConfirm}>Cancel audit</button>
      <button type="button" className="btn" autoFocus onClick={onKeep}>Keep it</button>
    </div>
  );
}
