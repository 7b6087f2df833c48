import { useState } from 'react';
import type { Route } from '../routes';
import type { TagFilter } from '../../shared/tags';
import { recall, resultsFiltersKey } from '../view-memory';
import type { Filters } from '../components/ResultsFilters';
import { useTagGroups } from '../hooks/useTagGroups';
import { ExportScope } from '../components/ExportScope';
import { useRun } from '../hooks/useRun';
import { useExport } from '../hooks/useExport';
import { useSettings } from '../hooks/useSettings';
import { PageHeader } from '../components/PageHeader';
import { RunTabs } from '../components/RunTabs';
import { ExportCard } from '../components/ExportCard';
import { ErrorBanner, Loading } from '../components/States';

/** File names the save dialog suggests: the audit's name, made safe for every file system. */
const safe = (text: string) => text.replace(/[^\p{L}\p{N}._ -]+/gu, '').trim().replace(/\s+/g, '-').slice(0, 80);
const fileStem = (name: string, id: number, tag: TagFilter | undefined) =>
  `${safe(name) || 'audit'}-${id}${tag ? `-${safe(tag.name)}-${safe(tag.value) || 'none'}` : ''}`;

/** Hand the audit over: the workbook, the PDF evidence pack (full or summary), or everything as a ZIP. */
export function ExportView({ runId, navigate }: { runId: number; navigate: (r: Route) => void }) {
  const { run, error } = useRun(runId);
  const { settings } = useSettings();
  // Starts from the results table's tag filter: filter the table to one owner, then export their files.
  const [tag, setTag] = useState<TagFilter | undefined>(() => recall<Filters>(resultsFiltersKey(runId))?.tag);
  const tags = useTagGroups(runId);
  const workbook = useExport(runId, 'workbook', tag);
  const pdf = useExport(runId, 'pdf', tag);
  const summary = useExport(runId, 'summary', tag);
  const bundle = useExport(runId, 'bundle', tag);
  if (error) return <div className="page"><ErrorBanner message={error} /></div>;
  if (!run) return <div className="page"><Loading /></div>;
  const stem = fileStem(run.name, run.id, tag);
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
      <ExportScope tag={tag} tags={tags.data ?? []} audited={run.done} onChange={setTag} />
      <div className="export-grid">
        <ExportCard title="Excel workbook" button="Save workbook…" state={workbook} defaultName={`${stem}.xlsx`}
          description="Outcomes and actions first, one row per domain with its outcome and problems, every finding, MX hosts and certificates; filterable sheets." />
        <ExportCard title="PDF evidence pack" button="Save full PDF…" state={pdf} defaultName={`${stem}.pdf`}
          description="Executive summary, then every domain with its findings, records, policy and certificates, and a SHA-256 manifest." />
        <ExportCard title="PDF summary" button="Save summary PDF…" state={summary} defaultName={`${stem}-summary.pdf`}
          description="The executive summary only: outcomes, the top actions, every critical and high problem and the domains to fix first." />
        <ExportCard title="Evidence bundle" button="Save bundle…" state={bundle} defaultName={`${stem}.zip`}
          description="A ZIP with the workbook, the PDF and the raw evidence of every domain as JSON." />
      </div>
    </div>
  );
}
