import { useLayoutEffect } from 'react';
import type { Route } from '../routes';
import { useDomain } from '../hooks/useDomain';
import { useViewMemory } from '../hooks/useViewMemory';
import { resultsActiveKey, useNeighbours } from '../hooks/useNeighbours';
import { entryLabelKey, recall, remember } from '../view-memory';
import { groupFindings } from '../finding-groups';
import { evidenceTargets, SECTION_IDS } from '../evidence-anchor';
import { formatDate, formatMs } from '../format';
import { plainText } from '../../shared/plain-language';
import { OUTCOME_MEANING } from '../../shared/outcome';
import { PageHeader } from '../components/PageHeader';
import { OutcomeBadge, PostureBadge } from '../components/Badges';
import { FindingCard } from '../components/FindingCard';
import { FactList } from '../components/FactList';
import { ProblemSummary } from '../components/ProblemSummary';
import { RecordsCard } from '../components/RecordsCard';
import { PolicyText } from '../components/PolicyText';
import { PolicyFetchCard } from '../components/PolicyFetchCard';
import { MxHostCard } from '../components/MxHostCard';
import { DnsTable } from '../components/DnsTable';
import { SectionNav, scrollToFirst } from '../components/SectionNav';
import { ActionList } from '../components/ActionList';
import { DomainReports } from '../components/reports/DomainReports';
import { ErrorBanner, Loading } from '../components/States';

type DomainRoute = Extract<Route, { view: 'domain' }>;

interface Props {
  route: DomainRoute;
  previous: Route | undefined;
  navigate(r: Route, opts?: { replace?: boolean }): void;
  back(fallback: Route): void;
}

const typingIn = (t: EventTarget | null) => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;

/**
 * One domain: the outcome and what decided it, its problems in plain words (worst first) with a link to the
 * evidence of each, the info-level facts, then the evidence. Escape (or the back button) returns to the
 * screen it was opened from; ← and → step to the previous and next domain of the results list.
 */
