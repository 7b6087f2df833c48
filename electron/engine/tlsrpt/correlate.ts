/**
 * The audit's prediction next to what senders reported (RFC 8460 §4), per domain and MX, over a period.
 * Pure: the latest results and the reports' policies in, the comparison out.
 *
 * Classes, per MX (or the domain as a whole, for policy-level failures such as sts-policy-fetch-error):
 * - agrees: the audit predicts a failure and senders reported failures there;
 * - predicted-not-observed: the audit predicts a failure, senders reported the domain but no failure there
 *   (mode testing, senders not enforcing yet, or a backup MX they never reach);
 * - observed-not-predicted: senders reported failures the audit does not predict: an MX outside the audit,
 *   a receiving address the audit never resolved (a DNS change or an attack in the path), or a transient;
 * - healthy: neither predicts nor observes a failure;
 * - no-reports: no report for the domain in the period, so nothing to compare.
 */
import type { DomainResult, Finding } from '../../../shared/types';
import type { Correlation, CorrelationClass, DomainCorrelation, MxCorrelation, ObservedFailure, ObservedPolicy, OutsideDomain } from '../../../shared/tlsrpt';
import { isPolicyLevel, resultTypesOf } from './result-types';

export { CORRELATION_CLASSES } from '../../../shared/tlsrpt';
export type { Correlation, CorrelationClass, DomainCorrelation, MxCorrelation, ObservedFailure, OutsideDomain } from '../../../shared/tlsrpt';

const n = (x: number) => x.toLocaleString('en-US');
const plural = (k: number, one: string, many = `${one}s`) => `${n(k)} ${k === 1 ? one : many}`;
const sorted = (s: Iterable<string>) => [...s].sort();

interface Acc { sessions: number; senders: Set<string>; orgs: Set<string>; ips: Set<string>; first: string; last: string }

function predictedOf(findings: Finding[], subject: string | null, mxNames: Set<string>): MxCorrelation['predicted'] {
  return findings
    .filter((f) => (subject === null ? !(f.subject && mxNames.has(f.subject.toLowerCase())) : f.subject?.toLowerCase() === subject))
    .map((f) => ({ code: f.code as string, resultTypes: [...resultTypesOf(f.code)] }))
    .filter((p) => p.resultTypes.length > 0 && (subject !== null || p.resultTypes.some(isPolicyLevel)));
}

function observedList(byType: Map<string, Acc>): ObservedFailure[] {
  return [...byType].map(([resultType, a]) => ({ resultType, sessions: a.sessions, senders: sorted(a.senders), organizations: sorted(a.orgs), receivingIps: sorted(a.ips), first: a.first, last: a.last }))
    .sort((x, y) => y.sessions - x.sessions || (x.resultType < y.resultType ? -1 : 1));
}

function describe(row: Omit<MxCorrelation, 'text'>, audited: Map<string, Set<string>>, titleOf: (code: string) => string): string {
  const where = row.mx ?? 'policy';
  const seen = row.observed.map((o) => `${plural(o.sessions, 'failed session')} of ${o.resultType} from ${plural(o.senders.length, 'sender')}`).join('; ');
  const predicted = [...new Set(row.predicted.map((p) => titleOf(p.code)))].join('; ') || 'undeliverable for a strict sender';
  const first = row.observed.map((o) => o.first).sort()[0]?.slice(0, 10);
  const last = row.observed.map((o) => o.last).sort().at(-1)?.slice(0, 10);
  const times = first === undefined ? '' : first === last ? ` on ${first}` : ` between ${first} and ${last}`;
  switch (row.class) {
    case 'agrees': return `${where}: ${predicted} — ${seen}`;
    case 'predicted-not-observed': return `${where}: ${predicted} — but senders reported no failure there (mode testing, senders not enforcing yet, or an MX they do not reach)`;
    case 'healthy': return `${where}: no failure predicted or reported`;
    case 'no-reports': return row.predicted.length || row.undeliverable ? `${where}: ${predicted} — no report covers the period` : `${where}: no report covers the period`;
    case 'observed-not-predicted': {
      const all = sorted(new Set(row.observed.flatMap((o) => o.senders)));
      const senders = all.length ? ` (${all.slice(0, 5).join(', ')}${all.length > 5 ? ', …' : ''})` : '';
      if (row.mx !== null && !row.inAudit) return `${where}: not an MX the audit found — ${seen}${senders}${times} (an old or changed MX record, or a forged answer in the path)`;
      const known = row.mx === null ? undefined : audited.get(row.mx);
      const strange = known && known.size > 0 ? sorted(new Set(row.observed.flatMap((o) => o.receivingIps))).filter((ip) => !known.has(ip)) : [];
      if (strange.length) return `${where}: not predicted — ${seen}${senders}${times} at ${strange.join(', ')}, an address the audit did not resolve (a DNS change, or an attack in the path)`;
      return `${where}: not predicted — ${seen}${senders}${times} (a transient fault, or an attack in the path)`;
    }
  }
}

