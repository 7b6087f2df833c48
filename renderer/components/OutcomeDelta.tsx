import type { RunSummary } from '../../shared/ipc';
import { OUTCOMES, OUTCOME_LABEL } from '../../shared/outcome';
import { formatInt } from '../format';

/** Domains per outcome in the earlier and the later audit, side by side: the estate's movement at a glance. */
export function OutcomeDelta({ before, after }: { before: RunSummary; after: RunSummary }) {
  const shown = OUTCOMES.filter((o) => before.outcomeCounts[o] || after.outcomeCounts[o]);
  return (
    <table className="data-table compact outcome-delta" aria-label="Outcome before and after">
      <thead><tr><th>Outcome</th><th className="num">Earlier</th><th className="num">Later</th><th className="num">Change</th></tr></thead>
      <tbody>
        {shown.map((o) => {
          const a = before.outcomeCounts[o] ?? 0;
          const b = after.outcomeCounts[o] ?? 0;
          return (
            <tr key={o}>
              <td><span className={`swatch outcome-${o}`} aria-hidden="true" /> {OUTCOME_LABEL[o]}</td>
              <td className="num">{formatInt(a)}</td>
              <td className="num">{formatInt(b)}</td>
              <td className="num muted">{b === a ? '—' : `${b > a ? '+' : '−'}${formatInt(Math.abs(b - a))}`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
