import type { TrendDay } from '../../../shared/tlsrpt';
import { formatInt } from '../../format';

const W = 600;
const H = 120;

/**
 * Sessions per day as plain SVG: a bar per day, failed sessions in red on top of the successful ones, so a
 * day of failures stands out; the figures per day are in each bar's tooltip and in the summary line.
 */
export function TrendChart({ days, label }: { days: TrendDay[]; label: string }) {
  const max = Math.max(1, ...days.map((d) => d.successful + d.failed));
  const step = W / Math.max(1, days.length);
  const bar = Math.max(1, step * 0.7);
  const y = (n: number) => (n / max) * (H - 4);
  const failed = days.reduce((s, d) => s + d.failed, 0);
  const worst = days.reduce<TrendDay | undefined>((w, d) => (d.failed > (w?.failed ?? 0) ? d : w), undefined);
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${label}: ${formatInt(failed)} failed sessions over ${days.length} days${worst ? `, most on ${worst.day} (${formatInt(worst.failed)})` : ''}`} preserveAspectRatio="none">
        <line x1={0} x2={W} y1={H} y2={H} className="trend-axis" />
        {days.map((d, i) => {
          const ok = y(d.successful);
          const bad = y(d.failed);
          const x = i * step + (step - bar) / 2;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${formatInt(d.successful)} successful, ${formatInt(d.failed)} failed`}</title>
              {ok > 0 && <rect x={x} y={H - ok} width={bar} height={ok} className="trend-ok" />}
              {bad > 0 && <rect x={x} y={H - ok - Math.max(bad, 2)} width={bar} height={Math.max(bad, 2)} className="trend-failed" />}
            </g>
          );
        })}
      </svg>
      {/* The dates as HTML: the drawing stretches to the card's width, text inside it would stretch too. */}
      <div className="trend-days" aria-hidden="true"><span>{days[0]?.day}</span><span>{days.at(-1)?.day}</span></div>
      <figcaption className="trend-legend">
        <span><i className="swatch trend-ok" aria-hidden="true" /> successful sessions</span>
        <span><i className="swatch trend-failed" aria-hidden="true" /> failed sessions</span>
        <span className="muted">most in a day: {formatInt(max)}</span>
      </figcaption>
    </figure>
  );
}
