import { OUTCOMES, OUTCOME_LABEL, OUTCOME_MEANING, type Outcome } from '../../shared/outcome';
import { formatInt } from '../format';

interface Props {
  counts: Partial<Record<Outcome, number>>;
  selected?: Outcome;
  /** Pressing the selected outcome again clears the filter. */
  onSelect(outcome: Outcome | undefined): void;
}

/** The outcome distribution in one line above the results: a stacked bar of shares and a toggle per outcome. */
export function OutcomeFilter({ counts, selected, onSelect }: Props) {
  const total = OUTCOMES.reduce((s, o) => s + (counts[o] ?? 0), 0);
  let x = 0;
  const summary = OUTCOMES.filter((o) => counts[o]).map((o) => `${OUTCOME_LABEL[o]} ${counts[o]}`).join(', ') || 'no results yet';
  return (
    <div className="posture-filter">
      <svg className="stacked-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={summary}>
        <title>{summary}</title>
        <rect className="chart-track" x={0} y={0} width={100} height={8} />
        {OUTCOMES.map((o) => {
          const w = total > 0 ? ((counts[o] ?? 0) / total) * 100 : 0;
          const rect = w > 0 ? <rect key={o} className={`fill-outcome-${o}`} x={x} y={0} width={w} height={8} /> : null;
          x += w;
          return rect;
        })}
      </svg>
      <div className="posture-chips" role="group" aria-label="Protection outcome">
        {OUTCOMES.map((o) => {
          const n = counts[o] ?? 0;
          const share = total > 0 ? Math.round((n / total) * 100) : 0;
          return (
            <button key={o} type="button" className={`posture-chip${selected === o ? ' selected' : ''}${selected && selected !== o ? ' dimmed' : ''}`}
              aria-pressed={selected === o} title={`${OUTCOME_MEANING[o]} ${formatInt(n)} domains, ${share}%`} disabled={n === 0 && selected !== o}
              onClick={() => onSelect(selected === o ? undefined : o)}>
              <span className={`swatch outcome-${o}`} aria-hidden="true" />
              <span className="chip-label">{OUTCOME_LABEL[o]}</span>
              <span className="chip-count">{formatInt(n)}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
