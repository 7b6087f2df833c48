import { useRef, type KeyboardEvent } from 'react';
import type { Posture } from '../../shared/types';
import { formatInt } from '../format';
import { POSTURE_HINT, POSTURE_LABEL, POSTURE_ORDER } from '../labels';
import { useElementWidth } from '../hooks/useElementWidth';

interface Props {
  counts: Partial<Record<Posture, number>>;
  /** When given, bars are buttons that filter by posture (clicking the selected one clears it). */
  onSelect?: (posture: Posture | undefined) => void;
  selected?: Posture;
}

const ROW_H = 40;
const BAR_Y = 20;
const BAR_H = 10;

/** The posture distribution as a horizontal SVG bar chart: one labelled bar per posture, in a fixed order. */
export function PostureChart({ counts, onSelect, selected }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(box, 320);
  const W = Math.max(240, measured);
  const total = POSTURE_ORDER.reduce((s, p) => s + (counts[p] ?? 0), 0);
  const max = Math.max(1, ...POSTURE_ORDER.map((p) => counts[p] ?? 0));
  const select = (p: Posture) => onSelect?.(selected === p ? undefined : p);
  const onKey = (e: KeyboardEvent, p: Posture) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(p);
    }
  };
  return (
    <div ref={box} className="posture-chart-box">
      <svg className="posture-chart" width={W} height={POSTURE_ORDER.length * ROW_H} viewBox={`0 0 ${W} ${POSTURE_ORDER.length * ROW_H}`} role="group" aria-label="Posture distribution">
        {POSTURE_ORDER.map((p, i) => {
          const n = counts[p] ?? 0;
          const y = i * ROW_H;
          const share = total > 0 ? Math.round((n / total) * 100) : 0;
          const interactive = onSelect !== undefined;
          return (
            <g key={p} className={`chart-row${selected === p ? ' selected' : ''}${selected && selected !== p ? ' dimmed' : ''}${interactive ? ' interactive' : ''}`}
              transform={`translate(0 ${y})`} role={interactive ? 'button' : undefined} tabIndex={interactive ? 0 : undefined}
              aria-pressed={interactive ? selected === p : undefined} aria-label={`${POSTURE_LABEL[p]}: ${n} domains`}
              onClick={interactive ? () => select(p) : undefined} onKeyDown={interactive ? (e) => onKey(e, p) : undefined}>
              <title>{POSTURE_HINT[p]}</title>
              <rect className="chart-hit" x={0} y={0} width={W} height={ROW_H} />
              <text className="chart-label" x={0} y={14}>{POSTURE_LABEL[p]}</text>
              <text className="chart-count" x={W} y={14} textAnchor="end">{`${formatInt(n)} · ${share}%`}</text>
              <rect className="chart-track" x={0} y={BAR_Y} width={W} height={BAR_H} rx={3} />
              <rect className={`chart-bar fill-${p}`} x={0} y={BAR_Y} width={n > 0 ? Math.max(3, (n / max) * W) : 0} height={BAR_H} rx={3} />
            </g>
          );
        })}
      </svg>
    </div>
  );
}
