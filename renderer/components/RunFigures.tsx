import type { ReactNode } from 'react';
import type { RunProgressView, RunSummary } from '../../shared/ipc';
import { formatDate, formatDuration, formatInt, formatMs, formatRate, percent } from '../format';
import { ProgressBar } from './ProgressBar';
import { OutcomeBadge } from './Badges';

/** `full`: the whole value as text, shown on hover when the tile cuts it with an ellipsis. */
type Stat = { label: string; value: ReactNode; hint?: string; full?: string };

/** Wall-clock seconds from the run's start to its finish (pauses included), when it has finished. */
function totalSeconds(run: RunSummary): number | undefined {
  if (!run.finishedAt) return undefined;
  const s = (Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : undefined;
}

/** Wall-clock seconds since the audit started: it does not restart when the audit is resumed. */
function sinceStart(run: RunSummary): number | undefined {
  const s = (Date.now() - Date.parse(run.createdAt)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : undefined;
}

/** "2:10 – 3:40", "finishing the last 3", or "estimating…" before the first domain is done. */
function timeLeft(p: RunProgressView | undefined): string {
  if (!p) return '—';
  const left = p.total - p.done;
  if (left > 0 && p.etaRangeSec === undefined && (p.inFlightCount ?? 0) > 0) return `finishing the last ${formatInt(left)}`;
  if (!p.etaRangeSec) return p.etaRangeSec === null ? 'estimating…' : formatDuration(p.etaSec);
  const [low, high] = p.etaRangeSec;
  return formatDuration(low) === formatDuration(high) ? formatDuration(low) : `${formatDuration(low)} – ${formatDuration(high)}`;
}

function stats(run: RunSummary, progress: RunProgressView | undefined, done: number, total: number): Stat[] {
  const last: Stat = {
    label: 'Last audited',
    value: progress?.last ? <><span className="mono" title={progress.last.domain}>{progress.last.domain}</span> <OutcomeBadge outcome={progress.last.outcome} /></> : '—',
    full: progress?.last?.domain,
  };
  if (run.active) {
    return [
      { label: 'Rate', value: progress ? formatRate(progress.ratePerSec) : '—', hint: 'Domains audited per second since the audit (re)started' },
      { label: 'Elapsed', value: formatDuration(sinceStart(run)), hint: 'Since the audit started, pauses included' },
      { label: 'Time left', value: timeLeft(progress), hint: 'A range from the work done so far and what the domains ahead wait on (mail servers, policies); it narrows as more domains are done' },
      last,
    ];
  }
  const seconds = totalSeconds(run);
  // Once the audit has stopped, "Last audited" is news only in the session that saw it; a tile reading "—"
  // on every later visit says nothing, so another fact takes its place.
  if (seconds !== undefined) {
    return [
      { label: 'Average rate', value: seconds > 0 ? formatRate(done / seconds) : '—', hint: 'Domains audited per second over the whole audit' },
      { label: 'Total time', value: seconds < 60 ? formatMs(seconds * 1000) : formatDuration(seconds), hint: 'From start to finish, pauses included' },
      progress?.last ? last : { label: 'Started', value: formatDate(run.createdAt) },
      { label: 'Finished', value: formatDate(run.finishedAt) },
    ];
  }
  const left = Math.max(0, total - done);
  return [
    { label: run.state === 'cancelled' ? 'Not audited' : 'Remaining', value: `${formatInt(left)} domain${left === 1 ? '' : 's'}` },
    { label: 'Elapsed', value: formatDuration(sinceStart(run)), hint: 'Since the audit started, pauses included' },
    { label: 'Started', value: formatDate(run.createdAt) },
    progress?.last ? last : { label: 'Audited', value: `${formatInt(done)} domain${done === 1 ? '' : 's'}` },
  ];
}

/** Done/total and the figures that matter for the run's state: live rate and ETA, or the final average and duration. */
export function RunFigures({ run, progress }: { run: RunSummary; progress: RunProgressView | undefined }) {
  // The stored count is the truth once the run stops; progress events may lag a domain behind.
  const done = run.active ? (progress?.done ?? run.done) : Math.max(run.done, progress?.done ?? 0);
  const total = progress?.total ?? run.total;
  return (
    <div className="run-figures">
      <div className="run-figures-top">
        <span className="big-figure" data-testid="run-done">{formatInt(done)} <span className="muted">/ {formatInt(total)}</span></span>
        <span className="big-percent">{percent(done, total)}%</span>
      </div>
      <ProgressBar done={done} total={total} label="Domains audited" />
      <dl className="stats">
        {stats(run, progress, done, total).map((s) => (
          <div key={s.label} title={s.hint}>
            <dt>{s.label}</dt>
            <dd className={s.label === 'Last audited' ? 'last-domain' : undefined} title={s.full ?? (typeof s.value === 'string' ? s.value : undefined)}>{s.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
