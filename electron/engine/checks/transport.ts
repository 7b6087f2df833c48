/**
 * The MX transport phase of one domain: STARTTLS probes of every MX address (shared across the run), the
 * certificate verdict per MX, DANE and DNSSEC. Probes and TLSA lookups run in parallel, so this phase costs
 * one SMTP conversation on the domain's critical path. Fills `probes`, `starttlsOk`, `mtaStsPass`, `danePass`
 * and `tlsa` on each MxHostResult for the deliverability verdict (CHECKS §3.6, §3.7).
 */
import type { DnsAnswer, Finding, Posture } from '../../../shared/types';
import type { AuditContext } from '../context';
import type { DnsLookup } from '../net/dns';
import type { MxResolution } from './mx-resolve';
import { starttlsFindings } from './starttls';
import { daneDomainFindings, daneVerdict, lookupTlsa } from './dane';
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
  let cached = validatingCache.get(dns);
  if (!cached) {
    cached = resolverValidates(dns, controlName);
    validatingCache.set(dns, cached);
  }
  return cached;
}

async function probeAll(hosts: MxResolution['hosts'], ctx: AuditContext): Promise<string | undefined> {
  const smtp = ctx.smtp;
  if (!smtp) return 'SMTP probes are disabled in the audit settings';
  await Promise.all(hosts.map(async (h) => {
    h.probes = await Promise.all(h.addresses.map((a) => smtp.probe(h.host, a)));
  }));
  const probes = hosts.flatMap((h) => h.probes);
  // Only a domain whose every connection timed out needs to know whether port 25 is open at all.
  if (probes.length === 0 || !probes.every((p) => p.outcome === 'connect-timeout')) return undefined;
  return (await smtp.reachability()) === 'blocked'
    ? 'port 25 is unreachable from the auditor\'s network: every connection timed out, none succeeded'
    : undefined;
}

export async function auditTransport(domain: string, mx: MxResolution, posture: Posture, ctx: AuditContext): Promise<TransportAudit> {
  const out: TransportAudit = { findings: [], answers: [], probed: false, daneDeployed: false };
  if (mx.kind !== 'explicit' && mx.kind !== 'implicit') return out;
  const resolverOk = await validates(ctx.dns, ctx.settings.dnssecControlName);
  out.findings.push(...dnssecFindings(mx.answers[0]!, resolverOk, ctx.settings.dnssecControlName));
  const hosts = mx.hosts.filter((h) => h.addresses.length > 0);
  const [notTested, lookups] = await Promise.all([
    probeAll(hosts, ctx),
    resolverOk ? Promise.all(hosts.map((h) => lookupTlsa(h, ctx.dns, mx.addressSecure.get(h.host) ?? false))) : Promise.resolve(undefined),
  ]);
  const now = ctx.now();
  if (notTested) {
    out.notTested = notTested;
    out.findings.push(finding('STARTTLS_NOT_TESTED', notTested));
    for (const h of hosts) h.probes = [];
  } else {
    out.probed = true;
    for (const h of hosts) {
      const v = starttlsFindings(h, now);
      h.starttlsOk = v.starttlsOk;
      // MTA-STS verdict per MX (RFC 8461 §4.1, §4.2): covered by the policy and PKIX-valid on some address.
      if (h.covered !== undefined) h.mtaStsPass = h.covered && v.pkixPass;
      out.findings.push(...v.findings);
    }
  }
  if (!lookups) return out;
  const dane = await Promise.all(hosts.map(async (h, i) => {
    const lookup = lookups[i]!;
    out.answers.push(...lookup.answers);
    if (lookup.evidence) h.tlsa = lookup.evidence;
    const r = await daneVerdict(h, lookup, {
      domain, mxSecure: mx.mxSecure, addressSecure: mx.addressSecure.get(h.host) ?? false, probed: out.probed, prober: ctx.smtp, now,
    });
    if (r.pass !== undefined) h.danePass = r.pass;
    if (r.applies) out.daneDeployed = true;
    out.findings.push(...r.findings);
    return r;
  }));
  out.findings.push(...daneDomainFindings(hosts, dane, posture === 'enforce'));
  return out;
}
