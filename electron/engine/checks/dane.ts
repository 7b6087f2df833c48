/**
 * DANE for SMTP (RFC 7672) per MX host: the TLSA lookup a DANE sender makes, what the answer obliges it to
 * do (CHECKS §2.4 "outcomes per MX"), and whether the chain the MX presented matches. A lookup failure is
 * never "no DANE": a secure host whose TLSA query fails is unreachable for DANE senders (RFC 7672 §2.1.2).
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateSummary, DnsAnswer, Finding, MxHostResult, SmtpProbe, TlsaEvidence } from '../../../shared/types';
import type { FindingCode } from '../../../shared/findings';
import type { DnsLookup } from '../net/dns';
import { certNameMatches } from '../parse/mx-pattern';
import { describeRecord, discouragedParameters, effectiveRecords, recordMatches, usability, type TlsaRecord } from '../dane/tlsa';
import { describeOutcome, finding } from '../finding';
import { isBogus, isLookupFailure } from '../net/dns-answers';
import { brokenLink, issuedBy } from '../tls/chain';
import { collectAnswers, question, type Asking } from '../evidence/asking';

export interface TlsaLookup {
  answers: DnsAnswer[];
  evidence?: TlsaEvidence;
  failed?: DnsAnswer;
}

/**
 * RFC 7672 §2.2.3: `_25._tcp.<base>`, where base is the CNAME-expanded MX name when the whole chain is
 * secure (tried first), then the name as written in the MX record.
 */
export async function collectTlsa(host: MxHostResult, dns: DnsLookup, addressSecure: boolean): Promise<TlsaLookup> {
  return (await collectAnswers(tlsaPlan(host, addressSecure), dns)).value;
}

/** The TLSA lookup as a plan (evidence/asking.ts): collected against the resolver, replayed from the record. */
export function* tlsaPlan(host: MxHostResult, addressSecure: boolean): Asking<TlsaLookup> {
  const bases = host.cnameTarget && addressSecure ? [host.cnameTarget, host.host] : [host.host];
  const out: TlsaLookup = { answers: [] };
  for (const base of bases) {
    const owner = `_25._tcp.${base}`;
    const [a] = yield [question(owner, 'TLSA')];
    out.answers.push(a!);
    if (isLookupFailure(a!)) {
      out.failed = a;
      out.evidence = { owner, base, outcome: a!.outcome, authenticated: false, records: [] };
      return out;
    }
    const records = a!.records.flatMap((r) => (r.type === 'TLSA' ? [{ usage: r.usage, selector: r.selector, matchingType: r.matchingType, data: r.data }] : []));
    out.evidence = { owner, base, outcome: a!.outcome, authenticated: a!.authenticated, records: records.map((r) => ({ ...r, usable: usability(r).usable, matched: false })) };
    if (records.length > 0) return out;
  }
  return out;
}

export interface DaneContext {
  /** The next-hop (recipient) domain: a DANE-TA reference identifier when the MX answer was secure. */
  domain: string;
  mxSecure: boolean;
  addressSecure: boolean;
  /** SMTP probes ran: matching can be judged. */
  probed: boolean;
  /** Certificates the auditor knows without the server sending them (its trust anchors), to name a TA not sent. */
  knownAnchors: () => readonly X509Certificate[];
  now: Date;
}

export interface DaneHostResult {
  /** A DANE sender must use TLS with this MX (secure TLSA RRset under a secure address, or a secure lookup failure). */
  applies: boolean;
  /** Known only when it applies and the MX was probed. */
  pass?: boolean;
  /** Secure TLSA with at least one usable record (DANE_PARTIAL compares hosts on this). */
  secureUsable: boolean;
  /**
   * A secure TLSA RRset (usable or not) is published for this MX: DANE is deployed here. A secure lookup that
   * failed makes DANE apply (the MX is unreachable for DANE senders) but shows nothing was deployed.
   */
  published: boolean;
  findings: Finding[];
}

/** `via` names the record that authenticated the chain; absent when only unusable records exist (TLS without authentication). */
type AddressVerdict = { pass: true; via?: string; eeStale?: string } | { pass: false; code: FindingCode; detail: string };

const TLS_REACHED = new Set<SmtpProbe['outcome']>(['ok', 'no-starttls', 'starttls-rejected', 'handshake-failed', 'tls-obsolete']);

