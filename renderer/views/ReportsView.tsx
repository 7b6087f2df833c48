import type { Route } from '../routes';
import { useRun } from '../hooks/useRun';
import { useEstateReports } from '../hooks/useEstateReports';
import { useReportImport } from '../hooks/useReportImport';
import { PageHeader } from '../components/PageHeader';
import { RunTabs } from '../components/RunTabs';
import { ErrorBanner, Loading } from '../components/States';
import { ReportImport } from '../components/reports/ReportImport';
import { TrendChart } from '../components/reports/TrendChart';
import { ResultTypeList } from '../components/reports/ResultTypeList';
import { CorrelationBadge } from '../components/reports/CorrelationBadge';
import { CORRELATION_LABEL, CORRELATION_MEANING, CORRELATION_ORDER } from '../../shared/tlsrpt-words';
import type { ReportsEstateView } from '../../shared/tlsrpt';
import { formatInt } from '../format';

const plural = (n: number, one: string) => `${formatInt(n)} ${one}${n === 1 ? '' : 's'}`;

function Estate({ v, runId, navigate }: { v: ReportsEstateView; runId: number; navigate: (r: Route) => void }) {
  return (
    <>
      <section className="card">
        <h2>Comparison per mail host</h2>
        <p className="muted small">
          {plural(v.domainsWithReports, 'domain')} of {formatInt(v.auditedDomains)} audited have reports in the last {v.days} days
          ({v.from.slice(0, 10)} to {v.to.slice(0, 10)}): {formatInt(v.successfulSessions)} successful sessions, {formatInt(v.failedSessions)} failed.
        </p>
        <ul className="corr-counts" aria-label="Mail hosts per comparison">
          {/* Only domains with reports are compared here: "no reports" would always read 0; the line above counts the rest. */}
          {CORRELATION_ORDER.filter((k) => k !== 'no-reports').map((k) => (
            <li key={k} className={`corr-tile corr-${k}`} title={CORRELATION_MEANING[k]}>
              <span className="corr-count">{formatInt(v.classCounts[k])}</span><span className="corr-name">{CORRELATION_LABEL[k]}</span>
            </li>
          ))}
        </ul>
      </section>
      <div className="two-col">
        <section className="card"><h2>Sessions per day</h2><TrendChart days={v.trend} label="Sessions per day over the audited domains" /></section>
        <section className="card"><h2>Failed sessions by result type</h2><ResultTypeList counts={v.byResultType} /></section>
      </div>
      <section className="card">
        <h2>Domains with reported failures <span className={`count-pill${v.failingTotal ? ' warn' : ''}`}>{formatInt(v.failingTotal)}</span></h2>
        {v.failing.length === 0 ? <p className="all-clear" role="status">Senders reported no failed session for the audited domains in this period.</p> : (
          <div className="table-scroll">
            <table className="data-table" aria-label="Domains with reported failures">
              <thead><tr><th>Domain</th><th className="num">Failed sessions</th><th className="num">Successful</th><th>Mail hosts</th></tr></thead>
              <tbody>
                {v.failing.map((d) => (
                  <tr key={d.domain}>
                    <td className="nowrap"><button type="button" className="link-button mono" onClick={() => navigate({ view: 'domain', runId, domain: d.domain })}>{d.domain}</button></td>
                    <td className="num">{formatInt(d.failedSessions)}</td>
                    <td className="num">{formatInt(d.successfulSessions)}</td>
                    <td><ul className="plain-list">{d.rows.filter((r) => r.class !== 'healthy').map((r) => <li key={`${r.mx}`}><CorrelationBadge cls={r.class} /> {r.text}</li>)}</ul></td>
                  </tr>
                ))}
              </tbody>
            </table>
            {v.failingTotal > v.failing.length && <p className="table-note">The {formatInt(v.failing.length)} with the most failed sessions are shown; the workbook lists all.</p>}
          </div>
        )}
      </section>
      {v.outside.length > 0 && (
        <section className="card">
          <h2>Reports for domains not in this audit <span className="count-pill">{formatInt(v.outside.length)}</span></h2>
          <ul className="plain-list">
            {v.outside.map((o) => <li key={o.domain}><span className="mono">{o.domain}</span>: {plural(o.reports, 'report')}, {formatInt(o.successfulSessions)} ok, {formatInt(o.failedSessions)} failed{o.resultTypes.length ? ` (${o.resultTypes.join(', ')})` : ''}</li>)}
          </ul>
        </section>
      )}
    </>
  );
}

/** The run next to the senders' TLS-RPT reports: what they saw, per day and per domain, and the import. */
export function ReportsView({ runId, navigate }: { runId: number; navigate: (r: Route) => void }) {
  const { run, error } = useRun(runId);
  const view = useEstateReports(runId);
  const importer = useReportImport(view.reload);
  if (error) return <div className="page"><ErrorBanner message={error} /></div>;
  if (!run) return <div className="page"><Loading /></div>;
  const v = view.data;
  return (
    <div className="page">
      <PageHeader title={run.name} subtitle="What senders reported about delivering to these domains (TLS-RPT), next to what the audit predicts.">
        <RunTabs runId={runId} current="reports" navigate={navigate} />
      </PageHeader>
      <section className="card"><h2>Import reports</h2><ReportImport state={importer} /></section>
      {view.error && <ErrorBanner message={view.error} onRetry={view.reload} />}
      {!v ? !view.error && <Loading /> : v.domainsWithReports === 0 ? (
        <p className="notice" role="status">
          {v.storedReports === 0 ? 'No TLS-RPT report has been imported yet.' : `None of the ${formatInt(v.storedReports)} imported reports covers a domain of this audit in the last ${v.days} days.`}{' '}
          Import the reports senders mailed to the domains' rua addresses (JSON, gzip, e-mail or mbox files, or a folder of them) to see them next to the audit.
        </p>
      ) : <Estate v={v} runId={runId} navigate={navigate} />}
      {v && v.domainsWithReports === 0 && v.outside.length > 0 && <p className="muted small">{plural(v.outside.length, 'other domain')} have reports: they are not in this audit.</p>}
    </div>
  );
}