export function DomainView({ route, previous, navigate, back }: Props) {
  const { runId } = route;
  const runDomainId = 'runDomainId' in route ? route.runDomainId : undefined;
  const { data: result, error, reload } = useDomain(runId, runDomainId !== undefined ? { runDomainId } : { domain: (route as { domain: string }).domain });
  const [factsOpen, setFactsOpen] = useViewMemory('domain:facts-open', true);
  const near = useNeighbours(runId, runDomainId);
  const goBack = () => back({ view: 'results', runId });
  const step = (to: typeof near.next) => {
    if (!to) return;
    remember(resultsActiveKey(runId), to.index);
    remember(entryLabelKey(runId, to.row.runDomainId), to.row.domain || `“${to.row.input}”`);
    navigate({ view: 'domain', runId, runDomainId: to.row.runDomainId }, { replace: true });
  };
  // A layout effect: the listener that knows this render's neighbours is in place before the page shows them.
  // With a passive effect, a key pressed right after the Next/Previous buttons were enabled could still reach
  // the previous render's listener, which knew no neighbour, and be lost (seen in CI under load).
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typingIn(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Escape') back({ view: 'results', runId });
      else if (e.key === 'ArrowLeft' || e.key === '[') step(near.previous);
      else if (e.key === 'ArrowRight' || e.key === ']') step(near.next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const backButton = (
    <>
      {(near.previous || near.next) && (
        <span className="stepper">
          <button type="button" className="btn" disabled={!near.previous} onClick={() => step(near.previous)} aria-keyshortcuts="ArrowLeft" title="Previous domain (←)">‹ Previous</button>
          <button type="button" className="btn" disabled={!near.next} onClick={() => step(near.next)} aria-keyshortcuts="ArrowRight" title="Next domain (→)">Next ›</button>
        </span>
      )}
      <button type="button" className="btn" onClick={goBack} aria-keyshortcuts="Escape" title="Back (Esc)">
        ← {previous?.view === 'compare' ? 'Compare' : 'Results'}
      </button>
    </>
  );
  const pending = runDomainId === undefined ? (route as { domain: string }).domain : (recall<string>(entryLabelKey(runId, runDomainId)) ?? '');
  if (error) {
    return (
      <div className="page"><PageHeader title={pending} actions={backButton} />
        <ErrorBanner message={error} onRetry={reload} />
        <p><button type="button" className="btn" onClick={() => navigate({ view: 'audits' })}>All audits</button></p>
      </div>
    );
  }
  if (!result) return <div className="page"><PageHeader title={pending} actions={backButton} /><Loading /></div>;

  const { problems, facts } = groupFindings(result.findings);
  const notADomain = result.domain === '';
  const title = notADomain ? <span className="mono">“{result.input}”</span> : <span className="mono">{result.domain}</span>;
  const { verdict } = result;
  const showEvidence = (ids: string[]) => (ids.length > 0 ? () => { if (!scrollToFirst(ids)) scrollToFirst([SECTION_IDS.records]); } : undefined);
  const sections = [
    { id: SECTION_IDS.outcome, label: 'Outcome' },
    ...(result.actions.actions.length > 0 || result.actions.readiness ? [{ id: SECTION_IDS.actions, label: `What to do (${result.actions.actions.length})` }] : []),
    { id: SECTION_IDS.problems, label: `Problems (${problems.length})` },
    ...(facts.length > 0 ? [{ id: SECTION_IDS.facts, label: 'Facts' }] : []),
    ...(!notADomain ? [{ id: SECTION_IDS.records, label: 'Records' }] : []),
    ...(result.policy?.text !== undefined ? [{ id: SECTION_IDS.policy, label: 'Policy file' }] : []),
    ...(result.evidence.policyFetch ? [{ id: SECTION_IDS.fetch, label: 'Policy fetch' }] : []),
    ...(result.mx.length > 0 ? [{ id: SECTION_IDS.mx, label: 'Mail hosts' }] : []),
    ...(!notADomain ? [{ id: SECTION_IDS.reports, label: 'Reports' }] : []),
    ...(result.evidence.dns.length > 0 ? [{ id: SECTION_IDS.dns, label: 'DNS' }] : []),
  ];
  return (
    <div className="page">
      <PageHeader title={title} actions={backButton}
        subtitle={<>
          {notADomain ? 'not a domain name, so nothing was audited · ' : result.input !== result.domain && <>imported as <span className="mono">{result.input}</span> · </>}
          audited {formatDate(result.startedAt)} in {formatMs(result.durationMs)}
        </>}>
        <SectionNav sections={sections} />
      </PageHeader>
      <section className="card outcome-card" id={SECTION_IDS.outcome} tabIndex={-1} aria-label="Outcome">
        <div className="outcome-line">
          <OutcomeBadge outcome={verdict.outcome} />
          <span className="outcome-meaning">{OUTCOME_MEANING[verdict.outcome]}</span>
        </div>
        {verdict.decidedBy.length > 0 && (
          <p className="decided-by"><span className="muted">Decided by: </span>{verdict.decidedBy.map((c) => plainText(c).title).join(' · ')}</p>
        )}
        <p className="muted small">Posture for senders: <PostureBadge posture={result.posture} /></p>
      </section>
      {(result.actions.actions.length > 0 || result.actions.readiness) && (
        <section className="card" id={SECTION_IDS.actions} tabIndex={-1} aria-labelledby="actions-heading">
          <h2 id="actions-heading">What to do <span className="count-pill">{result.actions.actions.length}</span></h2>
          <ActionList actions={result.actions} />
        </section>
      )}
      <section className="card" id={SECTION_IDS.problems} tabIndex={-1} aria-labelledby="problems-heading">
        <h2 id="problems-heading">Problems <span className={`count-pill${problems.length ? ' warn' : ''}`}>{problems.length}</span><ProblemSummary problems={problems} /></h2>
        {problems.length === 0 ? (
          <p className="all-clear" role="status">
            <span aria-hidden="true" className="all-clear-mark">✓</span>
            No problems found for {result.domain}: nothing to fix.{facts.length > 0 && ` What was checked is listed under Facts below.`}
          </p>
        ) : (
          <div className="findings">{problems.map((f, i) => <FindingCard key={`${f.code}-${i}`} finding={f} onEvidence={showEvidence(evidenceTargets(f))} />)}</div>
        )}
      </section>
      {facts.length > 0 && (
        <section className="card" id={SECTION_IDS.facts} tabIndex={-1}>
          <details open={factsOpen} onToggle={(e) => setFactsOpen(e.currentTarget.open)}>
            <summary><h2 className="inline">Facts <span className="count-pill">{facts.length}</span></h2><span className="summary-hint">checks passed and facts worth knowing</span></summary>
            <FactList facts={facts} />
          </details>
        </section>
      )}
      {!notADomain && (
        <section className="card" id={SECTION_IDS.records} tabIndex={-1}>
          <h2>Records</h2>
          <RecordsCard result={result} />
        </section>
      )}
      {result.policy?.text !== undefined && (
        <section className="card" id={SECTION_IDS.policy} tabIndex={-1}>
          <h2>Policy file</h2>
          <PolicyText text={result.policy.text} findings={result.findings} />
        </section>
      )}
      {result.evidence.policyFetch && (
        <section className="card" id={SECTION_IDS.fetch} tabIndex={-1}>
          <h2>Policy fetch</h2>
          <PolicyFetchCard fetch={result.evidence.policyFetch} />
        </section>
      )}
      {result.mx.length > 0 && (
        <section className="card" id={SECTION_IDS.mx} tabIndex={-1}>
          <h2>Mail hosts</h2>
          <div className="mx-list">{result.mx.map((m) => <MxHostCard key={m.host} mx={m} problems={problems} />)}</div>
        </section>
      )}
      {!notADomain && (
        <section className="card" id={SECTION_IDS.reports} tabIndex={-1} aria-labelledby="reports-heading">
          <h2 id="reports-heading">Senders' reports (TLS-RPT)</h2>
          <DomainReports runId={runId} domain={result.domain} />
        </section>
      )}
      {result.evidence.dns.length > 0 && (
        <section className="card" id={SECTION_IDS.dns} tabIndex={-1}>
          <details>
            <summary><h2 className="inline">DNS queries <span className="count-pill">{result.evidence.dns.length}</span></h2></summary>
            <DnsTable answers={result.evidence.dns} />
          </details>
        </section>
      )}
    </div>
  );
}
