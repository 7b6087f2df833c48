/**
 * The MX transport phase of one domain: STARTTLS probes of every MX address (shared across the run), the
 * certificate verdict per MX, DANE and DNSSEC. Probes and TLSA lookups run in parallel, so this phase costs
 * one SMTP conversation on the domain's critical path. Collecting gathers the evidence (the resolver's DNSSEC
 * standing, the probes, the TLSA answers); judging fills `probes`, `starttlsOk`, `mtaStsPass`, `danePass` and
 * `tlsa` on each MxHostResult for the deliverability verdict (CHECKS §3.6, §3.7), from that evidence alone.
 */
import type { DnsAnswer, Finding, Posture, SmtpProbe } from '../../../shared/types';
import type { AuditContext } from '../context';
import type { MxResolution } from './mx-resolve';
import { judgeStarttls } from './starttls';
import { judgeDaneDomain, judgeDaneHost, collectTlsa, tlsaPlan, type TlsaLookup } from './dane';
import { judgeDnssec, resolverValidation, type ResolverStatus } from './dnssec';
import { finding } from '../finding';
import { certificateNameValid } from '../tls/certificate';
import { replayAnswers } from '../evidence/asking';
import { EvidenceGap, type RecordedDns } from '../evidence/recorded-dns';
import type { JudgeEnv } from '../evidence/judge-env';

export interface TransportAudit {
  findings: Finding[];
  answers: DnsAnswer[];
  /** SMTP probes ran and port 25 was reachable: deliverability is known. */
  probed: boolean;
  notTested?: string;
  /** Some MX has a secure TLSA RRset (RFC 8460 §3: TLS-RPT then matters). */
  daneDeployed: boolean;
}

/** What collecting the transport phase recorded, besides the TLSA answers (those go with the DNS evidence). */
export interface TransportEvidence {
  /** How this domain's audit found the resolver: a fact of the run (RFC 4035 §3.2.3), recorded as evidence. */
  resolver: ResolverStatus;
  /** Why no probe verdict exists (probes off, port 25 blocked): recorded as the result's smtpNotTested. */
  notTested?: string;
  /** The STARTTLS probes of each MX host with addresses, by host name (the result's mx[].probes). */
  probes: ReadonlyMap<string, SmtpProbe[]>;
}

/** What collecting returns: the evidence, and the TLSA answers the verdict rests on (in host order). */
export interface TransportData extends TransportEvidence {
  /** The resolver validates DNSSEC: AD on the control query or on any answer of the run. */
  resolverOk: boolean;
  answers: DnsAnswer[];
}

async function probeAll(hosts: MxResolution['hosts'], ctx: AuditContext): Promise<{ notTested?: string; probes: Map<string, SmtpProbe[]> }> {
  const probes = new Map<string, SmtpProbe[]>();
  const smtp = ctx.smtp;
  if (!smtp) return { notTested: 'SMTP probes are disabled in the audit settings', probes };
  await Promise.all(hosts.map(async (h) => {
    probes.set(h.host, await Promise.all(h.addresses.map((a) => smtp.probe(h.host, a))));
  }));
  // Only a domain whose every connection timed out needs to know whether port 25 is open at all. Addresses
  // the auditor cannot route to (IPv6 on a v4-only network) say nothing either way and are left out, or a
  // dual-stack MX behind a blocked port 25 would look undeliverable instead of untested.
  const made = [...probes.values()].flat().filter((p) => p.outcome !== 'not-tested');
  if (made.length === 0 || !made.every((p) => p.outcome === 'connect-timeout')) return { probes };
  const blocked = (await smtp.reachability()) === 'blocked';
  return { probes, notTested: blocked ? 'port 25 is unreachable from the auditor\'s network: every connection timed out, none succeeded' : undefined };
}

/**
 * The network half: the DNSSEC control query, every STARTTLS probe, every TLSA lookup. It starts as soon as
 * the MX set is known, in parallel with the policy fetch, so a domain's critical path is the longer of the
 * two chains rather than their sum. `answers` are the TLSA answers the verdict rests on, in host order.
 */
