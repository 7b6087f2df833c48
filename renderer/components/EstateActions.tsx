import { useEstateActions } from '../hooks/useEstateActions';
import { OutcomeBadge } from './Badges';
import { formatInt } from '../format';

const SHOWN = 8;

/** The estate's first things to do: actions grouped by root cause, in the backend's priority order. */
export function EstateActions({ runId }: { runId: number }) {
  const data = useEstateActions(runId, SHOWN).data;
  if (!data || data.actions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="estate-actions-heading">
      <h2 id="estate-actions-heading">Top actions <span className="count-pill">{formatInt(data.total)}</span></h2>
      <p className="muted small">One fix per root cause, first things first: the worst outcome it moves, then the domains it helps.</p>
      <ol className="estate-actions" aria-label="Top actions">
        {data.actions.map((a) => (
          <li key={a.rootCause}>
            <span className="action-step">{a.priority}</span>
            <span className="estate-action-title" title={a.example.why}>{a.title}</span>
            <OutcomeBadge outcome={a.outcome} />
            <span className="muted small nowrap">{formatInt(a.domains.length)} domain{a.domains.length === 1 ? '' : 's'}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
