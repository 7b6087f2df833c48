import { useDomainReports } from '../../hooks/useDomainReports';
import { useReportImport } from '../../hooks/useReportImport';
import { formatInt } from '../../format';
import { ErrorBanner, Loading } from '../States';
import { CorrelationRows } from './CorrelationRows';
import { ReportImport } from './ReportImport';
import { ResultTypeList } from './ResultTypeList';
import { TrendChart } from './TrendChart';

/** The domain page's Reports section: this domain's MX next to what its senders reported (RFC 8460). */
export function DomainReports({ runId, domain }: { runId: number; domain: string }) {
  const view = useDomainReports(runId, domain);
  const importer = useReportImport(view.reload);
  if (view.error) return <ErrorBanner message={view.error} onRetry={view.reload} />;
  const v = view.data;
  if (!v) return <Loading />;
  const c = v.correlation;
  const period = `the last ${v.days} days (${v.from.slice(0, 10)} to ${v.to.slice(0, 10)})`;
  return (
    <div className="domain-reports">
      {!c || c.reports === 0 ? (
        <p className="notice" role="status">
          {v.storedReports === 0 ? 'No TLS-RPT report has been imported yet.' : `No imported TLS-RPT report covers ${domain} in ${period}.`}{' '}
          Import the reports senders sent to the domain's rua address to compare the audit with what they saw.
        </p>
      ) : (
        <>
          <p className="muted small">
            {formatInt(c.reports)} report{c.reports === 1 ? '' : 's'} in {period}: {formatInt(c.successfulSessions)} successful sessions, {formatInt(c.failedSessions)} failed.
          </p>
          <CorrelationRows rows={c.rows} caption="Audit prediction and senders' reports per mail host" />
          <div className="two-col reports-figures">
            <div><h3>Failed sessions by result type</h3><ResultTypeList counts={v.byResultType} /></div>
            <div><h3>Sessions per day</h3><TrendChart days={v.trend} label={`Sessions per day for ${domain}`} /></div>
          </div>
        </>
      )}
      <ReportImport state={importer} />
    </div>
  );
}
