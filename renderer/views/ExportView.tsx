import type { Route } from '../routes';
import { useRun } from '../hooks/useRun';
import { useExport } from '../hooks/useExport';
import { useSettings } from '../hooks/useSettings';
import { PageHeader } from '../components/PageHeader';
import { RunTabs } from '../components/RunTabs';
import { ExportCard } from '../components/ExportCard';
import { ErrorBanner, Loading } from '../components/States';

/** File names the save dialog suggests: the audit's name, made safe for every file system. */
const fileStem = (name: string, id: number) => `${name.replace(/[^\p{L}\p{N}._ -]+/gu, '').trim().replace(/\s+/g, '-').slice(0, 80) || 'audit'}-${id}`;

/** Hand the audit over: the workbook, the PDF evidence pack (full or summary), or everything as a ZIP. */
export function ExportView({ runId, navigate }: { runId: number; navigate: (r: Route) => void }) {
  const { run, error } = useRun(runId);
  const { settings } = useSettings();
  const workbook = useExport(runId, 'workbook');
  const pdf = useExport(runId, 'pdf');
  const summary = useExport(runId, 'summary');
  const bundle = useExport(runId, 'bundle');
  if (error) return <div className="page"><ErrorBanner message={error} /></div>;
  if (!run) return <div className="page"><Loading /></div>;
  const stem = fileStem(run.name, run.id);
  const unfinished = run.state !== 'completed';

  return (
    <div className="page">
      <PageHeader title={run.name} subtitle="Exports are written from the stored results and evidence; nothing is audited again.">
        <RunTabs runId={runId} current="export" navigate={navigate} />
      </PageHeader>
      {unfinished && <p className="notice">This audit is not complete ({run.done} of {run.total} domains): exports cover the domains audited so far.</p>}
      <p className="muted">
        Auditor on the PDF: <strong>{settings?.auditorName || 'not set'}</strong>{' '}
        <button type="button" className="link-button" onClick={() => navigate({ view: 'settings' })}>Change in Settings</button>
      </p>
      <div className="export-grid">
        <ExportCard title="Excel workbook" button="Save workbook…" state={workbook} defaultName={`${stem}.xlsx`}
          description="Summary, one row per domain with posture and findings, every finding, MX hosts and certificates; filterable sheets." />
        <ExportCard title="PDF evidence pack" button="Save full PDF…" state={pdf} defaultName={`${stem}.pdf`}
          description="Executive summary, then every domain with its findings, records, policy and certificates, and a SHA-256 manifest." />
        <ExportCard title="PDF summary" button="Save summary PDF…" state={summary} defaultName={`${stem}-summary.pdf`}
          description="The executive summary only: postures, severities and the most frequent findings." />
        <ExportCard title="Evidence bundle" button="Save bundle…" state={bundle} defaultName={`${stem}.zip`}
          description="A ZIP with the workbook, the PDF and the raw evidence of every domain as JSON." />
      </div>
    </div>
  );
}
