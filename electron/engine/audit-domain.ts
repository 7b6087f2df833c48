/**
 * Audits one domain: runs the checks in dependency order and decides the posture a strict, first-contact
 * compliant sender would arrive at (CHECKS §3.9). Independent lookups run in parallel, so the critical
 * path is the longest chain (MX → addresses → SMTP probe), not the sum of all queries.
 * Never throws: bad input and unexpected errors become findings, so every domain gets a result.
 */
import type { DomainResult, Finding, Posture } from '../../shared/types';
import { catalogueEntry } from '../../shared/findings';
import type { AuditContext } from './context';
import { normaliseDomain } from './parse/domain-name';
import { parsePolicy, type PolicyParse } from './parse/policy';
import { resolveMx, type MxResolution } from './checks/mx-resolve';
import { checkStsRecord, type StsRecordCheck } from './checks/sts-record';
import { checkPolicyHost, type PolicyHostCheck } from './checks/policy-host';
import { checkTlsRpt, type TlsRptCheck } from './checks/tls-rpt';
import { checkCoverage, checkDeliverability } from './checks/mx-coverage';
import { collectTransport, judgeTransport } from './checks/transport';
import { finding, fromParser, quote } from './finding';
import { addressFilter } from './net/address-guard';
import { createHash } from 'node:crypto';

const NO_MAIL_KINDS = new Set(['null', 'nxdomain', 'none']);

/**
 * What an audit in flight still waits on, for the progress view ("policy fetch (HTTPS)", "SMTP probes"):
 * the audit adds a part when it starts and removes it when it settles. Costs a Set operation per part.
 */
export type WaitingOn = Set<string>;

export async function auditDomain(input: string, ctx: AuditContext, waiting?: WaitingOn): Promise<DomainResult> {
  const startedAt = ctx.now().toISOString();
  const t0 = performance.now();
  const base = { input, startedAt, toolVersion: ctx.toolVersion, mx: [], mxKind: 'error' as const, evidence: { dns: [] } };
  const norm = normaliseDomain(input);
  if (!norm.ok) {
    return { ...base, domain: '', posture: 'error', durationMs: 0, findings: [finding('AUDIT_DOMAIN_INVALID', `${quote(input)} is not a host name: ${norm.reason}`)] };
  }
  try {
    const result = await auditNormalised(norm.domain, ctx, waiting);
    return { ...base, ...result, durationMs: Math.round(performance.now() - t0) };
  } catch (e) {
    const err = e as Error;
    return {
      ...base, domain: norm.domain, posture: 'error', durationMs: Math.round(performance.now() - t0),
      findings: [finding('AUDIT_INTERNAL_ERROR', `${err.name}: ${err.message}`.slice(0, 500))],
    };
  }
}

type Audited = Omit<DomainResult, 'input' | 'startedAt' | 'toolVersion' | 'durationMs'>;

/** `promise`, with `part` listed in `waiting` until it settles. */
function tracked<T>(waiting: WaitingOn | undefined, part: string, promise: Promise<T>): Promise<T> {
  if (!waiting) return promise;
  waiting.add(part);
  const settle = () => { waiting.delete(part); };
  promise.then(settle, settle);
  return promise;
}

async function auditNormalised(domain: string, ctx: AuditContext, waiting?: WaitingOn): Promise<Audited> {
  const mxResolved = tracked(waiting, 'MX lookup', resolveMx(domain, ctx.dns, addressFilter(ctx.settings)));
  // The MX transport chain (addresses → STARTTLS probes, TLSA) runs alongside the policy fetch.
  const transportData = mxResolved.then((m) => tracked(waiting, 'mail servers (STARTTLS, DANE)', collectTransport(m, ctx)));
  transportData.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
  const [mx, sts, host, rpt] = await Promise.all([
    mxResolved, tracked(waiting, 'MTA-STS record', checkStsRecord(domain, ctx.dns)), tracked(waiting, 'policy fetch (HTTPS)', checkPolicyHost(domain, ctx)),
    tracked(waiting, 'TLS-RPT record', checkTlsRpt(domain, ctx.dns)),
  ]);
  const policy = host.body ? parsePolicy(host.body) : undefined;
  const posture = decidePosture(mx, sts, host, policy);
  const findings: Finding[] = [...mx.findings, ...stsFindings(sts, posture), ...policyFindings(sts, host, policy, posture)];
  const mode = policy?.valid ? policy.mode : undefined;
  findings.push(...modeFindings(posture));
  const coverageInput = { posture, mode, patterns: policy?.mx ?? [], kind: mx.kind, hosts: mx.hosts, probed: false, now: ctx.now() };
  findings.push(...checkCoverage(coverageInput));
  const transport = judgeTransport(domain, mx, await transportData, posture, ctx);
  findings.push(...transport.findings);
  findings.push(...checkDeliverability({ ...coverageInput, probed: transport.probed }));
  findings.push(...tlsRptFindings(rpt, posture, transport.daneDeployed));
  return {
    domain, posture, findings, mxKind: mx.kind, mx: mx.hosts, smtpNotTested: transport.notTested,
    stsRecord: sts.parse.record !== undefined ? { text: sts.parse.record, id: sts.parse.id, valid: sts.parse.valid } : undefined,
    policy: host.body ? policySummary(host.body, policy!) : undefined,
    tlsrpt: rpt.parse.present ? { valid: rpt.parse.valid, rua: rpt.parse.rua.map((r) => r.uri) } : undefined,
    evidence: { dns: [...mx.answers, sts.answer, ...sts.extraAnswers, ...host.answers, ...rpt.answers, ...transport.answers], policyFetch: host.evidence },
  };
}

