/**
 * The policy against the real MX set (RFC 8461 §4.1) and, when the MX hosts were probed, what a sender
 * enforcing the policy would do with each of them (RFC 8461 §4.2, §5; CHECKS §3.6, §3.9 step 4).
 */
import type { Finding, MxHostResult, MxKind, Posture } from '../../../shared/types';
import { matchMxPattern, wildcardDepthHint } from '../parse/mx-pattern';
import { chainOutsideValidity } from '../tls/certificate';
import { finding } from '../finding';

export interface CoverageInput {
  posture: Posture;
  /** Mode of a valid policy, whatever the posture (a no-mail domain can still publish one). */
  mode?: 'enforce' | 'testing' | 'none';
  patterns: string[];
  kind: MxKind;
  hosts: MxHostResult[];
  /** False when SMTP was not tested: deliverability is then unknown, not failed. */
  probed: boolean;
  now: Date;
}

/** Marks `covered`/`coveringPattern` on each host and returns the coverage findings. */
export function judgeCoverage(input: CoverageInput): Finding[] {
  const { mode, patterns, kind, hosts } = input;
  const out: Finding[] = [];
  if (!mode) return out;
  if (kind === 'null' && mode !== 'none') out.push(finding('MTASTS_MX_NULL_MX_POLICY', `null MX, yet the policy is in mode ${mode}`));
  if (kind !== 'explicit' && kind !== 'implicit') return out;
  for (const h of hosts) {
    const pattern = patterns.find((p) => matchMxPattern(p, h.host));
    h.covered = pattern !== undefined;
    if (pattern) h.coveringPattern = pattern;
  }
  for (const p of new Set(patterns.map((x) => x.toLowerCase()))) {
    if (!hosts.some((h) => matchMxPattern(p, h.host))) out.push(finding('MTASTS_POLICY_MX_UNUSED', `mx pattern ${p} matches none of the current MX hosts`, { subject: p }));
  }
  if (input.posture !== 'enforce' && input.posture !== 'testing') return out;
  if (kind === 'implicit') out.push(finding('MTASTS_MX_IMPLICIT', `no MX RRset: the policy must cover ${hosts[0]?.host ?? 'the domain'} itself`));
  const uncovered = hosts.filter((h) => !h.covered);
  if (uncovered.length === 0) out.push(finding('MTASTS_MX_ALL_COVERED', `all ${hosts.length} MX host(s) match a policy mx pattern`));
  for (const h of uncovered) {
    const hint = patterns.find((p) => wildcardDepthHint(p, h.host));
    if (input.posture === 'enforce') out.push(finding('MTASTS_MX_NOT_COVERED', `${h.host} matches no mx pattern (${patterns.join(', ') || 'none'})`, { subject: h.host }));
    if (hint) out.push(finding('MTASTS_MX_WILDCARD_DEPTH', `${hint} would cover ${h.host} only if "*" matched ${h.host === hint.slice(2) ? 'zero labels' : 'more than one label'}`, { subject: h.host }));
  }
  if (input.posture === 'enforce' && uncovered.length === hosts.length && hosts.length > 0) {
    out.push(finding('MTASTS_MX_NONE_COVERED', `none of the ${hosts.length} MX host(s) is covered: enforcing senders cannot deliver`));
  }
  return out;
}

/**
 * Per-MX delivery under the strict profile, once probes (and DANE) have filled `mtaStsPass`/`danePass`.
 * NONE_DELIVERABLE is raised only when some MX is covered: when none is, NONE_COVERED already names the cause.
 */
export function judgeDeliverability(input: CoverageInput): Finding[] {
  const out: Finding[] = [];
  if (!input.probed || (input.posture !== 'enforce' && input.posture !== 'testing')) return out;
  const failing: string[] = [];
  for (const h of input.hosts) {
    // An MX whose every address was unroutable from the auditor (IPv6-only on an IPv4 network) has no verdict.
    if (h.covered && h.mtaStsPass === undefined && h.probes.length > 0 && h.probes.every((p) => p.outcome === 'not-tested')) continue;
    h.deliverable = h.mtaStsPass === true && h.danePass !== false;
    if (!h.covered) {
      failing.push(`${h.host} (not covered)`);
      continue;
    }
    if (h.mtaStsPass === false) {
      const why = failureSummary(h, input.now);
      if (input.posture === 'enforce') out.push(finding('MTASTS_MX_UNDELIVERABLE', `${h.host}: ${why}`, { subject: h.host }));
      failing.push(`${h.host} (${why})`);
    }
  }
  const covered = input.hosts.filter((h) => h.covered);
  // "None deliverable" is a claim about every covered MX: it needs a verdict on each of them.
  const allJudged = covered.every((h) => h.deliverable !== undefined);
  if (input.posture === 'enforce' && covered.length > 0 && allJudged && !input.hosts.some((h) => h.deliverable)) {
    out.push(finding('MTASTS_MX_NONE_DELIVERABLE', `no MX is both covered and validating: compliant senders queue and then bounce mail`));
  }
  if (input.posture === 'testing' && failing.length > 0) {
    out.push(finding('MTASTS_MX_TESTING_WOULD_FAIL', `under enforce these MX would fail: ${failing.join('; ')}`));
  }
  return out;
}

const OUTCOME_WORDS: Record<string, string> = {
  'connect-failed': 'no TCP connection', 'connect-timeout': 'connection timed out', 'smtp-error': 'SMTP error before STARTTLS',
  'no-starttls': 'STARTTLS not offered', 'starttls-rejected': 'STARTTLS refused', 'handshake-failed': 'TLS handshake failed',
  'tls-obsolete': 'only TLS below 1.2', 'not-tested': 'not tested',
};

/** Every reason, per RFC 8461 §4.2, that a sender validating PKIX refuses this MX (all addresses together). */
function failureSummary(h: MxHostResult, now: Date): string {
  const reasons = new Set<string>();
  for (const p of h.probes) {
    if (p.outcome === 'not-tested') continue;
    if (p.outcome !== 'ok' || !p.tls) {
      reasons.add(OUTCOME_WORDS[p.outcome] ?? p.outcome);
      continue;
    }
    if (!p.tls.chainTrusted) reasons.add('certificate not trusted');
    if (chainOutsideValidity(p.tls, now)) reasons.add('certificate outside its validity period');
    if (!p.tls.nameValid) reasons.add(`certificate not valid for ${h.host}`);
  }
  if (h.probes.length === 0) reasons.add('no address to probe');
  return [...reasons].join(', ');
}
