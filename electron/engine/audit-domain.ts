/**
 * Audits one domain: collects the evidence, with independent lookups in parallel so the critical path is the
 * longest chain (MX → addresses → SMTP probe), not the sum of all queries; then judges it (judge/judge-domain.ts)
 * into the posture a strict, first-contact compliant sender would arrive at (CHECKS §3.9) and the findings.
 * Never throws: bad input and unexpected errors become findings, so every domain gets a result.
 */
import type { DomainResult } from '../../shared/types';
import type { AuditContext } from './context';
import { normaliseDomain } from './parse/domain-name';
import { mxPlan } from './checks/mx-resolve';
import { stsRecordPlan } from './checks/sts-record';
import { collectPolicyHost } from './checks/policy-host';
import { tlsRptPlan } from './checks/tls-rpt';
import { collectTransport } from './checks/transport';
import { collectAnswers } from './evidence/asking';
import { judgeDomain, type DomainEvidence, type Judged } from './judge/judge-domain';
import { finding, quote } from './finding';
import { addressFilter } from './net/address-guard';

export { decidePosture } from './judge/judge-domain';

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
    const result = await auditNormalised(norm.domain, ctx, new Date(startedAt), waiting);
    return { ...base, ...result, durationMs: Math.round(performance.now() - t0) };
  } catch (e) {
    const err = e as Error;
    return {
      ...base, domain: norm.domain, posture: 'error', durationMs: Math.round(performance.now() - t0),
      findings: [finding('AUDIT_INTERNAL_ERROR', `${err.name}: ${err.message}`.slice(0, 500))],
    };
  }
}

/** `promise`, with `part` listed in `waiting` until it settles. */
function tracked<T>(waiting: WaitingOn | undefined, part: string, promise: Promise<T>): Promise<T> {
  if (!waiting) return promise;
  waiting.add(part);
  const settle = () => { waiting.delete(part); };
  promise.then(settle, settle);
  return promise;
}

/**
 * Collects, then judges. Collecting only asks the network and records what it answered; judgeDomain then
 * takes the verdict from that record alone, as `verify` does later from the stored result (judge/). The
 * verdict's clock is the audit's start (startedAt), which the result records.
 */
async function auditNormalised(domain: string, ctx: AuditContext, now: Date, waiting?: WaitingOn): Promise<Judged> {
  const evidence = await collectDomain(domain, ctx, waiting);
  // The anchors are read only when a DANE-TA record needs them (a context without TLS has none to give).
  return judgeDomain(evidence, { settings: ctx.settings, now, knownAnchors: () => ctx.trust.anchors() });
}

async function collectDomain(domain: string, ctx: AuditContext, waiting?: WaitingOn): Promise<DomainEvidence> {
  const mxCollected = tracked(waiting, 'MX lookup', collectAnswers(mxPlan(domain, addressFilter(ctx.settings)), ctx.dns));
  // The MX transport chain (addresses → STARTTLS probes, TLSA) runs alongside the policy fetch.
  const transportData = mxCollected.then((m) => tracked(waiting, 'mail servers (STARTTLS, DANE)', collectTransport(m.value, ctx)));
  transportData.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
  const [mx, sts, host, rpt] = await Promise.all([
    mxCollected, tracked(waiting, 'MTA-STS record', collectAnswers(stsRecordPlan(domain), ctx.dns)), tracked(waiting, 'policy fetch (HTTPS)', collectPolicyHost(domain, ctx)),
    tracked(waiting, 'TLS-RPT record', collectAnswers(tlsRptPlan(domain), ctx.dns)),
  ]);
  const transport = await transportData;
  return {
    domain,
    // Sections in the order judgeDomain replays the checks (RecordedDns).
    dns: [...mx.answers, ...sts.answers, ...host.answers, ...rpt.answers, ...(transport?.answers ?? [])],
    policyFetch: host.fetch,
    transport: transport && { resolver: transport.resolver, notTested: transport.notTested, probes: transport.probes },
  };
}
