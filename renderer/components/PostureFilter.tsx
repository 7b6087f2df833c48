import type { Posture } from '../../shared/types';
import { formatInt } from '../format';
import { POSTURE_HINT, POSTURE_LABEL, POSTURE_ORDER } from '../labels';
import { StackedBar } from './StackedBar';

interface Props {
  counts: Partial<Record<Posture, number>>;
  selected?: Posture;
  /** Pressing the selected posture again clears the filter. */
  onSelect(posture: Posture | undefined): void;
}

/** The posture distribution in one line above the results: a stacked bar and a toggle per posture. */
export function PostureFilter({ counts, selected, onSelect }: Props) {
  const total = POSTURE_ORDER.reduce((s, p) => s + (counts[p] ?? 0), 0);
  return (
    <div className="posture-filter">
      <StackedBar counts={counts} total={total} />
      <div className="posture-chips" role="group" aria-label="Posture distribution">
        {POSTURE_ORDER.map((p) => {
          const n = counts[p] ?? 0;
          const share = total > 0 ? Math.round((n / total) * 100) : 0;
          return (
            <button key={p} type="button" className={`posture-chip${selected === p ? ' selected' : ''}${selected && selected !== p ? ' dimmed' : ''}`}
              aria-pressed={selected === p} title={`${POSTURE_HINT[p]}: ${formatInt(n)} domains, ${share}%`} disabled={n === 0 && selected !== p}
              onClick={() => onSelect(selected === p ? undefined : p)}>
              <span className={`swatch bg-${p}`} aria-hidden="true" />
              <span className="chip-label">{POSTURE_LABEL[p]}</span>
              <span className="chip-count">{formatInt(n)}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
