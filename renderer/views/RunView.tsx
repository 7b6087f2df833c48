import { useState } from 'react';
import type { Route } from '../routes';
import { useRun } from '../hooks/useRun';
import { PageHeader } from '../components/PageHeader';
import { RunTabs } from '../components/RunTabs';
import { StateBadge } from '../components/Badges';
import { RunActions, resumable, type RunAction } from '../components/RunActions';
import { CancelConfirm } from '../components/CancelConfirm';
import { RunFigures } from '../components/RunFigures';
import { PostureChart } from '../components/PostureChart';
import { OutcomeChart } from '../components/OutcomeChart';
import type { Outcome } from '../../shared/outcome';
import { remember } from '../view-memory';
import { SeverityCounts } from '../components/SeverityCounts';
import { InFlight } from '../components/InFlight';
import { EstateActions } from '../components/EstateActions';
import { useRunControl } from '../hooks/useRunControl';
import { useWorstCounts } from '../hooks/useWorstCounts';
import { ErrorBanner, Loading } from '../components/States';
import { formatDate, formatDay } from '../format';

const ACTION_FAILED: Record<RunAction | 'run:again', string> = {
  'run:pause': 'Pausing failed', 'run:cancel': 'Cancelling failed', 'run:resume': 'Resuming failed', 'run:again': 'Starting the audit again failed',
};

/** A run's progress: live figures and counts, with pause, cancel and resume. */
export function RunView({ runId, navigate }: { runId: number; navigate: (r: Route) => void }) {
  const { run, progress, error, failure, reload } = useRun(runId);
  const worst = useWorstCounts(runId);
  const { busy, failed: actionError, act, again: startAgain } = useRunControl(runId, reload);
  const [confirmCancel, setConfirmCancel] = useState(false);
  if (error) return <div className="page"><ErrorBanner message={error} onRetry={reload} /></div>;
  if (!run) return <div className="page"><Loading /></div>;

  const again = async () => {
    const next = await startAgain(`${run.name} (again ${formatDay(new Date())})`);
    if (next) navigate({ view: 'run', runId: next.id });
  };
  const postureCounts = progress?.postureCounts ?? run.postureCounts;
  const outcomeCounts = progress?.outcomeCounts ?? run.outcomeCounts;
  // A bar opens the results already filtered to that outcome (the results view keeps its filters per run).
  const openResults = (outcome: Outcome) => {
    remember(`results:${runId}:filters`, { search: '', outcome });
    navigate({ view: 'results', runId });
  };
  const facts = [run.client, `started ${formatDate(run.createdAt)}`, run.finishedAt && `finished ${formatDate(run.finishedAt)}`, `resolver ${run.resolver}`];

  return (
    <div className="page">
      <PageHeader title={run.name} subtitle={<><StateBadge state={run.state} /> {facts.filter(Boolean).join(' · ')}</>}
        actions={<RunActions run={run} busy={busy} onAction={act} onCancelRequest={() => setConfirmCancel(true)} onResults={() => navigate({ view: 'results', runId })} onAgain={() => void again()} />}>
        <RunTabs runId={runId} current="run" navigate={navigate} />
      </PageHeader>
      {confirmCancel && (run.active || resumable(run)) && (
        <CancelConfirm done={progress?.done ?? run.done} total={run.total} onKeep={() => setConfirmCancel(false)}
          onConfirm={() => { setConfirmCancel(false); void act('run:cancel'); }} />
      )}
      {failure && <ErrorBanner title="The audit stopped" message={failure} hint="Every finished domain is saved; Resume continues with the domains not yet audited." />}
      {actionError && <ErrorBanner title={ACTION_FAILED[actionError.action]} message={actionError.message} />}
      {busy === 'run:pause' && <p className="notice" role="status">Pausing: the domains being audited right now finish and are saved first.</p>}
      {run.state === 'paused' && !busy && <p className="notice" role="status">Paused. Every audited domain is saved; Resume continues with the {run.total - run.done} not yet audited.</p>}
      {run.state === 'interrupted' && <p className="notice">This audit was interrupted (the app closed while it ran). Every finished domain is saved; resume to audit the rest.</p>}
      {run.state === 'cancelled' && <p className="notice">This audit was cancelled after {run.done} of {run.total} domains. Its results and exports cover those; start a new audit for the rest.</p>}
      {run.imported && <p className="notice">Opened from {run.imported.bundle}, signed by key {run.imported.signerFingerprint}{run.imported.signedAt && ` on ${formatDate(run.imported.signedAt)}`}. Read-only: it cannot be resumed or audited again.</p>}
      <section className="card">
        <RunFigures run={run} progress={progress} />
      </section>
      {run.active && progress && <InFlight progress={progress} />}
      <section className="card">
        <h2>Protection outcome</h2>
        <p className="muted small">What the findings mean for each domain's mail. Choose a bar to list those domains.</p>
        <OutcomeChart counts={outcomeCounts} onSelect={(outcome) => outcome && openResults(outcome)} />
      </section>
      <EstateActions runId={runId} />
      <div className="two-col">
        <section className="card">
          <h2>MTA-STS posture</h2>
          <PostureChart counts={postureCounts} />
        </section>
        <section className="card">
          <h2>Domains by worst problem</h2>
          <SeverityCounts counts={worst.data ?? {}} />
        </section>
      </div>
    </div>
  );
}
