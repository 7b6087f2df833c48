/**
 * The one-line facts of a domain result that tables, the workbook, the PDF and the store's summary columns
 * all show. Derived only from what the engine already decided (posture, per-MX verdicts, findings): nothing
 * here judges anything anew.
 */
import { SEVERITIES, type Severity } from './findings';
import type { DomainResult } from './types';

export type StarttlsSummary = 'ok' | 'some-failing' | 'all-failing' | 'not-tested' | 'no-mx';
export type DaneSummary = 'valid' | 'partial' | 'failing' | 'insecure' | 'absent' | 'no-mx';
export type TlsRptSummary = 'valid' | 'invalid' | 'missing';

export interface ResultSummary {
  mode?: 'enforce' | 'testing' | 'none';
  policyId?: string;
  maxAge?: number;
  mxCount: number;
  /** MX hosts matched by a valid policy's patterns; null when there is no valid policy. */
  mxCovered: number | null;
  /** MX hosts a strict sender would deliver to under the policy; null when unknown (no policy or not probed). */
  mxDeliverable: number | null;
  /** MX hosts whose every address passed the STARTTLS_OK conditions. */
  mxStarttlsOk: number;
  starttls: StarttlsSummary;
  dane: DaneSummary;
  tlsrpt: TlsRptSummary;
  counts: Record<Severity, number>;
  findingCount: number;
  worstSeverity?: Severity;
}

function starttlsSummary(r: DomainResult): StarttlsSummary {
  const probed = r.mx.filter((h) => h.starttlsOk !== undefined);
  if (r.mx.length === 0) return 'no-mx';
  if (r.smtpNotTested || probed.length === 0) return 'not-tested';
  const ok = probed.filter((h) => h.starttlsOk).length;
  return ok === probed.length ? 'ok' : ok === 0 ? 'all-failing' : 'some-failing';
}

function daneSummary(r: DomainResult): DaneSummary {
  if (r.mx.length === 0) return 'no-mx';
  const verdicts = r.mx.map((h) => h.danePass);
  if (verdicts.some((v) => v === false)) return 'failing';
  const passing = verdicts.filter((v) => v === true).length;
  if (passing === r.mx.length) return 'valid';
  if (passing > 0) return 'partial';
  if (r.mx.some((h) => h.tlsa && h.tlsa.records.length > 0 && !h.tlsa.authenticated)) return 'insecure';
  return 'absent';
}

export function summariseResult(r: DomainResult): ResultSummary {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of r.findings) counts[f.severity]++;
  const validPolicy = r.policy?.valid === true;
  const probed = r.mx.some((h) => h.deliverable !== undefined);
  return {
    mode: validPolicy ? r.policy?.mode : undefined,
    policyId: r.stsRecord?.id,
    maxAge: validPolicy ? r.policy?.maxAge : undefined,
    mxCount: r.mx.length,
    mxCovered: validPolicy ? r.mx.filter((h) => h.covered).length : null,
    mxDeliverable: validPolicy && probed ? r.mx.filter((h) => h.deliverable).length : null,
    mxStarttlsOk: r.mx.filter((h) => h.starttlsOk).length,
    starttls: starttlsSummary(r),
    dane: daneSummary(r),
    tlsrpt: r.tlsrpt === undefined ? 'missing' : r.tlsrpt.valid ? 'valid' : 'invalid',
    counts,
    findingCount: r.findings.length,
    worstSeverity: SEVERITIES.find((s) => counts[s] > 0),
  };
}