export async function collectTransport(mx: MxResolution, ctx: AuditContext): Promise<TransportData | undefined> {
  if (mx.kind !== 'explicit' && mx.kind !== 'implicit') return undefined;
  const hosts = mx.hosts.filter((h) => h.addresses.length > 0);
  const [dnssec, probed] = await Promise.all([dnssecData(mx, hosts, ctx), probeAll(hosts, ctx)]);
  return {
    resolverOk: dnssec.resolver.validates, resolver: dnssec.resolver, notTested: probed.notTested, probes: probed.probes,
    answers: dnssec.lookups?.flatMap((l) => l.answers) ?? [],
  };
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
  const lookupAll = () => Promise.all(hosts.map((h) => collectTlsa(h, ctx.dns, mx.addressSecure.get(h.host) ?? false)));
  const early = validation.proven ? lookupAll() : undefined;
  const control = await validation.control();
  const lookups = early ? await early : control.outcome !== 'not-validating' || validation.proven ? await lookupAll() : undefined;
  if (lookups) validation.learn(lookups.flatMap((l) => l.answers));
  const validates = control.outcome === 'validates' || validation.proven;
  return { resolver: { control, validates }, lookups: validates ? lookups : undefined };
}

/**
 * The probe with its name check taken again from the recorded leaf: RFC 9525 §6.3, SAN dNSNames against the MX
 * name as the MX record gives it (RFC 8461 §4.1), as the session did. The name verdict is the judge's, not a
 * recorded fact, so an edited certificate name in the evidence changes the verdict.
 */
function withNameJudged(p: SmtpProbe, host: string): SmtpProbe {
  const leaf = p.tls?.chain[0];
  if (!p.tls) return p;
  const nameValid = leaf ? certificateNameValid(leaf, host) : false;
  return nameValid === p.tls.nameValid ? p : { ...p, tls: { ...p.tls, nameValid } };
}

/**
 * The judging half, once coverage by the policy is known: STARTTLS, MTA-STS per MX, DANE, DNSSEC findings,
 * from the recorded evidence (the TLSA answers are replayed from `dns` when the resolver validated).
 */
export function judgeTransport(domain: string, mx: MxResolution, ev: TransportEvidence | undefined, dns: RecordedDns, posture: Posture, env: JudgeEnv): TransportAudit {
  const out: TransportAudit = { findings: [], answers: [], probed: false, daneDeployed: false };
  if (mx.kind !== 'explicit' && mx.kind !== 'implicit') return out;
  if (!ev) throw new EvidenceGap(`transport evidence (DNSSEC resolver standing) for ${domain}`);
  out.findings.push(...judgeDnssec(mx.answers[0]!, ev.resolver, env.settings.dnssecControlName));
  const hosts = mx.hosts.filter((h) => h.addresses.length > 0);
  const now = env.now;
  if (ev.notTested) {
    out.notTested = ev.notTested;
    out.findings.push(finding('STARTTLS_NOT_TESTED', ev.notTested));
    for (const h of hosts) h.probes = [];
  } else {
    out.probed = true;
    for (const h of hosts) {
      const probes = ev.probes.get(h.host);
      if (!probes) throw new EvidenceGap(`STARTTLS probes of ${h.host}`);
      h.probes = probes.map((p) => withNameJudged(p, h.host));
      const v = judgeStarttls(h, now);
      out.findings.push(...v.findings);
      if (!v.tested) continue; // nothing known about this MX's transport: no verdict either way
      h.starttlsOk = v.starttlsOk;
      // MTA-STS verdict per MX (RFC 8461 §4.1, §4.2): covered by the policy and PKIX-valid on some address.
      if (h.covered !== undefined) h.mtaStsPass = h.covered && v.pkixPass;
    }
  }
  // The TLSA lookups are recorded only when the resolver validates (RFC 7672 §2.1.1: otherwise nothing is known).
  if (!ev.resolver.validates) return out;
  const lookups = hosts.map((h) => replayAnswers(tlsaPlan(h, mx.addressSecure.get(h.host) ?? false), dns));
  const dane = hosts.map((h, i) => {
    const lookup = lookups[i]!;
    out.answers.push(...lookup.answers);
    if (lookup.evidence) h.tlsa = lookup.evidence;
    const r = judgeDaneHost(h, lookup, {
      domain, mxSecure: mx.mxSecure, addressSecure: mx.addressSecure.get(h.host) ?? false, probed: out.probed, knownAnchors: env.knownAnchors, now,
    });
    if (r.pass !== undefined) h.danePass = r.pass;
    // "DANE deployed" (TLSRPT_MISSING_WITH_POLICY) needs a secure TLSA RRset; a secure lookup failure only
    // shows that DANE senders cannot reach this MX (RFC 7672 §2.1.2), not that the domain publishes DANE.
    if (r.published) out.daneDeployed = true;
    out.findings.push(...r.findings);
    return r;
  });
  out.findings.push(...judgeDaneDomain(hosts, dane, posture === 'enforce'));
  return out;
}