const ALL_MX_FAIL_CODES = new Set<FindingCode>(['DANE_TLSA_LOOKUP_FAILED', 'DANE_STARTTLS_MISSING', 'DANE_TLSA_NO_MATCH', 'DANE_TA_NOT_IN_CHAIN', 'DANE_TA_NAME_MISMATCH']);

export function isDaneFailure(code: FindingCode): boolean {
  return ALL_MX_FAIL_CODES.has(code);
}

const der = (c: CertificateSummary) => Buffer.from(c.derBase64, 'base64');

function parse(bytes: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(bytes);
  } catch {
    return undefined;
  }
}

/** The same link test as the PKIX path checks (tls/chain.ts): name, signature, and the issuer a CA. */
function issuedByDer(child: CertificateSummary, parent: Buffer): boolean {
  const c = parse(der(child));
  const p = parse(parent);
  return !!c && !!p && issuedBy(c, p);
}

function outsideValidity(c: CertificateSummary, now: Date): boolean {
  return Date.parse(c.notBefore) > now.getTime() || Date.parse(c.notAfter) < now.getTime();
}

/** RFC 7672 §3.2.3: SAN dNSNames, or the CN only when the certificate has no DNS SAN at all. */
function leafNames(leaf: CertificateSummary): string[] {
  return leaf.dnsNames.length > 0 ? leaf.dnsNames : leaf.commonName ? [leaf.commonName] : [];
}

/**
 * DANE-TA (RFC 7671 §5.2.2, RFC 7672 §3.2.2): the TA in the presented chain (Node reports the peer chain as
 * sent), links and dates valid up to it, names checked.
 */
function taVerdict(records: TlsaRecord[], presented: CertificateSummary[], known: readonly X509Certificate[], refs: string[], now: Date): AddressVerdict | undefined {
  if (records.length === 0) return undefined;
  const leaf = presented[0]!;
  let anchorAt = -1;
  let record: TlsaRecord | undefined;
  for (let i = 1; i < presented.length && anchorAt < 0; i++) {
    record = records.find((r) => recordMatches(r, der(presented[i]!)));
    if (record) anchorAt = i;
  }
  // A `2 0 0` record carries the TA itself, so it need not be sent (RFC 7671 §5.2.3).
  const fullTa = anchorAt < 0 ? records.find((r) => r.selector === 0 && r.matchingType === 0 && issuedByDer(presented.at(-1)!, Buffer.from(r.data, 'hex'))) : undefined;
  if (anchorAt < 0 && !fullTa) {
    // The record may name a certificate we know but the server did not send: then say so, not just "no match".
    const named = known.find((k) => records.some((r) => recordMatches(r, k.raw)));
    if (named) return { pass: false, code: 'DANE_TA_NOT_IN_CHAIN', detail: `the trust anchor ${JSON.stringify(named.subject.replace(/\n/g, ', '))} named by the TLSA record is not sent in the handshake` };
    return undefined;
  }
  // Every link up to the anchor, the last one being the anchor's signature on the certificate below it.
  const top = anchorAt < 0 ? presented.length - 1 : anchorAt;
  // RFC 7671 §5.2.2 leaves path building to PKIX (RFC 5280 §6.1), so every issuer up to the TA must be a CA.
  const certs = presented.slice(0, top + 1).map((c) => parse(der(c)));
  const broken = certs.every((c) => c !== undefined) ? brokenLink(certs as X509Certificate[], top) : 0;
  if (broken !== undefined) return { pass: false, code: 'DANE_TLSA_NO_MATCH', detail: `certificate ${broken} of the chain is not issued by certificate ${broken + 1}${certs[broken + 1] && !certs[broken + 1]!.ca ? ', which is not a CA' : ''}` };
  const upTo = anchorAt < 0 ? presented : presented.slice(0, anchorAt + 1);
  const stale = upTo.find((c) => outsideValidity(c, now));
  if (stale) return { pass: false, code: 'DANE_TLSA_NO_MATCH', detail: `${JSON.stringify(stale.subject)} is outside its validity period (DANE-TA checks dates)` };
  const names = leafNames(leaf);
  if (!refs.some((ref) => names.some((n) => certNameMatches(n, ref)))) {
    return { pass: false, code: 'DANE_TA_NAME_MISMATCH', detail: `the leaf names ${names.join(', ') || 'nothing'}, none of ${refs.join(', ')}` };
  }
  return { pass: true, via: describeRecord(record ?? fullTa!) };
}

