/**
 * What changed for a domain between two audits, and the two run-comparison findings of CHECKS §1.1:
 * a policy that changed under an unchanged id (RFC 8461 §3.1, §5.1: senders keep the old policy) and a
 * policy removed without the `mode: none` step (RFC 8461 §8.3: caches keep applying the old one).
 */
import type { Change, ChangeClass, DomainComparison, DomainSnapshot, FindingDelta } from '../../shared/changes';
import { severityRank, type FindingCode, type Severity } from '../../shared/findings';
import { outcomeRank, resultOutcome, UNDECIDED_CODES } from '../../shared/outcome';
import type { DomainResult, Finding, Posture } from '../../shared/types';
import { parsePolicy } from './parse/policy';
import { finding } from './finding';

export type { Change, ChangeClass, ChangeKind, DomainComparison, DomainSnapshot } from '../../shared/changes';

/** Higher is better protected; no-mail and error are not on the scale. */
const RANK: Partial<Record<Posture, number>> = { enforce: 5, testing: 4, none: 3, absent: 2, invalid: 1 };

/**
 * Findings that mean the audit could not look this time (a lookup failure, a time-out, an untested MX): a
 * difference beside one of them may be the network's, not the domain's, so the domain is "could not compare".
 */
const TRANSIENT_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  ...UNDECIDED_CODES, 'AUDIT_INTERNAL_ERROR', 'MTASTS_DNS_LOOKUP_FAILED', 'MTASTS_HTTPS_HOST_LOOKUP_FAILED', 'MTASTS_HTTPS_TIMEOUT',
  'MTASTS_HTTPS_CONNECT_FAILED', 'MTASTS_HTTPS_RESPONSE_INCOMPLETE', 'MX_LOOKUP_FAILED', 'MX_TARGET_LOOKUP_FAILED', 'TLSRPT_LOOKUP_FAILED', 'DANE_TLSA_LOOKUP_FAILED',
]);

export function snapshot(r: DomainResult): DomainSnapshot {
  return {
    posture: r.posture, outcome: resultOutcome(r).outcome, id: r.stsRecord?.id, mode: r.policy?.valid ? r.policy.mode : undefined,
    maxAge: r.policy?.valid ? r.policy.maxAge : undefined, mx: [...(r.policy?.mx ?? [])].map((m) => m.toLowerCase()).sort(), tlsrpt: r.tlsrpt?.valid ?? false,
  };
}

/**
 * The policy is observably gone (RFC 8461 §8.3 "removed"): the `_mta-sts` record answered NXDOMAIN or NODATA,
 * or the policy host has no address or answers 404/410. A time-out, SERVFAIL or refused connection is not an
 * absence: senders keep their cached policy through those, and so does the comparison.
 */
function policyObservedGone(r: DomainResult): boolean {
  const txt = r.evidence.dns.find((a) => a.type === 'TXT' && a.name === `_mta-sts.${r.domain}`);
  if (r.posture === 'absent') return txt?.outcome === 'nxdomain' || txt?.outcome === 'nodata' || (txt?.outcome === 'ok' && r.stsRecord === undefined);
  const fetch = r.evidence.policyFetch;
  return r.posture === 'invalid' && (fetch?.outcome === 'host-not-found' || (fetch?.outcome === 'status-not-200' && (fetch.status === 404 || fetch.status === 410)));
}

/** The policy as senders cache it: mode, max_age, mx set and extensions (CHECKS MTASTS_DNS_ID_NOT_UPDATED). */
function policyKey(r: DomainResult): string | undefined {
  if (!r.policy?.valid || r.policy.text === undefined) return undefined;
  const p = parsePolicy(r.policy.text);
  const ext = Object.entries(p.extensions).map(([name, value]) => `${name}=${value}`).sort();
  return JSON.stringify([p.mode, p.maxAge, [...new Set(p.mx.map((m) => m.toLowerCase()))].sort(), ext]);
}

