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
import { daneDomainFindings, daneVerdict, lookupTlsa, type TlsaLookup } from './dane';
import { dnssecFindings, resolverValidation, type ResolverStatus } from './dnssec';
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

async function probeAll(hosts: MxResolution['hosts'], ctx: AuditContext): Promise<string | undefined> {
  const smtp = ctx.smtp;
  if (!smtp) return 'SMTP probes are disabled in the audit settings';
  await Promise.all(hosts.map(async (h) => {
    h.probes = await Promise.all(h.addresses.map((a) => smtp.probe(h.host, a)));
  }));
  // Only a domain whose every connection timed out needs to know whether port 25 is open at all. Addresses
  // the auditor cannot route to (IPv6 on a v4-only network) say nothing either way and are left out, or a
  // dual-stack MX behind a blocked port 25 would look undeliverable instead of untested.
  const probes = hosts.flatMap((h) => h.probes).filter((p) => p.outcome !== 'not-tested');
  if (probes.length === 0 || !probes.every((p) => p.outcome === 'connect-timeout')) return undefined;
  return (await smtp.reachability()) === 'blocked'
    ? 'port 25 is unreachable from the auditor\'s network: every connection timed out, none succeeded'
    : undefined;
}

/** What the network says about the MX set, gathered before the policy is known (it needs none of it). */
export interface TransportData {
  /** The resolver validates DNSSEC: AD on the control query or on any answer of the run. */
  resolverOk: boolean;
  resolver: ResolverStatus;
  notTested?: string;
  /** TLSA lookups per host with addresses, in `hosts` order; undefined when the resolver does not validate. */
  lookups?: TlsaLookup[];
}

/**
 * The network half: the DNSSEC control query, every STARTTLS probe, every TLSA lookup. It starts as soon as
 * the MX set is known, in parallel with the policy fetch, so a domain's critical path is the longer of the
 * two chains rather than their sum.
 */
export async function collectTransport(mx: MxResolution, ctx: AuditContext): Promise<TransportData | undefined> {
  if (mx.kind !== 'explicit' && mx.kind !== 'implicit') return undefined;
  const hosts = mx.hosts.filter((h) => h.addresses.length > 0);
  const [dnssec, notTested] = await Promise.all([dnssecData(mx, hosts, ctx), probeAll(hosts, ctx)]);
  return { resolverOk: dnssec.resolver.validates, resolver: dnssec.resolver, notTested, lookups: dnssec.lookups };
}

/**
 * Whether the resolver validates, and the TLSA lookups if it does. AD on the domain's own MX or address
 * answers proves validation at once (the lookups then start beside the control query); a control query that
 * failed leaves it open, so the lookups are made anyway and their AD bits are evidence too. Only a control
 * query answered without AD, with no AD seen anywhere, skips them.
 */
async function dnssecData(mx: MxResolution, hosts: MxResolution['hosts'], ctx: AuditContext): Promise<{ resolver: ResolverStatus; lookups?: TlsaLookup[] }> {
  const validation = resolverValidation(ctx.dns, ctx.settings.dnssecControlName);
  validation.learn(mx.answers);
  const lookupAll = () => Promise.all(hosts.map((h) => lookupTlsa(h, ctx.dns, mx.addressSecure.get(h.host) ?? false)));
  const early = validation.proven ? lookupAll() : undefined;
  const control = await validation.control();
  const lookups = early ? await early : control.outcome !== 'not-validating' || validation.proven ? await lookupAll() : undefined;
  if (lookups) validation.learn(lookups.flatMap((l) => l.answers));
  const validates = control.outcome === 'validates' || validation.proven;
  return { resolver: { control, validates }, lookups: validates ? lookups : undefined };
}

/** The judging half, once coverage by the policy is known: STARTTLS, MTA-STS per MX, DANE, DNSSEC findings. */
export function judgeTransport(domain: string, mx: MxResolution, data: TransportData | undefined, posture: Posture, ctx: AuditContext): TransportAudit {
  const out: TransportAudit = { findings: [], answers: [], probed: false, daneDeployed: false };
  if (!data) return out;
  out.findings.push(...dnssecFindings(mx.answers[0]!, data.resolver, ctx.settings.dnssecControlName));
  const hosts = mx.hosts.filter((h) => h.addresses.length > 0);
  const now = ctx.now();
  if (data.notTested) {
    out.notTested = data.notTested;
    out.findings.push(finding('STARTTLS_NOT_TESTED', data.notTested));
    for (const h of hosts) h.probes = [];
  } else {
    out.probed = true;
    for (const h of hosts) {
      const v = starttlsFindings(h, now);
      out.findings.push(...v.findings);
      if (!v.tested) continue; // nothing known about this MX's transport: no verdict either way
      h.starttlsOk = v.starttlsOk;
      // MTA-STS verdict per MX (RFC 8461 §4.1, §4.2): covered by the policy and PKIX-valid on some address.
      if (h.covered !== undefined) h.mtaStsPass = h.covered && v.pkixPass;
    }
  }
  const lookups = data.lookups;
  if (!lookups) return out;
  const dane = hosts.map((h, i) => {
    const lookup = lookups[i]!;
    out.answers.push(...lookup.answers);
    if (lookup.evidence) h.tlsa = lookup.evidence;
    const r = daneVerdict(h, lookup, {
      domain, mxSecure: mx.mxSecure, addressSecure: mx.addressSecure.get(h.host) ?? false, probed: out.probed, knownAnchors: ctx.trust.anchors, now,
    });
    if (r.pass !== undefined) h.danePass = r.pass;
    // "DANE deployed" (TLSRPT_MISSING_WITH_POLICY) needs a secure TLSA RRset; a secure lookup failure only
    // shows that DANE senders cannot reach this MX (RFC 7672 §2.1.2), not that the domain publishes DANE.
    if (r.published) out.daneDeployed = true;
    out.findings.push(...r.findings);
    return r;
  });
  out.findings.push(...daneDomainFindings(hosts, dane, posture === 'enforce'));
  return out;
}