function addressVerdict(probe: SmtpProbe, effective: TlsaRecord[], refs: string[], ctx: DaneContext): AddressVerdict {
  if (probe.outcome !== 'ok' || !probe.tls) {
    return { pass: false, code: 'DANE_STARTTLS_MISSING', detail: `${probe.address}: ${probe.outcome}${probe.error ? ` (${probe.error})` : ''}` };
  }
  // Only unusable records: TLS is mandatory but unauthenticated (RFC 7672 §2.2).
  if (effective.length === 0) return { pass: true };
  const leaf = probe.tls.chain[0];
  if (!leaf) return { pass: false, code: 'DANE_TLSA_NO_MATCH', detail: `${probe.address}: no certificate presented` };
  const ee = effective.find((r) => r.usage === 3 && recordMatches(r, der(leaf)));
  if (ee) {
    // DANE-EE ignores names and dates (RFC 7672 §3.1.1), which other senders do not.
    const stale = outsideValidity(leaf, ctx.now) ? 'expired' : leaf.selfSigned ? 'self-signed' : undefined;
    return { pass: true, via: describeRecord(ee), eeStale: stale };
  }
  const ta = effective.filter((r) => r.usage === 2);
  const viaTa = ta.length > 0 ? taVerdict(ta, probe.tls.chain, ctx.knownAnchors(), refs, ctx.now) : undefined;
  if (viaTa) return viaTa;
  return { pass: false, code: 'DANE_TLSA_NO_MATCH', detail: `${probe.address}: none of ${effective.length} usable record(s) matches the presented chain` };
}

/** Marks each record of the evidence as matching the live chain or not, and finds stale parameter sets (RFC 7671 §8). */
function markMatches(evidence: TlsaEvidence, probes: SmtpProbe[]): string[] {
  const chains = probes.flatMap((p) => (p.tls ? [p.tls.chain] : []));
  const combos = new Map<string, boolean>();
  for (const r of evidence.records) {
    if (!r.usable) continue;
    r.matched = chains.some((chain) => (r.usage === 3 ? chain.slice(0, 1) : chain.slice(1)).some((c) => recordMatches(r, der(c))));
    const key = `${r.usage} ${r.selector} ${r.matchingType}`;
    combos.set(key, (combos.get(key) ?? false) || r.matched);
  }
  const matching = [...combos].filter(([, m]) => m);
  return matching.length > 0 ? [...combos].filter(([, m]) => !m).map(([k]) => k) : [];
}

