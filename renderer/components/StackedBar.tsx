import type { Posture } from '../../shared/types';
import { POSTURE_LABEL, POSTURE_ORDER } from '../labels';

/** A compact one-line posture distribution for lists of audits. */
export function StackedBar({ counts, total }: { counts: Partial<Record<Posture, number>>; total: number }) {
  const sum = POSTURE_ORDER.reduce((s, p) => s + (counts[p] ?? 0), 0);
  const scale = Math.max(sum, total, 1);
  let x = 0;
  const summary = POSTURE_ORDER.filter((p) => counts[p]).map((p) => `${POSTURE_LABEL[p]} ${counts[p]}`).join(', ') || 'no results yet';
  return (
    <svg className="stacked-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label={summary}>
      <title>{summary}</title>
      <rect className="chart-track" x={0} y={0} width={100} height={8} />
      {POSTURE_ORDER.map((p) => {
        const w = ((counts[p] ?? 0) / scale) * 100;
        const rect = w > 0 ? <rect key={p} className={`fill-${p}`} x={x} y={0} width={w} height={8} /> : null;
        x += w;
        return rect;
      })}
    </svg>
  );
}
