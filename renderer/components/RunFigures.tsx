import type { ReactNode } from 'react';
import type { RunProgressView, RunSummary } from '../../shared/ipc';
import { formatDate, formatDuration, formatInt, formatMs, formatRate, percent } from '../format';
import { ProgressBar } from './ProgressBar';
import { PostureBadge } from './Badges';

type Stat = { label: string; value: ReactNode; hint?: string };

/** Wall-clock seconds from the run's start to its finish (pauses included), when it has finished. */
function totalSeconds(run: RunSummary): number | undefined {
  if (!run.finishedAt) return undefined;
  const s = (Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : undefined;
}

function stats(run: RunSummary, progress: RunProgressView | undefined, done: number, total: number): Stat[] {
  const last: Stat = {
    label: 'Last audited',
    value: progress?.last ? <><span className="mono">{progress.last.domain}</span> <PostureBadge posture={progress.last.posture} /></> : '—',
  };
  if (run.active) {
    return [
      { label: 'Rate', value: progress ? formatRate(progress.ratePerSec) : '—' },
      { label: 'Elapsed', value: progress ? formatDuration(progress.elapsedMs / 1000) : '—' },
      { label: 'Time left', value: progress ? formatDuration(progress.etaSec) : '—' },
      last,
    ];
  }
  const seconds = totalSeconds(run);
  if (seconds !== undefined) {
    return [
      { label: 'Average rate', value: seconds > 0 ? formatRate(done / seconds) : '—', hint: 'Domains audited per second over the whole audit' },
      { label: 'Total time', value: seconds < 60 ? formatMs(seconds * 1000) : formatDuration(seconds), hint: 'From start to finish, pauses included' },
      { label: 'Finished', value: formatDate(run.finishedAt) },
      last,
    ];
  }
  const left = Math.max(0, total - done);
  return [
    { label: run.state === 'cancelled' ? 'Not audited' : 'Remaining', value: `${formatInt(left)} domain${left === 1 ? '' : 's'}` },
    { label: 'Elapsed', value: progress ? formatDuration(progress.elapsedMs / 1000) : '—', hint: 'Auditing time of the last session in this window' },
    { label: 'Started', value: formatDate(run.createdAt) },
    last,
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
          <div key={s.label} title={s.hint}><dt>{s.label}</dt><dd className={s.label === 'Last audited' ? 'last-domain' : undefined}>{s.value}</dd></div>
        ))}
      </dl>
    </div>
  );
}
