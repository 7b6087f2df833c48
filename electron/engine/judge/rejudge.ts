/**
 * Judging a stored result again from its recorded evidence alone (issue 15, "verify" point 2): the evidence a
 * result carries (evidence.dns, evidence.policyFetch, evidence.resolver, the probes on each MX, smtpNotTested)
 * is turned back into the collected evidence and judged by judgeDomain, the function the audit itself used.
 * The recorded findings are never read to decide anything, except the codes that no evidence of this domain
 * can re-derive (CARRIED below), which are carried over and reported as such.
 */
import { CATALOGUE, type FindingCode, type Posture } from '../../../shared/findings';
import { decideOutcome, type Outcome } from '../../../shared/outcome';
import { DEFAULT_SETTINGS, type AuditSettings, type DomainResult, type Finding, type SmtpProbe } from '../../../shared/types';
import { normaliseDomain } from '../parse/domain-name';
import { createTrustStore } from '../tls/handshake';
import { finding, quote } from '../finding';
import { EvidenceGap } from '../evidence/recorded-dns';
import type { JudgeEnv } from '../evidence/judge-env';
import { judgeDomain, type DomainEvidence } from './judge-domain';

/** One domain entry of evidence.json: `{ input, domain, tags, result }` (io/report/evidence-json.ts). */
export interface RecordedDomain {
  input?: string;
  domain?: string;
  tags?: Record<string, string>;
  result: DomainResult;
}

/** The part of evidence.json's `run` header that judging needs: the run's settings. */
export interface RecordedRun {
  settings?: Partial<AuditSettings>;
}

/** A verdict: posture, outcome (shared/outcome.ts) and the distinct finding codes, sorted. */
export interface Verdict {
  posture: Posture;
  outcome: Outcome;
  codes: FindingCode[];
}

export type Rejudged =
  | (Verdict & {
    judged: true;
    /** Codes taken over from the record because no evidence of this domain can re-derive them (CARRIED). */
    carried: FindingCode[];
  })
  /** The evidence lacks something a check needs (e.g. a result stored before evidence.resolver existed). */
  | { judged: false; reason: string };

/**
 * Codes that are facts outside the domain's evidence: the run comparisons compare with an earlier run's result,
 * which the bundle does not hold (CHECKS §1.1); AUDIT_INTERNAL_ERROR says the audit or its comparison failed.
 */
function carriedCode(code: FindingCode): boolean {
  return code === 'AUDIT_INTERNAL_ERROR' || CATALOGUE[code]?.runComparison === true;
}

/** The recorded verdict, as every surface reads it: posture and findings as stored, outcome decided from them. */
export function recordedVerdict(r: DomainResult): Verdict {
  return { posture: r.posture, outcome: decideOutcome(r.posture, r.findings).outcome, codes: distinctCodes(r.findings) };
}

function distinctCodes(findings: readonly Finding[]): FindingCode[] {
  return [...new Set(findings.map((f) => f.code))].sort();
}

const envs = new WeakMap<object, Omit<JudgeEnv, 'now'>>();
const anchorsByPem = new Map<string, JudgeEnv['knownAnchors']>();

/**
 * Settings as the run recorded them, over the defaults for fields a run of an older version did not record.
 * The trust anchors are this machine's roots plus the run's extra CA: they only name the anchor in
 * DANE_TA_NOT_IN_CHAIN (the bundle's trust-store fingerprint says whether they are the auditor's).
 */
function envOf(run: RecordedRun): Omit<JudgeEnv, 'now'> {
  let env = envs.get(run);
  if (!env) {
    const settings: AuditSettings = { ...DEFAULT_SETTINGS, ...run.settings };
    const pem = settings.extraCaPem ?? '';
    let anchors = anchorsByPem.get(pem);
    if (!anchors) anchorsByPem.set(pem, (anchors = createTrustStore(pem || undefined).anchors));
    envs.set(run, (env = { settings, knownAnchors: anchors }));
  }
  return env;
}

/** The collected evidence a stored result carries. */
export function evidenceOfResult(r: DomainResult): DomainEvidence {
  const probes = new Map<string, SmtpProbe[]>();
  for (const h of r.mx ?? []) if (!probes.has(h.host)) probes.set(h.host, h.probes ?? []);
  const ev = r.evidence ?? { dns: [] };
  return {
    domain: r.domain,
    dns: ev.dns ?? [],
    policyFetch: ev.policyFetch,
    transport: ev.resolver ? { resolver: ev.resolver, notTested: r.smtpNotTested, probes } : undefined,
  };
}

/** Re-judges one recorded domain with no network. Never throws: unusable evidence gives `judged: false`. */
export function rejudgeDomain(recorded: RecordedDomain, run: RecordedRun = {}): Rejudged {
  const r = recorded?.result;
  if (!r || typeof r !== 'object') return { judged: false, reason: 'the entry has no result' };
  try {
    const carriedFindings = (r.findings ?? []).filter((f) => carriedCode(f.code));
    const judged = judgeFindings(r, envOf(run));
    if (!judged.judged) return judged;
    const findings = [...judged.findings, ...carriedFindings];
    return { judged: true, posture: judged.posture, outcome: decideOutcome(judged.posture, findings).outcome, codes: distinctCodes(findings), carried: distinctCodes(carriedFindings) };
  } catch (e) {
    const err = e as Error;
    return { judged: false, reason: err instanceof EvidenceGap ? err.message : `the evidence could not be read (${err.name}: ${err.message})`.slice(0, 300) };
  }
}

type Judgement = { judged: true; posture: Posture; findings: Finding[] } | { judged: false; reason: string };

function judgeFindings(r: DomainResult, env: Omit<JudgeEnv, 'now'>): Judgement {
  if (!r.domain) {
    // The input was not a host name: that is judged from the input itself (what auditDomain checks first).
    const norm = normaliseDomain(String(r.input ?? ''));
    if (norm.ok) return { judged: false, reason: `the result names no domain, yet its input ${quote(String(r.input))} is a host name` };
    return { judged: true, posture: 'error', findings: [finding('AUDIT_DOMAIN_INVALID', norm.reason)] };
  }
  // An audit that failed outright recorded nothing but AUDIT_INTERNAL_ERROR: the failure is the (carried) fact.
  const crashed = r.posture === 'error' && (r.evidence?.dns ?? []).length === 0 && (r.findings ?? []).some((f) => f.code === 'AUDIT_INTERNAL_ERROR');
  if (crashed) return { judged: true, posture: 'error', findings: [] };
  const now = new Date(r.startedAt);
  if (Number.isNaN(now.getTime())) return { judged: false, reason: `the result has no valid audit time (startedAt ${quote(String(r.startedAt))})` };
  const judged = judgeDomain(evidenceOfResult(r), { ...env, now });
  return { judged: true, posture: judged.posture, findings: judged.findings };
}