/** Findings that only a comparison with the previous audit of the same domain can raise. */
export function comparisonFindings(prev: DomainResult, cur: DomainResult): Finding[] {
  const out: Finding[] = [];
  const before = policyKey(prev);
  const after = policyKey(cur);
  const sameId = prev.stsRecord?.id !== undefined && prev.stsRecord.id === cur.stsRecord?.id;
  if (before && after && before !== after && sameId && cur.stsRecord?.valid) {
    out.push(finding('MTASTS_DNS_ID_NOT_UPDATED', `the policy changed since the previous audit (${describePolicyDiff(prev, cur)}) but the id is still ${cur.stsRecord?.id}`));
  }
  const wasActive = prev.posture === 'enforce' || prev.posture === 'testing';
  if (wasActive && policyObservedGone(cur)) {
    out.push(finding('MTASTS_DNS_REMOVED_WITHOUT_NONE', `the previous audit saw mode ${prev.posture} (max_age ${prev.policy?.maxAge ?? '?'}); now the posture is ${cur.posture} without a mode none step`));
  }
  return out;
}

function describePolicyDiff(prev: DomainResult, cur: DomainResult): string {
  const parts: string[] = [];
  if (prev.policy?.mode !== cur.policy?.mode) parts.push(`mode ${prev.policy?.mode} → ${cur.policy?.mode}`);
  if (prev.policy?.maxAge !== cur.policy?.maxAge) parts.push(`max_age ${prev.policy?.maxAge} → ${cur.policy?.maxAge}`);
  const a = snapshot(prev).mx.join(' ');
  const b = snapshot(cur).mx.join(' ');
  if (a !== b) parts.push(`mx ${a || '-'} → ${b || '-'}`);
  return parts.join(', ') || 'extension fields';
}

function postureChange(a: Posture, b: Posture): Change | undefined {
  if (a === b) return undefined;
  const ra = RANK[a];
  const rb = RANK[b];
  if (ra === undefined || rb === undefined) return { kind: 'posture-changed', detail: `${a} → ${b}` };
  return { kind: rb > ra ? 'posture-up' : 'posture-down', detail: `${a} → ${b}` };
}

function fieldChanges(a: DomainSnapshot, b: DomainSnapshot, tlsrptKnown: boolean): Change[] {
  const out: Change[] = [];
  if (a.id !== b.id) out.push({ kind: 'id-changed', detail: `${a.id ?? '-'} → ${b.id ?? '-'}` });
  if (a.mode !== b.mode) out.push({ kind: 'mode-changed', detail: `${a.mode ?? '-'} → ${b.mode ?? '-'}` });
  if (a.maxAge !== b.maxAge) out.push({ kind: 'max-age-changed', detail: `${a.maxAge ?? '-'} → ${b.maxAge ?? '-'}` });
  if (a.mx.join(' ') !== b.mx.join(' ')) out.push({ kind: 'mx-set-changed', detail: `${a.mx.join(' ') || '-'} → ${b.mx.join(' ') || '-'}` });
  if (a.tlsrpt !== b.tlsrpt && tlsrptKnown) out.push({ kind: b.tlsrpt ? 'tlsrpt-added' : 'tlsrpt-removed', detail: b.tlsrpt ? 'TLS-RPT now published' : 'TLS-RPT no longer usable' });
  return out;
}

const deltaKey = (f: Finding) => `${f.code}\u0000${f.subject ?? ''}`;

