import { useState } from 'react';
import type { RunSummary } from '../../shared/ipc';
import { formatDate, formatInt, percent } from '../format';
import { StateBadge } from './Badges';
import { StackedBar } from './StackedBar';

interface Props {
  runs: RunSummary[];
  onOpen(run: RunSummary): void;
  onResume(run: RunSummary): void;
  onDelete(run: RunSummary): void;
}

const resumable = (r: RunSummary) => !r.active && (r.state === 'paused' || r.state === 'interrupted' || r.state === 'pending');

/** Every audit with its state, progress and outcome distribution. */
export function RunsTable({ runs, onOpen, onResume, onDelete }: Props) {
  const [confirming, setConfirming] = useState<number>();
  return (
    <table className="data-table runs-table" aria-label="Audits">
      <thead>
        <tr>
          <th>Audit</th><th>Started</th><th>State</th><th className="num">Domains</th><th className="dist-col">Outcomes</th><th><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <td>
              <button type="button" className="link-button strong" onClick={() => onOpen(r)}>{r.name}</button>
              <div className="muted small">{[r.client, r.source, `#${r.id}`].filter(Boolean).join(' · ')}</div>
            </td>
            <td className="nowrap">{formatDate(r.createdAt)}</td>
            <td><StateBadge state={r.state} />{r.state !== 'completed' && r.total > 0 && <span className="muted small"> {percent(r.done, r.total)}%</span>}</td>
            <td className="num">{r.done === r.total ? formatInt(r.total) : `${formatInt(r.done)} / ${formatInt(r.total)}`}</td>
            <td className="dist-col"><StackedBar counts={r.outcomeCounts} total={r.total} /></td>
            <td className="row-actions">
              {resumable(r) && <button type="button" className="btn btn-small" onClick={() => onResume(r)}>Resume</button>}
              {confirming === r.id ? (
                <>
                  <button type="button" className="btn btn-small btn-danger" onClick={() => { setConfirming(undefined); onDelete(r); }}>Delete</button>
                  <button type="button" className="btn btn-small" onClick={() => setConfirming(undefined)}>Keep</button>
                </>
              ) : (
                <button type="button" className="btn btn-small btn-quiet" disabled={r.active} aria-label={`Delete ${r.name}`} onClick={() => setConfirming(r.id)}>Delete…</button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
