import { OUTCOMES, OUTCOME_LABEL, type Outcome } from '../../shared/outcome';

/** A compact one-line outcome distribution (worst first) for lists of audits: shares of the domains imported. */
export function StackedBar({ counts, total }: { counts: Partial<Record<Outcome, number>>; total: number }) {
  const sum = OUTCOMES.reduce((s, o) => s + (counts[o] ?? 0), 0);
  const scale = Math.max(sum, total, 1);
  let x = 0;
  const summary = OUTCOMES.filter((o) => counts[o]).map((o) => `${OUTCOME_LABEL[o]} ${counts[o]}`).join(', ') || 'no results yet';
  return (
    <svg className="stacked-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={summary}>
      <title>{summary}</title>
      <rect className="chart-track" x={0} y={0} width={100} height={8} />
      {OUTCOMES.map((o) => {
        const w = ((counts[o] ?? 0) / scale) * 100;
        const rect = w > 0 ? <rect key={o} className={`fill-outcome-${o}`} x={x} y={0} width={w} height={8} /> : null;
        x += w;
        return rect;
      })}
    </svg>
  );
}