/** Findings of `a` absent from `b`, one per code and subject, worst first. */
function missingFrom(a: Finding[], b: Finding[]): FindingDelta[] {
  const keys = new Set(b.map(deltaKey));
  const seen = new Set<string>();
  const out: FindingDelta[] = [];
  for (const f of a) {
    const key = deltaKey(f);
    if (keys.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(f.subject === undefined ? { code: f.code, severity: f.severity } : { code: f.code, severity: f.severity, subject: f.subject });
  }
  return out.sort((x, y) => severityRank(x.severity) - severityRank(y.severity) || x.code.localeCompare(y.code));
}

const isDefect = (f: Finding) => f.severity !== 'info';
const codesOf = (fs: Finding[]) => [...new Set(fs.map((f) => f.code))];

function worstSeverity(deltas: FindingDelta[]): Severity | undefined {
  return deltas.reduce<Severity | undefined>((w, d) => (w === undefined || severityRank(d.severity) < severityRank(w) ? d.severity : w), undefined);
}

function classify(before: DomainSnapshot, after: DomainSnapshot, fixed: FindingDelta[], added: FindingDelta[], transient: FindingCode[]): ChangeClass {
  if (transient.length > 0) return 'could-not-compare';
  const diff = outcomeRank(after.outcome) - outcomeRank(before.outcome);
  // Rank 0 is the worst outcome, so a larger rank is better; no-mail sits apart from the protection scale.
  if (before.outcome !== after.outcome && before.outcome !== 'no-mail' && after.outcome !== 'no-mail') return diff > 0 ? 'fixed' : 'regressed';
  if (added.length > 0) return 'new-defect';
  if (fixed.length > 0 || before.outcome !== after.outcome) return 'fixed';
  return 'unchanged';
}

/** One domain across two audits (`prev` the earlier). A domain in only one of them is new or out of scope. */
export function compareDomain(domain: string, prev: DomainResult | undefined, cur: DomainResult | undefined): DomainComparison {
  const empty = { changes: [], defectsFixed: [], defectsNew: [], factsGained: [], factsLost: [] };
  if (!prev || !cur) {
    return cur ? { domain, changeClass: 'new-domain', after: snapshot(cur), ...empty } : { domain, changeClass: 'out-of-scope', before: snapshot(prev!), ...empty };
  }
  const before = snapshot(prev);
  const after = snapshot(cur);
  const transientBefore = new Set(prev.findings.map((f) => f.code).filter((c) => TRANSIENT_CODES.has(c)));
  const transientAfter = new Set(cur.findings.map((f) => f.code).filter((c) => TRANSIENT_CODES.has(c)));
  const transient = [...new Set([...transientBefore, ...transientAfter])].filter((c) => transientBefore.has(c) !== transientAfter.has(c)).sort();
  const changes: Change[] = [];
  const p = postureChange(before.posture, after.posture);
  if (p) changes.push(p);
  const tlsrptKnown = !transientBefore.has('TLSRPT_LOOKUP_FAILED') && !transientAfter.has('TLSRPT_LOOKUP_FAILED');
  changes.push(...fieldChanges(before, after, tlsrptKnown));
  for (const f of comparisonFindings(prev, cur)) {
    changes.push({ kind: f.code === 'MTASTS_DNS_ID_NOT_UPDATED' ? 'id-not-updated' : 'removed-without-none', detail: f.message });
  }
  const pk = policyKey(prev);
  if (before.id !== after.id && pk !== undefined && pk === policyKey(cur)) changes.push({ kind: 'id-bumped-without-change', detail: `id ${before.id} → ${after.id} with an identical policy` });
  const defectsFixed = missingFrom(prev.findings.filter(isDefect), cur.findings.filter(isDefect));
  const defectsNew = missingFrom(cur.findings.filter(isDefect), prev.findings.filter(isDefect));
  const factsBefore = codesOf(prev.findings.filter((f) => !isDefect(f)));
  const factsAfter = codesOf(cur.findings.filter((f) => !isDefect(f)));
  const changeClass = classify(before, after, defectsFixed, defectsNew, transient);
  const result: DomainComparison = {
    domain, changeClass, before, after, changes, defectsFixed, defectsNew,
    factsGained: factsAfter.filter((c) => !factsBefore.includes(c)).sort(), factsLost: factsBefore.filter((c) => !factsAfter.includes(c)).sort(),
  };
  const severity = worstSeverity([...defectsFixed, ...defectsNew]);
  if (severity) result.severity = severity;
  if (transient.length > 0) result.transient = transient;
  return result;
}
