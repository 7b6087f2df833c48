import { useRef, type KeyboardEvent } from 'react';
import { formatInt } from '../format';
import { useElementWidth } from '../hooks/useElementWidth';

export interface ShareChartProps<K extends string> {
  /** Accessible name of the chart. */
  label: string;
  order: readonly K[];
  counts: Partial<Record<K, number>>;
  labels: Readonly<Record<K, string>>;
  hints: Readonly<Record<K, string>>;
  /** CSS class of a bar: `${fillPrefix}${key}`. */
  fillPrefix: string;
  /** When given, bars are buttons that filter by key (clicking the selected one clears it). */
  onSelect?: (key: K | undefined) => void;
  selected?: K;
}

const ROW_H = 40;
const BAR_Y = 20;
const BAR_H = 10;

/**
 * A distribution as horizontal SVG bars, one per key in a fixed order. Each bar is its share of the whole
 * (37% fills 37% of the track), never scaled to the largest bar.
 */
export function ShareChart<K extends string>({ label, order, counts, labels, hints, fillPrefix, onSelect, selected }: ShareChartProps<K>) {
  const box = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(box, 320);
  const W = Math.max(240, measured);
  const total = order.reduce((s, k) => s + (counts[k] ?? 0), 0);
  const select = (k: K) => onSelect?.(selected === k ? undefined : k);
  const onKey = (e: KeyboardEvent, k: K) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(k);
    }
  };
  return (
    <div ref={box} className="posture-chart-box">
      <svg className="posture-chart" width={W} height={order.length * ROW_H} viewBox={`0 0 ${W} ${order.length * ROW_H}`} role="group" aria-label={label}>
        {order.map((k, i) => {
          const n = counts[k] ?? 0;
          const share = total > 0 ? n / total : 0;
          const interactive = onSelect !== undefined;
          return (
            <g key={k} className={`chart-row${selected === k ? ' selected' : ''}${selected && selected !== k ? ' dimmed' : ''}${interactive ? ' interactive' : ''}`}
              transform={`translate(0 ${i * ROW_H})`} role={interactive ? 'button' : undefined} tabIndex={interactive ? 0 : undefined}
              aria-pressed={interactive ? selected === k : undefined} aria-label={`${labels[k]}: ${n} domains`}
              onClick={interactive ? () => select(k) : undefined} onKeyDown={interactive ? (e) => onKey(e, k) : undefined}>
              <title>{hints[k]}</title>
              <rect className="chart-hit" x={0} y={0} width={W} height={ROW_H} />
              <text className="chart-label" x={0} y={14}>{labels[k]}</text>
              <text className="chart-count" x={W} y={14} textAnchor="end">{`${formatInt(n)} · ${Math.round(share * 100)}%`}</text>
              <rect className="chart-track" x={0} y={BAR_Y} width={W} height={BAR_H} rx={3} />
              <rect className={`chart-bar ${fillPrefix}${k}`} x={0} y={BAR_Y} width={n > 0 ? Math.max(3, share * W) : 0} height={BAR_H} rx={3} />
            </g>
          );
        })}
      </svg>
    </div>
  );
}
