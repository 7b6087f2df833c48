import type { RunSummary } from '../../shared/ipc';
import type { Route } from '../routes';
import { useRuns } from '../hooks/useRuns';
import { useRunListActions } from '../hooks/useRunListActions';
import { useVerifyBundle } from '../hooks/useVerifyBundle';
import { VerifyResult } from '../components/VerifyResult';
import { PageHeader } from '../components/PageHeader';
import { RunsTable } from '../components/RunsTable';
import { EmptyState, ErrorBanner, Loading } from '../components/States';

/** The list of audits: open one, resume an interrupted one, delete, or start a new one. */
export function AuditsView({ navigate }: { navigate: (r: Route) => void }) {
  const { data: runs, error, loading, reload } = useRuns();
  const actions = useRunListActions(reload);
  const open = (r: RunSummary) => navigate(r.state === 'completed' ? { view: 'results', runId: r.id } : { view: 'run', runId: r.id });
  const resume = (r: RunSummary) => actions.resume(r.id, () => navigate({ view: 'run', runId: r.id }));
  const verify = useVerifyBundle();
  const newAudit = <button type="button" className="btn btn-primary" onClick={() => navigate({ view: 'import' })}>New audit</button>;
  const headerActions = (
    <>
      <button type="button" className="btn" onClick={() => void verify.choose()} disabled={verify.busy}>{verify.busy ? 'Verifying…' : 'Verify a bundle…'}</button>
      {newAudit}
    </>
  );

  return (
    <div className="page">
      <PageHeader title="Audits" subtitle="Every audit is kept with its evidence; compare any two to see what changed." actions={headerActions} />
      {error && <ErrorBanner message={error} onRetry={reload} />}
      {verify.error && <ErrorBanner title="The bundle could not be verified" message={verify.error} />}
      {verify.outcome && (
        <VerifyResult outcome={verify.outcome} onClose={verify.clear} busy={verify.busy} onOpen={() => void verify.open().then((run) => {
          if (!run) return;
          verify.clear();
          reload();
          navigate({ view: 'run', runId: run.id });
        })} />
      )}
      {actions.error && <ErrorBanner message={actions.error} />}
      {!runs && loading && <Loading />}
      {runs && runs.length === 0 && (
        <EmptyState title="No audits yet" action={newAudit}>
          Import a CSV or Excel list of domains to audit their MTA-STS, TLS-RPT, STARTTLS and DANE set-up.
        </EmptyState>
      )}
      {runs && runs.length > 0 && (
        <section className="card flush">
          <RunsTable runs={runs} onOpen={open} onResume={resume} onDelete={(r) => actions.remove(r.id)} />
        </section>
      )}
    </div>
  );
}
