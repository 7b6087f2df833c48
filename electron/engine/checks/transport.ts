/**
 * The MX transport phase of one domain: STARTTLS probes of every MX address (shared across the run),
 * the certificate verdict per MX, DANE and DNSSEC. Fills `probes`, `mtaStsPass`, `danePass`, `tlsa` on
 * each MxHostResult so the coverage module can decide deliverability under the strict profile (CHECKS §3.7).
 */
import type { DnsAnswer, Finding, Posture } from '../../../shared/types';
import type { AuditContext } from '../context';
import type { DnsLookup } from '../net/dns';
import type { MxResolution } from './mx-resolve';
import { starttlsFindings } from './starttls';
import { checkDane, daneDomainFindings } from './dane';
import { dnssecFindings, resolverValidates } from './dnssec';
import { finding } from '../finding';

export interface TransportAudit {
  findings: Finding[];
  answers: DnsAnswer[];
  /** SMTP probes ran and port 25 was reachable: deliverability is known. */
  probed: boolean;
  notTested?: string;
  /** Some MX has a secure TLSA RRset (RFC 8460 §3: TLS-RPT then matters). */
  daneDeployed: boolean;
}

/** The control query is asked once per resolver, not once per domain. */
const validatingCache = new WeakMap<DnsLookup, Promise<boolean>>();

function validates(dns: DnsLookup, controlName: string): Promise<boolean> {
  const cached = validatingCache.get(dns);
  if (cached) return cached;
  const p = resolverValidates(dns, controlName);
  validatingCache.set(dns, p);
  return p;
}

export async function auditTransport(domain: string, mx: MxResolution, posture: Posture, ctx: AuditContext): Promise<TransportAudit> {
  const out: TransportAudit = { findings: [], answers: [], probed: false, daneDeployed: false };
  if (mx.kind !== 'explicit' && mx.kind !== 'implicit') return out;
  const resolverOk = await validates(ctx.dns, ctx.settings.dnssecControlName);
  out.findings.push(...dnssecFindings(mx.answers[0]!, resolverOk));
  const hosts = mx.hosts.filter((h) => h.addresses.length > 0);
  if (!ctx.smtp) {
    out.notTested = 'SMTP probes are disabled';
  } else {
    const smtp = ctx.smtp;
    await Promise.all(hosts.map(async (h) => {
      h.probes = await Promise.all(h.addresses.map((a) => smtp.probe(h.host, a)));
    }));
    if (smtp.port25Blocked()) out.notTested = 'port 25 is unreachable from the auditor: every connection timed out';
  }
  if (out.notTested) {
    out.findings.push(finding('STARTTLS_NOT_TESTED', out.notTested));
  } else {
    out.probed = true;
    const now = ctx.now();
    for (const h of hosts) {
      const r = starttlsFindings(h, now);
      h.mtaStsPass = h.covered === undefined ? r.mtaStsPass : h.covered && r.mtaStsPass;
      out.findings.push(...r.findings);
    }
  }
  const perHost = await Promise.all(hosts.map((h) => checkDane(h, ctx.dns, {
    domain, mxSecure: mx.mxSecure, addressSecure: mx.addressSecure.get(h.host) ?? false, resolverValidates: resolverOk, now: ctx.now(), probed: out.probed,
  })));
  for (const r of perHost) {
    out.findings.push(...r.findings);
    out.answers.push(...r.answers);
    if (r.applies) out.daneDeployed = true;
  }
  out.findings.push(...daneDomainFindings(hosts, posture, perHost));
  return out;
}