/** CHECKS §3.9 steps 1–4; precedence no-mail > error > absent > invalid > mode. */
export function decidePosture(mx: MxResolution, sts: StsRecordCheck, host: PolicyHostCheck, policy: PolicyParse | undefined): Posture {
  if (NO_MAIL_KINDS.has(mx.kind)) return 'no-mail';
  if (mx.kind === 'error' || sts.lookupFailed) return 'error';
  if (sts.parse.stsLikeCount === 0) return 'absent';
  if (!sts.parse.valid) return 'invalid';
  if (host.lookupFailed) return 'error';
  if (host.evidence?.outcome !== 'ok' || !policy) return 'invalid';
  if (host.findings.some((f) => catalogueEntry(f.code).posture === 'invalid')) return 'invalid';
  if (!policy.valid || !policy.mode) return 'invalid';
  return policy.mode;
}

function stsFindings(sts: StsRecordCheck, posture: Posture): Finding[] {
  // CHECKS 1.1: a missing record is not a defect of a domain that receives no mail.
  return posture === 'no-mail' ? sts.findings.filter((f) => f.code !== 'MTASTS_DNS_RECORD_MISSING') : sts.findings;
}

/** HTTPS and policy findings matter once a record points senders at the policy; otherwise only its existence does. */
function policyFindings(sts: StsRecordCheck, host: PolicyHostCheck, policy: PolicyParse | undefined, posture: Posture): Finding[] {
  if (sts.parse.stsLikeCount > 0) return [...host.findings, ...(policy?.findings.map((f) => fromParser(f)) ?? [])];
  if (posture === 'absent' && policy?.version === 'STSv1') {
    return [finding('MTASTS_HTTPS_POLICY_WITHOUT_RECORD', `${host.evidence?.url} serves a policy (mode ${policy.mode ?? '?'}) but no _mta-sts TXT record points to it`)];
  }
  return [];
}

function modeFindings(posture: Posture): Finding[] {
  if (posture === 'enforce') return [finding('MTASTS_MODE_ENFORCE', 'a valid policy is in force with mode enforce')];
  if (posture === 'testing') return [finding('MTASTS_MODE_TESTING', 'mode testing: failures are only reported, mail still flows unprotected')];
  if (posture === 'none') return [finding('MTASTS_MODE_NONE', 'mode none: senders treat the domain as having no policy')];
  return [];
}

/** RFC 8461 §5, §6: without TLS-RPT, failures of a deployed policy or of DANE stay invisible. */
function tlsRptFindings(rpt: TlsRptCheck, posture: Posture, daneDeployed: boolean): Finding[] {
  if (posture === 'no-mail') return rpt.findings.filter((f) => f.code !== 'TLSRPT_RECORD_MISSING');
  const protectedDomain = posture === 'enforce' || posture === 'testing' || daneDeployed;
  if (!protectedDomain) return rpt.findings;
  return rpt.findings.map((f) =>
    f.code === 'TLSRPT_RECORD_MISSING' ? finding('TLSRPT_MISSING_WITH_POLICY', `${f.message}; the domain ${daneDeployed ? 'publishes DANE' : `has an MTA-STS policy in mode ${posture}`}`) : f,
  );
}

function policySummary(body: Buffer, p: PolicyParse) {
  return {
    mode: p.mode, maxAge: p.maxAge, mx: p.mx, valid: p.valid,
    text: body.toString('utf8'), sha256: createHash('sha256').update(body).digest('hex'),
  };
}
