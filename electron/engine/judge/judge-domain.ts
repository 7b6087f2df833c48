/**
 * Judging one domain from its collected evidence: the posture a strict, first-contact compliant sender would
 * arrive at (CHECKS §3.9) and every finding, with no network and no clock of its own. The audit calls it right
 * after collecting; `verify` calls it on a stored result's evidence (rejudge.ts), so both take the verdict by
 * the same rules from the same evidence.
 */
import type { DnsAnswer, DomainResult, Finding, PolicyFetchEvidence, Posture } from '../../../shared/types';
import { catalogueEntry } from '../../../shared/findings';
import { createHash } from 'node:crypto';
import { parsePolicy, type PolicyParse } from '../parse/policy';
import { mxPlan, type MxResolution } from '../checks/mx-resolve';
import { stsRecordPlan, type StsRecordCheck } from '../checks/sts-record';
import { judgePolicyHost, type PolicyHostCheck } from '../checks/policy-host';
import { tlsRptPlan, type TlsRptCheck } from '../checks/tls-rpt';
import { judgeCoverage, judgeDeliverability } from '../checks/mx-coverage';
import { judgeTransport, type TransportEvidence } from '../checks/transport';
import { finding, fromParser } from '../finding';
import { addressFilter } from '../net/address-guard';
import { replayAnswers } from '../evidence/asking';
import { RecordedDns } from '../evidence/recorded-dns';
import type { JudgeEnv } from '../evidence/judge-env';

/** Everything collected about one domain: what a verdict may rest on, and nothing else. */
export interface DomainEvidence {
  /** The normalised domain. */
  domain: string;
  /** The DNS answers, one section per check (MX, MTA-STS record, policy host, TLS-RPT, TLSA). */
  dns: DnsAnswer[];
  policyFetch?: PolicyFetchEvidence;
  /** Present when the MX set leads to hosts (explicit or implicit MX). */
  transport?: TransportEvidence;
}

export type Judged = Omit<DomainResult, 'input' | 'startedAt' | 'toolVersion' | 'durationMs'>;

const NO_MAIL_KINDS = new Set(['null', 'nxdomain', 'none']);

/** Throws EvidenceGap (evidence/recorded-dns.ts) when the evidence lacks something a check needs. */
export function judgeDomain(ev: DomainEvidence, env: JudgeEnv): Judged {
  const { domain } = ev;
  const dns = new RecordedDns(ev.dns);
  // The same order as the sections of ev.dns: a question asked by two checks takes each its own answer.
  const mx = replayAnswers(mxPlan(domain, addressFilter(env.settings)), dns);
  const sts = replayAnswers(stsRecordPlan(domain), dns);
  const host = judgePolicyHost(domain, dns, ev.policyFetch, env);
  const rpt = replayAnswers(tlsRptPlan(domain), dns);
  const policy = host.body ? parsePolicy(host.body) : undefined;
  const posture = decidePosture(mx, sts, host, policy);
  const findings: Finding[] = [...mx.findings, ...stsFindings(sts, posture), ...policyFindings(sts, host, policy, posture)];
  const mode = policy?.valid ? policy.mode : undefined;
  findings.push(...modeFindings(posture));
  const coverageInput = { posture, mode, patterns: policy?.mx ?? [], kind: mx.kind, hosts: mx.hosts, probed: false, now: env.now };
  findings.push(...judgeCoverage(coverageInput));
  const transport = judgeTransport(domain, mx, ev.transport, dns, posture, env);
  findings.push(...transport.findings);
  findings.push(...judgeDeliverability({ ...coverageInput, probed: transport.probed }));
  findings.push(...tlsRptFindings(rpt, posture, transport.daneDeployed));
  const evidence: DomainResult['evidence'] = { dns: ev.dns, policyFetch: host.evidence };
  if (ev.transport) evidence.resolver = ev.transport.resolver;
  return {
    domain, posture, findings, mxKind: mx.kind, mx: mx.hosts, smtpNotTested: transport.notTested,
    stsRecord: sts.parse.record !== undefined ? { text: sts.parse.record, id: sts.parse.id, valid: sts.parse.valid } : undefined,
    policy: host.body ? policySummary(host.body, policy!) : undefined,
    tlsrpt: rpt.parse.present ? { valid: rpt.parse.valid, rua: rpt.parse.rua.map((r) => r.uri) } : undefined,
    evidence,
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