export function correlate(results: readonly DomainResult[], policies: readonly ObservedPolicy[], period: { from: string; to: string }, titleOf: (code: string) => string = (c) => c): Correlation {
  const estate = new Map(results.filter((r) => r.domain).map((r) => [r.domain, r]));
  const byDomain = new Map<string, ObservedPolicy[]>();
  for (const p of policies) byDomain.set(p.domain, [...(byDomain.get(p.domain) ?? []), p]);

  const domains: DomainCorrelation[] = [];
  for (const [domain, result] of [...estate].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const seen = byDomain.get(domain) ?? [];
    const reports = new Set(seen.map((p) => `${p.organization}\u0000${p.start}`)).size;
    // Observed failures keyed by MX (null: policy-level, or the reporter named no MX).
    const obs = new Map<string | null, Map<string, Acc>>();
    for (const p of seen) {
      for (const f of p.failures) {
        const mx = f.receivingMx && !isPolicyLevel(f.resultType) ? f.receivingMx : null;
        const byType = obs.get(mx) ?? new Map<string, Acc>();
        obs.set(mx, byType);
        const a = byType.get(f.resultType) ?? { sessions: 0, senders: new Set(), orgs: new Set(), ips: new Set(), first: p.start, last: p.end };
        byType.set(f.resultType, a);
        a.sessions += f.sessions;
        if (f.sendingMtaIp) a.senders.add(f.sendingMtaIp);
        if (f.receivingIp) a.ips.add(f.receivingIp);
        a.orgs.add(p.organization);
        if (p.start < a.first) a.first = p.start;
        if (p.end > a.last) a.last = p.end;
      }
    }
    const mxNames = new Set(result.mx.map((h) => h.host.toLowerCase()));
    const audited = new Map(result.mx.map((h) => [h.host.toLowerCase(), new Set([...h.addresses, ...h.probes.map((p) => p.address)])]));
    const keys: (string | null)[] = [null, ...result.mx.map((h) => h.host.toLowerCase()), ...sorted([...obs.keys()].filter((k): k is string => k !== null && !mxNames.has(k)))];
    const rows: MxCorrelation[] = [];
    for (const mx of keys) {
      const host = mx === null ? undefined : result.mx.find((h) => h.host.toLowerCase() === mx);
      const predicted = predictedOf(result.findings, mx, mxNames);
      const undeliverable = host?.deliverable === false;
      const observed = observedList(obs.get(mx) ?? new Map());
      const failing = predicted.length > 0 || undeliverable;
      const failed = observed.some((o) => o.sessions > 0);
      // The policy row is shown only when it has something to say.
      if (mx === null && !failing && !failed) continue;
      const cls: CorrelationClass = reports === 0 ? 'no-reports' : failing ? (failed ? 'agrees' : 'predicted-not-observed') : failed ? 'observed-not-predicted' : 'healthy';
      const row = { mx, class: cls, predicted, undeliverable, inAudit: mx === null || mxNames.has(mx), observed };
      rows.push({ ...row, text: describe(row, audited, titleOf) });
    }
    domains.push({ domain, reports, successfulSessions: seen.reduce((s, p) => s + p.successful, 0), failedSessions: seen.reduce((s, p) => s + p.failed, 0), rows });
  }

  const outside: OutsideDomain[] = [];
  for (const [domain, seen] of [...byDomain].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (estate.has(domain)) continue;
    outside.push({
      domain, reports: new Set(seen.map((p) => `${p.organization}\u0000${p.start}`)).size,
      successfulSessions: seen.reduce((s, p) => s + p.successful, 0), failedSessions: seen.reduce((s, p) => s + p.failed, 0),
      resultTypes: sorted(new Set(seen.flatMap((p) => p.failures.map((f) => f.resultType)))),
    });
  }
  return { ...period, domains, outside };
}
