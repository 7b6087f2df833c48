/**
 * The protection outcome: what a domain's findings mean for its mail, on one small ordered scale, defined once
 * (docs/CHECKS.md §7). The posture is the sender's view (which policy a compliant sender applies); the outcome
 * is the client's (is mail protected, at risk, or was nothing decided). It is decided from the posture and the
 * findings alone, with the catalogue's severities, so the same domain gets the same outcome on every surface
 * and a stored result can always be judged again.
 */
import { CATALOGUE, type FindingCode, type Posture, type Severity } from './findings';

/** Worst first: the order of every table, chart and count. */
export const OUTCOMES = ['at-risk', 'broken', 'not-decided', 'unprotected', 'monitoring', 'protected', 'no-mail'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = {
  'at-risk': 'Mail at risk',
  broken: 'Protection broken',
  'not-decided': 'Not decided',
  unprotected: 'Unprotected',
  monitoring: 'Monitoring only',
  protected: 'Protected',
  'no-mail': 'Receives no mail',
};

/** One line per outcome: what it means, in words a client reads (tooltips, legends, the PDF's key). */
export const OUTCOME_MEANING: Readonly<Record<Outcome, string>> = {
  'at-risk': 'Senders that follow the published rules bounce or hold mail for this domain now.',
  broken: 'A protection is published but some senders do not apply it, or part of the mail servers fail it.',
  'not-decided': 'The audit could not reach a verdict; the reason says what was missing.',
  unprotected: 'No protection is published: mail can be read or diverted in transit without anyone noticing.',
  monitoring: 'The policy only reports failures (testing mode); senders still deliver without protection.',
  protected: 'Senders apply the policy (or DANE) and every mail server passes it.',
  'no-mail': 'The domain declares that it receives no mail; nothing to protect.',
};

export function outcomeRank(outcome: Outcome): number {
  return OUTCOMES.indexOf(outcome);
}

/**
 * Findings that mean the audit itself could not look (SMTP probes off, port 25 blocked, a server that only
 * said "try again later", a resolver that does not validate DNSSEC): nothing good may be claimed past them.
 */
export const UNDECIDED_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'STARTTLS_NOT_TESTED', 'STARTTLS_GREETING_SLOW', 'DNSSEC_RESOLVER_NOT_VALIDATING', 'DNSSEC_RESOLVER_UNKNOWN',
]);

/** What keeps DANE from protecting the whole MX set: an MX left out, or an insecure link before the TLSA records. */
const DANE_WEAKENED: ReadonlySet<FindingCode> = new Set<FindingCode>(['DANE_PARTIAL', 'DANE_MX_INSECURE', 'DANE_ADDRESS_INSECURE', 'DANE_TLSA_INSECURE']);

export interface OutcomeVerdict {
  outcome: Outcome;
  /** The findings that decided it, worst first (codes; surfaces show their plain titles). */
  decidedBy: FindingCode[];
}

interface FindingLike {
  code: FindingCode;
  severity?: Severity;
}

/**
 * The outcome rule, first match wins:
 * 1. no-mail posture → no-mail;
 * 2. any critical finding → at-risk;
 * 3. error posture (a lookup failed, the input is not a domain) → not-decided;
 * 4. any high finding, or a published policy that senders cannot use (invalid posture) → broken;
 * 5. enforce posture, or DANE records seen, while the audit could not look (UNDECIDED_CODES) → not-decided:
 *    protection is never claimed without the evidence for it;
 * 6. enforce posture, or DANE on every MX with nothing weakening it → protected;
 * 7. testing posture → monitoring (testing never blocks mail, so it holds whatever the probes saw);
 * 8. otherwise (absent, none) → unprotected.
 */
export function decideOutcome(posture: Posture, findings: readonly FindingLike[]): OutcomeVerdict {
  const codes = unique(findings.map((f) => f.code));
  const severityOf = (f: FindingLike) => f.severity ?? CATALOGUE[f.code]?.severity;
  const withSeverity = (s: Severity) => unique(findings.filter((f) => severityOf(f) === s).map((f) => f.code));
  const forcing = (p: Posture) => codes.filter((c) => CATALOGUE[c]?.posture === p);
  if (posture === 'no-mail') return { outcome: 'no-mail', decidedBy: forcing('no-mail') };
  const critical = withSeverity('critical');
  if (critical.length > 0) return { outcome: 'at-risk', decidedBy: critical };
  if (posture === 'error') return { outcome: 'not-decided', decidedBy: forcing('error') };
  const high = withSeverity('high');
  if (high.length > 0) return { outcome: 'broken', decidedBy: high };
  if (posture === 'invalid') return { outcome: 'broken', decidedBy: forcing('invalid') };
  const undecided = codes.filter((c) => UNDECIDED_CODES.has(c));
  const daneSeen = codes.includes('DANE_TLSA_SECURE');
  if (undecided.length > 0 && (posture === 'enforce' || daneSeen)) return { outcome: 'not-decided', decidedBy: undecided };
  if (posture === 'enforce') return { outcome: 'protected', decidedBy: ['MTASTS_MODE_ENFORCE'] };
  if (daneSeen && !codes.some((c) => DANE_WEAKENED.has(c))) return { outcome: 'protected', decidedBy: ['DANE_TLSA_SECURE'] };
  if (posture === 'testing') return { outcome: 'monitoring', decidedBy: ['MTASTS_MODE_TESTING'] };
  return { outcome: 'unprotected', decidedBy: forcing(posture) };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** The outcome of a stored or fresh result. */
export function resultOutcome(r: { posture: Posture; findings: readonly FindingLike[] }): OutcomeVerdict {
  return decideOutcome(r.posture, r.findings);
}
