import { useEffect } from 'react';
import type { Route } from '../routes';
import { useDomain } from '../hooks/useDomain';
import { useViewMemory } from '../hooks/useViewMemory';
import { entryLabelKey, recall } from '../view-memory';
import { groupFindings } from '../finding-groups';
import { formatDate, formatMs } from '../format';
import { PageHeader } from '../components/PageHeader';
import { PostureBadge } from '../components/Badges';
import { FindingCard } from '../components/FindingCard';
import { FactList } from '../components/FactList';
import { ProblemSummary } from '../components/ProblemSummary';
import { RecordsCard } from '../components/RecordsCard';
import { PolicyText } from '../components/PolicyText';
import { PolicyFetchCard } from '../components/PolicyFetchCard';
import { MxHostCard } from '../components/MxHostCard';
import { DnsTable } from '../components/DnsTable';
import { ErrorBanner, Loading } from '../components/States';

type DomainRoute = Extract<Route, { view: 'domain' }>;

interface Props {
  route: DomainRoute;
  previous: Route | undefined;
  navigate(r: Route): void;
  back(fallback: Route): void;
}

/**
 * One domain: its problems, worst first, then the info-level facts in a compact list, then the evidence.
 * Escape (or the back button) returns to the screen it was opened from, else to the run's results.
 */
export function DomainView({ route, previous, back }: Props) {
  const { runId } = route;
  const { data: result, error, reload } = useDomain(runId, 'runDomainId' in route ? { runDomainId: route.runDomainId } : { domain: route.domain });
  const [factsOpen, setFactsOpen] = useViewMemory('domain:facts-open', true);
  const goBack = () => back({ view: 'results', runId });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
      if (e.key === 'Escape' && !e.defaultPrevented && !typing) back({ view: 'results', runId });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [back, runId]);

  const backButton = (
    <button type="button" className="btn" onClick={goBack} aria-keyshortcuts="Escape" title="Back (Esc)">
      ← {previous?.view === 'compare' ? 'Compare' : 'Results'}
    </button>
  );
  const pending = 'domain' in route ? route.domain : (recall<string>(entryLabelKey(runId, route.runDomainId)) ?? '');
  if (error) return <div className="page"><PageHeader title={pending} actions={backButton} /><ErrorBanner message={error} onRetry={reload} /></div>;
  if (!result) return <div className="page"><PageHeader title={pending} actions={backButton} /><Loading /></div>;

  const { problems, facts } = groupFindings(result.findings);
  const notADomain = result.domain === '';
  const title = notADomain ? <span className="mono">“{result.input}”</span> : <span className="mono">{result.domain}</span>;
  return (
    <div className="page">
      <PageHeader title={title} actions={backButton}
        subtitle={<>
          <PostureBadge posture={result.posture} />
          {notADomain ? 'not a domain name, so nothing was audited · ' : result.input !== result.domain && <>imported as <span className="mono">{result.input}</span> · </>}
          audited {formatDate(result.startedAt)} in {formatMs(result.durationMs)}
        </>} />
      <section className="card" aria-labelledby="problems-heading">
        <h2 id="problems-heading">Problems <span className={`count-pill${problems.length ? ' warn' : ''}`}>{problems.length}</span><ProblemSummary problems={problems} /></h2>
        {problems.length === 0 ? (
          <p className="all-clear" role="status">
            <span aria-hidden="true" className="all-clear-mark">✓</span>
            No problems found for {result.domain}: nothing to fix.{facts.length > 0 && ` What was checked is listed under Facts below.`}
          </p>
        ) : (
          <div className="findings">{problems.map((f, i) => <FindingCard key={`${f.code}-${i}`} finding={f} />)}</div>
        )}
      </section>
      {facts.length > 0 && (
        <section className="card">
          <details open={factsOpen} onToggle={(e) => setFactsOpen(e.currentTarget.open)}>
            <summary><h2 className="inline">Facts <span className="count-pill">{facts.length}</span></h2><span className="summary-hint">checks passed and facts worth knowing</span></summary>
            <FactList facts={facts} />
          </details>
        </section>
      )}
      {!notADomain && (
        <section className="card">
          <h2>Records</h2>
          <RecordsCard result={result} />
        </section>
      )}
      {result.policy?.text !== undefined && (
        <section className="card">
          <h2>Policy file</h2>
          <PolicyText text={result.policy.text} findings={result.findings} />
        </section>
      )}
      {result.evidence.policyFetch && (
        <section className="card">
          <h2>Policy fetch</h2>
          <PolicyFetchCard fetch={result.evidence.policyFetch} />
        </section>
      )}
      {result.mx.length > 0 && (
        <section className="card">
          <h2>Mail hosts</h2>
          <div className="mx-list">{result.mx.map((m) => <MxHostCard key={m.host} mx={m} />)}</div>
        </section>
      )}
      {result.evidence.dns.length > 0 && (
        <section className="card">
          <details>
            <summary><h2 className="inline">DNS queries <span className="count-pill">{result.evidence.dns.length}</span></h2></summary>
            <DnsTable answers={result.evidence.dns} />
          </details>
        </section>
      )}
    </div>
  );
}
