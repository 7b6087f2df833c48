/**
 * A stored run next to the stored reports (RFC 8460 §4), for the app and the exports: only the run's domains
 * that senders reported on are read, one result at a time by name, so the cost follows the reports, not the
 * size of the estate. The judging is the engine's (engine/tlsrpt/correlate.ts), the words the catalogue's.
 */
import type Database from 'better-sqlite3';
import { catalogueEntry, isFindingCode } from '../../shared/findings';
import type { Correlation, CorrelationClass, ObservedPolicy, ReportPeriod, ReportsDomainView, ReportsEstateView } from '../../shared/tlsrpt';
import type { DomainResult } from '../../shared/types';
import { correlate, CORRELATION_CLASSES } from '../engine/tlsrpt/correlate';
import { dailyTrend, sessionsByResultType } from '../engine/tlsrpt/trend';
import { getResult } from './results';
import { getRun } from './runs';
import { observedPolicies, observedPoliciesOf, reportCount } from './tlsrpt-reports';

/** The catalogue's title of a finding code: the prediction as every surface words it. */
export const catalogueTitle = (code: string): string => (isFindingCode(code) ? catalogueEntry(code).title : code);

export interface RunCorrelation {
  /** Domains of the run with a report in the period (and the reports about other domains, as `outside`). */
  correlation: Correlation;
  /** The period's policies about the run's domains. */
  policies: ObservedPolicy[];
}

/** The correlation of the run's domains that have reports in the period. */
export function runCorrelation(db: Database.Database, runId: number, period: ReportPeriod): RunCorrelation {
  const all = observedPolicies(db, period.from, period.to);
  const results: DomainResult[] = [];
  for (const domain of new Set(all.map((p) => p.domain))) {
    const r = getResult(db, runId, domain);
    if (r) results.push(r);
  }
  const inRun = new Set(results.map((r) => r.domain));
  return {
    correlation: correlate(results, all, { from: period.from, to: period.to }, catalogueTitle),
    policies: all.filter((p) => inRun.has(p.domain)),
  };
}

/** How many domains senders reported failures for are listed in the estate view. */
export const FAILING_SHOWN = 200;

export function estateReports(db: Database.Database, runId: number, period: ReportPeriod): ReportsEstateView {
  const { correlation: c, policies } = runCorrelation(db, runId, period);
  const classCounts = Object.fromEntries(CORRELATION_CLASSES.map((k) => [k, 0])) as Record<CorrelationClass, number>;
  for (const d of c.domains) for (const r of d.rows) classCounts[r.class]++;
  const failing = c.domains.filter((d) => d.failedSessions > 0).sort((a, b) => b.failedSessions - a.failedSessions || (a.domain < b.domain ? -1 : 1));
  return {
    ...period,
    storedReports: reportCount(db),
    domainsWithReports: c.domains.length,
    auditedDomains: getRun(db, runId)?.done ?? 0,
    successfulSessions: c.domains.reduce((s, d) => s + d.successfulSessions, 0),
    failedSessions: c.domains.reduce((s, d) => s + d.failedSessions, 0),
    classCounts,
    failing: failing.slice(0, FAILING_SHOWN),
    failingTotal: failing.length,
    byResultType: sessionsByResultType(policies),
    trend: dailyTrend(policies, period),
    outside: c.outside,
  };
}

/** One domain of the run: its rows even without reports (then every row says "no reports"). */
export function domainReports(db: Database.Database, runId: number, domain: string, period: ReportPeriod): ReportsDomainView {
  const policies = observedPoliciesOf(db, domain, period.from, period.to);
  const result = getResult(db, runId, domain);
  const c = result ? correlate([result], policies, { from: period.from, to: period.to }, catalogueTitle) : undefined;
  return { ...period, storedReports: reportCount(db), correlation: c?.domains[0], byResultType: sessionsByResultType(policies), trend: dailyTrend(policies, period) };
}