/** One MX host's DANE verdict from its TLSA lookup and probes: what a DANE sender must do, and whether the chain matches (RFC 7672 §2.2). */
export function judgeDaneHost(host: MxHostResult, lookup: TlsaLookup, ctx: DaneContext): DaneHostResult {
  const out: DaneHostResult = { applies: false, secureUsable: false, published: false, findings: [] };
  const f = (code: FindingCode, message: string) => out.findings.push(finding(code, message, { subject: host.host }));
  const ev = lookup.evidence;
  if (lookup.failed) {
    // RFC 7672 §2.2.2: senders only look up TLSA for a host whose address answer is secure.
    if (!ctx.addressSecure) return out;
    out.applies = true;
    out.pass = false;
    f('DANE_TLSA_LOOKUP_FAILED', `TLSA query for ${ev?.owner} ended in ${describeOutcome(lookup.failed.outcome)}${isBogus(lookup.failed) ? ' (DNSSEC bogus)' : ''}: DANE senders treat ${host.host} as unreachable`);
    return out;
  }
  if (!ev || ev.records.length === 0) {
    if (ctx.addressSecure) f('DANE_TLSA_ABSENT', `no TLSA records at _25._tcp.${host.host}${host.cnameTarget ? ` or _25._tcp.${host.cnameTarget}` : ''}: DANE does not apply`);
    return out;
  }
  if (!ev.authenticated) {
    f('DANE_TLSA_INSECURE', `${ev.records.length} TLSA record(s) at ${ev.owner}, but the answer is not DNSSEC-secure: every sender ignores them`);
    return out;
  }
  if (!ctx.addressSecure) {
    f('DANE_ADDRESS_INSECURE', `TLSA records exist at ${ev.owner}, but the address records of ${host.host} are not DNSSEC-secure, so senders never look them up`);
    return out;
  }
  out.applies = true;
  out.published = true;
  f('DANE_TLSA_SECURE', `secure TLSA RRset at ${ev.owner} (base ${ev.base}): ${ev.records.map(describeRecord).join('; ')}`);
  if (!ctx.mxSecure) f('DANE_MX_INSECURE', `TLSA for ${host.host} is secure but the MX RRset of ${ctx.domain} is not: senders may skip DANE, and DANE-TA loses ${ctx.domain} as a reference name`);
  const records: TlsaRecord[] = ev.records;
  const usable = records.filter((r) => usability(r).usable);
  for (const r of records) {
    const u = usability(r);
    if (u.usable) continue;
    f(u.pkixUsage ? 'DANE_TLSA_PKIX_USAGE' : 'DANE_TLSA_RECORD_UNUSABLE', `${describeRecord(r)}: ${u.reason}`);
  }
  out.secureUsable = usable.length > 0;
  if (usable.length === 0) f('DANE_TLSA_ALL_UNUSABLE', `none of the ${records.length} TLSA record(s) is usable: senders must use TLS but cannot authenticate ${host.host}`);
  const discouraged = discouragedParameters(usable);
  if (discouraged.length > 0) f('DANE_PARAMS_DISCOURAGED', `${discouraged.join('; ')}; prefer 3 1 1 (or 2 0 1)`);
  if (!ctx.probed || host.probes.length === 0) return out;

  // Only sessions that reached the TLS question say anything about DANE: an address that refused the
  // connection or failed before STARTTLS has its own STARTTLS finding and fails every sender alike.
  const tested = host.probes.filter((p) => TLS_REACHED.has(p.outcome));
  if (tested.length === 0) return out;
  const refs = [ev.base, ...(ctx.mxSecure ? [ctx.domain] : [])];
  const effective = effectiveRecords(usable);
  const verdicts = tested.map((p) => addressVerdict(p, effective, refs, ctx));
  out.pass = verdicts.some((v) => v.pass);
  const passed = verdicts.find((v): v is Extract<AddressVerdict, { pass: true }> => v.pass);
  if (passed?.via) {
    f('DANE_TLSA_MATCH', `the chain authenticates through ${passed.via}`);
    if (passed.eeStale) f('DANE_EE_CERT_EXPIRED', `a DANE-EE record matches a leaf that is ${passed.eeStale}: fine for DANE, fatal for MTA-STS and PKIX-only senders`);
  }
  const failures = new Map<FindingCode, string[]>();
  for (const v of verdicts) if (!v.pass) failures.set(v.code, [...(failures.get(v.code) ?? []), v.detail]);
  for (const [code, details] of failures) f(code, details.join('; '));
  const stale = markMatches(ev, tested);
  if (stale.length > 0) f('DANE_ROLLOVER_INCONSISTENT', `record set(s) ${stale.join(', ')} match nothing in the live chain while others do`);
  return out;
}

/** Domain-wide DANE facts once every MX has its verdict (RFC 7672 §2.2.1, §9.1; CHECKS §3.7). */
export function judgeDaneDomain(hosts: MxHostResult[], results: DaneHostResult[], enforce: boolean): Finding[] {
  const out: Finding[] = [];
  if (hosts.length === 0) return out;
  const failing = results.filter((r) => r.findings.some((f) => isDaneFailure(f.code as FindingCode)) && r.pass !== true);
  if (failing.length === hosts.length) out.push(finding('DANE_ALL_MX_FAIL', `every MX is unreachable for a DANE-validating sender (${hosts.map((h) => h.host).join(', ')})`));
  const withTlsa = results.filter((r) => r.secureUsable).length;
  if (withTlsa > 0 && withTlsa < hosts.length) {
    const bare = hosts.filter((_, i) => !results[i]!.secureUsable).map((h) => h.host);
    out.push(finding('DANE_PARTIAL', `${withTlsa} of ${hosts.length} MX hosts have usable secure TLSA; ${bare.join(', ')} ${bare.length === 1 ? 'has' : 'have'} none`));
  }
  if (enforce) {
    hosts.forEach((h, i) => {
      const dane = results[i]!.pass;
      if (dane === undefined || h.mtaStsPass === undefined || dane === h.mtaStsPass) return;
      out.push(finding('DANE_MTASTS_CONFLICT', `${h.host}: DANE ${dane ? 'passes' : 'fails'} but MTA-STS enforce ${h.mtaStsPass ? 'passes' : 'fails'}; senders differ on which wins, strict ones require both`, { subject: h.host }));
    });
  }
  return out;
}
